/**
 * Reading partner rooms one at a time, so that one room that cannot be read never stops the others: its
 * partner is shown as "could not be read" (with what to do next) while every other section, the status and
 * the export carry on (issue 13: 6,000 nested quotes in one partner's statement blanked the whole SOA).
 */
import type * as Y from 'yjs';
import type { PartnerId } from './ids';
import { PartnerDocument, type PartnerContent } from './partner';
import { MAX_RICH_TEXT_DEPTH, RichTextTooDeepError } from './richText';

/** Why a room could not be read, in words for the people who see it. */
export interface UnreadableRoom {
  readonly reason: 'too-deep' | 'damaged';
  /** Plain English: what is wrong. */
  readonly message: string;
}

export interface PartnerRoomsRead {
  readonly contents: ReadonlyMap<PartnerId, PartnerContent>;
  readonly unreadable: ReadonlyMap<PartnerId, UnreadableRoom>;
}

/** Reads each partner's document; a document that throws is listed as unreadable, never rethrown. */
export function readPartnerRooms(docs: Iterable<readonly [PartnerId, Y.Doc]>): PartnerRoomsRead {
  const contents = new Map<PartnerId, PartnerContent>();
  const unreadable = new Map<PartnerId, UnreadableRoom>();
  for (const [partnerId, doc] of docs) {
    try {
      contents.set(partnerId, new PartnerDocument(doc).read());
    } catch (error) {
      unreadable.set(partnerId, describeReadFailure(error));
    }
  }
  return { contents, unreadable };
}

export function describeReadFailure(error: unknown): UnreadableRoom {
  if (error instanceof RichTextTooDeepError) {
    return {
      reason: 'too-deep',
      message: `Some of its text is nested more than ${MAX_RICH_TEXT_DEPTH} levels deep, which no editor writes.`,
    };
  }
  return {
    reason: 'damaged',
    message: 'Its content is damaged or was written in a way this version of the app does not understand.',
  };
}
