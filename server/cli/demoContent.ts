/** The demo's sample partnership and SOA, from the model's sample generator (shared/sample). */
import * as Y from 'yjs';
import { newId, type PartnerId, type SoaId } from '../../shared/model/ids';
import type { FrameworkId, PartnerKind } from '../../shared/reference';
import { generateSampleSoa } from '../../shared/sample/generateSample';
import { todayIso } from '../../shared/text/dates';
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
