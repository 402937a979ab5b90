/**
 * The demo's sample partnership and SOA. Until the model's sample generator (shared/sample/generateSample.ts)
 * lands, this builds a small frame with five partners and empty partner rooms.
 */
import * as Y from 'yjs';
import { FrameDocument } from '../../shared/model/frame';
import { newId, type PartnerId, type SoaId } from '../../shared/model/ids';
import type { FrameworkId, PartnerKind } from '../../shared/reference';
import { InputError } from '../inputError';

export interface DemoContent {
  readonly soaId: SoaId;
  readonly partnershipName: string;
  readonly area: string;
  readonly title: string;
  readonly framework: FrameworkId;
  readonly partners: readonly { readonly id: PartnerId; readonly name: string; readonly kind: PartnerKind }[];
  readonly frameUpdate: Uint8Array;
  readonly partnerDocs: ReadonlyMap<PartnerId, Y.Doc>;
}

export function demoContent(seedText: string): DemoContent {
  if (!/^\d{1,9}$/.test(seedText)) throw new InputError(`--seed must be a whole number, not ${JSON.stringify(seedText)}.`);
  const soaId = newId<SoaId>();
  const area = 'Glenmorven';
  const partnershipName = 'Glenmorven Community Planning Partnership';
  const title = 'Glenmorven Single Outcome Agreement 2026 to 2029';
  const framework: FrameworkId = 'npf-2018';
  const partners = (
    [
      ['Glenmorven Council', 'council'],
      ['NHS Glenmorven', 'health-board'],
      ['Police Scotland, Glenmorven Division', 'police'],
      ['Scottish Fire and Rescue Service', 'fire-and-rescue'],
      ['Glenmorven Third Sector Interface', 'third-sector-interface'],
    ] as const
  ).map(([name, kind]) => ({ id: newId<PartnerId>(), name, kind }));
  const doc = new Y.Doc();
  const frame = new FrameDocument(doc);
  frame.initialise({ soaId, title, area, partnershipName, framework });
  for (const partner of partners) frame.addPartner(partner);
  const frameUpdate = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return { soaId, partnershipName, area, title, framework, partners, frameUpdate, partnerDocs: new Map() };
}
