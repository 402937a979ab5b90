/** The front matter: cover, inside cover (other formats, document control), statement of support and contents. */
import { HeadingLevel, TableOfContents } from 'docx';
import { formatUkDate } from '../text/dates';
import { dataTable, line, note, textParagraphs } from './blocks';
import type { ExportContext } from './context';
import { areaName, documentTitle, partnershipName, periodLabel, signOffLabel } from './labels';
import { cleanLine } from './sanitize';
import { agreesNow, supportStatement } from './support';
import { PORTRAIT_TEXT_WIDTH, STYLE_IDS } from './styles';

export function cover(context: ExportContext): void {
  const snapshot = context.snapshot;
  const area = areaName(snapshot);
  context.portrait(
    // Space above is the paragraphs' own spacing: no empty paragraphs as spacers.
    line(
      partnershipName(snapshot),
      { style: STYLE_IDS.coverLine, spacing: { before: 2400, after: 240 } },
      { bold: true },
    ),
    line(`Single Outcome Agreement ${periodLabel(snapshot)}`, { heading: HeadingLevel.TITLE }),
    line(`between ${area} Community Planning Partnership and the Scottish Government`, { style: STYLE_IDS.coverLine }),
    ...(context.partner
      ? [line(`Contribution of ${context.partner.name}`, { style: STYLE_IDS.coverLine }, { bold: true })]
      : []),
    line(
      context.status,
      { style: STYLE_IDS.coverLine, spacing: { before: 1200, after: 240 } },
      { bold: true, size: 40 },
    ),
    line(formatUkDate(context.options.generatedOn), { style: STYLE_IDS.coverLine }),
  );
}

export function insideCover(context: ExportContext): void {
  const snapshot = context.snapshot;
  const contact = cleanLine(snapshot.meta.alternativeFormatsContact).trim();
  context.portrait(
    line('Other formats and languages', { style: STYLE_IDS.frontHeading, pageBreakBefore: true }),
    // Partnerships often write the whole statement in the contact field; then it is said once, in their words.
    ...(writesOwnStatement(contact)
      ? textParagraphs(contact)
      : [
          ...textParagraphs(
            'This document is available in other formats, such as large print, easy read, Braille and audio, and in ' +
              'community languages, on request.',
          ),
          ...textParagraphs(
            contact ? `Contact: ${contact}` : `Contact the community planning team of ${partnershipName(snapshot)}.`,
          ),
        ]),
    line('Document control', { style: STYLE_IDS.frontHeading }),
    dataTable({
      caption: 'Document control',
      description: 'The title, version, date and status of this document, and how many partners have signed it off.',
      header: ['Item', 'Detail'],
      widths: [3200, PORTRAIT_TEXT_WIDTH - 3200],
      rows: [
        ['Title', documentTitle(snapshot, context.partner)],
        ['Version', cleanLine(snapshot.meta.version) || '0.1'],
        ['Date', formatUkDate(context.options.generatedOn)],
        ['Status', context.status],
        ['National Performance Framework', snapshot.framework.name],
        ...(snapshot.meta.draftDue
          ? [['Draft due with the Scottish Government', formatUkDate(snapshot.meta.draftDue)]]
          : []),
        ...(snapshot.meta.agreementDue ? [['Agreement due', formatUkDate(snapshot.meta.agreementDue)]] : []),
        [
          'Partners signed off',
          `${snapshot.partners.filter((partner) => agreesNow(partner.signOff)).length} of ${snapshot.partners.length}`,
        ],
      ],
    }),
  );
}

export function statementOfSupport(context: ExportContext): void {
  const partners = context.partner ? [context.partner] : context.snapshot.partners;
  context.portrait(
    line('Statement of support', { style: STYLE_IDS.frontHeading, pageBreakBefore: true }),
    ...textParagraphs(supportStatement(partners, partnershipName(context.snapshot), areaName(context.snapshot))),
    partners.length === 0
      ? note('No partners have been added yet.')
      : dataTable({
          caption: 'Sign-off by partner',
          description:
            'Each partner organisation, who signs for it, their position, the date and the state of its sign-off.',
          header: ['Organisation', 'Signatory', 'Position', 'Date', 'Sign-off'],
          // The date column fits "28 February 2013" on one or two lines, not three.
          widths: [2300, 1700, 1900, 2000, PORTRAIT_TEXT_WIDTH - 7900],
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

export function contents(context: ExportContext): void {
  context.portrait(
    line('Contents', { style: STYLE_IDS.frontHeading, pageBreakBefore: true }),
    // Word's own contents field: docx writes the entries from our headings, so it reads right before Word
    // updates it (References > Update Table).
    // Not dirty: a dirty field makes Word ask to update fields on opening (see contentsEntries.ts).
    new TableOfContents('Contents', { hyperlink: true, headingStyleRange: '1-2' }),
  );
}

/** Whether the alternative-formats contact already says that the document is available on request. */
function writesOwnStatement(contact: string): boolean {
  return /\bavailable\b/i.test(contact) && /\bon request\b/i.test(contact);
}
