/**
 * Anchoring a comment to a passage of rich text. The passage is held as two Yjs relative positions: the
 * first character (associated to the right) and the last (associated to the left), so text typed just before
 * or just after the passage stays outside it, text typed inside it joins it, and edits anywhere else leave it
 * where it is, on every replica, whatever order the edits arrive in. When every character of the passage has
 * been deleted, the thread is "on deleted text" and shows the words it was written about (the quote).
 */
import { fromBase64, toBase64 } from 'lib0/buffer';
import * as Y from 'yjs';
import { MAX_RICH_TEXT_DEPTH } from './richText';
import { MAX_QUOTE_LENGTH, type CommentAnchor, type CommentField } from './commentRecords';

/** A place in rich text as Yjs sees it: an offset into one run of text. */
export interface TextPoint {
  readonly text: Y.XmlText;
  readonly index: number;
}

/** Where a passage is now. */
export interface ResolvedPassage {
  /** Its words now (blocks joined by a new line); empty when it was deleted. */
  readonly text: string;
  readonly onDeletedText: boolean;
  readonly start: TextPoint | null;
  readonly end: TextPoint | null;
}

const BLOCK_BREAK = '\n';
const OBJECT_MARK = '\uFFFC';

/** The runs of text of a field in reading order. No recursion, and no deeper than the model ever reads. */
export function textRuns(fragment: Y.XmlFragment): Y.XmlText[] {
  const runs: Y.XmlText[] = [];
  const stack: [Y.XmlFragment | Y.XmlElement | Y.XmlText, number][] = [[fragment, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node instanceof Y.XmlText) {
      runs.push(node);
      continue;
    }
    if (depth >= MAX_RICH_TEXT_DEPTH) continue;
    const children = node
      .toArray()
      .filter(
        (child): child is Y.XmlElement | Y.XmlText => child instanceof Y.XmlElement || child instanceof Y.XmlText,
      );
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i]!, depth + 1]);
  }
  return runs;
}

/** A run's text with one placeholder per embedded object, so string offsets equal Yjs offsets. */
function runString(text: Y.XmlText): string {
  let out = '';
  for (const op of text.toDelta() as { insert: unknown }[])
    out += typeof op.insert === 'string' ? op.insert : OBJECT_MARK;
  return out;
}

/** True when the type sits inside the fragment and neither it nor any container around it was deleted. */
function liveInside(type: Y.XmlText, fragment: Y.XmlFragment): boolean {
  let current: Y.AbstractType<unknown> | null = type as unknown as Y.AbstractType<unknown>;
  while (current !== null) {
    if (current === fragment) return true;
    if (current._item === null || current._item.deleted) return false;
    current = current._item.parent as Y.AbstractType<unknown> | null;
  }
  return false;
}

/** The words between two points of a field, in reading order ('' when the end comes before the start). */
export function textBetween(runs: readonly Y.XmlText[], start: TextPoint, end: TextPoint): string {
  const from = runs.indexOf(start.text);
  const to = runs.indexOf(end.text);
  if (from < 0 || to < 0 || to < from) return '';
  const parts: string[] = [];
  for (let i = from; i <= to; i++) {
    const whole = runString(runs[i]!);
    parts.push(whole.slice(i === from ? start.index : 0, i === to ? end.index : whole.length));
  }
  return parts.join(BLOCK_BREAK).split(OBJECT_MARK).join('');
}

/** An anchor for the passage from `start` to `end` (end exclusive) of a field; null for an empty passage. */
export function anchorPassage(
  fragment: Y.XmlFragment,
  field: CommentField,
  from: TextPoint,
  to: TextPoint,
  runs: readonly Y.XmlText[] = textRuns(fragment),
): CommentAnchor | null {
  if (textBetween(runs, from, to).trim() === '') return null;
  // A selection may begin at the very end of one run or finish at the very start of the next: the first and
  // last characters are then in the neighbouring runs.
  let start = from;
  while (start.index >= start.text.length) {
    const next = runs[runs.indexOf(start.text) + 1];
    if (!next) return null;
    start = { text: next, index: 0 };
  }
  let end = to;
  while (end.index < 1) {
    const previous = runs[runs.indexOf(end.text) - 1];
    if (!previous) return null;
    end = { text: previous, index: previous.length };
  }
  const quote = textBetween(runs, start, end);
  const first = Y.createRelativePositionFromTypeIndex(start.text, start.index, 0);
  const last = Y.createRelativePositionFromTypeIndex(end.text, end.index, -1);
  return {
    field,
    start: toBase64(Y.encodeRelativePosition(first)),
    end: toBase64(Y.encodeRelativePosition(last)),
    quote: quote.slice(0, MAX_QUOTE_LENGTH),
  };
}

function resolvePoint(encoded: string, doc: Y.Doc, fragment: Y.XmlFragment): TextPoint | null {
  let position: Y.AbsolutePosition | null;
  try {
    position = Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(fromBase64(encoded)), doc);
  } catch {
    // Bytes that do not decode (a faulty client): the passage cannot be found, like a deleted one.
    return null;
  }
  if (!position || !(position.type instanceof Y.XmlText) || !liveInside(position.type, fragment)) return null;
  return { text: position.type, index: position.index };
}

/**
 * Finds a passage in its field now. `runs` may be passed in when many passages of one field are resolved.
 * Never throws: a passage that cannot be found is treated as deleted.
 */
export function resolvePassage(
  fragment: Y.XmlFragment,
  anchor: CommentAnchor,
  runs?: readonly Y.XmlText[],
): ResolvedPassage {
  const doc = fragment.doc;
  if (!doc) return { text: '', onDeletedText: true, start: null, end: null };
  const start = resolvePoint(anchor.start, doc, fragment);
  const end = resolvePoint(anchor.end, doc, fragment);
  if (!start || !end) return { text: '', onDeletedText: true, start, end };
  const text = textBetween(runs ?? textRuns(fragment), start, end);
  return { text, onDeletedText: text.trim() === '', start, end };
}

/** The Y.XmlFragment a field names, in the frame or in the partner's document; null when it does not exist. */
export function fieldFragment(
  field: CommentField,
  frame: Y.Doc,
  partnerDoc: (partnerId: string) => Y.Doc | null,
): Y.XmlFragment | null {
  const doc = field.partnerId === null ? frame : partnerDoc(field.partnerId);
  if (!doc) return null;
  const parts = field.path.split('.');
  if (field.partnerId === null && parts[0] === 'outcome') {
    const outcome = doc.getMap('outcomes').get(parts[1] ?? '');
    const fragment = outcome instanceof Y.Map ? outcome.get(parts[2] ?? '') : null;
    return fragment instanceof Y.XmlFragment ? fragment : null;
  }
  try {
    // A root field: naming a root that was never written finds it empty, which changes nothing stored.
    return doc.getXmlFragment(field.path);
  } catch {
    // The root exists here as another kind of type (a faulty client wrote it): no passage can be in it.
    return null;
  }
}

/** A field's words as one string (runs joined with nothing between, as a page's text reads in the DOM). */
export function flatText(runs: readonly Y.XmlText[]): string {
  return runs.map(runString).join('');
}

/**
 * The points at two offsets into flatText(runs): the start in the run where the passage begins, the end in
 * the run where it finishes. Null when the offsets are outside the field.
 */
export function pointsAt(
  runs: readonly Y.XmlText[],
  start: number,
  end: number,
): { readonly from: TextPoint; readonly to: TextPoint } | null {
  if (start < 0 || end <= start) return null;
  let from: TextPoint | null = null;
  let offset = 0;
  for (const run of runs) {
    const length = run.length;
    if (from === null && start < offset + length) from = { text: run, index: start - offset };
    if (from !== null && end <= offset + length) return { from, to: { text: run, index: end - offset } };
    offset += length;
  }
  return null;
}

/** The path of a rich-text field's fragment in its document ("statement", "outcome.<id>.tenYear"), or null. */
export function fieldPathOf(fragment: Y.XmlFragment): string | null {
  const item = fragment._item;
  if (item === null) {
    for (const [name, type] of fragment.doc?.share ?? []) if ((type as unknown) === fragment) return name;
    return null;
  }
  const outcome = item.parent as Y.AbstractType<unknown>;
  const outcomeId = outcome._item?.parentSub;
  return typeof item.parentSub === 'string' && typeof outcomeId === 'string'
    ? `outcome.${outcomeId}.${item.parentSub}`
    : null;
}
