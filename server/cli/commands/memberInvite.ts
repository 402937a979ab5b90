import { MEMBER_ROLES } from '../../../shared/model/rooms';
import type { Command } from '../command';
import { text } from '../command';

export const memberInvite: Command = {
  name: 'member invite',
  summary: 'Invite an officer as a member of a partner; prints their token once (only its hash is kept).',
  usage: `--partner <id> --role <${MEMBER_ROLES.join('|')}> --name <officer>`,
  options: { partner: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' } },
  required: ['partner', 'role', 'name'],
  run(input, output, directory) {
    const { memberId, token } = directory().inviteMember(
      text(input, 'partner'),
      text(input, 'role'),
      text(input, 'name'),
    );
    output.result(
      { memberId, token },
      `Invited member ${memberId}\nToken (shown only now; give it to the member privately): ${token}`,
    );
  },
};
