/**
 * The passages open comments are on, marked in the text where they are (in an editor or in a read-only
 * section) with the CSS Custom Highlight API: ranges over the page's text nodes, painted by the stylesheet
 * (`::highlight(comment-passage)`: a tint and a dotted underline, so not colour alone), without touching the
 * editor's DOM, which ProseMirror owns. One highlight for the page, joined from every field's ranges.
 * A browser without the API shows no marks; the comments still quote their words.
 */
import { resolvePassage, textRuns, type CommentAnchor, type TextPoint } from '../../../shared/model';
import type * as Y from 'yjs';

export const HIGHLIGHT_NAME = 'comment-passage';

const rangesByField = new Map<object, readonly Range[]>();

function publish(): void {
  if (typeof CSS === 'undefined' || !('highlights' in CSS) || typeof Highlight === 'undefined') return;
  const ranges = [...rangesByField.values()].flat();
  if (ranges.length === 0) CSS.highlights.delete(HIGHLIGHT_NAME);
  else CSS.highlights.set(HIGHLIGHT_NAME, new Highlight(...ranges));
}

/** Replaces one field's marked passages (owner: anything that stands for the field on the page). */
export function setFieldHighlights(owner: object, ranges: readonly Range[]): void {
  if (ranges.length === 0 && !rangesByField.has(owner)) return;
  if (ranges.length === 0) rangesByField.delete(owner);
  else rangesByField.set(owner, ranges);
  publish();
}

/** The passage's place in the field's words as the page shows them: runs joined with nothing between. */
export function flatOffsets(
  runs: readonly Y.XmlText[],
  start: TextPoint,
  end: TextPoint,
): { readonly start: number; readonly end: number } | null {
  let offset = 0;
  let from = -1;
  for (const run of runs) {
    if (run === start.text) from = offset + start.index;
    if (run === end.text) {
      const to = offset + end.index;
      return from >= 0 && to > from ? { start: from, end: to } : null;
    }
    offset += run.length;
  }
  return null;
}

/** A DOM range over the words from `start` to `end` of `root`'s text; null when the text is shorter. */
export function domRange(root: Node, start: number, end: number): Range | null {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let offset = 0;
  let started = false;
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    const length = node.textContent?.length ?? 0;
    if (!started && start < offset + length) {
      range.setStart(node, start - offset);
      started = true;
    }
    if (started && end <= offset + length) {
      range.setEnd(node, end - offset);
      return range;
    }
    offset += length;
  }
  return null;
}

/** Where an anchored passage is in a field's text on the page now; null if it is not (deleted, or not drawn). */
export function passageRange(
  container: Element,
  fragment: Y.XmlFragment,
  anchor: CommentAnchor,
  runs: readonly Y.XmlText[] = textRuns(fragment),
): Range | null {
  const root = container.querySelector('.ProseMirror, .rich-view');
  const passage = resolvePassage(fragment, anchor, runs);
  const offsets = passage.start && passage.end ? flatOffsets(runs, passage.start, passage.end) : null;
  return root && offsets ? domRange(root, offsets.start, offsets.end) : null;
}
