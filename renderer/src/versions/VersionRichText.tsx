/**
 * A rich-text field of a version, read-only (RichTextView's blocks: headings, lists, tables, emphasis), without
 * a landmark of its own: a version shows dozens of fields, and the heading or the named group above each one
 * already says what it is, so a landmark per field would bury the page's real landmarks. `aside` puts
 * something (the copy button) after each top-level block.
 */
import type { ReactNode } from 'react';
import type { RichText } from '../../../shared/model';
import { headingShift, RichBlockView } from '../richtext/RichTextView';

export function VersionRichText({
  text,
  topLevel,
  emptyText = 'Nothing was written in this version.',
  aside,
}: {
  readonly text: RichText;
  /** The HTML level of the text's highest heading, to continue the page's outline. */
  readonly topLevel: number;
  readonly emptyText?: string;
  readonly aside?: (index: number) => ReactNode;
}) {
  if (text.length === 0) return <p className="empty-note">{emptyText}</p>;
  const shift = headingShift(text, topLevel);
  return (
    <div className="rich-view">
      {text.map((block, index) =>
        aside ? (
          <div key={index} className="version-block">
            <RichBlockView block={block} shift={shift} />
            {aside(index)}
          </div>
        ) : (
          <RichBlockView key={index} block={block} shift={shift} />
        ),
      )}
    </div>
  );
}
