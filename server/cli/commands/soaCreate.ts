import { FRAMEWORK_IDS } from '../../../shared/reference';
import type { Command } from '../command';
import { text } from '../command';

export const soaCreate: Command = {
  name: 'soa create',
  summary:
    "Create an SOA for a partnership; its frame starts with the title, framework and the partnership's partners.",
  usage: `--partnership <id> --title <text> --framework <${FRAMEWORK_IDS.join('|')}> [--area <text>]`,
  options: {
    partnership: { type: 'string' },
    title: { type: 'string' },
    framework: { type: 'string' },
    area: { type: 'string' },
  },
  required: ['partnership', 'title', 'framework'],
  run(input, output, directory) {
    const created = directory().createSoa({
      partnership: text(input, 'partnership'),
      title: text(input, 'title'),
      framework: text(input, 'framework'),
      area: text(input, 'area'),
    });
    output.result(
      { soaId: created.soaId, rooms: created.rooms },
      [`Created SOA ${created.soaId}; its rooms:`, ...created.rooms.map((room) => `  ${room}`)].join('\n'),
    );
  },
};
