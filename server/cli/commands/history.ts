/**
 * soa-relay history: who changed what in an SOA, and when, from the relay's audit (every stored update with
 * its member and time, kept through compaction). For the coordinator checking who last touched a section,
 * and for the record the Scottish Government may ask for.
 */
import { isWellFormedId, type PartnerId } from '../../../shared/model/ids';
import { historyRows } from '../../history/historyRows';
import type { HistoryEntry } from '../../history/summariseHistory';
import { InputError } from '../../inputError';
import type { Command } from '../command';
import { text } from '../command';
import { lazyDateTimeFormat } from '../../../shared/text/lazyFormat';

/** "31 March 2026, 14:02", in UK time (Europe/London), as the partnerships read it. */
const WHEN = lazyDateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const TIME = lazyDateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const DAY = lazyDateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

function when(entry: HistoryEntry): string {
  const from = WHEN.format(entry.from);
  if (entry.to === entry.from) return from;
  const sameDay = DAY.format(entry.from) === DAY.format(entry.to);
  return `${from} to ${sameDay ? TIME.format(entry.to) : WHEN.format(entry.to)}`;
}

export const history: Command = {
  name: 'history',
  summary: "Who changed what in an SOA, and when, from the relay's audit (with --partner, one partner's room only).",
  usage: '--soa <id> [--partner <id>]',
  options: { soa: { type: 'string' }, partner: { type: 'string' } },
  required: ['soa'],
  run(input, output, directory) {
    const partnerOption = text(input, 'partner');
    if (partnerOption !== undefined && !isWellFormedId(partnerOption))
      throw new InputError(`${JSON.stringify(partnerOption)} is not a valid partner id.`);
    const soa = directory().readSoaHistory(text(input, 'soa'));
    const partnerNames = new Map(soa.partners.map((partner) => [partner.id as string, partner.name]));
    if (partnerOption !== undefined && !partnerNames.has(partnerOption))
      throw new InputError(`No partner with id ${partnerOption} in this SOA's partnership.`);
    const named = historyRows(soa, partnerOption as PartnerId | undefined);
    const where = (entry: HistoryEntry): string =>
      entry.partnerId === null ? 'the SOA frame' : `${partnerNames.get(entry.partnerId) ?? 'a removed partner'}'s room`;
    const lines = named.map(({ entry, row }) => {
      const by = row.partnerName
        ? `${row.memberName} (${row.partnerName}, ${row.role ?? 'no longer listed'})`
        : row.memberName;
      const sections = entry.sections.length > 0 ? entry.sections.join('; ') : 'no visible change';
      const count = entry.changes === 1 ? '1 change' : `${entry.changes} changes`;
      return `${when(entry)}  ${by} in ${where(entry)}: ${sections} (${count})`;
    });
    const heading = `History of "${soa.title}" (${soa.soaId}), oldest first; times are UK time.`;
    output.result(
      { soaId: soa.soaId, title: soa.title, entries: named.map(({ row }) => row) },
      named.length > 0 ? [heading, ...lines].join('\n') : `${heading}\nNothing has been stored yet.`,
    );
  },
};
