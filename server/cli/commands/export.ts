/**
 * soa-relay export: the SOA as stored on the relay, exported to a submission-ready Word document, with no
 * app involved (for the coordinator's office, or a scheduled copy). The same pipeline as the editor's
 * export button (shared/export). With --pdf, the document is converted by LibreOffice into a tagged PDF with
 * bookmarks and the contents' page numbers, for publishing (server/export/libreOfficePdf.ts); without
 * LibreOffice that is one plain line and exit code 2, and the .docx export never needs it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { assembleFromDocs } from '../../../shared/model/assemble';
import { isWellFormedId, type PartnerId } from '../../../shared/model/ids';
import { todayIso } from '../../../shared/text/dates';
import { InputError } from '../../inputError';
import type { Command } from '../command';
import { text } from '../command';

export const exportCommand: Command = {
  name: 'export',
  summary:
    "Export an SOA to a Word document (.docx), or with --pdf to a tagged PDF with bookmarks for publishing (needs LibreOffice): the whole SOA, or with --partner one partner's contributions only.",
  usage:
    '--soa <id> --out <file.docx|file.pdf> [--partner <id>] [--pdf] [--comments] [--version <versionId> | --changes-since <versionId>] [--date <yyyy-mm-dd>]',
  options: {
    soa: { type: 'string' },
    out: { type: 'string' },
    partner: { type: 'string' },
    pdf: { type: 'boolean' },
    comments: { type: 'boolean' },
    version: { type: 'string' },
    'changes-since': { type: 'string' },
    date: { type: 'string' },
  },
  required: ['soa', 'out'],
  async run(input, output, directory) {
    const out = path.resolve(text(input, 'out') ?? '');
    const asPdf = input.options.pdf === true;
    const extension = asPdf ? '.pdf' : '.docx';
    if (!out.toLowerCase().endsWith(extension))
      throw new InputError(`The output file must end in ${extension} (got ${out}).`);
    if (!fs.existsSync(path.dirname(out)))
      throw new InputError(`The folder ${path.dirname(out)} does not exist; create it or choose another --out path.`);
    const partnerOption = text(input, 'partner');
    // The export date printed in the document (default today): two exports of one state on one date are the same bytes.
    const generatedOn = text(input, 'date') ?? todayIso();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(generatedOn) || Number.isNaN(Date.parse(`${generatedOn}T00:00:00Z`)))
      throw new InputError(`--date must be a date such as 2026-04-01 (got ${JSON.stringify(generatedOn)}).`);
    if (partnerOption !== undefined && !isWellFormedId(partnerOption))
      throw new InputError(`${JSON.stringify(partnerOption)} is not a valid partner id.`);

    // Before any work: a missing LibreOffice is the administrator's to fix, said in one line.
    let soffice: string | undefined;
    if (asPdf) {
      const { findLibreOffice, LibreOfficeMissing } = await import('../../export/libreOfficePdf');
      try {
        soffice = findLibreOffice();
      } catch (error) {
        if (error instanceof LibreOfficeMissing) throw new InputError(error.message);
        throw error;
      }
    }

    // With --version, the rooms as that named version holds them (exactly as they were when it was recorded).
    const versionOption = text(input, 'version');
    // With --changes-since, the SOA now with its differences from that version as Word tracked changes.
    const changesSince = text(input, 'changes-since');
    if (changesSince !== undefined && (versionOption !== undefined || asPdf))
      throw new InputError(
        '--changes-since writes a Word document of the SOA now; give it without --version or --pdf.',
      );
    if (changesSince !== undefined) directory().versions().read(text(input, 'soa'), changesSince);
    if (changesSince !== undefined && input.options.comments === true)
      throw new InputError('--comments makes a review copy of the SOA; give it without --changes-since.');
    const rooms =
      versionOption === undefined
        ? directory().readSoaRooms(text(input, 'soa'))
        : directory().versions().read(text(input, 'soa'), versionOption);
    // Loaded here, not at the top: every soa-relay command (serve included) would otherwise hold the Word
    // library in memory.
    const { exportSoaDocx, documentStatus } = await import('../../../shared/export');
    const snapshot = assembleFromDocs(rooms.frame, rooms.partnerDocs);
    const partnerId = partnerOption as PartnerId | undefined;
    if (partnerId && !snapshot.partners.some((partner) => partner.id === partnerId)) {
      throw new InputError(`Partner ${partnerId} is not a partner of SOA ${rooms.soaId}.`);
    }
    // --comments: the review copy, with the open comment threads as Word comments (issue 15).
    const threads =
      input.options.comments === true
        ? (await import('./reviewCopy')).reviewThreads(directory(), rooms, partnerId)
        : undefined;
    const showProgress = !input.json && process.stderr.isTTY;
    const exportOptions = {
      scope: partnerId ? ({ kind: 'partner', partnerId } as const) : ({ kind: 'whole' } as const),
      generatedOn,
      author: snapshot.meta.partnershipName || undefined,
      ...(threads ? { reviewThreads: threads } : {}),
    };
    const docx =
      changesSince !== undefined
        ? await (
            await import('../../export/changesSince')
          ).exportChangesSince(directory(), rooms.soaId, changesSince, snapshot, exportOptions)
        : await exportSoaDocx(snapshot, exportOptions, (progress) => {
            if (showProgress)
              process.stderr.write(`\rExporting: ${Math.round(progress.fraction * 100)}% ${progress.stage.padEnd(40)}`);
          });
    if (showProgress) process.stderr.write('\n');
    const reviewCopy = threads ? { openThreads: threads.filter((thread) => thread.state === 'open').length } : null;
    let bytes = docx;
    let warning: string | undefined;
    if (soffice) {
      if (showProgress) process.stderr.write('Converting to PDF with LibreOffice\n');
      const { docxToPdf } = await import('../../export/libreOfficePdf');
      const converted = await docxToPdf(docx, { soffice });
      bytes = converted.pdf;
      warning = converted.warning;
      if (warning && !input.json) process.stderr.write(`soa-relay: ${warning}\n`);
    }

    // Write beside the target and rename, so a failed export never leaves half a document at --out.
    const temporary = `${out}.${process.pid}.part`;
    try {
      fs.writeFileSync(temporary, bytes);
      fs.renameSync(temporary, out);
    } catch (error) {
      fs.rmSync(temporary, { force: true });
      throw new InputError(`Could not write ${out}: ${error instanceof Error ? error.message : String(error)}.`);
    }
    const status = documentStatus(snapshot);
    output.result(
      {
        out,
        bytes: bytes.byteLength,
        soaId: rooms.soaId,
        status,
        partnerId: partnerId ?? null,
        format: asPdf ? 'pdf' : 'docx',
        ...(reviewCopy ? { openComments: reviewCopy.openThreads } : {}),
        ...(versionOption !== undefined ? { versionId: versionOption } : {}),
        ...(changesSince !== undefined ? { changesSince } : {}),
        ...(warning ? { warning } : {}),
      },
      `Exported ${reviewCopy ? 'a review copy of ' : ''}"${snapshot.meta.title || 'Untitled SOA'}" (${status}) to ${out} (${Math.round(bytes.byteLength / 1024)} KB)${reviewCopy ? `, with ${reviewCopy.openThreads === 1 ? '1 open comment' : `${reviewCopy.openThreads} open comments`}` : ''}.`,
    );
  },
};
