/**
 * The relay refuses a write that would nest Yjs types deeper than MAX_RICH_TEXT_DEPTH (issue 13: a partner's
 * 6,000 nested quotes, one 123 KiB update, made every reader of the SOA overflow its stack). Only what the
 * write inserts is measured, so a deletion is always accepted and a room that already holds deep nesting
 * can be repaired (shared/model/repairNesting.ts), and a shallow edit elsewhere in such a room still goes
 * through. Called from the room's rehearsal (room.ts): the write is measured where it has just been applied
 * to the rehearsal copy, including any structs it released from Yjs's pending queue.
 */
import * as Y from 'yjs';
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

/** How deep the deepest type the transaction inserted sits (a root's children are level 1). */
function deepestInsertedType(transaction: Y.Transaction): number {
  const levels = new Map<Y.AbstractType<unknown>, number>();
  let deepest = 0;
  for (const [client, after] of transaction.afterState) {
    const before = transaction.beforeState.get(client) ?? 0;
    if (after <= before) continue;
    const structs = transaction.doc.store.clients.get(client) ?? [];
    for (let index = Y.findIndexSS(structs, before); index < structs.length; index++) {
      const struct = structs[index];
      if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentType)) continue;
      deepest = Math.max(deepest, levelOf(struct.parent as Y.AbstractType<unknown>, levels) + 1);
    }
  }
  return deepest;
}

/**
 * A type's level: 0 for a root, else one more than its parent's. Walked without recursion, and memoised so
 * a write of many siblings walks their shared ancestry once.
 */
function levelOf(type: Y.AbstractType<unknown>, levels: Map<Y.AbstractType<unknown>, number>): number {
  const unknown: Y.AbstractType<unknown>[] = [];
  let current: Y.AbstractType<unknown> | null = type;
  let level = 0;
  while (current !== null) {
    const known = levels.get(current);
    if (known !== undefined) {
      level = known;
      break;
    }
    unknown.push(current);
    const item: Y.Item | null = current._item;
    current = item ? (item.parent as Y.AbstractType<unknown>) : null;
    // Past the limit the exact figure no longer matters; stop walking an absurd chain.
    if (unknown.length > MAX_RICH_TEXT_DEPTH + 1) break;
  }
  if (current === null) level = -1;
  for (let index = unknown.length - 1; index >= 0; index--) levels.set(unknown[index]!, ++level);
  return levels.get(type)!;
}
