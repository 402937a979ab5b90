/** The prevention chapter: resources by partner and preventative commitments by outcome. */
import type { SoaSnapshot } from '../model/assemble';
import { NARRATIVE_TITLES } from '../model/frame';
import { dataTable, note, textParagraphs, type BodyBlock } from './blocks';
import type { ExportContext } from './context';
import { areaName, FTE_FORMAT, money } from './labels';
import { PORTRAIT_TEXT_WIDTH } from './styles';

export function preventionChapter(context: ExportContext): void {
  const snapshot = context.snapshot;
  const blocks: BodyBlock[] = [
    context.heading(1, NARRATIVE_TITLES.preventionOverview, { newPage: true }),
    ...context.richText(snapshot.narrative.preventionOverview, 1),
    context.heading(2, 'Resources by partner'),
    ...textParagraphs(
      'The resources partners have committed to the local outcomes, from their commitments, and how much of them is preventative spend.',
    ),
  ];
  blocks.push(
    resourcesTable(
      context,
      snapshot.resources.byPartner.filter((row) => !context.partner || row.partner.id === context.partner.id),
      !context.partner,
    ),
  );
  blocks.push(...totalResourcesBlocks(context));
  // Preventative spend by outcome, one row each, with the partners carrying it; the actions themselves are in
  // each outcome's chapter (their one home).
  const preventative: string[][] = [];
  for (const outcome of snapshot.outcomes) {
    let count = 0;
    let pounds = 0;
    let fte = 0;
    const partners: string[] = [];
    for (const contribution of outcome.contributions) {
      if (context.partner && contribution.partner.id !== context.partner.id) continue;
      const chosen = contribution.commitments.filter((commitment) => commitment.preventative);
      if (chosen.length === 0) continue;
      count += chosen.length;
      pounds += chosen.reduce((sum, commitment) => sum + (commitment.resourcePounds ?? 0), 0);
      fte += chosen.reduce((sum, commitment) => sum + (commitment.resourceFte ?? 0), 0);
      partners.push(`${contribution.partner.name} (${chosen.length})`);
    }
    if (count > 0)
      preventative.push([
        `${outcome.number}. ${outcome.title}`,
        partners.join('\n'),
        String(count),
        money(pounds),
        FTE_FORMAT.format(fte),
      ]);
  }
  blocks.push(context.heading(2, 'Preventative commitments by outcome'));
  blocks.push(
    preventative.length === 0
      ? note('No commitments have been marked as preventative yet.')
      : dataTable({
          caption: 'Preventative commitments by outcome',
          description:
            'For each local outcome, the partners with preventative commitments (and how many each), the number of commitments and the money and staff they carry.',
          // Short header words: a column narrower than "Commitments" would break it mid-word.
          header: ['Local outcome', 'Partners (commitments)', 'How many', 'Money', 'Staff (FTE)'],
          widths: [PORTRAIT_TEXT_WIDTH - 7000, 2700, 1300, 1600, 1400],
          rows: preventative,
        }),
  );
  context.portrait(...blocks);
}

function resourcesTable(
  context: ExportContext,
  rows: SoaSnapshot['resources']['byPartner'],
  withTotal: boolean,
): BodyBlock {
  const total = context.snapshot.resources.total;
  const body: string[][] = rows.map((row) => [
    row.partner.name,
    money(row.pounds),
    FTE_FORMAT.format(row.fte),
    money(row.preventativePounds),
    FTE_FORMAT.format(row.preventativeFte),
  ]);
  if (withTotal)
    body.push([
      'Total',
      money(total.pounds),
      FTE_FORMAT.format(total.fte),
      money(total.preventativePounds),
      FTE_FORMAT.format(total.preventativeFte),
    ]);
  return dataTable({
    caption: 'Resources committed by partner',
    description:
      'The money and staff each partner has committed to the local outcomes, and how much of each is preventative.',
    header: ['Partner', 'Money committed', 'Staff (FTE)', 'Preventative money', 'Preventative staff (FTE)'],
    widths: [PORTRAIT_TEXT_WIDTH - 7400, 2000, 1500, 2000, 1900],
    rows: body,
    ...(withTotal ? { boldRows: [body.length - 1] } : {}),
  });
}

/**
 * Each partner's total resources deployed in the area, as the partner states them (amount, year, basis), beside
 * what it commits through this agreement: the guidance asks for both, and the commitments alone understate
 * what partners bring.
 */
function totalResourcesBlocks(context: ExportContext): BodyBlock[] {
  const snapshot = context.snapshot;
  const partners = snapshot.partners.filter((partner) => !context.partner || partner.id === context.partner.id);
  if (partners.length === 0) return [];
  const committed = new Map(snapshot.resources.byPartner.map((row) => [row.partner.id, row.pounds] as const));
  const rows = partners.map((partner) => {
    const total = partner.totalResources;
    const stated = total.amount !== null ? money(total.amount) : total.amountText || 'Not stated';
    const share =
      total.amount !== null && total.amount > 0
        ? ` (${SHARE_FORMAT.format((committed.get(partner.id) ?? 0) / total.amount)})`
        : '';
    return [
      partner.name,
      stated,
      total.year || 'Not stated',
      `${money(committed.get(partner.id) ?? 0)}${share}`,
      total.basis.trim() || 'Not stated',
    ];
  });
  const allStated = partners.every((partner) => partner.totalResources.amount !== null);
  const withTotal = !context.partner && allStated && partners.length > 1;
  if (withTotal) {
    const total = partners.reduce((sum, partner) => sum + (partner.totalResources.amount ?? 0), 0);
    const pledged = partners.reduce((sum, partner) => sum + (committed.get(partner.id) ?? 0), 0);
    rows.push([
      'Total',
      money(total),
      '',
      `${money(pledged)}${total > 0 ? ` (${SHARE_FORMAT.format(pledged / total)})` : ''}`,
      '',
    ]);
  }
  return [
    context.heading(2, 'Total resources deployed in the area'),
    ...textParagraphs(
      `The total resources each partner deploys in ${areaName(snapshot)}, as the partner states them, beside the money it commits ` +
        'through this agreement (with the share of its total that this is). The commitments are what partners do differently ' +
        'together; the totals are what they bring to the area as a whole.',
      // With its table: never the heading and this sentence alone at the foot of a page.
      { keepNext: true },
    ),
    dataTable({
      caption: 'Total resources deployed in the area by partner',
      description:
        'For each partner, its total resources in the area with their year and basis, and the money it commits to the local outcomes.',
      header: ['Partner', 'Total resources', 'Year', 'Committed to the SOA', 'Basis of the total'],
      widths: [2200, 1700, 1100, 1900, PORTRAIT_TEXT_WIDTH - 6900],
      size: 20,
      rows,
      keepTogether: true,
      ...(withTotal ? { boldRows: [rows.length - 1] } : {}),
    }),
  ];
}

const SHARE_FORMAT = new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 });
