import type { Command } from '../command';
import { text } from '../command';

export const memberRevoke: Command = {
  name: 'member revoke',
  summary: "Revoke a member's token; a running relay disconnects them within seconds.",
  usage: '--member <id>',
  options: { member: { type: 'string' } },
  required: ['member'],
  run(input, output, directory) {
    const memberId = text(input, 'member');
    directory().revokeMember(memberId);
    output.result({ memberId, revoked: true }, `Revoked member ${memberId}`);
  },
};
