/**
 * How deep the types a Yjs transaction inserted sit, for the one nesting rule (MAX_RICH_TEXT_DEPTH) kept
 * by the relay (refusing such a write) and by the editor (letting go of a field before its recursive
 * binding renders it). Only inserted types are measured, so deletions, and edits beside old deep nesting,
 * always pass.
 */
import * as Y from 'yjs';
import { MAX_RICH_TEXT_DEPTH } from './richText';

/** The deepest level among the types the transaction inserted (a root's children are level 1); 0 if none. */
export function deepestInsertedType(transaction: Y.Transaction): number {
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
 * a write of many siblings walks their shared ancestry once. Past the limit the figure is a lower bound
 * (still past the limit), so an absurd chain is not walked to its top.
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
    if (unknown.length > MAX_RICH_TEXT_DEPTH + 1) break;
  }
  if (current === null) level = -1;
  for (let index = unknown.length - 1; index >= 0; index--) levels.set(unknown[index]!, ++level);
  return levels.get(type)!;
}
