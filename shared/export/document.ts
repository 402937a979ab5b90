/**
 * The SOA as a Word document: the docx object tree built from an assembled `SoaSnapshot`, in the order of
 * SOA.md ("What the exported Word document looks like"). Pure: the same snapshot and options always give
 * the same tree, and nothing here touches a DOM, the file system or the clock.
 *
 * The export takes any snapshot. A saved version of the SOA is just another snapshot, so exporting "from a
 * saved version" needs nothing here beyond assembling that version's documents.
 */
import {
  Document,
  Footer,
  PageBreak,
  PageNumber,
  PageOrientation,
  Paragraph,
  TabStopType,
  TableOfContents,
  TextRun,
  HeadingLevel,
  type ISectionOptions,
} from 'docx';
import type { ContributionView, IndicatorView, OutcomeView, PartnerView, SoaSnapshot } from '../model/assemble';
import { checkCompleteness } from '../model/completeness';
import { NARRATIVE_TITLES, type NarrativeKey } from '../model/frame';
import type { PartnerId } from '../model/ids';
import { INDICATOR_LINK_SCHEME_LABELS, type Commitment, type EffectiveSignOff } from '../model/partner';
import { isRichTextEmpty, type RichText } from '../model/richText';
import { nationalOutcomeLabel, POLICY_PRIORITIES } from '../reference';
import { formatUkDate } from '../text/dates';
import { dataTable, labelled, line, note, RichTextConverter, textParagraphs, textRuns, type BodyBlock, type CellContent } from './blocks';
import { headingNumbersOnly } from './contentsNumbers';
import { cleanLine } from './sanitize';
import {
  BULLET_NUMBERING,
  documentNumbering,
  documentStyles,
  LANDSCAPE_TEXT_WIDTH,
  MATRIX_SIZE,
  PAGE,
  PORTRAIT_TEXT_WIDTH,
  STYLE_IDS,
} from './styles';

/** What to export and how to label it. */
export interface ExportOptions {
  /** The whole SOA, or one partner's part of it for that partner's board. */
  readonly scope: { readonly kind: 'whole' } | { readonly kind: 'partner'; readonly partnerId: PartnerId };
  /** ISO date printed as the document date. */
  readonly generatedOn: string;
  /** Document author for the properties (e.g. the partnership or the member). */
  readonly author?: string;
}

/** Shown wherever a section has no words yet, so a draft reads as unfinished rather than broken. */
export const NOT_YET_WRITTEN = 'Not yet written.';

type Orientation = 'portrait' | 'landscape';

/** A run of body content on pages of one orientation; consecutive runs of the same orientation merge. */
interface Part {
  readonly orientation: Orientation;
  readonly children: (BodyBlock | TableOfContents)[];
}

/** "Draft v0.3" until every partner has agreed, then "Agreed". */
export function documentStatus(snapshot: SoaSnapshot): string {
  if (snapshot.allAgreed) return 'Agreed';
  const version = cleanLine(snapshot.meta.version).trim();
  return version ? `Draft v${version}` : 'Draft';
}

/** "2013-2023" from the SOA's period; the 2013 round's ten years when the period is not set. */
export function periodLabel(snapshot: SoaSnapshot): string {
  const start = snapshot.meta.periodStart ?? 2013;
  const end = snapshot.meta.periodEnd ?? start + 10;
  return `${start}-${end}`;
}

/** "Glenmore", falling back to the partnership's name. */
export function areaName(snapshot: SoaSnapshot): string {
  const area = cleanLine(snapshot.meta.area).trim();
  if (area) return area;
  const partnership = cleanLine(snapshot.meta.partnershipName).trim().replace(/\s*Community Planning Partnership$/i, '');
  return partnership || 'Community Planning Partnership';
}

function partnershipName(snapshot: SoaSnapshot): string {
  return cleanLine(snapshot.meta.partnershipName).trim() || `${areaName(snapshot)} Community Planning Partnership`;
}

function documentTitle(snapshot: SoaSnapshot, partner: PartnerView | null): string {
  const base = cleanLine(snapshot.meta.title).trim() || `${areaName(snapshot)} Single Outcome Agreement ${periodLabel(snapshot)}`;
  return partner ? `${base}: contribution of ${cleanLine(partner.name)}` : base;
}

function signOffLabel(signOff: EffectiveSignOff): string {
  if (signOff.lapsed) return 'Draft (changed since sign-off)';
  if (signOff.state === 'agreed') return 'Agreed';
  if (signOff.state === 'ready') return 'Ready for sign-off';
  return 'Draft';
}

const NUMBER_FORMAT = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });
const MONEY_FORMAT = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });
const FTE_FORMAT = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

function formatValue(value: number | null, unit: string): string {
  if (value === null || !Number.isFinite(value)) return 'To be set';
  const number = NUMBER_FORMAT.format(value);
  return unit.trim() === '%' ? `${number}%` : number;
}

function money(pounds: number): string {
  return MONEY_FORMAT.format(pounds);
}

/** Builds the document. See the module comment; `buildSoaDocument` in index.ts is the public name. */
export function buildDocument(snapshot: SoaSnapshot, options: ExportOptions): Document {
  return new SoaDocumentBuilder(snapshot, options).build();
}

class SoaDocumentBuilder {
  private readonly rich = new RichTextConverter();
  private readonly parts: Part[] = [];
  private readonly partner: PartnerView | null;
  private readonly status: string;

  constructor(
    private readonly snapshot: SoaSnapshot,
    private readonly options: ExportOptions,
  ) {
    const scope = options.scope;
    this.partner = scope.kind === 'partner' ? (snapshot.partners.find((candidate) => candidate.id === scope.partnerId) ?? null) : null;
    if (scope.kind === 'partner' && !this.partner) throw new Error(`No partner with id ${scope.partnerId} in this SOA.`);
    this.status = documentStatus(snapshot);
  }

  build(): Document {
    this.cover();
    this.insideCover();
    this.statementOfSupport();
    this.contents();
    if (this.partner) this.partnerChapters(this.partner);
    else this.wholeChapters();
    this.annexes();

    const sections = this.sections();
    return new Document({
      title: documentTitle(this.snapshot, this.partner),
      subject: `Single Outcome Agreement ${periodLabel(this.snapshot)} between ${areaName(this.snapshot)} Community Planning Partnership and the Scottish Government`,
      creator: cleanLine(this.options.author ?? '').trim() || partnershipName(this.snapshot),
      lastModifiedBy: cleanLine(this.options.author ?? '').trim() || partnershipName(this.snapshot),
      description: this.status,
      keywords: 'Single Outcome Agreement; Community Planning',
      styles: documentStyles(),
      numbering: documentNumbering(this.rich.orderedStarts),
      sections,
      // The contents entries get the headings' numbers; page numbers are left for Word (see contentsNumbers.ts).
      pageNumbers: headingNumbersOnly,
    });
  }

  // ---- assembling parts ----

  private add(orientation: Orientation, ...blocks: (BodyBlock | TableOfContents)[]): void {
    const last = this.parts[this.parts.length - 1];
    if (last && last.orientation === orientation) last.children.push(...blocks);
    else this.parts.push({ orientation, children: [...blocks] });
  }

  private portrait(...blocks: (BodyBlock | TableOfContents)[]): void {
    this.add('portrait', ...blocks);
  }

  private sections(): ISectionOptions[] {
    const footer = (orientation: Orientation) => {
      const width = orientation === 'portrait' ? PORTRAIT_TEXT_WIDTH : LANDSCAPE_TEXT_WIDTH;
      return new Footer({
        children: [
          new Paragraph({
            tabStops: [{ type: TabStopType.RIGHT, position: width }],
            children: [
              ...textRuns(`${areaName(this.snapshot)} SOA ${periodLabel(this.snapshot)} \u2013 ${this.status}`, { size: 20 }),
              new TextRun({ text: '\tPage ', size: 20 }),
              new TextRun({ children: [PageNumber.CURRENT], size: 20 }),
              new TextRun({ text: ' of ', size: 20 }),
              new TextRun({ children: [PageNumber.TOTAL_PAGES], size: 20 }),
            ],
          }),
        ],
      });
    };
    const footers = { portrait: footer('portrait'), landscape: footer('landscape') };
    return this.parts.map((part, index) => ({
      properties: {
        page: {
          size: { width: PAGE.width, height: PAGE.height, orientation: part.orientation === 'portrait' ? PageOrientation.PORTRAIT : PageOrientation.LANDSCAPE },
          margin: { top: PAGE.margin, right: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, header: 567, footer: 567 },
        },
        // The cover has no footer.
        ...(index === 0 ? { titlePage: true } : {}),
      },
      footers: index === 0 ? { default: footers[part.orientation], first: new Footer({ children: [new Paragraph({})] }) } : { default: footers[part.orientation] },
      children: part.children.length > 0 ? part.children : [new Paragraph({})],
    }));
  }

  // ---- headings and text ----

  private heading(level: 1 | 2 | 3, text: string, options: { numbered?: boolean; newPage?: boolean } = {}): Paragraph {
    const heading = level === 1 ? HeadingLevel.HEADING_1 : level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3;
    return line(text.slice(0, 300), {
      heading,
      ...(options.numbered === false ? { numbering: false } : {}),
      ...(options.newPage ? { pageBreakBefore: true } : {}),
    });
  }

  /** Rich text under a heading of `level`, or the "Not yet written" note when it has no words. */
  private richText(text: RichText, level: number, width = PORTRAIT_TEXT_WIDTH): BodyBlock[] {
    if (isRichTextEmpty(text)) return [note(NOT_YET_WRITTEN)];
    const blocks = this.rich.blocks(text, { headingBase: level, width });
    return blocks.length > 0 ? blocks : [note(NOT_YET_WRITTEN)];
  }

  private plainOrNote(text: string): BodyBlock[] {
    return text.trim() ? textParagraphs(text) : [note(NOT_YET_WRITTEN)];
  }

  // ---- front matter ----

  private cover(): void {
    const snapshot = this.snapshot;
    const area = areaName(snapshot);
    this.portrait(
      new Paragraph({ spacing: { before: 2400 }, children: [] }),
      line(partnershipName(snapshot), { style: STYLE_IDS.coverLine }, { bold: true }),
      line(`Single Outcome Agreement ${periodLabel(snapshot)}`, { heading: HeadingLevel.TITLE }),
      line(`between ${area} Community Planning Partnership and the Scottish Government`, { style: STYLE_IDS.coverLine }),
      ...(this.partner ? [line(`Contribution of ${this.partner.name}`, { style: STYLE_IDS.coverLine }, { bold: true })] : []),
      new Paragraph({ spacing: { before: 1200 }, children: [] }),
      line(this.status, { style: STYLE_IDS.coverLine }, { bold: true, size: 40 }),
      line(formatUkDate(this.options.generatedOn), { style: STYLE_IDS.coverLine }),
    );
  }

  private insideCover(): void {
    const snapshot = this.snapshot;
    const contact = cleanLine(snapshot.meta.alternativeFormatsContact).trim();
    this.portrait(
      new Paragraph({ children: [new PageBreak()] }),
      line('Other formats and languages', { style: STYLE_IDS.frontHeading }),
      ...textParagraphs(
        'This document is available in other formats, such as large print, easy read, Braille and audio, and in ' +
          'community languages, on request.',
      ),
      ...textParagraphs(contact ? `Contact: ${contact}` : `Contact the community planning team of ${partnershipName(snapshot)}.`),
      line('Document control', { style: STYLE_IDS.frontHeading }),
      dataTable({
        header: ['Item', 'Detail'],
        widths: [3200, PORTRAIT_TEXT_WIDTH - 3200],
        rows: [
          ['Title', documentTitle(snapshot, this.partner)],
          ['Version', cleanLine(snapshot.meta.version) || '0.1'],
          ['Date', formatUkDate(this.options.generatedOn)],
          ['Status', this.status],
          ['National Performance Framework', snapshot.framework.name],
          ...(snapshot.meta.draftDue ? [['Draft due with the Scottish Government', formatUkDate(snapshot.meta.draftDue)]] : []),
          ...(snapshot.meta.agreementDue ? [['Agreement due', formatUkDate(snapshot.meta.agreementDue)]] : []),
          ['Partners signed off', `${snapshot.partners.filter((partner) => partner.signOff.state === 'agreed').length} of ${snapshot.partners.length}`],
        ],
      }),
    );
  }

  private statementOfSupport(): void {
    const partners = this.partner ? [this.partner] : this.snapshot.partners;
    this.portrait(
      line('Statement of support', { style: STYLE_IDS.frontHeading, pageBreakBefore: true }),
      ...textParagraphs(
        `The partners of ${partnershipName(this.snapshot)} support this Single Outcome Agreement between ` +
          `${areaName(this.snapshot)} Community Planning Partnership and the Scottish Government, and commit to ` +
          'delivering its local outcomes together, each through the contribution set out here.',
      ),
      partners.length === 0
        ? note('No partners have been added yet.')
        : dataTable({
            header: ['Organisation', 'Signatory', 'Position', 'Date', 'Sign-off'],
            widths: [2700, 2000, 2000, 1500, PORTRAIT_TEXT_WIDTH - 8200],
            rows: partners.map((partner) => [
              partner.name,
              partner.signOff.officerName || '',
              partner.signOff.officerPosition || '',
              partner.signOff.date && partner.signOff.state !== 'draft' ? formatUkDate(partner.signOff.date) : '',
              signOffLabel(partner.signOff),
            ]),
          }),
    );
  }

  private contents(): void {
    this.portrait(
      line('Contents', { style: STYLE_IDS.frontHeading, pageBreakBefore: true }),
      // Word's own contents field: docx writes the entries from our headings, so it reads right before Word
      // updates it (References > Update Table).
      // Dirty, so Word updates it (and fills in the page numbers) when it opens the file.
      new TableOfContents('Contents', { hyperlink: true, headingStyleRange: '1-2', beginDirty: true }),
    );
  }

  // ---- the whole SOA ----

  private wholeChapters(): void {
    const snapshot = this.snapshot;
    this.narrativeChapter('foreword', (blocks) => {
      if (snapshot.outcomes.length === 0) return;
      blocks.push(this.heading(2, 'Our local outcomes at a glance'));
      for (const outcome of snapshot.outcomes) {
        blocks.push(line(`Outcome ${outcome.number}: ${outcome.title || 'Untitled outcome'}`, { numbering: { reference: BULLET_NUMBERING, level: 0 } }));
      }
    });
    this.narrativeChapter('purpose');
    this.narrativeChapter('understandingOfPlace');
    this.visionChapter();
    for (const outcome of snapshot.outcomes) this.outcomeChapter(outcome);
    this.preventionChapter();
    this.narrativeChapter('communityEngagement');
    this.narrativeChapter('equalities', (blocks) => {
      if (snapshot.outcomes.length === 0) return;
      blocks.push(this.heading(2, 'Equality outcomes of the local outcomes'));
      blocks.push(
        dataTable({
          header: ['Local outcome', 'Equality outcome', 'Lead partner'],
          widths: [3400, PORTRAIT_TEXT_WIDTH - 5800, 2400],
          rows: snapshot.outcomes.map((outcome) => [
            `${outcome.number}. ${outcome.title}`,
            outcome.equalityNote.trim() || NOT_YET_WRITTEN,
            outcome.leadPartner?.name ?? 'Not yet chosen',
          ]),
        }),
      );
    });
    this.narrativeChapter('governance');
  }

  private narrativeChapter(key: NarrativeKey, extra?: (blocks: BodyBlock[]) => void): void {
    const blocks: BodyBlock[] = [this.heading(1, NARRATIVE_TITLES[key], { newPage: true }), ...this.richText(this.snapshot.narrative[key], 1)];
    extra?.(blocks);
    this.portrait(...blocks);
  }

  private visionChapter(): void {
    const snapshot = this.snapshot;
    this.portrait(this.heading(1, 'Our vision and local outcomes', { newPage: true }), ...this.richText(snapshot.narrative.vision, 1));
    if (snapshot.outcomes.length === 0) {
      this.portrait(note('No local outcomes have been written yet.'));
      return;
    }
    this.portrait(this.heading(2, 'Our local outcomes'));
    for (const outcome of snapshot.outcomes) {
      this.portrait(line(`Outcome ${outcome.number}: ${outcome.title || 'Untitled outcome'}`, { style: STYLE_IDS.minorHeading }));
      this.portrait(...this.richText(outcome.tenYearStatement, 3));
    }

    // Local outcomes x the six policy priorities: seven columns fit a portrait page with short headings and a key.
    const priorityColumns = [
      ['economic-recovery-growth', 'Economy'],
      ['employment', 'Employ\u00ADment'],
      ['early-years', 'Early years'],
      ['safer-stronger-communities', 'Safer, stronger'],
      ['health-inequalities', 'Health'],
      ['older-people', 'Older people'],
    ] as const;
    const priorityWidth = 1150;
    this.portrait(
      this.heading(2, 'Local outcomes and the six policy priorities'),
      ...textParagraphs('A tick shows that the local outcome contributes to the policy priority. The key below the table gives each priority in full.'),
      dataTable({
        header: ['Local outcome', ...priorityColumns.map(([, label]) => label)],
        widths: [PORTRAIT_TEXT_WIDTH - priorityColumns.length * priorityWidth, ...priorityColumns.map(() => priorityWidth)],
        size: 20,
        centredColumns: [1, 2, 3, 4, 5, 6],
        rows: snapshot.outcomes.map((outcome) => [
          `${outcome.number}. ${outcome.title}`,
          ...priorityColumns.map(([id]) => (outcome.priorities.some((priority) => priority.id === id) ? { text: '\u2713', bold: true } : '')),
        ]),
      }),
      line('Key', { style: STYLE_IDS.minorHeading }),
      ...priorityColumns.map(([id, label]) => {
        const short = label.replace('\u00AD', '');
        const full = POLICY_PRIORITIES.find((priority) => priority.id === id)?.text ?? short;
        return line(full.toLowerCase() === short.toLowerCase() ? full : `${short}: ${full}`, { spacing: { after: 40 } });
      }),
    );

    // Local outcomes x the framework's National Outcomes: 16 columns need a landscape page.
    const nationals = snapshot.framework.outcomes;
    const firstWidth = 3800;
    const columnWidth = Math.floor((LANDSCAPE_TEXT_WIDTH - firstWidth) / Math.max(nationals.length, 1));
    const shortLabel = (index: number) => {
      const outcome = nationals[index]!;
      return outcome.shortName ?? `NO ${outcome.number}`;
    };
    this.add(
      'landscape',
      this.heading(2, `Local outcomes and the National Outcomes (${snapshot.framework.name})`),
      ...textParagraphs(`A tick shows that the local outcome contributes to the National Outcome. The key below the table gives each National Outcome in full.`),
      dataTable({
        header: ['Local outcome', ...nationals.map((_, index) => shortLabel(index))],
        widths: [LANDSCAPE_TEXT_WIDTH - columnWidth * nationals.length, ...nationals.map(() => columnWidth)],
        size: MATRIX_SIZE,
        centredColumns: nationals.map((_, index) => index + 1),
        rows: snapshot.outcomes.map((outcome) => [
          `${outcome.number}. ${outcome.title}`,
          ...nationals.map((national) => (outcome.nationalOutcomes.some((linked) => linked.id === national.id) ? { text: '\u2713', bold: true } : '')),
        ]),
      }),
      line('Key', { style: STYLE_IDS.minorHeading }),
      ...nationals.map((national, index) => line(`${shortLabel(index)}: ${national.text}`, { spacing: { after: 40 } })),
    );
  }

  private outcomeChapter(outcome: OutcomeView, onlyPartner?: PartnerId): void {
    const blocks: BodyBlock[] = [
      this.heading(1, `Outcome ${outcome.number}: ${outcome.title || 'Untitled outcome'}`, { newPage: true }),
      labelled('Lead partner', outcome.leadPartner?.name ?? 'Not yet chosen'),
      labelled('Partners delivering', outcome.deliveringPartners.map((partner) => partner.name).join(', ') || 'None listed yet'),
      labelled(
        'National Outcomes',
        outcome.nationalOutcomes.map((national) => `${nationalOutcomeLabel(national)}: ${national.text}`).join('; ') || 'Not yet linked',
      ),
      labelled('Policy priorities', outcome.priorities.map((priority) => priority.text).join('; ') || 'Not yet linked'),
      ...(outcome.tags.length > 0 ? [labelled('Tags', outcome.tags.join(', '))] : []),
      this.heading(2, 'What will be different in ten years'),
      ...this.richText(outcome.tenYearStatement, 2),
    ];
    if (!onlyPartner) blocks.push(this.heading(2, 'Why this outcome: the evidence'), ...this.richText(outcome.evidence, 2));

    blocks.push(this.heading(2, onlyPartner ? 'Our contribution' : 'What partners will contribute'));
    const contributions = outcome.contributions.filter((contribution) => !onlyPartner || contribution.partner.id === onlyPartner);
    if (contributions.length === 0) blocks.push(note(onlyPartner ? NOT_YET_WRITTEN : 'No partner has written a contribution yet.'));
    for (const contribution of contributions) blocks.push(...this.contribution(contribution, !onlyPartner));
    if (!onlyPartner) {
      const silent = outcome.deliveringPartners.filter((partner) => !contributions.some((contribution) => contribution.partner.id === partner.id));
      for (const partner of silent) blocks.push(note(`${partner.name} is listed as delivering this outcome but has not yet written its contribution.`));
    }

    blocks.push(this.heading(2, 'Equality outcome'), ...this.plainOrNote(outcome.equalityNote));
    this.portrait(...blocks);
    this.indicatorTable(outcome, onlyPartner);
  }

  private contribution(contribution: ContributionView, withHeading: boolean): BodyBlock[] {
    const blocks: BodyBlock[] = [];
    if (withHeading) blocks.push(this.heading(3, contribution.partner.name));
    blocks.push(...this.richText(contribution.statement, 3));
    if (contribution.commitments.length > 0) {
      blocks.push(line(`Commitments of ${contribution.partner.name}`, { style: STYLE_IDS.minorHeading }));
      blocks.push(this.commitmentTable(contribution.commitments));
    }
    return blocks;
  }

  private commitmentTable(commitments: readonly Commitment[]): BodyBlock {
    return dataTable({
      header: ['What we will do', 'By when', 'Resources', 'Preventative'],
      widths: [PORTRAIT_TEXT_WIDTH - 5800, 1900, 2000, 1900],
      rows: commitments.map((commitment) => [
        commitment.action || NOT_YET_WRITTEN,
        commitment.timescale,
        [commitment.resourcePounds !== null ? money(commitment.resourcePounds) : '', commitment.resourceFte !== null ? `${FTE_FORMAT.format(commitment.resourceFte)} FTE` : '']
          .filter(Boolean)
          .join('\n'),
        commitment.preventative ? 'Yes' : 'No',
      ]),
    });
  }

  /**
   * Indicator | Source | Baseline (year) | Year 1 | Year 3 | Year 10 | Lead partner. The columns fit a portrait
   * page unless a word in them is too long to wrap in its column; then the table gets a landscape page.
   */
  private indicatorTable(outcome: OutcomeView, onlyPartner?: PartnerId): void {
    const indicators = outcome.indicators;
    const heading = this.heading(2, 'Indicators and targets');
    if (indicators.length === 0) {
      this.portrait(heading, note('No indicators have been set for this outcome yet.'));
      return;
    }
    const rows: CellContent[][] = indicators.map((indicator) => [
      indicatorLabel(indicator),
      indicator.displaySource || 'Not given',
      `${formatValue(indicator.baselineValue, indicator.displayUnit)}${indicator.baselineYear !== null ? ` (${indicator.baselineYear})` : ''}`,
      formatValue(indicator.target1, indicator.displayUnit),
      formatValue(indicator.target3, indicator.displayUnit),
      formatValue(indicator.target10, indicator.displayUnit),
      indicator.leadPartner?.name ?? 'Not yet chosen',
    ]);
    const portraitWidths = [2050, 1700, 1300, 1000, 1000, 1000, PORTRAIT_TEXT_WIDTH - 8050];
    const orientation: Orientation = fitsColumns(rows, portraitWidths) ? 'portrait' : 'landscape';
    const widths = orientation === 'portrait' ? portraitWidths : [3900, 2600, 1800, 1300, 1300, 1300, LANDSCAPE_TEXT_WIDTH - 12200];
    const header = ['Indicator', 'Source', 'Baseline (year)', 'Year 1', 'Year 3', 'Year 10', 'Lead partner'];
    const links = this.partnerLinksFor(outcome, orientation === 'portrait' ? PORTRAIT_TEXT_WIDTH : LANDSCAPE_TEXT_WIDTH, onlyPartner);
    this.add(
      orientation,
      heading,
      dataTable({ header, widths, rows }),
      ...links,
    );
  }

  /** Partners' own targets (HEAT, LDP, police and fire plans) linked to this outcome. */
  private partnerLinksFor(outcome: OutcomeView, width: number, onlyPartner?: PartnerId): BodyBlock[] {
    const indicatorIds = new Set<string>(outcome.indicators.map((indicator) => indicator.id));
    const rows: string[][] = [];
    for (const partner of this.snapshot.partners) {
      if (onlyPartner && partner.id !== onlyPartner) continue;
      for (const link of partner.indicatorLinks) {
        if (link.outcomeId === outcome.id || (link.indicatorId && indicatorIds.has(link.indicatorId))) {
          rows.push([partner.name, INDICATOR_LINK_SCHEME_LABELS[link.scheme], link.reference, link.description]);
        }
      }
    }
    if (rows.length === 0) return [];
    return [
      line('Partners\u2019 own targets linked to this outcome', { style: STYLE_IDS.minorHeading }),
      dataTable({ header: ['Partner', 'Plan', 'Reference', 'What it measures'], widths: [2200, 2000, 2000, width - 6200], rows }),
    ];
  }

  private preventionChapter(): void {
    const snapshot = this.snapshot;
    const blocks: BodyBlock[] = [
      this.heading(1, NARRATIVE_TITLES.preventionOverview, { newPage: true }),
      ...this.richText(snapshot.narrative.preventionOverview, 1),
      this.heading(2, 'Resources by partner'),
      ...textParagraphs('The resources partners have committed to the local outcomes, from their commitments, and how much of them is preventative spend.'),
    ];
    blocks.push(this.resourcesTable(snapshot.resources.byPartner.filter((row) => !this.partner || row.partner.id === this.partner.id), !this.partner));
    // Preventative spend by partner and outcome; the actions themselves are in each outcome's chapter.
    const preventative: string[][] = [];
    for (const outcome of snapshot.outcomes) {
      for (const contribution of outcome.contributions) {
        if (this.partner && contribution.partner.id !== this.partner.id) continue;
        const chosen = contribution.commitments.filter((commitment) => commitment.preventative);
        if (chosen.length === 0) continue;
        const pounds = chosen.reduce((sum, commitment) => sum + (commitment.resourcePounds ?? 0), 0);
        const fte = chosen.reduce((sum, commitment) => sum + (commitment.resourceFte ?? 0), 0);
        preventative.push([contribution.partner.name, `${outcome.number}. ${outcome.title}`, String(chosen.length), money(pounds), FTE_FORMAT.format(fte)]);
      }
    }
    blocks.push(this.heading(2, 'Preventative commitments by outcome'));
    blocks.push(
      preventative.length === 0
        ? note('No commitments have been marked as preventative yet.')
        : dataTable({
            header: ['Partner', 'Local outcome', 'Commit\u00ADments', 'Money', 'Staff (FTE)'],
            widths: [2300, PORTRAIT_TEXT_WIDTH - 7000, 1500, 1700, 1500],
            rows: preventative,
          }),
    );
    this.portrait(...blocks);
  }

  private resourcesTable(rows: SoaSnapshot['resources']['byPartner'], withTotal: boolean): BodyBlock {
    const total = this.snapshot.resources.total;
    const body: string[][] = rows.map((row) => [row.partner.name, money(row.pounds), FTE_FORMAT.format(row.fte), money(row.preventativePounds), FTE_FORMAT.format(row.preventativeFte)]);
    if (withTotal) body.push(['Total', money(total.pounds), FTE_FORMAT.format(total.fte), money(total.preventativePounds), FTE_FORMAT.format(total.preventativeFte)]);
    return dataTable({
      header: ['Partner', 'Money committed', 'Staff (FTE)', 'Preventative money', 'Preventative staff (FTE)'],
      widths: [PORTRAIT_TEXT_WIDTH - 7400, 2000, 1500, 2000, 1900],
      rows: body,
      ...(withTotal ? { boldRows: [body.length - 1] } : {}),
    });
  }

  // ---- one partner's part ----

  private partnerChapters(partner: PartnerView): void {
    const snapshot = this.snapshot;
    this.portrait(
      this.heading(1, 'About this document', { newPage: true }),
      ...textParagraphs(
        `This document sets out the contribution of ${partner.name} to the ${documentTitle(snapshot, null)}, for its board. ` +
          'It contains the partner\u2019s statement, its contribution and commitments to each local outcome it works on, ' +
          'the indicators of those outcomes and its resources. The full agreement sets out the partnership\u2019s ' +
          'vision, its understanding of place and the contributions of every partner.',
      ),
      this.heading(1, `Statement of ${partner.name}`),
      ...this.richText(partner.statement, 1),
    );
    const relevant = snapshot.outcomes.filter(
      (outcome) =>
        outcome.leadPartner?.id === partner.id ||
        outcome.deliveringPartners.some((delivering) => delivering.id === partner.id) ||
        outcome.indicators.some((indicator) => indicator.leadPartner?.id === partner.id),
    );
    if (relevant.length === 0) this.portrait(note(`${partner.name} does not yet contribute to any local outcome.`));
    for (const outcome of relevant) this.outcomeChapter(outcome, partner.id);
    this.preventionChapter();
  }

  // ---- annexes ----

  private annexes(): void {
    const snapshot = this.snapshot;
    const partner = this.partner;
    let letter = 0;
    const annexHeading = (title: string) => this.heading(1, `Annex ${String.fromCharCode(65 + letter++)}: ${title}`, { numbered: false, newPage: true });

    // Indicator definitions.
    const outcomes = partner ? snapshot.outcomes.filter((outcome) => outcome.contributions.some((c) => c.partner.id === partner.id) || outcome.leadPartner?.id === partner.id || outcome.deliveringPartners.some((d) => d.id === partner.id) || outcome.indicators.some((i) => i.leadPartner?.id === partner.id)) : snapshot.outcomes;
    const definitions: BodyBlock[] = [annexHeading('Indicator definitions')];
    let count = 0;
    for (const outcome of outcomes) {
      for (const indicator of outcome.indicators) {
        count++;
        definitions.push(
          line(indicator.displayName, { style: STYLE_IDS.minorHeading }),
          labelled('Local outcome', `${outcome.number}. ${outcome.title}`),
          labelled('Definition', indicator.displayDefinition || NOT_YET_WRITTEN),
          labelled('Unit', indicator.displayUnit || 'Not given'),
          labelled('Better when', indicator.higherIsBetter ? 'higher' : 'lower'),
          labelled('Source', indicator.displaySource || 'Not given'),
          labelled('Origin', indicator.catalogue ? 'Community Planning Outcomes Profile' : 'Local indicator'),
        );
      }
    }
    if (count === 0) definitions.push(note('No indicators have been set yet.'));
    this.portrait(...definitions);

    // Partner statements (the whole SOA; a partner's extract has its statement as a chapter).
    if (!partner) {
      const statements: BodyBlock[] = [annexHeading('Partner statements')];
      if (snapshot.partners.length === 0) statements.push(note('No partners have been added yet.'));
      for (const each of snapshot.partners) {
        statements.push(this.heading(2, each.name, { numbered: false }));
        statements.push(labelled('Sign-off', `${signOffLabel(each.signOff)}${each.signOff.officerName ? `, ${each.signOff.officerName}` : ''}${each.signOff.officerPosition ? `, ${each.signOff.officerPosition}` : ''}`));
        statements.push(...this.richText(each.statement, 3));
      }
      this.portrait(...statements);
    }

    // Notes on gaps still to be filled.
    const gaps: BodyBlock[] = [annexHeading(NARRATIVE_TITLES.gapNotes)];
    if (!partner) {
      if (!isRichTextEmpty(snapshot.narrative.gapNotes)) gaps.push(...this.rich.blocks(snapshot.narrative.gapNotes, { headingBase: 3, width: PORTRAIT_TEXT_WIDTH }));
      for (const outcome of snapshot.outcomes) {
        if (outcome.gapNote.trim()) gaps.push(labelled(`Outcome ${outcome.number}`, outcome.gapNote));
      }
    }
    for (const each of partner ? [partner] : snapshot.partners) {
      const notes: BodyBlock[] = [];
      if (!isRichTextEmpty(each.gapNotes)) notes.push(...this.rich.blocks(each.gapNotes, { headingBase: 3, width: PORTRAIT_TEXT_WIDTH }));
      for (const outcome of snapshot.outcomes) {
        const contribution = outcome.contributions.find((candidate) => candidate.partner.id === each.id);
        if (contribution?.gapNote.trim()) notes.push(labelled(`Outcome ${outcome.number}`, contribution.gapNote));
      }
      if (notes.length > 0) gaps.push(line(each.name, { style: STYLE_IDS.minorHeading }), ...notes);
    }
    if (!snapshot.allAgreed) {
      const report = checkCompleteness(snapshot, this.options.generatedOn);
      // A partner's board sees only what that partner still has to do.
      const items = [
        ...(partner ? [] : report.general),
        ...(partner ? [] : report.outcomes.flatMap((outcome) => outcome.missing)),
        ...report.partners.filter((each) => !partner || each.partner.id === partner.id).flatMap((each) => each.missing),
      ];
      if (items.length > 0) {
        gaps.push(line('Still missing from this draft', { style: STYLE_IDS.minorHeading }));
        // A long to-do list is capped: the app holds the full list.
        for (const item of items.slice(0, 300)) gaps.push(line(item.message, { numbering: { reference: BULLET_NUMBERING, level: 0 }, spacing: { after: 40 } }));
        if (items.length > 300) gaps.push(note(`And ${items.length - 300} more; the completeness view in SOA Studio lists them all.`));
      }
    }
    if (gaps.length === 1) gaps.push(note('There are no notes on gaps.'));
    this.portrait(...gaps);

    // References to things that no longer exist, for the coordinators to tidy (whole SOA only).
    if (!partner && snapshot.orphans.length > 0) {
      this.portrait(
        annexHeading('Items to tidy up'),
        ...textParagraphs('These parts of the SOA refer to something that has been removed. They are left out of the document above.'),
        ...snapshot.orphans.map((orphan) => line(orphan.message, { numbering: { reference: BULLET_NUMBERING, level: 0 }, spacing: { after: 40 } })),
      );
    }
  }
}

/** The indicator's name, with its unit when the figures do not carry it. */
function indicatorLabel(indicator: IndicatorView): CellContent {
  const unit = indicator.displayUnit.trim();
  return unit && unit !== '%' ? `${indicator.displayName}\nUnit: ${unit}` : indicator.displayName;
}

/** Arial's advance widths of the printable ASCII characters (space to tilde), in thousandths of an em. */
const ARIAL_WIDTHS = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556,
  556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556,
  556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
/** Twips of a word at 12 pt in Arial, with a margin for bold and for how LibreOffice and Word round. */
function wordTwips(word: string): number {
  let thousandths = 0;
  for (const char of word) {
    const code = char.codePointAt(0) ?? 0x20;
    thousandths += code >= 0x20 && code <= 0x7e ? ARIAL_WIDTHS[code - 0x20]! : 600;
  }
  return (thousandths / 1000) * 240 * 1.1;
}
/** Left and right cell margins Word and LibreOffice use by default (0.19 cm each). */
const CELL_PADDING = 216;

/** Whether every word of every cell fits its column's width, so no word is broken mid-way. */
function fitsColumns(rows: readonly (readonly CellContent[])[], widths: readonly number[]): boolean {
  return rows.every((row) =>
    row.every((cell, column) => {
      const text = typeof cell === 'string' ? cell : 'text' in cell ? cell.text : '';
      const room = (widths[column] ?? 0) - CELL_PADDING;
      return text.split(/\s+/).every((word) => wordTwips(word) <= room);
    }),
  );
}
