/**
 * The relay refuses a write that would nest Yjs types deeper than MAX_RICH_TEXT_DEPTH (issue 13: a partner's
 * 6,000 nested quotes, one 123 KiB update, made every reader of the SOA overflow its stack). Only what the
 * write inserts is measured, so a deletion is always accepted and a room that already holds deep nesting
 * can be repaired (shared/model/repairNesting.ts), and a shallow edit elsewhere in such a room still goes
 * through. Called from the room's rehearsal (room.ts): the write is measured where it has just been applied
 * to the rehearsal copy, including any structs it released from Yjs's pending queue.
 */
import * as Y from 'yjs';
import { deepestInsertedType } from '../../shared/model/nesting';
import { MAX_RICH_TEXT_DEPTH } from '../../shared/model/richText';

export class NestingTooDeep extends Error {
  constructor(readonly depth: number) {
    super(`the update nests content ${depth} levels deep; the limit is ${MAX_RICH_TEXT_DEPTH}`);
    this.name = 'NestingTooDeep';
  }
}

/** Applies the update to the document, then throws NestingTooDeep if it inserted a type below the limit. */
export function applyWithinNestingLimit(doc: Y.Doc, update: Uint8Array): void {
  let deepest = 0;
  const measure = (transaction: Y.Transaction): void => {
    deepest = Math.max(deepest, deepestInsertedType(transaction));
  };
  doc.on('afterTransaction', measure);
  try {
    Y.applyUpdate(doc, update);
  } finally {
    doc.off('afterTransaction', measure);
  }
  if (deepest > MAX_RICH_TEXT_DEPTH) throw new NestingTooDeep(deepest);
}
