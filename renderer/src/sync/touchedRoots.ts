/**
 * Which root types of a document a transaction changed ("narrative.foreword", "outcomes", "text.outcome.<id>.title"):
 * what lets the status bar count unsent edits by section (shared/model/sectionNames names them) rather
 * than by Yjs update.
 */
import type * as Y from 'yjs';

function rootOf(type: Y.AbstractType<unknown>): Y.AbstractType<unknown> {
  let current = type;
  // A root type has no parent.
  while (current.parent) current = current.parent;
  return current;
}

export function touchedRoots(transaction: Y.Transaction | undefined): string[] {
  if (!transaction) return [];
  const roots = new Set<Y.AbstractType<unknown>>();
  for (const type of transaction.changed.keys()) roots.add(rootOf(type as Y.AbstractType<unknown>));
  const names: string[] = [];
  for (const [name, type] of transaction.doc.share) if (roots.has(type as Y.AbstractType<unknown>)) names.push(name);
  return names;
}
