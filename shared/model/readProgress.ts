/** Reads progress from the rooms' documents; a room that cannot be read counts as recording nothing, never a crash. */
import type * as Y from 'yjs';
import type { PartnerId } from './ids';
import type { ProgressRooms } from './progress';
import { NO_PROGRESS, ProgressRoom, type ProgressRoomContent } from './progressRoom';

function readOne(doc: Y.Doc): ProgressRoomContent {
  try {
    return new ProgressRoom(doc).read();
  } catch {
    // The room's own reader (readRooms.ts) reports it as unreadable; progress just shows nothing from it.
    return NO_PROGRESS;
  }
}

export function readProgressRooms(frameDoc: Y.Doc, partnerDocs: Iterable<readonly [PartnerId, Y.Doc]>): ProgressRooms {
  const partners = new Map<PartnerId, ProgressRoomContent>();
  for (const [partnerId, doc] of partnerDocs) partners.set(partnerId, readOne(doc));
  return { frame: readOne(frameDoc), partners };
}
