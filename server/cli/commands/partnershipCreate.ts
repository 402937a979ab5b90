import type { Command } from '../command';
import { text } from '../command';

export const partnershipCreate: Command = {
  name: 'partnership create',
  summary: 'Create a Community Planning Partnership.',
  usage: '--name <text>',
  options: { name: { type: 'string' } },
  required: ['name'],
  createsDatabase: true,
  run(input, output, directory) {
    const partnershipId = directory().createPartnership(text(input, 'name'));
    output.result({ partnershipId }, `Created partnership ${partnershipId}`);
  },
};
