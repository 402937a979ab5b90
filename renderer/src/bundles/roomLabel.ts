/** A room as an officer knows it: "The shared sections", "NHS Clyde Valley’s section", "Ann Smith’s comments". */
import { parseRoomName } from '../../../shared/model';
import type { SessionResponse } from '../../../shared/api/session';

export function roomLabel(room: string, session: SessionResponse | undefined): string {
  const parsed = parseRoomName(room);
  if (!parsed) return room;
  if (parsed.kind === 'frame') return 'The shared sections';
  if (parsed.kind === 'partner') {
    const partner = session?.partnership.partners.find((candidate) => candidate.id === parsed.partnerId);
    return partner ? `${partner.name}’s section` : 'A partner’s section';
  }
  const member = session?.partnership.members.find((candidate) => candidate.id === parsed.memberId);
  return member ? `${member.name}’s comments` : 'A member’s comments';
}
