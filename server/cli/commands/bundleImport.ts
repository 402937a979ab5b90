import fs from 'node:fs';
import { importChangeBundle } from '../../bundle/importChangeBundle';
import { InputError } from '../../inputError';
import { silentLogger } from '../../log';
import { RoomRegistry } from '../../relay/roomRegistry';
import type { Command } from '../command';
import { text } from '../command';

/** Exit code when the file was accepted but one of its rooms was refused (its member may not write it). */
const SOME_ROOMS_REFUSED = 3;

export const bundleImport: Command = {
  name: 'bundle import',
  summary:
    "Import a member's change file (.soabundle): checked as theirs, applied as their own writes; a running relay sends it on.",
  usage: '--file <bundle>',
  options: { file: { type: 'string' } },
  required: ['file'],
  async run(input, output, directory) {
    const file = text(input, 'file') ?? '';
    let contents: string;
    try {
      contents = fs.readFileSync(file, 'utf8');
    } catch {
      throw new InputError(`No change file can be read at ${file}.`);
    }
    const opened = directory();
    // The relay's own write pipeline, over the same database: a running relay picks the rows up within
    // about a tenth of a second (its change feed) and sends them to open clients.
    const registry = new RoomRegistry(opened.rooms, silentLogger);
    try {
      await registry.recallQuotas();
      const imported = await importChangeBundle(contents, opened, registry);
      if (imported.kind === 'refused') throw new InputError(imported.reason);
      const { result } = imported;
      const lines = result.rooms.map((room) =>
        room.applied ? `Applied ${room.room}` : `Refused ${room.room}: ${room.reason}`,
      );
      lines.push(
        result.changed === 0
          ? 'Nothing new: every change in this file was already stored.'
          : `${result.changed} ${result.changed === 1 ? 'room' : 'rooms'} changed.`,
      );
      output.result({ ...result }, lines.join('\n'));
      return result.rooms.some((room) => !room.applied) ? SOME_ROOMS_REFUSED : 0;
    } finally {
      await registry.settle();
      registry.disposeAll();
    }
  },
};
