/**
 * Plain-text fields that several people may type into at once (titles, notes, statements) are Y.Text, so
 * concurrent typing merges by character instead of the last writer replacing the whole string. Each is a
 * root type named after its place ("text.outcome.<id>.title"): root types merge when two replicas create
 * them, where a Y.Text nested in a map would replace the other replica's (and its typing) on sync.
 *
 * Documents written before schema version 2 hold these fields as plain strings in their maps; reading
 * takes the Y.Text when it has text and the older string otherwise, and the migration copies the string
 * into the Y.Text with an id derived from the text itself, so two replicas that migrate the same value at
 * the same time write the very same insertion and it appears once.
 */
import * as Y from 'yjs';
import { ORIGIN_LOCAL } from './origins';

/** The root type holding a text field. */
export function textRootName(...path: readonly string[]): string {
  return `text.${path.join('.')}`;
}

/**
 * A text field: the Y.Text's content when it has any, else the older plain string stored at `legacyKey` of
 * `legacyMap` (a document not yet migrated, or a value an older app wrote since), else ''. Text longer than
 * `maxLength` (only a faulty client can write it) is cut to it.
 */
export function readTextField(
  doc: Y.Doc,
  rootName: string,
  legacyMap: Y.Map<unknown> | null,
  legacyKey: string,
  maxLength: number,
): string {
  const text = doc.share.has(rootName) ? doc.getText(rootName).toString() : '';
  if (text.length > 0) return text.slice(0, maxLength);
  const legacy = legacyMap?.get(legacyKey);
  return typeof legacy === 'string' ? legacy.slice(0, maxLength) : '';
}

/**
 * Makes `ytext` read `next` with the smallest change: the common start and end stay, only the middle is
 * replaced, so an edit merges with someone else's typing elsewhere in the same field.
 */
export function replaceText(ytext: Y.Text, next: string): void {
  const current = ytext.toString();
  if (current === next) return;
  let start = 0;
  const shorter = Math.min(current.length, next.length);
  while (start < shorter && current.charCodeAt(start) === next.charCodeAt(start)) start++;
  let end = 0;
  while (
    end < shorter - start &&
    current.charCodeAt(current.length - 1 - end) === next.charCodeAt(next.length - 1 - end)
  )
    end++;
  // Never split a surrogate pair (an emoji) between what is kept and what is replaced.
  if (start > 0 && isHighSurrogate(current.charCodeAt(start - 1))) start--;
  if (end > 0 && isLowSurrogate(current.charCodeAt(current.length - end))) end--;
  const removed = current.length - start - end;
  const inserted = next.slice(start, next.length - end);
  if (removed > 0) ytext.delete(start, removed);
  if (inserted.length > 0) ytext.insert(start, inserted);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * Where a caret at `position` moves when a change (a Y.Text event's delta, in the old text's positions) is
 * applied: text inserted or deleted before it shifts it; text inserted exactly at it goes after it.
 */
export function transformPosition(
  delta: ReadonlyArray<{ insert?: unknown; delete?: number; retain?: number }>,
  position: number,
): number {
  let index = 0;
  let shift = 0;
  for (const op of delta) {
    if (index > position) break;
    if (op.retain !== undefined) index += op.retain;
    else if (op.delete !== undefined) {
      shift -= Math.min(op.delete, Math.max(0, position - index));
      index += op.delete;
    } else if (op.insert !== undefined && index < position)
      shift += typeof op.insert === 'string' ? op.insert.length : 1;
  }
  return Math.max(0, position + shift);
}

/** FNV-1a over UTF-16 code units: a stable 32-bit number for a piece of text. */
function hash32(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * Copies an older plain-string value into its (empty) Y.Text, as an insertion whose id depends only on the
 * field and the value: replicas that migrate the same value concurrently make the same insertion, which
 * Yjs then holds once. Runs inside the caller's transaction.
 */
export function seedTextFromLegacy(doc: Y.Doc, rootName: string, value: string): void {
  const ytext = doc.getText(rootName);
  if (value.length === 0 || ytext.length > 0) return;
  // Items take the document's client id when they are made; lend it the value's own for this one insertion.
  const own = doc.clientID;
  doc.clientID = hash32(`${rootName}\u0000${value}`);
  try {
    doc.transact(() => ytext.insert(0, value));
  } finally {
    doc.clientID = own;
  }
}

/**
 * Moves an older plain string at `legacyKey` into the field's Y.Text and removes the string. A string
 * found beside a Y.Text that already has text was written by an older app after the migration; it is the
 * newer value, so it replaces the Y.Text's content rather than being lost.
 */
export function foldLegacyString(doc: Y.Doc, rootName: string, legacyMap: Y.Map<unknown>, legacyKey: string): void {
  const legacy = legacyMap.get(legacyKey);
  if (legacy === undefined) return;
  if (typeof legacy === 'string') {
    const ytext = doc.getText(rootName);
    if (ytext.length === 0) seedTextFromLegacy(doc, rootName, legacy);
    else replaceText(ytext, legacy);
  }
  legacyMap.delete(legacyKey);
}

/** Writes a text field in a transaction of its own (origin 'local' unless given). */
export function writeTextField(doc: Y.Doc, rootName: string, next: string, origin: unknown = ORIGIN_LOCAL): void {
  doc.transact(() => replaceText(doc.getText(rootName), next), origin);
}
