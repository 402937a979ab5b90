/**
 * A relay database with one partnership (partners A and B), one SOA, and members in each role, written
 * through the relay's own directory code. A second partnership exists to test cross-partnership access.
 */
import path from 'node:path';
import type { MemberId, PartnerId, SoaId } from '../../../shared/model/ids';
import { frameRoom, partnerRoom, type RoomName } from '../../../shared/model/rooms';
import { Directory } from '../../../server/db/directory';
import { openDatabase } from '../../../server/db/openDatabase';
import { removeTempDir, tempDir } from '../../support/tempDirs';

export interface Fixture {
  readonly dir: string;
  readonly dbFile: string;
  readonly soaId: SoaId;
  readonly partnerA: PartnerId;
  readonly partnerB: PartnerId;
  readonly frame: RoomName;
  readonly roomA: RoomName;
  readonly roomB: RoomName;
  readonly tokens: {
    readonly coordinator: string;
    readonly partnerA: string;
    readonly partnerA2: string;
    readonly partnerB: string;
    readonly reviewer: string;
    readonly revoked: string;
    readonly outsider: string;
  };
  readonly memberIds: {
    readonly coordinator: MemberId;
    readonly partnerA: MemberId;
    readonly partnerA2: MemberId;
    readonly partnerB: MemberId;
    readonly reviewer: MemberId;
    readonly revoked: MemberId;
  };
  readonly otherSoaFrame: RoomName;
  cleanup(): void;
}

export function makeFixture(): Fixture {
  const dir = tempDir('soa-relay-test-');
  const dbFile = path.join(dir, 'relay.db');
  const db = openDatabase(dbFile);
  const directory = new Directory(db);
  const partnership = directory.createPartnership('Test Community Planning Partnership');
  const partnerA = directory.addPartner(partnership, 'Test Council', 'council');
  const partnerB = directory.addPartner(partnership, 'NHS Test', 'health-board');
  const { soaId } = directory.createSoa({ partnership, title: 'Test SOA', framework: 'npf-2018' });
  const invite = (partner: PartnerId, role: string, name: string) => directory.inviteMember(partner, role, name);
  const coordinator = invite(partnerA, 'coordinator', 'Cora Ordinator');
  const memberA = invite(partnerA, 'partner', 'Alex Council');
  const memberA2 = invite(partnerA, 'partner', 'Ali Council');
  const memberB = invite(partnerB, 'partner', 'Bea Health');
  const reviewer = invite(partnerA, 'reviewer', 'Rev Iewer');
  const revoked = invite(partnerB, 'partner', 'Gone Person');
  directory.revokeMember(revoked.memberId);
  const other = directory.createPartnership('Other Partnership');
  const otherPartner = directory.addPartner(other, 'Other Council', 'council');
  const outsider = invite(otherPartner, 'coordinator', 'Otto Outsider');
  const otherSoa = directory.createSoa({ partnership: other, title: 'Other SOA', framework: 'npf-2011' });
  db.close();
  return {
    dir,
    dbFile,
    soaId,
    partnerA,
    partnerB,
    frame: frameRoom(soaId),
    roomA: partnerRoom(soaId, partnerA),
    roomB: partnerRoom(soaId, partnerB),
    tokens: {
      coordinator: coordinator.token,
      partnerA: memberA.token,
      partnerA2: memberA2.token,
      partnerB: memberB.token,
      reviewer: reviewer.token,
      revoked: revoked.token,
      outsider: outsider.token,
    },
    memberIds: {
      coordinator: coordinator.memberId,
      partnerA: memberA.memberId,
      partnerA2: memberA2.memberId,
      partnerB: memberB.memberId,
      reviewer: reviewer.memberId,
      revoked: revoked.memberId,
    },
    otherSoaFrame: frameRoom(otherSoa.soaId),
    cleanup: () => removeTempDir(dir),
  };
}
