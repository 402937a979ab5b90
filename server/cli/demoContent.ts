/** The demo's sample partnership and SOA, from the model's sample generator (shared/sample). */
import * as Y from 'yjs';
import { newId, type PartnerId, type SoaId } from '../../shared/model/ids';
import type { FrameworkId, PartnerKind } from '../../shared/reference';
import { partnerRoom } from '../../shared/model/rooms';
import { generateSampleSoa } from '../../shared/sample/generateSample';
import { todayIso } from '../../shared/text/dates';
import type { Directory } from '../db/directory';
import { InputError } from '../inputError';

export interface DemoContent {
  readonly soaId: SoaId;
  readonly partnershipName: string;
  readonly area: string;
  readonly title: string;
  readonly framework: FrameworkId;
  readonly partners: readonly { readonly id: PartnerId; readonly name: string; readonly kind: PartnerKind }[];
  /** The frame room's content as one update (stored as the administrator's first write). */
  readonly frameUpdate: Uint8Array;
  readonly partnerDocs: ReadonlyMap<PartnerId, Y.Doc>;
}

/** `today` (an ISO date) dates the sign-off round: deadlines ahead of it, sign-offs just before it. */
export function demoContent(seedText: string, today: string = todayIso()): DemoContent {
  if (!/^\d{1,9}$/.test(seedText))
    throw new InputError(`--seed must be a whole number, not ${JSON.stringify(seedText)}.`);
  const seed = Number(seedText);
  // Fresh ids every time, so `demo` can run more than once on one database. The generator decides how many
  // partners a seed has, so ask it once for the count.
  const count = generateSampleSoa({ seed }).partners.length;
  const sample = generateSampleSoa({
    seed,
    today,
    soaId: newId<SoaId>(),
    partnerIds: Array.from({ length: count }, () => newId<PartnerId>()),
  });
  return { ...sample, frameUpdate: Y.encodeStateAsUpdate(sample.frame) };
}

/** Stores the sample in the relay's database: its partnership and partners, the SOA's frame and each partner's room. */
export function storeDemoContent(
  directory: Directory,
  sample: DemoContent,
): { readonly partnershipId: string; readonly soaId: SoaId; readonly rooms: readonly string[] } {
  const partnershipId = directory.createPartnership(sample.partnershipName);
  for (const partner of sample.partners) directory.addPartner(partnershipId, partner.name, partner.kind, partner.id);
  const { soaId, rooms } = directory.createSoa({
    partnership: partnershipId,
    title: sample.title,
    framework: sample.framework,
    area: sample.area,
    soaId: sample.soaId,
    frameUpdate: sample.frameUpdate,
  });
  for (const [partnerId, doc] of sample.partnerDocs)
    directory.storeAdminUpdate(partnerRoom(soaId, partnerId), Y.encodeStateAsUpdate(doc));
  return { partnershipId, soaId, rooms };
}
