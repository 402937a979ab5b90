/**
 * Reads the comment rooms after the first screen, one room at a time, each at the browser's next idle
 * moment: with 1,000 comments, reading them all from IndexedDB and into Y.Docs at once would hold up the
 * open (and later typing) by a tenth of a second or more. The member's own room comes first, so "Add a
 * comment" is ready soonest.
 */
import type { MemberId } from '../../../shared/model';
import type { RoomSet } from './roomSet';

/** At most this long a wait for an idle moment: a page that is never idle still gets its comments. */
const IDLE_TIMEOUT_MS = 400;

export function whenIdle(timeoutMs = IDLE_TIMEOUT_MS): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: timeoutMs });
    else setTimeout(resolve, 0);
  });
}

export async function loadCommentRooms(rooms: RoomSet, me: MemberId | null): Promise<void> {
  const members = rooms.commentMembers();
  const order = me !== null && members.includes(me) ? [me, ...members.filter((id) => id !== me)] : members;
  for (const memberId of order) {
    await whenIdle();
    // A room whose copy cannot be read is reported by the status bar; the others are still read.
    await rooms.openCommentRoom(memberId)?.whenLoaded.catch(() => undefined);
  }
}
