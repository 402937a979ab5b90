/**
 * Which rows of room_updates a room loads from (db/schema.ts): its merged row, if it was ever compacted, and
 * every row stored after the last row that merged row folds. The rows it folds stay in the log, for the
 * history, and are never read to load the room.
 *
 * The merged row comes first, then the others in the order they were stored. Its own sequence number is not
 * the first: rows stored while it was being merged come between the last row it folds and it. (Yjs would
 * give the same document in any order, holding back what depends on content not yet applied.)
 */
export const ROOM_LOG_SQL = `SELECT seq, data FROM room_updates
  WHERE room = @room AND seq > IFNULL((SELECT folded_through FROM room_bases WHERE room = @room), 0)
  ORDER BY compacted DESC, seq`;

/** A row of ROOM_LOG_SQL, whose one parameter is `{ room }`. */
export interface RoomLogRow {
  readonly seq: number;
  readonly data: Buffer;
}
