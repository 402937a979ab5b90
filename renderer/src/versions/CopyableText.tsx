/**
 * A written section of a version (a narrative chapter, a partner's statement or notes on gaps, a contribution)
 * read-only with its structure (headings, lists, tables, emphasis: RichTextView), and, when its reader may
 * write that section now, a "Copy this paragraph" button beside each block and "Copy this section" after
 * them (restore is copying; VersionView.tsx asks and copies).
 */
import type { RichText } from '../../../shared/model';
import { headingShift, RichBlockView, RichTextView } from '../richtext/RichTextView';
import { blockExcerpt } from './copyParagraph';

/** What the version view lets its reader copy, by section key (shared/compare/soaSections keys). */
export interface VersionCopy {
  /** The version's text of the section when this reader may copy it into the current SOA, else null. */
  copyable(key: string): RichText | null;
  /** The section's name in the copy buttons and messages ("Balmuir Council: statement"). */
  title(key: string): string;
  section(key: string): void;
  paragraph(key: string, index: number): void;
}

export function CopyableText({
  sectionKey,
  text,
  label,
  topLevel,
  copy,
  emptyText = 'Nothing was written in this version.',
}: {
  readonly sectionKey: string;
  /** The section's text in the version, as the snapshot has it. */
  readonly text: RichText;
  readonly label: string;
  /** The HTML level of the text's highest heading, to continue the page's outline. */
  readonly topLevel: number;
  readonly copy: VersionCopy;
  readonly emptyText?: string;
}) {
  const copyable = copy.copyable(sectionKey);
  const title = copy.title(sectionKey);
  if (!copyable || copyable.length === 0)
    return (
      <div role="group" aria-label={title}>
        <RichTextView text={text} label={label} topLevel={topLevel} emptyText={emptyText} />
      </div>
    );
  const shift = headingShift(copyable, topLevel);
  return (
    <div className="version-copyable" role="group" aria-label={title}>
      <div className="rich-view" role="region" aria-label={label}>
        {copyable.map((block, index) => (
          <div key={index} className="version-block">
            <RichBlockView block={block} shift={shift} />
            <button
              type="button"
              className="button button-quiet version-block-copy"
              onClick={() => copy.paragraph(sectionKey, index)}
            >
              Copy this paragraph
              <span className="visually-hidden">
                {' '}
                into the current SOA: paragraph {index + 1} of "{title}", "{blockExcerpt(block)}"
              </span>
            </button>
          </div>
        ))}
      </div>
      <button type="button" className="button button-secondary" onClick={() => copy.section(sectionKey)}>
        Copy this section into the current SOA<span className="visually-hidden">: "{title}"</span>
      </button>
    </div>
  );
}
