/**
 * soa-relay report: the Annual Report of an SOA for one reporting year, straight from the relay's database,
 * through the same export pipeline as the app's "Export Annual Report" (shared/export/annualReport).
 * --json prints what was written and the year's figures (indicators on track, off track, without a value).
 */
import fs from 'node:fs';
import path from 'node:path';
import { assembleFromDocs } from '../../../shared/model/assemble';
import { FrameDocument } from '../../../shared/model/frame';
import { assembleProgress } from '../../../shared/model/progress';
import { readProgressRooms } from '../../../shared/model/readProgress';
import { parseReportingYear } from '../../../shared/model/reportingYear';
import { todayIso } from '../../../shared/text/dates';
import { InputError } from '../../inputError';
import type { Command } from '../command';
import { text } from '../command';

export const report: Command = {
  name: 'report',
  summary:
    'Write the Annual Report of an SOA for a reporting year (e.g. 2014/15) to a Word document: every indicator with its status and chart, the commitments and what the partners did.',
  usage: '--soa <id> --year <2014/15> --out <file.docx>',
  options: { soa: { type: 'string' }, year: { type: 'string' }, out: { type: 'string' } },
  required: ['soa', 'year', 'out'],
  async run(input, output, directory) {
    const out = path.resolve(text(input, 'out') ?? '');
    if (!out.toLowerCase().endsWith('.docx')) throw new InputError(`The output file must end in .docx (got ${out}).`);
    if (!fs.existsSync(path.dirname(out)))
      throw new InputError(`The folder ${path.dirname(out)} does not exist; create it or choose another --out path.`);
    const typedYear = text(input, 'year') ?? '';
    const year = parseReportingYear(typedYear);
    if (!year) throw new InputError(`${JSON.stringify(typedYear)} is not a reporting year; write it as 2014/15.`);

    const rooms = directory().readSoaRooms(text(input, 'soa'));
    const snapshot = assembleFromDocs(rooms.frame, rooms.partnerDocs);
    const progress = assembleProgress(
      new FrameDocument(rooms.frame).read(),
      readProgressRooms(rooms.frame, rooms.partnerDocs),
    );
    // Loaded here, not at the top: every soa-relay command would otherwise hold the Word library in memory.
    const { exportAnnualReportDocx, reportFacts } = await import('../../../shared/export/annualReport');
    const bytes = await exportAnnualReportDocx(snapshot, progress, {
      year,
      generatedOn: todayIso(),
      author: snapshot.meta.partnershipName || undefined,
    });
    const temporary = `${out}.${process.pid}.part`;
    try {
      fs.writeFileSync(temporary, bytes);
      fs.renameSync(temporary, out);
    } catch (error) {
      fs.rmSync(temporary, { force: true });
      throw new InputError(`Could not write ${out}: ${error instanceof Error ? error.message : String(error)}.`);
    }
    const facts = reportFacts(snapshot, progress, year);
    output.result(
      {
        out,
        bytes: bytes.byteLength,
        soaId: rooms.soaId,
        year,
        indicators: facts.indicators.length,
        onTrack: facts.counts['on-track'],
        someWayToGo: facts.counts['some-way-to-go'],
        offTrack: facts.counts['off-track'],
        withoutValueThisYear: facts.missingThisYear,
      },
      `Wrote the Annual Report ${year} of "${snapshot.meta.title || 'Untitled SOA'}" to ${out} (${Math.round(bytes.byteLength / 1024)} KB): ` +
        `${facts.counts['on-track']} of ${facts.indicators.length} indicators on track, ${facts.counts['off-track']} off track.`,
    );
  },
};
