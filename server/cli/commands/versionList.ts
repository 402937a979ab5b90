/** soa-relay version list: an SOA's named versions, oldest first. */
import type { Command } from '../command';
import { text } from '../command';
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

export const versionList: Command = {
  name: 'version list',
  summary: "List an SOA's named versions, oldest first.",
  usage: '--soa <id>',
  options: { soa: { type: 'string' } },
  required: ['soa'],
  run(input, output, directory) {
    const versions = directory().versions().list(text(input, 'soa'));
    const lines = versions.map(
      (version) =>
        `${version.versionId}  ${WHEN.format(new Date(version.createdAt))}  "${version.name}" (recorded by ${version.createdByName})`,
    );
    output.result({ versions }, versions.length > 0 ? lines.join('\n') : 'No versions recorded yet.');
  },
};
