/**
 * The Annual Report for one reporting year, as a Word document (issue 18), through the same pipeline and
 * styles as the SOA itself: the assembled SOA and its progress in, a docx object tree out (pure), packed by
 * packaging.ts. In order: cover; contents; a plain-English summary a councillor can read in two minutes
 * with the coordinators' own summary; every indicator once in a summary table with its status; one chapter
 * per local outcome with each indicator's native Word chart, the values table, the commitments and what
 * each partner did; the year's engagement and equalities updates; how the statuses are judged.
 */
import { Document, HeadingLevel } from 'docx';
import type { SoaSnapshot } from '../../model/assemble';
import type { ProgressSnapshot } from '../../model/progress';
import { COMMITMENT_PROGRESS_LABELS, YEAR_TEXT_KEYS, YEAR_TEXT_TITLES } from '../../model/progressRoom';
import { startYearOf, type ReportingYear } from '../../model/reportingYear';
import { isRichTextEmpty, type RichText } from '../../model/richText';
import { TRAJECTORY_STATE_LABELS } from '../../model/trajectory';
import { formatUkDate } from '../../text/dates';
import { dataTable, labelled, line, note, textParagraphs, type BodyBlock } from '../blocks';
import { headingNumbersOnly } from '../contentsNumbers';
import { ExportContext } from '../context';
import { contents } from '../frontMatter';
import { formatFigure } from '../labels';
import { areaName, partnershipName, periodLabel } from '../labels';
import { cleanLine } from '../sanitize';
import { sections } from '../sections';
import { documentNumbering, documentStyles, PORTRAIT_TEXT_WIDTH, STYLE_IDS } from '../styles';
import { ChartSlots } from './chartSlots';
import { indicatorChart } from './indicatorChart';
import { plainSummary } from './plainSummary';
import { reportFacts, type IndicatorFacts, type ReportFacts } from './reportFacts';

export interface AnnualReportOptions {
  readonly year: ReportingYear;
  /** ISO date printed as the document date. */
  readonly generatedOn: string;
  readonly author?: string;
}

/** "1 April 2014 to 31 March 2015". */
export function yearSpan(year: ReportingYear): string {
  const start = startYearOf(year);
  return `1 April ${start} to 31 March ${start + 1}`;
}

export function annualReportTitle(snapshot: SoaSnapshot, year: ReportingYear): string {
  return `${areaName(snapshot)} Annual Report ${year}`;
}

/** The report, and its charts, which go into the package when it is packed (chartSlots.ts). */
export interface AnnualReportDocument {
  readonly document: Document;
  readonly charts: ChartSlots;
}

export function buildAnnualReportDocument(
  snapshot: SoaSnapshot,
  progress: ProgressSnapshot,
  options: AnnualReportOptions,
): AnnualReportDocument {
  const { year } = options;
  const charts = new ChartSlots();
  const context = new ExportContext(snapshot, {
    scope: { kind: 'whole' },
    generatedOn: options.generatedOn,
    author: options.author,
    footerStatus: `Annual Report ${year}`,
  });
  const facts = reportFacts(snapshot, progress, year);
  const area = areaName(snapshot);

  context.portrait(
    line(
      partnershipName(snapshot),
      { style: STYLE_IDS.coverLine, spacing: { before: 2400, after: 240 } },
      { bold: true },
    ),
    line(`Annual Report ${year}`, { heading: HeadingLevel.TITLE }),
    line(`Progress on the Single Outcome Agreement ${periodLabel(snapshot)} in the year ${yearSpan(year)}`, {
      style: STYLE_IDS.coverLine,
    }),
    line(formatUkDate(options.generatedOn), { style: STYLE_IDS.coverLine, spacing: { before: 1200, after: 240 } }),
  );
  contents(context);

  // ---- summary ----
  const summaryText = yearText(progress, year, 'summary');
  context.portrait(
    context.heading(1, 'Summary', { newPage: true }),
    ...plainSummary(facts, area).flatMap((sentence) => textParagraphs(sentence)),
    ...(summaryText ? [context.heading(2, 'From the partnership'), ...context.richText(summaryText, 2)] : []),
    context.heading(2, 'Every indicator at a glance'),
    summaryTable(facts),
  );

  // ---- one chapter per outcome ----
  for (const outcome of snapshot.outcomes) {
    const indicators = facts.byOutcome.get(outcome.id) ?? [];
    const blocks: BodyBlock[] = [
      context.heading(1, `Outcome ${outcome.number}: ${outcome.title || 'Untitled outcome'}`, { newPage: true }),
      labelled('Lead partner', outcome.leadPartner?.name ?? 'Not yet chosen'),
      context.heading(2, 'Indicators'),
    ];
    if (indicators.length === 0) blocks.push(note('This outcome has no indicators yet.'));
    for (const entry of indicators) {
      blocks.push(context.heading(3, entry.indicator.displayName));
      const chart = indicatorChart(entry, charts);
      if (chart) blocks.push(chart);
      blocks.push(...textParagraphs(statusSentence(entry)));
    }
    if (indicators.length > 0)
      blocks.push(context.heading(2, 'Values recorded'), valuesTable(facts, indicators, outcome.number));
    const commitments = facts.commitments.get(outcome.id) ?? [];
    blocks.push(context.heading(2, `Commitments in ${year}`));
    blocks.push(
      commitments.length === 0
        ? note('No partner has made a commitment to this outcome.')
        : dataTable({
            caption: `Commitments to outcome ${outcome.number} in ${year}`,
            description:
              'Each partner commitment to this outcome, its status at the end of the year and the partner\u2019s note.',
            header: ['Partner', 'Commitment', 'Status', 'Note'],
            widths: [1900, 4000, 1300, PORTRAIT_TEXT_WIDTH - 7200],
            size: 20,
            rows: commitments.map((entry) => [
              entry.partnerName,
              entry.commitment.action || 'Not yet written',
              entry.mark ? COMMITMENT_PROGRESS_LABELS[entry.mark.state] : 'Not reported',
              entry.mark?.note ?? '',
            ]),
          }),
    );
    blocks.push(context.heading(2, 'What the partners did'));
    let anyNarrative = false;
    for (const partner of snapshot.partners) {
      const text = progress.narratives
        .get(partner.id)
        ?.find((entry) => entry.year === year && entry.outcomeId === outcome.id)?.text;
      if (!text || isRichTextEmpty(text)) continue;
      anyNarrative = true;
      blocks.push(line(partner.name, { style: STYLE_IDS.minorHeading }), ...context.richText(text, 3));
    }
    if (!anyNarrative) blocks.push(note(`No partner has written about ${year} for this outcome yet.`));
    context.portrait(...blocks);
  }

  // ---- the year's engagement and equalities, and how statuses are judged ----
  const updates: BodyBlock[] = [];
  for (const key of YEAR_TEXT_KEYS) {
    if (key === 'summary') continue;
    const text = yearText(progress, year, key);
    updates.push(
      context.heading(1, YEAR_TEXT_TITLES[key], { newPage: key === 'engagement' }),
      ...(text ? context.richText(text, 1) : [note('Not yet written.')]),
    );
  }
  updates.push(
    context.heading(1, 'How progress is judged'),
    ...textParagraphs(
      'Each indicator is compared with a straight line from its baseline through its year 1, year 3 and year 10 targets, ' +
        'using the latest value recorded up to the end of the year. On track: at or better than that line. ' +
        'Some way to go: better than the baseline but behind the line. Off track: no better than the baseline. ' +
        'No data: no value since the baseline. Target not a number: the baseline or targets are written in words, so there is no line to compare with.',
    ),
  );
  context.portrait(...updates);

  const author = cleanLine(options.author ?? '').trim() || partnershipName(snapshot);
  const document = new Document({
    title: annualReportTitle(snapshot, year),
    subject: `Annual progress report on the ${area} Single Outcome Agreement ${periodLabel(snapshot)}, ${yearSpan(year)}`,
    creator: author,
    lastModifiedBy: author,
    description: `Annual Report ${year}`,
    keywords: 'Single Outcome Agreement; Annual Report; Community Planning',
    styles: documentStyles(),
    numbering: documentNumbering(context.rich.orderedStarts),
    sections: sections(context),
    pageNumbers: headingNumbersOnly,
  });
  return { document, charts };
}

function yearText(
  progress: ProgressSnapshot,
  year: ReportingYear,
  key: (typeof YEAR_TEXT_KEYS)[number],
): RichText | null {
  const text = progress.yearTexts.find((entry) => entry.year === year && entry.key === key)?.text;
  return text && !isRichTextEmpty(text) ? text : null;
}

function valueText(entry: IndicatorFacts): string {
  if (entry.thisYear)
    return formatFigure(entry.thisYear.value.value, entry.thisYear.value.text, entry.indicator.displayUnit);
  return entry.series.find((found) => found.year === entry.series[entry.series.length - 1]?.year)?.conflict
    ? 'Values conflict'
    : 'No value yet';
}

function statusSentence(entry: IndicatorFacts): string {
  const label = TRAJECTORY_STATE_LABELS[entry.status.state];
  return `Status: ${label}. ${entry.status.reason}`;
}

function summaryTable(facts: ReportFacts): BodyBlock {
  return dataTable({
    caption: `Every indicator and its status in ${facts.year}`,
    description: 'Each indicator once, with its outcome, baseline, value for the year, year 10 target and status.',
    header: ['Outcome', 'Indicator', 'Baseline', facts.year, 'Year 10 target', 'Status'],
    widths: [1150, 3150, 1400, 1300, 1400, PORTRAIT_TEXT_WIDTH - 8400],
    size: 20,
    rows: facts.indicators.map((entry) => [
      String(entry.outcome.number),
      entry.indicator.displayName,
      `${formatFigure(entry.indicator.baselineValue, entry.indicator.baselineValueText, entry.indicator.displayUnit)}${entry.indicator.baselineYearText ? ` (${entry.indicator.baselineYearText})` : ''}`,
      valueText(entry),
      formatFigure(entry.indicator.target10, entry.indicator.target10Text, entry.indicator.displayUnit),
      TRAJECTORY_STATE_LABELS[entry.status.state],
    ]),
  });
}

function valuesTable(facts: ReportFacts, indicators: readonly IndicatorFacts[], outcomeNumber: number): BodyBlock {
  const rows: string[][] = [];
  for (const entry of indicators) {
    for (const point of entry.series) {
      if (!point.record && !point.conflict) continue;
      rows.push([
        entry.indicator.displayName,
        point.year,
        point.conflict
          ? 'Values conflict'
          : point.record
            ? formatFigure(point.record.value.value, point.record.value.text, entry.indicator.displayUnit)
            : '',
        point.record?.source ?? '',
        point.record?.published ? formatUkDate(point.record.published) : '',
      ]);
    }
  }
  if (rows.length === 0) return note(`No values have been recorded for this outcome up to ${facts.year}.`);
  return dataTable({
    caption: `Values recorded for outcome ${outcomeNumber} up to ${facts.year}`,
    description:
      'Each value recorded for the indicators of this outcome, by year, with its source and when it was published.',
    header: ['Indicator', 'Year', 'Value', 'Source', 'Published'],
    widths: [3000, 1000, 1300, 2700, PORTRAIT_TEXT_WIDTH - 8000],
    size: 20,
    rows,
  });
}
