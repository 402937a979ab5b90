/**
 * The comment threads of an SOA as stored on the relay (every member's comment room), for `soa-relay
 * export --comments` and `soa-relay comments`. Passages are found in the documents being exported.
 */
import type * as Y from 'yjs';
import type { Directory } from '../../db/directory';
import { passageFinder, readCommentThreads, type CommentThread } from '../../../shared/model';
import type { SoaSnapshot } from '../../../shared/model/assemble';

export function storedThreads(directory: Directory, soaId: string, frame: Y.Doc, partnerDocs: ReadonlyMap<string, Y.Doc>): CommentThread[] {
  const { rooms, members } = directory.readSoaComments(soaId);
  return readCommentThreads({ rooms, members, findPassage: passageFinder(frame, (partnerId) => partnerDocs.get(partnerId) ?? null) });
}

export async function addOpenComments(
  docx: Uint8Array,
  snapshot: SoaSnapshot,
  rooms: { readonly soaId: string; readonly frame: Y.Doc; readonly partnerDocs: ReadonlyMap<string, Y.Doc> },
  directory: Directory,
  generatedOn: string,
  partnerId: string | undefined,
): Promise<{ bytes: Uint8Array; openThreads: number }> {
  // A partner's extract carries the comments on that partner's sections only.
  const threads = storedThreads(directory, rooms.soaId, rooms.frame, rooms.partnerDocs).filter((thread) => partnerId === undefined || (thread.owner.kind === 'partner' && thread.owner.partnerId === partnerId));
  const { addReviewComments } = await import('../../../shared/export');
  return { bytes: addReviewComments(docx, snapshot, threads, generatedOn), openThreads: threads.filter((thread) => thread.state === 'open').length };
}
