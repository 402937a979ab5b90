/**
 * A room store in memory: for tests and for tools that need no durability. Passes the same contract suite
 * as the SQLite store. `refuseWrites` lets a test make writes fail the way a full disk would; a second store
 * given the first one's `storage` sees what it stored, as a relay restarted on the same file would.
 */
import {
  STORED_WRITE_MINUTE_MS,
  StorageUnavailableError,
  type Compaction,
  type RoomStore,
  type StoredRoom,
  type StoredWrite,
  type UpdateAuthor,
} from './roomStore';

interface MemoryRow {
  readonly seq: number;
  readonly update: Uint8Array;
  readonly author: UpdateAuthor;
  readonly storedAt: number;
}

/** What a memory store holds; shared by the stores made over it. */
export class MemoryStorage {
  readonly rooms = new Map<string, MemoryRow[]>();
  readonly owners = new Map<string, Map<number, UpdateAuthor>>();
  /** Every row ever appended, per room, kept through compaction (the audit). */
  readonly audit = new Map<string, MemoryRow[]>();
  nextSeq = 1;
}

export class MemoryRoomStore implements RoomStore {
  readonly storage: MemoryStorage;
  private readonly rooms: Map<string, MemoryRow[]>;
  private readonly owners: Map<string, Map<number, UpdateAuthor>>;
  readonly audit: Map<string, MemoryRow[]>;

  constructor(
    private readonly options: { readonly refuseWrites?: () => boolean; readonly storage?: MemoryStorage } = {},
  ) {
    this.storage = options.storage ?? new MemoryStorage();
    this.rooms = this.storage.rooms;
    this.owners = this.storage.owners;
    this.audit = this.storage.audit;
  }

  async load(room: string): Promise<StoredRoom> {
    return this.loadNow(room);
  }

  loadNow(room: string): StoredRoom {
    return {
      updates: (this.rooms.get(room) ?? []).map((row) => row.update),
      clientOwners: new Map(this.owners.get(room)),
    };
  }

  appendNow(room: string, update: Uint8Array, author: UpdateAuthor): void {
    if (this.options.refuseWrites?.()) throw new StorageUnavailableError(new Error('writes refused'));
    const row = { seq: this.storage.nextSeq++, update: update.slice(), author, storedAt: Date.now() };
    this.rowsOf(this.rooms, room).push(row);
    this.rowsOf(this.audit, room).push(row);
  }

  async storedSince(time: number): Promise<readonly StoredWrite[]> {
    const totals = new Map<string, { room: string; author: UpdateAuthor; bytes: number; storedAt: number }>();
    for (const [room, rows] of this.audit)
      for (const row of rows) {
        if (row.storedAt < time) continue;
        const key = JSON.stringify([room, row.author, Math.floor(row.storedAt / STORED_WRITE_MINUTE_MS)]);
        const total = totals.get(key);
        if (total) {
          total.bytes += row.update.byteLength;
          total.storedAt = Math.min(total.storedAt, row.storedAt);
        } else totals.set(key, { room, author: row.author, bytes: row.update.byteLength, storedAt: row.storedAt });
      }
    return [...totals.values()];
  }

  async append(
    room: string,
    update: Uint8Array,
    author: UpdateAuthor,
    claimedClients: readonly number[] = [],
  ): Promise<void> {
    if (this.options.refuseWrites?.()) throw new StorageUnavailableError(new Error('writes refused'));
    const row = { seq: this.storage.nextSeq++, update: update.slice(), author, storedAt: Date.now() };
    this.rowsOf(this.rooms, room).push(row);
    this.rowsOf(this.audit, room).push(row);
    let owners = this.owners.get(room);
    if (!owners) this.owners.set(room, (owners = new Map()));
    for (const client of claimedClients) if (!owners.has(client)) owners.set(client, author);
  }

  async compact(
    room: string,
    merge: (updates: readonly Uint8Array[]) => Promise<Uint8Array>,
  ): Promise<Compaction | null> {
    const rows = [...(this.rooms.get(room) ?? [])];
    const last = rows[rows.length - 1];
    if (rows.length < 2 || !last) return null;
    const merged = await merge(rows.map((row) => row.update));
    if (this.options.refuseWrites?.()) throw new StorageUnavailableError(new Error('writes refused'));
    const now = this.rooms.get(room) ?? [];
    // Only the rows that were merged are replaced; a row appended meanwhile stays, after the merged one.
    if (now.length < rows.length || now[rows.length - 1] !== last) return null;
    this.rooms.set(room, [
      { seq: last.seq, update: merged.slice(), author: null, storedAt: Date.now() },
      ...now.slice(rows.length),
    ]);
    return {
      rowsFolded: rows.length,
      bytesBefore: rows.reduce((sum, row) => sum + row.update.byteLength, 0),
      bytesAfter: merged.byteLength,
    };
  }

  async close(): Promise<void> {}

  private rowsOf(map: Map<string, MemoryRow[]>, room: string): MemoryRow[] {
    let rows = map.get(room);
    if (!rows) map.set(room, (rows = []));
    return rows;
  }
}
