/**
 * Bytes stored in the last hour, per member and per room: the relay refuses a write that would take either
 * over its quota (see limits.ts). Counted in memory, in one-minute buckets; when the relay starts, the
 * counts are filled from the store's rows of the last hour (recall), so a restart (a crash a member
 * provoked, a deployment) does not hand everyone a fresh hour.
 */
import { STORED_WRITE_MINUTE_MS, type StoredWrite } from '../storage/roomStore';

/** The store totals writes by the same minutes (storedSince), so a restart recalls them bucket for bucket. */
const BUCKET_MS = STORED_WRITE_MINUTE_MS;
export const QUOTA_WINDOW_MS = 3_600_000;
const WINDOW_MS = QUOTA_WINDOW_MS;

class HourlyCounter {
  private readonly buckets = new Map<string, Map<number, number>>();

  used(key: string, now: number): number {
    const buckets = this.buckets.get(key);
    if (!buckets) return 0;
    let sum = 0;
    for (const [bucket, bytes] of buckets) {
      if (bucket * BUCKET_MS <= now - WINDOW_MS) buckets.delete(bucket);
      else sum += bytes;
    }
    if (buckets.size === 0) this.buckets.delete(key);
    return sum;
  }

  add(key: string, bytes: number, now: number): void {
    let buckets = this.buckets.get(key);
    if (!buckets) this.buckets.set(key, (buckets = new Map()));
    const bucket = Math.floor(now / BUCKET_MS);
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + bytes);
  }

  /** Forgets keys with nothing in the last hour, so the map does not grow with every member ever seen. */
  prune(now: number): void {
    for (const key of [...this.buckets.keys()]) this.used(key, now);
  }
}

export interface WriteQuotaLimits {
  readonly memberBytesPerHour: number;
  readonly roomBytesPerHour: number;
}

export type QuotaCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly which: 'member' | 'room'; readonly used: number; readonly limit: number };

export class WriteQuotas {
  private readonly members = new HourlyCounter();
  private readonly rooms = new HourlyCounter();
  private lastPrune = 0;

  constructor(
    readonly limits: WriteQuotaLimits,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Whether storing this many more bytes keeps the member and the room within their hourly quotas. */
  check(member: string, room: string, bytes: number): QuotaCheck {
    const now = this.clock();
    const byMember = this.members.used(member, now);
    if (byMember + bytes > this.limits.memberBytesPerHour)
      return { ok: false, which: 'member', used: byMember, limit: this.limits.memberBytesPerHour };
    const byRoom = this.rooms.used(room, now);
    if (byRoom + bytes > this.limits.roomBytesPerHour)
      return { ok: false, which: 'room', used: byRoom, limit: this.limits.roomBytesPerHour };
    return { ok: true };
  }

  /** Counts writes stored before this relay started, totalled by minute (the administrator's count for their room only). */
  recall(writes: readonly StoredWrite[]): void {
    for (const write of writes) {
      if (write.author !== null) this.members.add(write.author, write.bytes, write.storedAt);
      this.rooms.add(write.room, write.bytes, write.storedAt);
    }
  }

  record(member: string, room: string, bytes: number): void {
    const now = this.clock();
    this.members.add(member, bytes, now);
    this.rooms.add(room, bytes, now);
    if (now - this.lastPrune > WINDOW_MS) {
      this.lastPrune = now;
      this.members.prune(now);
      this.rooms.prune(now);
    }
  }
}
