/**
 * The capacity benchmark's directory, built with the relay's own Directory API as `soa-relay
 * partnership-create`, `partner-add`, `soa-create` and `member-invite` build it: partnerships, each with
 * its partners, one SOA and its members, and for every member the rooms their session lists (the frame,
 * each partner's room and each member's comment room), which the app opens one connection each.
 */
import { Directory } from '../../server/db/directory';
import { openDatabase } from '../../server/db/openDatabase';
import { PARTNER_KINDS } from '../../shared/reference';

export interface CapacityMember {
  readonly partnership: number;
  /** Which of its partner's members this is (0 first): the online fraction is taken evenly across partners. */
  readonly rank: number;
  readonly token: string;
  /** The rooms the session lists, in the order the app opens them. */
  readonly rooms: readonly string[];
  /** The room this member types in: the frame for a coordinator, their partner's room otherwise. */
  readonly writes: string;
}

export function createCapacityDirectory(
  dbFile: string,
  partnerships: number,
  partnersEach: number,
  membersEach: number,
): CapacityMember[] {
  const db = openDatabase(dbFile);
  const directory = new Directory(db);
  const members: CapacityMember[] = [];
  for (let p = 0; p < partnerships; p++) {
    const partnership = directory.createPartnership(`Capacity CPP ${p + 1}`);
    const partners = Array.from({ length: partnersEach }, (_, i) =>
      directory.addPartner(
        partnership,
        i === 0 ? `Council ${p + 1}` : `Partner ${p + 1}.${i}`,
        PARTNER_KINDS[i % PARTNER_KINDS.length],
      ),
    );
    directory.createSoa({ partnership, title: `SOA ${p + 1}`, framework: 'npf-2018' });
    for (let m = 0; m < membersEach; m++) {
      const partnerIndex = m % partnersEach;
      const rank = Math.floor(m / partnersEach);
      // The council's first member is the coordinator; everyone else writes their own partner's room.
      const role = partnerIndex === 0 && rank === 0 ? 'coordinator' : 'partner';
      const { token } = directory.inviteMember(partners[partnerIndex], role, `Member ${p + 1}.${m + 1}`);
      members.push({ partnership: p, rank, token, rooms: [], writes: '' });
    }
  }
  // Sessions are read once every member exists, so each lists every member's comment room.
  const withRooms = members.map((member) => {
    const check = directory.checkToken(member.token);
    if (check.kind !== 'member') throw new Error('A member just invited was not recognised.');
    const session = directory.session(check.member);
    const soa = session.soas[0];
    if (!soa) throw new Error('The session lists no SOA.');
    const own =
      check.member.role === 'coordinator'
        ? soa.rooms[0]
        : soa.rooms.find((room) => room.endsWith(`/partner/${check.member.partnerId}`));
    if (!own) throw new Error('No room for this member to write.');
    return { ...member, rooms: [...soa.rooms, ...soa.commentRooms], writes: own };
  });
  db.close();
  return withRooms;
}
