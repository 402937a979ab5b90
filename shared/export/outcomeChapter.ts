/** One local outcome's chapter: its links, statement, evidence, partners' contributions and indicators. */
import type { ContributionView, IndicatorView, OutcomeView } from '../model/assemble';
import type { PartnerId } from '../model/ids';
import { INDICATOR_LINK_SCHEME_LABELS, type Commitment } from '../model/partner';
import { nationalOutcomeLabel } from '../reference';
import { dataTable, labelled, line, note, type BodyBlock, type CellContent } from './blocks';
import { equalityOutcomeKey, outcomeChapterKey, type ExportContext } from './context';
import { indicatorSource, targetYearLabels } from './indicatorEra';
import { formatFigure, formatResources, NOT_YET_WRITTEN } from './labels';
import { PORTRAIT_TEXT_WIDTH, STYLE_IDS } from './styles';
import { unreadableNote, unreadablePartner } from './unreadable';

export function outcomeChapter(context: ExportContext, outcome: OutcomeView, onlyPartner?: PartnerId): void {
  const blocks: BodyBlock[] = [
    context.heading(1, `Outcome ${outcome.number}: ${outcome.title || 'Untitled outcome'}`, {
      newPage: true,
      key: outcomeChapterKey(outcome.id),
    }),
    labelled('Lead partner', outcome.leadPartner?.name ?? 'Not yet chosen'),
    labelled(
      'Partners delivering',
      outcome.deliveringPartners.map((partner) => partner.name).join(', ') || 'None listed yet',
    ),
    labelled(
      'National Outcomes',
      outcome.nationalOutcomes.map((national) => `${nationalOutcomeLabel(national)}: ${national.text}`).join('; ') ||
        'Not yet linked',
    ),
    labelled('Policy priorities', outcome.priorities.map((priority) => priority.text).join('; ') || 'Not yet linked'),
    ...(outcome.tags.length > 0 ? [labelled('Tags', outcome.tags.join(', '))] : []),
    context.heading(2, 'What will be different in ten years'),
    ...context.richText(outcome.tenYearStatement, 2),
  ];
  if (!onlyPartner)
    blocks.push(context.heading(2, 'Why this outcome: the evidence'), ...context.richText(outcome.evidence, 2));

  blocks.push(context.heading(2, onlyPartner ? 'Our contribution' : 'What partners will contribute'));
  const contributions = outcome.contributions.filter(
    (contribution) => !onlyPartner || contribution.partner.id === onlyPartner,
  );
  const onlyUnreadable = unreadablePartner(context.snapshot, onlyPartner);
  if (contributions.length === 0)
    blocks.push(
      note(
        onlyUnreadable
          ? unreadableNote(onlyUnreadable)
          : onlyPartner
            ? NOT_YET_WRITTEN
            : 'No partner has written a contribution yet.',
      ),
    );
  for (const contribution of contributions) blocks.push(...contributionBlocks(context, contribution, !onlyPartner));
  if (!onlyPartner) {
    const silent = outcome.deliveringPartners.filter(
      (partner) => !contributions.some((contribution) => contribution.partner.id === partner.id),
    );
    for (const partner of silent) {
      const unreadable = unreadablePartner(context.snapshot, partner.id);
      blocks.push(
        note(
          unreadable
            ? unreadableNote(unreadable)
            : `${partner.name} is listed as delivering this outcome but has not yet written its contribution.`,
        ),
      );
    }
  }

  blocks.push(
    context.heading(2, 'Equality outcome', { key: equalityOutcomeKey(outcome.id) }),
    ...context.plainOrNote(outcome.equalityNote),
  );
  context.portrait(...blocks);
  indicatorTable(context, outcome, onlyPartner);
}

function contributionBlocks(context: ExportContext, contribution: ContributionView, withHeading: boolean): BodyBlock[] {
  const blocks: BodyBlock[] = [];
  if (withHeading) blocks.push(context.heading(3, contribution.partner.name));
  blocks.push(...context.richText(contribution.statement, 3));
  if (contribution.commitments.length > 0) {
    blocks.push(line(`Commitments of ${contribution.partner.name}`, { style: STYLE_IDS.minorHeading }));
    blocks.push(commitmentTable(context, contribution.commitments, `Commitments of ${contribution.partner.name}`));
  }
  return blocks;
}

function commitmentTable(context: ExportContext, commitments: readonly Commitment[], caption: string): BodyBlock {
  return dataTable({
    caption,
    description: 'What the partner will do, by when, with what money and staff, and whether it is preventative.',
    header: ['What we will do', 'By when', 'Resources', 'Preventative'],
    widths: [PORTRAIT_TEXT_WIDTH - 5800, 1900, 2000, 1900],
    rows: commitments.map((commitment) => [
      commitment.action || NOT_YET_WRITTEN,
      commitment.timescale,
      formatResources(commitment),
      commitment.preventative ? 'Yes' : 'No',
    ]),
  });
}

/**
 * Indicator | Source | Baseline (year) | the three targets under their financial years | Lead partner, on a
 * portrait page like the chapter it closes, in table text of 10 pt. One rule for every outcome: the table is
 * kept on one page (it moves whole to the next page rather than strand a row or two), and a word too long for
 * its column wraps inside the cell instead of earning a landscape page of its own.
 */
function indicatorTable(context: ExportContext, outcome: OutcomeView, onlyPartner?: PartnerId): void {
  const indicators = outcome.indicators;
  const heading = context.heading(2, 'Indicators and targets');
  if (indicators.length === 0) {
    context.portrait(heading, note('No indicators have been set for this outcome yet.'));
    return;
  }
  const rows: CellContent[][] = indicators.map((indicator) => [
    indicatorLabel(indicator),
    indicatorSource(indicator, context.snapshot) || 'Not given',
    `${formatFigure(indicator.baselineValue, indicator.baselineValueText, indicator.displayUnit)}${indicator.baselineYearText.trim() ? ` (${indicator.baselineYearText.trim()})` : ''}`,
    formatFigure(indicator.target1, indicator.target1Text, indicator.displayUnit),
    formatFigure(indicator.target3, indicator.target3Text, indicator.displayUnit),
    formatFigure(indicator.target10, indicator.target10Text, indicator.displayUnit),
    indicator.leadPartner?.name ?? 'Not yet chosen',
  ]);
  const [year1, year3, year10] = targetYearLabels(context.snapshot);
  const header = ['Indicator', 'Source', 'Baseline (year)', year1, year3, year10, 'Lead partner'];
  const links = partnerLinksFor(context, outcome, PORTRAIT_TEXT_WIDTH, onlyPartner);
  context.portrait(
    heading,
    dataTable({
      caption: `Indicators and targets of outcome ${outcome.number}`,
      description: 'Each indicator with its source, baseline, targets and lead partner.',
      header,
      widths: INDICATOR_WIDTHS,
      rows,
      size: INDICATOR_TABLE_SIZE,
      keepTogether: true,
      // The partners' own targets belong with the indicators: never a row or two of them alone on a page.
      keepWithNext: links.length > 0,
    }),
    ...links,
  );
}

/** Columns of the indicator table on a portrait page (twips; they add up to the text width). */
const INDICATOR_WIDTHS = [2150, 1450, 1250, 1050, 1050, 1050, PORTRAIT_TEXT_WIDTH - 8000];
/** Half-points: the indicator tables' text is 10 pt, so seven columns fit a portrait page. */
const INDICATOR_TABLE_SIZE = 20;

/** Partners' own targets (HEAT, LDP, police and fire plans) linked to this outcome. */
function partnerLinksFor(
  context: ExportContext,
  outcome: OutcomeView,
  width: number,
  onlyPartner?: PartnerId,
): BodyBlock[] {
  const indicatorIds = new Set<string>(outcome.indicators.map((indicator) => indicator.id));
  const rows: string[][] = [];
  for (const partner of context.snapshot.partners) {
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
    dataTable({
      caption: `Partners\u2019 own targets linked to outcome ${outcome.number}`,
      header: ['Partner', 'Plan', 'Reference', 'What it measures'],
      widths: [2200, 2000, 2000, width - 6200],
      rows,
      keepTogether: true,
    }),
  ];
}

/** The indicator's name, with its unit when the figures do not carry it. */
function indicatorLabel(indicator: IndicatorView): CellContent {
  const unit = indicator.displayUnit.trim();
  return unit && unit !== '%' ? `${indicator.displayName}\nUnit: ${unit}` : indicator.displayName;
}
