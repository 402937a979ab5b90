/**
 * Marks, in one field on the page, the passages its open comments are on (passageHighlights.ts), found
 * again from their Yjs anchors whenever the comments change or the field's text does (typing here, an edit
 * arriving from another member).
 */
import { useEffect, type RefObject } from 'react';
import type * as Y from 'yjs';
import { resolvePassage, textRuns, type CommentField } from '../../../shared/model';
import { useComments } from '../hooks';
import { domRange, flatOffsets, setFieldHighlights } from './passageHighlights';

export function usePassageHighlights(
  container: RefObject<HTMLElement | null>,
  field: CommentField | null,
  fragment: Y.XmlFragment | null,
): number {
  const { threads } = useComments();
  const anchors = threads
    .filter(
      (thread) =>
        thread.state === 'open' &&
        thread.anchor !== null &&
        thread.passage !== null &&
        !thread.passage.onDeletedText &&
        field !== null &&
        thread.anchor.field.partnerId === field.partnerId &&
        thread.anchor.field.path === field.path,
    )
    .map((thread) => thread.anchor!);
  const count = anchors.length;
  const anchorsKey = anchors.map((anchor) => `${anchor.start}:${anchor.end}`).join(',');

  useEffect(() => {
    const element = container.current;
    // No passages here: nothing to mark, and nothing to do as the officer types.
    if (!element || !fragment || anchors.length === 0) return;
    const owner = {};
    const mark = () => {
      const root = element.querySelector('.ProseMirror, .rich-view');
      const runs = textRuns(fragment);
      const ranges: Range[] = [];
      for (const anchor of anchors) {
        const passage = resolvePassage(fragment, anchor, runs);
        const offsets = passage.start && passage.end ? flatOffsets(runs, passage.start, passage.end) : null;
        const range = root && offsets ? domRange(root, offsets.start, offsets.end) : null;
        if (range) ranges.push(range);
      }
      setFieldHighlights(owner, ranges);
    };
    let frame = 0;
    const later = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(mark);
    };
    mark();
    const observer = new MutationObserver(later);
    observer.observe(element, { childList: true, subtree: true, characterData: true });
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
      setFieldHighlights(owner, []);
    };
    // anchorsKey stands for anchors: the marks are redone only when the passages change.
  }, [container, fragment, anchorsKey]);
  return count;
}
