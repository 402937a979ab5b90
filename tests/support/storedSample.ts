/**
 * The demo sample's SOA stored in a relay database as `soa-relay demo` would (the frame and each partner's
 * room), with a coordinator and one officer per partner invited, for the versions tests and benchmark that
 * then store a year of edits (yearOfEdits.ts) by those members.
 */
import type Database from 'better-sqlite3';
import * as Y from 'yjs';
import { demoContent, storeDemoContent } from '../../server/cli/demoContent';
import { Directory } from '../../server/db/directory';
import { assembleFromDocs, type SoaSnapshot } from '../../shared/model/assemble';
import type { MemberId, PartnerId, SoaId } from '../../shared/model/ids';

export interface StoredSample {
  readonly directory: Directory;
  readonly soaId: SoaId;
  readonly coordinator: { readonly memberId: MemberId; readonly token: string };
  /** One officer per partner, in the sample's order of partners. */
  readonly officers: ReadonlyMap<PartnerId, { readonly memberId: MemberId; readonly token: string }>;
  /** The officers' member ids, as storeYearOfEdits takes them. */
  readonly members: Map<PartnerId, MemberId>;
  /** The frame as stored, for storeYearOfEdits to edit from. */
  readonly frame: Y.Doc;
  readonly partnerDocs: ReadonlyMap<PartnerId, Y.Doc>;
  readonly partnerCount: number;
}

export function storeSample(db: Database.Database, seed: number): StoredSample {
  const directory = new Directory(db);
  const sample = demoContent(String(seed), '2013-03-01');
  const { soaId } = storeDemoContent(directory, sample);
  const coordinator = directory.inviteMember(sample.partners[0]?.id, 'coordinator', 'Coordinator');
  const officers = new Map(
    sample.partners.map((partner) => [
      partner.id,
      directory.inviteMember(partner.id, 'partner', `${partner.name} officer`),
    ]),
  );
  const frame = new Y.Doc();
  Y.applyUpdate(frame, sample.frameUpdate);
  return {
    directory,
    soaId,
    coordinator,
    officers,
    members: new Map([...officers].map(([partnerId, officer]) => [partnerId, officer.memberId])),
    frame,
    partnerDocs: sample.partnerDocs,
    partnerCount: sample.partners.length,
  };
}

/** The SOA as the relay's database holds it now, assembled as the exports read it. */
export function storedSnapshot(directory: Directory, soaId: SoaId): SoaSnapshot {
  const rooms = directory.readSoaRooms(soaId);
  return assembleFromDocs(rooms.frame, rooms.partnerDocs);
}
