import type { Command } from '../command';
import { text } from '../command';

export const memberList: Command = {
  name: 'member list',
  summary: "List a partnership's members (never their tokens).",
  usage: '--partnership <id>',
  options: { partnership: { type: 'string' } },
  required: ['partnership'],
  run(input, output, directory) {
    const members = directory().listMembers(text(input, 'partnership'));
    const lines = members.map(
      (member) =>
        `${member.memberId}  ${member.role.padEnd(11)}  ${member.partnerName} / ${member.name}${member.revoked ? '  (revoked)' : ''}`,
    );
    output.result({ members }, members.length ? lines.join('\n') : 'No members yet.');
  },
};
