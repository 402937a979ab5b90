/**
 * Quotas on what one writer can make the relay do and store (close codes in shared/protocol/messages.ts;
 * all documented in server/README.md). The message size limit is in limits.ts.
 *
 * MAX_STRUCTS_PER_UPDATE: Yjs applies an update in one go, and while it does every other room waits. One
 * 7.6 MiB update of 380,000 tiny map entries took 0.6 s to decode and 1.5 s to apply here, so updates are
 * counted before Yjs reads them (scanUpdate.ts). bench/relay-catchup-size.ts measures honest catch-ups: an
 * officer's sync step 2 after 50,000 keystrokes offline in one room holds about 9,100 structs, after
 * 200,000 about 36,400 (typing merges into few structs; deletions and formatting split them). 20,000 holds
 * about 110,000 keystrokes (some 20,000 words typed offline into one room) and costs 0.1-0.2 s to apply on
 * an idle core for the worst kind of struct; bench/relay-fanout.ts measures the stall it causes. The app sends
 * anything larger in pieces of at most half this (shared/protocol/updatePieces.ts), so honest work of any
 * size is accepted; only a stock client's single larger message is refused.
 */
export const MAX_STRUCTS_PER_UPDATE = 20_000;

/**
 * Bytes one member may have stored in an hour, across rooms: four of the largest messages (8 MiB). A year of
 * typing offline is 0.7 MiB; this bounds how fast one member can grow the database (pasting 7.5 MB and
 * deleting it, 40 times, added 294 MiB in minutes).
 */
export const MEMBER_BYTES_PER_HOUR = 32 * 1024 * 1024;

/** Bytes one room may have stored in an hour, from all its writers together. */
export const ROOM_BYTES_PER_HOUR = 64 * 1024 * 1024;

/**
 * A room's stored size (its live rows) above which writes that add content are refused until deletions and
 * compaction bring it down; deletions are always accepted. A partner room after a year of heavy editing is
 * under 1 MiB.
 */
export const MAX_ROOM_BYTES = 64 * 1024 * 1024;

/** A room is compacted once this many bytes have been stored since it loaded or was last compacted. */
export const COMPACT_AFTER_BYTES = 16 * 1024 * 1024;

export interface WriteLimits {
  readonly maxStructsPerUpdate: number;
  readonly memberBytesPerHour: number;
  readonly roomBytesPerHour: number;
  readonly maxRoomBytes: number;
  readonly compactAfterBytes: number;
}

export const WRITE_LIMITS: WriteLimits = {
  maxStructsPerUpdate: MAX_STRUCTS_PER_UPDATE,
  memberBytesPerHour: MEMBER_BYTES_PER_HOUR,
  roomBytesPerHour: ROOM_BYTES_PER_HOUR,
  maxRoomBytes: MAX_ROOM_BYTES,
  compactAfterBytes: COMPACT_AFTER_BYTES,
};

/** No quotas at all: only for bench/relay-fanout.ts, which measures what the quotas cost. */
export const NO_WRITE_LIMITS: WriteLimits = {
  maxStructsPerUpdate: Number.MAX_SAFE_INTEGER,
  memberBytesPerHour: Number.MAX_SAFE_INTEGER,
  roomBytesPerHour: Number.MAX_SAFE_INTEGER,
  maxRoomBytes: Number.MAX_SAFE_INTEGER,
  compactAfterBytes: Number.MAX_SAFE_INTEGER,
};
