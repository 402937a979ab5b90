import fs from 'node:fs';
import path from 'node:path';
import { latestBundle } from '../../bundle/exportLatest';
import { InputError } from '../../inputError';
import type { Command } from '../command';
import { text } from '../command';

export const bundleExport: Command = {
  name: 'bundle export',
  summary:
    'Write the latest state of an SOA to a file (.soabundle, kind "latest") signed with the relay\'s key, for an officer with no link to open in the app.',
  usage: '--soa <id> --out <file>',
  options: { soa: { type: 'string' }, out: { type: 'string' } },
  required: ['soa', 'out'],
  run(input, output, directory) {
    const out = text(input, 'out') ?? '';
    const bundle = latestBundle(directory(), text(input, 'soa'));
    const body = `${JSON.stringify(bundle)}\n`;
    try {
      // Whole or not at all: a file cut short by a full USB stick would only be refused later.
      const partial = `${out}.partial`;
      fs.writeFileSync(partial, body);
      fs.renameSync(partial, out);
    } catch (error) {
      throw new InputError(`Could not write ${out}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const result = {
      out: path.resolve(out),
      soaId: bundle.soaId,
      rooms: bundle.rooms.length,
      bytes: Buffer.byteLength(body),
      relayKey: bundle.relayKey,
    };
    output.result(
      result,
      `Wrote the latest state of SOA ${bundle.soaId} (${bundle.rooms.length} rooms, ${result.bytes} bytes) to ${result.out}, signed by this relay's key ${bundle.relayKey}.`,
    );
    return 0;
  },
};
