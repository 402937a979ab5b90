import type { PartnerId } from '../../../shared/model/ids';
import type { Command } from '../command';

export const demo: Command = {
  name: 'demo',
  summary:
    'Create a sample partnership and SOA with one member per partner (and a coordinator and a reviewer), and print their tokens.',
  usage: '[--seed <number>]',
  options: { seed: { type: 'string' } },
  required: [],
  createsDatabase: true,
  async run(input, output, directory) {
    const seedText = typeof input.options.seed === 'string' ? input.options.seed : '1';
    // Loaded here, not at the top, so the sample generator is not held in memory by every command.
    const { demoContent, storeDemoContent } = await import('../demoContent');
    const sample = demoContent(seedText);
    const dir = directory();
    const { partnershipId, soaId, rooms } = storeDemoContent(dir, sample);
    const members: {
      memberId: string;
      name: string;
      role: string;
      partnerId: PartnerId;
      partnerName: string;
      token: string;
    }[] = [];
    const invite = (partnerId: PartnerId, partnerName: string, role: string, name: string): void => {
      const { memberId, token } = dir.inviteMember(partnerId, role, name);
      members.push({ memberId, name, role, partnerId, partnerName, token });
    };
    const lead = sample.partners.find((partner) => partner.kind === 'council') ?? sample.partners[0];
    if (lead) invite(lead.id, lead.name, 'coordinator', `${sample.area} community planning team`);
    for (const partner of sample.partners) invite(partner.id, partner.name, 'partner', `${partner.name} officer`);
    if (lead) invite(lead.id, lead.name, 'reviewer', 'Place Director (reviewer)');
    const lines = [
      `Created the demo partnership "${sample.partnershipName}" (${partnershipId}) and SOA "${sample.title}" (${soaId}).`,
      'Members and their tokens (shown only now):',
      ...members.map((member) => `  ${member.role.padEnd(11)} ${member.partnerName} / ${member.name}: ${member.token}`),
      'Next: run "soa-relay serve --db <this file>", open http://127.0.0.1:4455/ and sign in with one of the tokens.',
    ];
    output.result({ partnershipId, soaId, rooms, members }, lines.join('\n'));
  },
};
