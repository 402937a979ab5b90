/**
 * What a change file carries: for each room with changes the relay has not acknowledged, everything in the
 * room beyond the relay's acknowledged state vector (the items it has not stored) plus the room's delete
 * set (deletions are idempotent, and the tracker cannot tell which the relay holds). Everything the relay
 * already stores is left out, so the file stays small after a day offline.
 */
import * as Y from 'yjs';
import type { Room } from '../store/room';

export interface UnsentRoomUpdate {
  readonly room: string;
  readonly update: Uint8Array;
}

export function unsentRoomUpdates(rooms: readonly Room[]): UnsentRoomUpdate[] {
  const out: UnsentRoomUpdate[] = [];
  for (const room of rooms) {
    const tracker = room.connection?.tracker ?? room.tracker;
    if (!tracker || room.pending === 0) continue;
    out.push({ room: room.options.name, update: Y.encodeStateAsUpdate(room.doc, tracker.acknowledgedStateVector()) });
  }
  return out;
}
