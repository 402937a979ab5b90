/**
 * soa-relay version create: records a named version of an SOA (the exact state of every room as the relay
 * has stored it now), such as the draft submitted to the Scottish Government. Safe while the relay runs.
 */
import type { Command } from '../command';
import { text } from '../command';

export const versionCreate: Command = {
  name: 'version create',
  summary: 'Record a named version of an SOA: the exact state of every room as stored now (never changed afterwards).',
  usage: '--soa <id> --name <text>',
  options: { soa: { type: 'string' }, name: { type: 'string' } },
  required: ['soa', 'name'],
  run(input, output, directory) {
    const record = directory().versions().create(text(input, 'soa'), text(input, 'name'), null);
    output.result(
      {
        versionId: record.versionId,
        name: record.name,
        createdAt: record.createdAt,
        createdBy: record.createdBy,
        rooms: record.rooms,
      },
      `Recorded version "${record.name}" (${record.versionId}) of ${record.rooms.length} rooms.`,
    );
  },
};
