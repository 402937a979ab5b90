/** The chapters of one partner's extract, for its board. */
import type { PartnerView } from '../model/assemble';
import { note, textParagraphs } from './blocks';
import type { ExportContext } from './context';
import { documentTitle } from './labels';
import { outcomeChapter } from './outcomeChapter';
import { preventionChapter } from './preventionChapter';
import { unreadableNote } from './unreadable';

export function partnerChapters(context: ExportContext, partner: PartnerView): void {
  const snapshot = context.snapshot;
  context.portrait(
    context.heading(1, 'About this document', { newPage: true }),
    ...textParagraphs(
      `This document sets out the contribution of ${partner.name} to the ${documentTitle(snapshot, null)}, for its board. ` +
        'It contains the partner\u2019s statement, its contribution and commitments to each local outcome it works on, ' +
        'the indicators of those outcomes and its resources. The full agreement sets out the partnership\u2019s ' +
        'vision, its understanding of place and the contributions of every partner.',
    ),
    context.heading(1, `Statement of ${partner.name}`),
    ...(partner.unreadable ? [note(unreadableNote(partner))] : context.richText(partner.statement, 1)),
  );
  const relevant = snapshot.outcomes.filter(
    (outcome) =>
      outcome.leadPartner?.id === partner.id ||
      outcome.deliveringPartners.some((delivering) => delivering.id === partner.id) ||
      outcome.indicators.some((indicator) => indicator.leadPartner?.id === partner.id),
  );
  if (relevant.length === 0) context.portrait(note(`${partner.name} does not yet contribute to any local outcome.`));
  for (const outcome of relevant) outcomeChapter(context, outcome, partner.id);
  preventionChapter(context);
}
