import { PARTNER_KINDS } from '../../../shared/reference';
import type { Command } from '../command';
import { text } from '../command';

export const partnerAdd: Command = {
  name: 'partner add',
  summary: 'Add a partner organisation to a partnership (and to the frame of each of its SOAs).',
  usage: `--partnership <id> --name <text> --kind <${PARTNER_KINDS.join('|')}>`,
  options: { partnership: { type: 'string' }, name: { type: 'string' }, kind: { type: 'string' } },
  required: ['partnership', 'name', 'kind'],
  run(input, output, directory) {
    const partnerId = directory().addPartner(text(input, 'partnership'), text(input, 'name'), text(input, 'kind'));
    output.result({ partnerId }, `Added partner ${partnerId}`);
  },
};
