/**
 * A room store in memory: for tests and for tools that need no durability. Passes the same contract suite
 * as the SQLite store. `refuseWrites` lets a test make writes fail the way a full disk would.
 */
import * as Y from 'yjs';
import { StorageUnavailableError, type RoomStore, type StoredRoom, type UpdateAuthor } from './roomStore';

interface MemoryRow {
  readonly update: Uint8Array;
  readonly author: UpdateAuthor;
  readonly storedAt: number;
}

export class MemoryRoomStore implements RoomStore {
  private readonly rooms = new Map<string, MemoryRow[]>();
  /** Every row ever appended, per room, kept through compaction (the audit). */
  readonly audit = new Map<string, MemoryRow[]>();

  constructor(private readonly options: { readonly refuseWrites?: () => boolean } = {}) {}

  async load(room: string): Promise<StoredRoom> {
    return { updates: (this.rooms.get(room) ?? []).map((row) => row.update) };
  }

  async append(room: string, update: Uint8Array, author: UpdateAuthor): Promise<void> {
    if (this.options.refuseWrites?.()) throw new StorageUnavailableError(new Error('writes refused'));
    const row = { update: update.slice(), author, storedAt: Date.now() };
    this.rowsOf(this.rooms, room).push(row);
    this.rowsOf(this.audit, room).push(row);
  }

  async compact(room: string): Promise<void> {
    if (this.options.refuseWrites?.()) throw new StorageUnavailableError(new Error('writes refused'));
    const rows = this.rooms.get(room);
    if (!rows || rows.length < 2) return;
    const merged = Y.mergeUpdates(rows.map((row) => row.update));
    this.rooms.set(room, [{ update: merged, author: null, storedAt: Date.now() }]);
  }

  async close(): Promise<void> {}

  private rowsOf(map: Map<string, MemoryRow[]>, room: string): MemoryRow[] {
    let rows = map.get(room);
    if (!rows) map.set(room, (rows = []));
    return rows;
  }
}
