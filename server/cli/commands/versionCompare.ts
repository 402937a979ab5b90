/**
 * soa-relay version compare: what changed since a named version (or between two), section by section, with
 * who changed each section and the words inserted and deleted: the answer to "what changed since the draft
 * went to the Government?" on the server, and what the app's comparison shows.
 */
import type { Command } from '../command';
import { text } from '../command';
import { comparisonRecord } from '../../history/comparisonRecord';
import { lazyDateTimeFormat } from '../../../shared/text/lazyFormat';

const WHEN = lazyDateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

export const versionCompare: Command = {
  name: 'version compare',
  summary:
    'What changed since a named version (or, with --to, between two): the sections, who changed them, the words inserted and deleted.',
  usage: '--soa <id> --from <versionId> [--to <versionId>]',
  options: { soa: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } },
  required: ['soa', 'from'],
  run(input, output, directory) {
    const { from, to, sections } = comparisonRecord(
      directory().compareVersion(text(input, 'soa'), text(input, 'from'), text(input, 'to')),
    );
    const lines = [
      `Changes since "${from.name}" (${WHEN.format(new Date(from.createdAt))}) ${to ? `to "${to.name}"` : 'to now'}: ${sections.length === 0 ? 'none.' : `${sections.length} sections.`}`,
    ];
    for (const section of sections) {
      const by = section.changedBy
        .map((author) => (author.partnerName ? `${author.name} (${author.partnerName})` : author.name))
        .join(', ');
      lines.push('', `${section.title}, changed by ${by}`);
      const marked = section.pieces
        .map((piece) =>
          piece.kind === 'inserted' ? `[+${piece.text}+]` : piece.kind === 'deleted' ? `[-${piece.text}-]` : piece.text,
        )
        .join('');
      lines.push(
        ...marked
          .split('\n')
          .filter((line) => line.includes('[+') || line.includes('[-') || line.includes('+]') || line.includes('-]'))
          .map((line) => `  ${line}`),
      );
    }
    output.result({ from, to, sections }, lines.join('\n'));
  },
};
