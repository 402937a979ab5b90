/**
 * Where rooms are kept. The relay's sync and access code talk only to this interface, so SQLite can be
 * replaced (by Postgres, object storage, ...) without touching them. tests/relay/storageContract.ts is the
 * contract every implementation must pass.
 *
 * Contract:
 * - load returns the room's stored updates in the order they were appended (an empty list for a new room);
 *   applying them all to an empty Y.Doc gives the room's content.
 * - append resolves only once the update is durable; if it rejects, nothing of it is stored.
 * - compact replaces the room's updates by one merged update with the same content; if it rejects, the
 *   stored content is unchanged. Compaction never loses the audit (who sent what, when).
 */
import type { MemberId } from '../../shared/model/ids';

/** Who sent an update: a member, or null for the administrator's own writes (soa create, partner add). */
export type UpdateAuthor = MemberId | null;

export interface StoredRoom {
  readonly updates: readonly Uint8Array[];
}

export interface RoomStore {
  load(room: string): Promise<StoredRoom>;
  append(room: string, update: Uint8Array, author: UpdateAuthor): Promise<void>;
  compact(room: string): Promise<void>;
  /** Waits for pending writes, then releases the store. */
  close(): Promise<void>;
}

/** Raised by a store when it cannot write (full disk, read-only file, I/O error). */
export class StorageUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`The relay could not store the change: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}
