/**
 * What every part of the exported document is written with: the snapshot and options, the partner whose
 * extract it is (if any), the rich-text converter, and the growing list of page runs the parts append to.
 * Each part of the document (front matter, chapters, annexes) is a function of this context in a module of
 * its own.
 */
import { HeadingLevel, Paragraph, type TableOfContents } from 'docx';
import type { PartnerView, SoaSnapshot } from '../model/assemble';
import type { CommentThread } from '../model/commentThreads';
import type { PartnerId } from '../model/ids';
import { isRichTextEmpty, type RichText } from '../model/richText';
import { line, note, textParagraphs, withoutSpareSeparators, type BodyBlock } from './blocks';
import { RichTextConverter } from './richTextBlocks';
import { documentStatus, NOT_YET_WRITTEN } from './labels';
import { PORTRAIT_TEXT_WIDTH } from './styles';

/** What to export and how to label it. */
export interface ExportOptions {
  /** The whole SOA, or one partner's part of it for that partner's board. */
  readonly scope: { readonly kind: 'whole' } | { readonly kind: 'partner'; readonly partnerId: PartnerId };
  /** ISO date printed as the document date. */
  readonly generatedOn: string;
  /** Document author for the properties (e.g. the partnership or the member). */
  readonly author?: string;
  /** What the footer and properties call the document instead of the SOA's status ("Annual Report 2014/15"). */
  readonly footerStatus?: string;
  /** A review copy only (issue 15): the comment threads whose open ones go in as Word comments. Never for submission. */
  readonly reviewThreads?: readonly CommentThread[];
}

export type Orientation = 'portrait' | 'landscape';

/** A run of body content on pages of one orientation; consecutive runs of the same orientation merge. */
export interface Part {
  readonly orientation: Orientation;
  readonly children: (BodyBlock | TableOfContents)[];
}

/** Keys of the headings other parts refer to. */
export const outcomeChapterKey = (outcomeId: string) => `outcome:${outcomeId}`;
export const equalityOutcomeKey = (outcomeId: string) => `equality:${outcomeId}`;

/** Looks up the number ("5", "5.4") of a heading made with a `key`; undefined for an unnumbered or missing one. */
export type HeadingNumberOf = (key: string) => string | undefined;

const HEADING_LEVELS: ReadonlyMap<string, number> = new Map([
  [HeadingLevel.HEADING_1, 0],
  [HeadingLevel.HEADING_2, 1],
  [HeadingLevel.HEADING_3, 2],
]);

export class ExportContext {
  readonly rich = new RichTextConverter();
  readonly parts: Part[] = [];
  readonly partner: PartnerView | null;
  readonly status: string;
  /** Headings other parts refer to ("see 5.4"), by key. */
  private readonly keyedHeadings = new Map<Paragraph, string>();
  /** Stand-ins for paragraphs that name heading numbers, written once every heading is in place. */
  private readonly references = new Map<Paragraph, (numberOf: HeadingNumberOf) => BodyBlock[]>();

  constructor(
    readonly snapshot: SoaSnapshot,
    readonly options: ExportOptions,
  ) {
    const scope = options.scope;
    this.partner =
      scope.kind === 'partner'
        ? (snapshot.partners.find((candidate) => candidate.id === scope.partnerId) ?? null)
        : null;
    if (scope.kind === 'partner' && !this.partner)
      throw new Error(`No partner with id ${scope.partnerId} in this SOA.`);
    this.status = options.footerStatus ?? documentStatus(snapshot);
  }

  add(orientation: Orientation, ...blocks: (BodyBlock | TableOfContents)[]): void {
    const last = this.parts[this.parts.length - 1];
    if (last && last.orientation === orientation) last.children.push(...blocks);
    else this.parts.push({ orientation, children: [...blocks] });
  }

  portrait(...blocks: (BodyBlock | TableOfContents)[]): void {
    this.add('portrait', ...blocks);
  }

  /** A heading; `key` lets other parts refer to it by its number (`reference`). Soft hyphens are dropped. */
  heading(
    level: 1 | 2 | 3,
    text: string,
    options: { numbered?: boolean; newPage?: boolean; key?: string } = {},
  ): Paragraph {
    const heading =
      level === 1 ? HeadingLevel.HEADING_1 : level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3;
    const paragraph = line(text.replace(/\u00AD/g, '').slice(0, 300), {
      heading,
      ...(options.numbered === false ? { numbering: false } : {}),
      ...(options.newPage ? { pageBreakBefore: true } : {}),
    });
    if (options.key) this.keyedHeadings.set(paragraph, options.key);
    return paragraph;
  }

  /**
   * Blocks that name other headings' numbers ("see 5.4"): a stand-in now, replaced by `write`'s blocks once
   * the whole document is built and the numbers are known (a reference may point forwards).
   */
  reference(write: (numberOf: HeadingNumberOf) => BodyBlock[]): Paragraph {
    const standIn = new Paragraph({});
    this.references.set(standIn, write);
    return standIn;
  }

  /** Replaces every `reference` stand-in. The numbers follow the Heading 1-3 multilevel list, as Word numbers them. */
  resolveReferences(): void {
    if (this.references.size === 0) return;
    const numbers = new Map<string, string>();
    const counters = [0, 0, 0];
    for (const part of this.parts) {
      for (const block of part.children) {
        if (!(block instanceof Paragraph)) continue;
        const options = block.options as { heading?: string; numbering?: unknown };
        const level = options.heading === undefined ? undefined : HEADING_LEVELS.get(options.heading);
        if (level === undefined || options.numbering === false) continue;
        counters[level] = (counters[level] ?? 0) + 1;
        for (let deeper = level + 1; deeper < counters.length; deeper++) counters[deeper] = 0;
        const key = this.keyedHeadings.get(block);
        if (key) numbers.set(key, counters.slice(0, level + 1).join('.'));
      }
    }
    const numberOf: HeadingNumberOf = (key) => numbers.get(key);
    for (const part of this.parts) {
      for (let index = part.children.length - 1; index >= 0; index--) {
        const child = part.children[index];
        const write = child instanceof Paragraph ? this.references.get(child) : undefined;
        if (write) part.children.splice(index, 1, ...write(numberOf));
      }
    }
  }

  /** Rich text under a heading of `level`, or the "Not yet written" note when it has no words. */
  richText(text: RichText, level: number, width = PORTRAIT_TEXT_WIDTH): BodyBlock[] {
    if (isRichTextEmpty(text)) return [note(NOT_YET_WRITTEN)];
    const blocks = withoutSpareSeparators(this.rich.blocks(text, { headingBase: level, width }));
    return blocks.length > 0 ? blocks : [note(NOT_YET_WRITTEN)];
  }

  plainOrNote(text: string): BodyBlock[] {
    return text.trim() ? textParagraphs(text) : [note(NOT_YET_WRITTEN)];
  }
}
