/**
 * A written section of a version (a narrative chapter, a partner's statement or notes on gaps, a contribution)
 * read-only with its structure (VersionRichText), named as a group by the section's title; when its reader may
 * write that section now, with a "Copy this paragraph" button beside each block and "Copy this section" after
 * them (restore is copying; VersionView.tsx asks and copies).
 */
import type { RichText } from '../../../shared/model';
import { blockExcerpt } from './copyParagraph';
import { VersionRichText } from './VersionRichText';

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
  topLevel,
  copy,
}: {
  readonly sectionKey: string;
  /** The section's text in the version, as the snapshot has it. */
  readonly text: RichText;
  /** The HTML level of the text's highest heading, to continue the page's outline. */
  readonly topLevel: number;
  readonly copy: VersionCopy;
}) {
  const copyable = copy.copyable(sectionKey);
  const title = copy.title(sectionKey);
  if (!copyable || copyable.length === 0)
    return (
      <div role="group" aria-label={title}>
        <VersionRichText text={text} topLevel={topLevel} />
      </div>
    );
  return (
    <div className="version-copyable" role="group" aria-label={title}>
      <VersionRichText
        text={copyable}
        topLevel={topLevel}
        aside={(index) => (
          <button
            type="button"
            className="button button-quiet version-block-copy"
            onClick={() => copy.paragraph(sectionKey, index)}
          >
            Copy this paragraph
            <span className="visually-hidden">
              {' '}
              into the current SOA: paragraph {index + 1} of "{title}", "{blockExcerpt(copyable[index]!)}"
            </span>
          </button>
        )}
      />
      <button type="button" className="button button-secondary" onClick={() => copy.section(sectionKey)}>
        Copy this section into the current SOA<span className="visually-hidden">: "{title}"</span>
      </button>
    </div>
  );
}
