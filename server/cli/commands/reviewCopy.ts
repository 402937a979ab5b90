/**
 * The comment threads of an SOA as stored on the relay (every member's comment room), for `soa-relay
 * export --comments` and `soa-relay comments`. Passages are found in the documents being exported.
 */
import type * as Y from 'yjs';
import type { Directory } from '../../db/directory';
import { passageFinder, readCommentThreads, type CommentThread } from '../../../shared/model';

export function storedThreads(
  directory: Directory,
  soaId: string,
  frame: Y.Doc,
  partnerDocs: ReadonlyMap<string, Y.Doc>,
): CommentThread[] {
  const { rooms, members } = directory.readSoaComments(soaId);
  return readCommentThreads({
    rooms,
    members,
    findPassage: passageFinder(frame, (partnerId) => partnerDocs.get(partnerId) ?? null),
  });
}

/** The threads a review copy carries: a partner's extract only those on that partner's sections. */
export function reviewThreads(
  directory: Directory,
  rooms: { readonly soaId: string; readonly frame: Y.Doc; readonly partnerDocs: ReadonlyMap<string, Y.Doc> },
  partnerId: string | undefined,
): CommentThread[] {
  return storedThreads(directory, rooms.soaId, rooms.frame, rooms.partnerDocs).filter(
    (thread) => partnerId === undefined || (thread.owner.kind === 'partner' && thread.owner.partnerId === partnerId),
  );
}
