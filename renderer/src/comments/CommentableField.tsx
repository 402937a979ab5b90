/**
 * Marks a rich-text field on the page as one a passage comment can be anchored in: the comment form reads
 * the selection inside it and finds the words in the field's Yjs text (passageSelection.ts).
 */
import type { ReactNode } from 'react';
import type * as Y from 'yjs';
import { fieldPathOf, isCommentField, type CommentField, type PartnerId } from '../../../shared/model';
import { FIELD_ATTRIBUTE } from './passageSelection';

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
  if (!field || !isCommentField(field)) return <>{children}</>;
  return <div {...{ [FIELD_ATTRIBUTE]: JSON.stringify(field) }}>{children}</div>;
}
