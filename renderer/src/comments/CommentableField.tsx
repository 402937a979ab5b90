/**
 * Marks a rich-text field on the page as one a passage comment can be anchored in: the comment form reads
 * the selection inside it and finds the words in the field's Yjs text (passageSelection.ts). The passages
 * its open comments are on are marked in its text (usePassageHighlights), and listed below it for keyboard
 * and screen-reader users, who cannot see the marks (PassageList).
 */
import { useRef, type ReactNode } from 'react';
import type * as Y from 'yjs';
import { fieldPathOf, isCommentField, type CommentField, type PartnerId } from '../../../shared/model';
import { FIELD_ATTRIBUTE } from './passageSelection';
import { PassageList } from './PassageList';
import { usePassageHighlights } from './usePassageHighlights';

export function CommentableField({
  partnerId,
  fragment,
  children,
}: {
  readonly partnerId: PartnerId | null;
  readonly fragment: Y.XmlFragment | null;
  readonly children: ReactNode;
}) {
  const path = fragment ? fieldPathOf(fragment) : null;
  const field: CommentField | null = path ? { partnerId, path } : null;
  const valid = field !== null && isCommentField(field);
  const container = useRef<HTMLDivElement>(null);
  const marked = usePassageHighlights(container, valid ? field : null, valid ? fragment : null);
  if (!valid) return <>{children}</>;
  return (
    <>
      <div ref={container} {...{ [FIELD_ATTRIBUTE]: JSON.stringify(field) }} data-commented-passages={marked.length}>
        {children}
      </div>
      {/* Outside the field, so its quotes are never taken for the field's text (a selection to comment on). */}
      {marked.length > 0 && fragment && <PassageList threads={marked} container={container} fragment={fragment} />}
    </>
  );
}
