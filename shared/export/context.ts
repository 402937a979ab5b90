/**
 * What every part of the exported document is written with: the snapshot and options, the partner whose
 * extract it is (if any), the rich-text converter, and the growing list of page runs the parts append to.
 * Each part of the document (front matter, chapters, annexes) is a function of this context in a module of
 * its own.
 */
import { HeadingLevel, type Paragraph, type TableOfContents } from 'docx';
import type { PartnerView, SoaSnapshot } from '../model/assemble';
import type { PartnerId } from '../model/ids';
import { isRichTextEmpty, type RichText } from '../model/richText';
import { line, note, RichTextConverter, textParagraphs, withoutSpareSeparators, type BodyBlock } from './blocks';
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
}

export type Orientation = 'portrait' | 'landscape';

/** A run of body content on pages of one orientation; consecutive runs of the same orientation merge. */
export interface Part {
  readonly orientation: Orientation;
  readonly children: (BodyBlock | TableOfContents)[];
}

export class ExportContext {
  readonly rich = new RichTextConverter();
  readonly parts: Part[] = [];
  readonly partner: PartnerView | null;
  readonly status: string;

  constructor(
    readonly snapshot: SoaSnapshot,
    readonly options: ExportOptions,
  ) {
    const scope = options.scope;
    this.partner = scope.kind === 'partner' ? (snapshot.partners.find((candidate) => candidate.id === scope.partnerId) ?? null) : null;
    if (scope.kind === 'partner' && !this.partner) throw new Error(`No partner with id ${scope.partnerId} in this SOA.`);
    this.status = documentStatus(snapshot);
  }

  add(orientation: Orientation, ...blocks: (BodyBlock | TableOfContents)[]): void {
    const last = this.parts[this.parts.length - 1];
    if (last && last.orientation === orientation) last.children.push(...blocks);
    else this.parts.push({ orientation, children: [...blocks] });
  }

  portrait(...blocks: (BodyBlock | TableOfContents)[]): void {
    this.add('portrait', ...blocks);
  }

  heading(level: 1 | 2 | 3, text: string, options: { numbered?: boolean; newPage?: boolean } = {}): Paragraph {
    const heading = level === 1 ? HeadingLevel.HEADING_1 : level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3;
    return line(text.slice(0, 300), {
      heading,
      ...(options.numbered === false ? { numbering: false } : {}),
      ...(options.newPage ? { pageBreakBefore: true } : {}),
    });
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
