/**
 * The audit as stored: every update the relay accepted for a set of rooms, oldest first, with the member
 * who sent it and when. Rows come from room_updates (every original row: compacted = 0) and from room_audit
 * (where compaction moved the rows it folded before schema migration 6); the merged rows compaction writes are
 * left out, since their content is already in the originals.
 */
import type Database from 'better-sqlite3';
import type { MemberId } from '../../shared/model/ids';
import type { RoomName } from '../../shared/model/rooms';

export interface StoredChange {
  readonly seq: number;
  readonly room: RoomName;
  readonly update: Uint8Array;
  /** null: written by the administrator (soa create, partner add). */
  readonly memberId: MemberId | null;
  /** Milliseconds since 1970. */
  readonly storedAt: number;
}

interface ChangeRow {
  readonly seq: number;
  readonly room: string;
  readonly data: Buffer;
  readonly member_id: string | null;
  readonly stored_at: number;
}

export function readStoredHistory(db: Database.Database, rooms: readonly RoomName[]): StoredChange[] {
  const select = db.prepare<[string, string], ChangeRow>(
    `SELECT seq, room, data, member_id, stored_at FROM room_audit WHERE room = ?
     UNION ALL
     SELECT seq, room, data, member_id, stored_at FROM room_updates WHERE room = ? AND compacted = 0
     ORDER BY seq`,
  );
  const changes: StoredChange[] = [];
  for (const room of rooms) {
    for (const row of select.all(room, room)) {
      changes.push({
        seq: row.seq,
        room: row.room as RoomName,
        update: new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength),
        memberId: row.member_id as MemberId | null,
        storedAt: row.stored_at,
      });
    }
  }
  // Sequence numbers are shared by every room, so this is the order the relay stored them in.
  return changes.sort((a, b) => a.seq - b.seq);
}
