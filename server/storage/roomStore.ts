/**
 * Where rooms are kept. The relay's sync and access code talk only to this interface, so SQLite can be
 * replaced (by Postgres, object storage, ...) without touching them. tests/relay/storageContract.ts is the
 * contract every implementation must pass.
 *
 * Contract:
 * - load returns the room's stored updates in the order they were appended (an empty list for a new room);
 *   applying them all to an empty Y.Doc gives the room's content. It also returns who first wrote under
 *   each Yjs client id in the room (see append).
 * - append resolves only once the update is durable; if it rejects, nothing of it is stored. The client ids
 *   it claims are recorded for its author in the same transaction, unless already recorded (the first
 *   writer keeps a client id; the record survives compaction and restarts).
 * - compact reads the room's updates, hands them to merge, and replaces exactly those rows by the merged
 *   update that merge returns in what load returns (rows appended meanwhile stay after it); if merge or the
 *   write fails, the stored content is unchanged. Compaction never loses the audit (who sent what, when): the
 *   SQLite store keeps the rows it folds, and loads from the merged row and the rows after them.
 * - storedSince totals the updates appended at or after a time, per room, author and minute (their bytes, and
 *   when the first was stored), whether compacted since or not: what the hourly write quotas count, so they
 *   survive a restart. Totals, not rows, so a restart after a busy hour does not read every row into memory.
 * - loadNow and appendNow are load and append for callers that cannot wait: the directory's
 *   administrative writes (soa create, partner add), made inside its own SQLite transaction with the rows
 *   of the directory, and its reads for export. appendNow is durable once the caller's transaction (or,
 *   outside one, the call) commits, and is seen by a running relay as another process's write.
 */
import type { MemberId } from '../../shared/model/ids';

/** Who sent an update: a member, or null for the administrator's own writes (soa create, partner add). */
export type UpdateAuthor = MemberId | null;

export interface StoredRoom {
  readonly updates: readonly Uint8Array[];
  /** Who first wrote under each Yjs client id in this room. */
  readonly clientOwners: ReadonlyMap<number, UpdateAuthor>;
}

/** What a compaction did. */
export interface Compaction {
  readonly rowsFolded: number;
  readonly bytesBefore: number;
  readonly bytesAfter: number;
}

/** The hourly quotas count in minutes (writeQuotas.ts): storedSince totals each minute's writes. */
export const STORED_WRITE_MINUTE_MS = 60_000;

/** What one author stored in one room within one minute, as the hourly quotas count it. */
export interface StoredWrite {
  readonly room: string;
  readonly author: UpdateAuthor;
  /** The bytes of every update in the group. */
  readonly bytes: number;
  /** When the group's first update was stored (its minute is floor(storedAt / STORED_WRITE_MINUTE_MS)). */
  readonly storedAt: number;
}

export interface RoomStore {
  load(room: string): Promise<StoredRoom>;
  loadNow(room: string): StoredRoom;
  append(room: string, update: Uint8Array, author: UpdateAuthor, claimedClients?: readonly number[]): Promise<void>;
  appendNow(room: string, update: Uint8Array, author: UpdateAuthor): void;
  storedSince(time: number): Promise<readonly StoredWrite[]>;
  /** Null when the room had fewer than two rows, or its rows changed while merge ran (nothing replaced). */
  compact(room: string, merge: (updates: readonly Uint8Array[]) => Promise<Uint8Array>): Promise<Compaction | null>;
  /** Waits for pending writes, then releases the store. */
  close(): Promise<void>;
}

/** Raised by a store when it cannot write (full disk, read-only file, I/O error). */
export class StorageUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`The relay could not store the change: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}
