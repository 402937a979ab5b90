/**
 * Counts the local changes the relay has not yet stored ("N changes waiting to send"). A change is one local
 * Yjs update (one edit transaction). It is safe on the server when the relay's acknowledged state vector
 * covers every item it inserted and an acknowledged delete set covers every deletion it made (see ACK in
 * shared/protocol/messages.ts). The count drops only on the relay's word, never on "sent".
 *
 * The list of unacknowledged changes is small metadata (client, clock ranges), kept in localStorage so the
 * count survives a reload while offline.
 */
import * as Y from 'yjs';

type Range = readonly [clock: number, len: number];

interface PendingChange {
  /** client -> end clock of the items this change inserted. */
  readonly inserts: ReadonlyArray<readonly [client: number, endClock: number]>;
  /** deleted ranges: client, clock, length. */
  readonly deletes: ReadonlyArray<readonly [client: number, clock: number, len: number]>;
  /** The document's root types the change touched (touchedRoots), to count unsent edits by section. */
  readonly roots?: readonly string[];
}

interface StoredTracker {
  readonly pending: PendingChange[];
  readonly ackedVector: Array<[number, number]>;
  /** When the relay last held everything (epoch ms), so an offline reload can say when that was. */
  readonly lastSyncedAt?: number | null;
}

const MAX_TRACKED = 50_000;

export class AckTracker {
  private pending: PendingChange[] = [];
  private readonly ackedVector = new Map<number, number>();
  private readonly ackedDeletes = new Map<number, Range[]>();
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private syncedAt: number | null = null;

  constructor(private readonly storageKey: string | null) {
    if (!storageKey) return;
    try {
      const raw = localStorage.getItem(storageKey);
      if (!raw) return;
      const stored = JSON.parse(raw) as StoredTracker;
      if (Array.isArray(stored.pending)) this.pending = stored.pending.slice(0, MAX_TRACKED);
      if (Array.isArray(stored.ackedVector))
        for (const [client, clock] of stored.ackedVector) this.ackedVector.set(client, clock);
      if (typeof stored.lastSyncedAt === 'number' && Number.isFinite(stored.lastSyncedAt))
        this.syncedAt = stored.lastSyncedAt;
    } catch {
      // A damaged record only loses the count, never content: the next sync recomputes what the relay holds.
      this.pending = [];
    }
  }

  get count(): number {
    return this.pending.length;
  }

  /** When the relay last held every change made here (epoch ms), kept across reloads; null if never. */
  get lastSyncedAt(): number | null {
    return this.syncedAt;
  }

  noteSynced(at: number): void {
    if (this.syncedAt !== null && at <= this.syncedAt) return;
    this.syncedAt = at;
    this.scheduleSave();
  }

  /** The clock up to which the relay has acknowledged storing this client's items. */
  acknowledgedClock(client: number): number {
    return this.ackedVector.get(client) ?? 0;
  }

  /** What the relay has acknowledged storing, as a state vector: a change file holds what lies beyond it. */
  acknowledgedStateVector(): Uint8Array {
    return Y.encodeStateVector(this.ackedVector);
  }

  /** The root types that changes still waiting touched (those recorded without any are left out). */
  pendingRoots(): string[] {
    const roots = new Set<string>();
    for (const change of this.pending) for (const root of change.roots ?? []) roots.add(root);
    return [...roots];
  }

  /** Records a local update (an edit made here) as waiting for the relay, with the root types it touched. */
  recordLocal(update: Uint8Array, roots: readonly string[] = []): void {
    const change = changeOf(update, roots);
    if (!change) return;
    if (this.pending.length < MAX_TRACKED) this.pending.push(change);
    this.scheduleSave();
  }

  /**
   * Records a local edit applied again after a reload (the journal of unconfirmed writes), unless it is
   * already counted as waiting or the relay already holds it.
   */
  recordLocalOnce(update: Uint8Array, roots: readonly string[] = []): void {
    const change = changeOf(update, roots);
    if (!change || this.covered(change)) return;
    const same = (a: PendingChange) =>
      JSON.stringify([a.inserts, a.deletes]) === JSON.stringify([change.inserts, change.deletes]);
    if (this.pending.some(same)) return;
    if (this.pending.length < MAX_TRACKED) this.pending.push(change);
    this.scheduleSave();
  }

  /** Applies the relay's acknowledgement. Returns true when the count changed. */
  applyAck(stateVector: Uint8Array, deleteSetUpdate: Uint8Array): boolean {
    for (const [client, clock] of Y.decodeStateVector(stateVector)) {
      if (clock > (this.ackedVector.get(client) ?? 0)) this.ackedVector.set(client, clock);
    }
    this.learnDeletions(deleteSetUpdate);
    return this.settle();
  }

  /**
   * Notes an update the relay sent (the payload of its sync step 2 or broadcast, as received, not what
   * applying it changed locally). The relay only sends what it has stored, so its deletions are safe on the
   * server: this is how a deletion someone else had already stored (and which the ACK does not repeat), or
   * one stored just before a reload whose ACK never arrived, stops counting as waiting. Returns true when
   * the count changed.
   */
  noteFromRelay(update: Uint8Array): boolean {
    if (!this.learnDeletions(update)) return false;
    return this.settle();
  }

  /** Adds an update's delete set to what the relay is known to hold. False when it deleted nothing. */
  private learnDeletions(update: Uint8Array): boolean {
    if (update.length <= 2) return false; // an empty update
    let learnt = false;
    try {
      for (const [client, items] of Y.decodeUpdate(update).ds.clients) {
        if (items.length === 0) continue;
        const ranges = this.ackedDeletes.get(client) ?? [];
        for (const item of items) ranges.push([item.clock, item.len]);
        this.ackedDeletes.set(client, mergeRanges(ranges));
        learnt = true;
      }
    } catch {
      // An undecodable delete set acknowledges nothing.
    }
    return learnt;
  }

  private settle(): boolean {
    const before = this.pending.length;
    this.pending = this.pending.filter((change) => !this.covered(change));
    this.scheduleSave();
    return before !== this.pending.length;
  }

  private insertsCovered(change: PendingChange): boolean {
    return change.inserts.every(([client, endClock]) => (this.ackedVector.get(client) ?? 0) >= endClock);
  }

  private rangeCovered(client: number, clock: number, len: number): boolean {
    const ranges = this.ackedDeletes.get(client);
    if (!ranges) return false;
    let from = clock;
    const end = clock + len;
    // Ranges are kept sorted and merged (mergeRanges), so one pass decides.
    for (const [start, length] of ranges) {
      if (start > from) break;
      if (start + length > from) from = start + length;
      if (from >= end) return true;
    }
    return from >= end;
  }

  private covered(change: PendingChange): boolean {
    return (
      this.insertsCovered(change) &&
      change.deletes.every(([client, clock, len]) => this.rangeCovered(client, clock, len))
    );
  }

  private scheduleSave(): void {
    if (!this.storageKey || this.saveTimer) return;
    this.saveTimer = setTimeout(() => this.flush(), 250);
  }

  /** Writes the record now (also called before the page unloads). */
  flush(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    if (!this.storageKey) return;
    try {
      const stored: StoredTracker = {
        pending: this.pending,
        ackedVector: [...this.ackedVector],
        lastSyncedAt: this.syncedAt,
      };
      localStorage.setItem(this.storageKey, JSON.stringify(stored));
    } catch {
      // Storage full: the count may be lost after a reload; content is unaffected.
    }
  }

  dispose(): void {
    this.flush();
  }
}

/** Sorts ranges and joins overlapping or touching ones, so what the tracker keeps stays small. */
export function mergeRanges(ranges: readonly Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [start, length] of sorted) {
    const last = merged[merged.length - 1];
    if (last && start <= last[0] + last[1]) last[1] = Math.max(last[1], start + length - last[0]);
    else merged.push([start, length]);
  }
  return merged;
}

/** What a local update inserted and deleted, as the tracker keeps it; null when it did neither. */
function changeOf(update: Uint8Array, roots: readonly string[]): PendingChange | null {
  const meta = Y.parseUpdateMeta(update);
  const inserts: Array<readonly [number, number]> = [];
  for (const [client, endClock] of meta.to) {
    if (endClock > (meta.from.get(client) ?? 0)) inserts.push([client, endClock]);
  }
  const deletes: Array<readonly [number, number, number]> = [];
  for (const [client, items] of Y.decodeUpdate(update).ds.clients) {
    for (const item of items) deletes.push([client, item.clock, item.len]);
  }
  if (inserts.length === 0 && deletes.length === 0) return null;
  return roots.length > 0 ? { inserts, deletes, roots: roots.slice(0, 50) } : { inserts, deletes };
}
