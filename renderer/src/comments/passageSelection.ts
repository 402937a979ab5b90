/**
 * Which passage an officer means: the text selected on the page (in an editor or in a read-only section),
 * or, for someone who cannot select with a mouse, words typed or pasted into the comment form. Either way
 * the words are found in the field's Yjs text and anchored there (shared/model/commentAnchors).
 */
import type * as Y from 'yjs';
import {
  anchorPassage,
  flatText,
  pointsAt,
  textRuns,
  type CommentAnchor,
  type CommentField,
} from '../../../shared/model';

export const FIELD_ATTRIBUTE = 'data-comment-field';

/** A selection inside one field: the field and the offsets of its words in the field's text. */
export interface FieldSelection {
  readonly field: CommentField;
  readonly start: number;
  readonly end: number;
  readonly words: string;
}

function fieldElementOf(node: Node | null): HTMLElement | null {
  const element = node instanceof HTMLElement ? node : (node?.parentElement ?? null);
  return element?.closest<HTMLElement>(`[${FIELD_ATTRIBUTE}]`) ?? null;
}

/** The element holding a field's words: the editor's content or the read-only view, never its toolbar. */
function wordsRoot(fieldElement: HTMLElement): HTMLElement | null {
  return fieldElement.querySelector<HTMLElement>('.ProseMirror, .rich-view');
}

export function readField(fieldElement: HTMLElement): CommentField | null {
  try {
    return JSON.parse(fieldElement.getAttribute(FIELD_ATTRIBUTE) ?? '') as CommentField;
  } catch {
    return null;
  }
}

/** The current selection, when it lies within one commentable field; null otherwise. */
export function currentFieldSelection(): FieldSelection | null {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  const fieldElement = fieldElementOf(range.startContainer);
  if (!fieldElement || fieldElementOf(range.endContainer) !== fieldElement) return null;
  const root = wordsRoot(fieldElement);
  const field = readField(fieldElement);
  if (!root || !field || !root.contains(range.startContainer)) return null;
  const before = document.createRange();
  before.setStart(root, 0);
  before.setEnd(range.startContainer, range.startOffset);
  const words = range.toString();
  const start = before.toString().length;
  return { field, start, end: start + words.length, words };
}

/**
 * Anchors the words in the field: at the selected place when the words are still there, else at the
 * occurrence nearest to it (or the first one). Null when the words are not in the field.
 */
export function anchorWords(
  fragment: Y.XmlFragment,
  field: CommentField,
  words: string,
  near: number | null,
): CommentAnchor | null {
  const wanted = words.trim();
  if (!wanted) return null;
  const runs = textRuns(fragment);
  const text = flatText(runs);
  let start = near !== null && text.startsWith(words, near) ? near + words.indexOf(wanted) : -1;
  if (start < 0) {
    let best = -1;
    for (let at = text.indexOf(wanted); at >= 0; at = text.indexOf(wanted, at + 1)) {
      if (best < 0 || (near !== null && Math.abs(at - near) < Math.abs(best - near))) best = at;
      if (near === null) break;
    }
    start = best;
  }
  if (start < 0) return null;
  const points = pointsAt(runs, start, start + wanted.length);
  return points ? anchorPassage(fragment, field, points.from, points.to, runs) : null;
}

/** The fields on the page, in the order they appear. */
export function fieldsOnPage(container: ParentNode = document): CommentField[] {
  const fields: CommentField[] = [];
  for (const element of container.querySelectorAll<HTMLElement>(`[${FIELD_ATTRIBUTE}]`)) {
    const field = readField(element);
    if (field && !fields.some((known) => known.partnerId === field.partnerId && known.path === field.path))
      fields.push(field);
  }
  return fields;
}
