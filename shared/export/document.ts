/**
 * The SOA as a Word document: the docx object tree built from an assembled `SoaSnapshot`, in the order of
 * SOA.md ("What the exported Word document looks like"). Pure: the same snapshot and options always give
 * the same tree, and nothing here touches a DOM, the file system or the clock.
 *
 * Each part of the document has a module of its own (frontMatter, wholeChapters, visionChapter,
 * outcomeChapter, preventionChapter, partnerChapters, annexes), all writing into one `ExportContext`;
 * sections.ts turns its page runs into Word sections.
 *
 * The export takes any snapshot. A saved version of the SOA is just another snapshot, so exporting "from a
 * saved version" needs nothing here beyond assembling that version's documents.
 */
import { Document } from 'docx';
import type { SoaSnapshot } from '../model/assemble';
import { annexes } from './annexes';
import { headingNumbersOnly } from './contentsNumbers';
import { ExportContext, type ExportOptions } from './context';
import { contents, cover, insideCover, statementOfSupport } from './frontMatter';
import { areaName, documentTitle, partnershipName, periodLabel } from './labels';
import { partnerChapters } from './partnerChapters';
import { cleanLine } from './sanitize';
import { sections } from './sections';
import { documentNumbering, documentStyles } from './styles';
import { wholeChapters } from './wholeChapters';

export type { ExportOptions } from './context';
export { areaName, documentStatus, NOT_YET_WRITTEN, periodLabel } from './labels';

/** Builds the document. See the module comment; `buildSoaDocument` in index.ts is the public name. */
export function buildDocument(snapshot: SoaSnapshot, options: ExportOptions): Document {
  const context = new ExportContext(snapshot, options);
  cover(context);
  insideCover(context);
  statementOfSupport(context);
  contents(context);
  if (context.partner) partnerChapters(context, context.partner);
  else wholeChapters(context);
  annexes(context);
  context.resolveReferences();

  const author = cleanLine(options.author ?? '').trim() || partnershipName(snapshot);
  return new Document({
    title: documentTitle(snapshot, context.partner),
    subject: `Single Outcome Agreement ${periodLabel(snapshot)} between ${areaName(snapshot)} Community Planning Partnership and the Scottish Government`,
    creator: author,
    lastModifiedBy: author,
    description: context.status,
    keywords: 'Single Outcome Agreement; Community Planning',
    styles: documentStyles(),
    numbering: documentNumbering(context.rich.orderedStarts),
    sections: sections(context),
    // No updateFields: Word would ask every reader to update fields on opening (see contentsEntries.ts).
    // The contents entries get the headings' numbers; page numbers are left for Word (see contentsNumbers.ts).
    pageNumbers: headingNumbersOnly,
  });
}
