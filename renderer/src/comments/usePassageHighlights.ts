/**
 * Marks, in one field on the page, the passages its open comments are on (passageHighlights.ts), found
 * again from their Yjs anchors whenever the comments change or the field's text does (typing here, an edit
 * arriving from another member). Returns the open threads whose passages these are.
 */
import { useEffect, type RefObject } from 'react';
import type * as Y from 'yjs';
import { textRuns, type CommentField, type CommentThread } from '../../../shared/model';
import { useComments } from '../hooks';
import { passageRange, setFieldHighlights } from './passageHighlights';

export function usePassageHighlights(
  container: RefObject<HTMLElement | null>,
  field: CommentField | null,
  fragment: Y.XmlFragment | null,
): readonly CommentThread[] {
  const { threads } = useComments();
  const marked = threads.filter(
    (thread) =>
      thread.state === 'open' &&
      thread.anchor !== null &&
      thread.passage !== null &&
      !thread.passage.onDeletedText &&
      field !== null &&
      thread.anchor.field.partnerId === field.partnerId &&
      thread.anchor.field.path === field.path,
  );
  const anchors = marked.map((thread) => thread.anchor!);
  const anchorsKey = anchors.map((anchor) => `${anchor.start}:${anchor.end}`).join(',');

  useEffect(() => {
    const element = container.current;
    // No passages here: nothing to mark, and nothing to do as the officer types.
    if (!element || !fragment || anchors.length === 0) return;
    const owner = {};
    const mark = () => {
      const runs = textRuns(fragment);
      const ranges: Range[] = [];
      for (const anchor of anchors) {
        const range = passageRange(element, fragment, anchor, runs);
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
  return marked;
}
