// The history names each entry's sections by identity as well as by name (server/history/summariseHistory.ts,
// shared/compare/changedSections.ts): the keys a comparison uses, so the app's "last changed by" finds a
// renamed outcome, and tells apart two outcomes with one title.
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { summariseHistory } from '../../server/history/summariseHistory';
import type { StoredChange } from '../../server/db/storedHistory';
import { FrameDocument } from '../../shared/model/frame';
import type { MemberId, PartnerId, SoaId } from '../../shared/model/ids';
import { PartnerDocument } from '../../shared/model/partner';
import { paragraph } from '../../shared/model/richText';
import { frameRoom, partnerRoom } from '../../shared/model/rooms';

const SOA = 'a1a3add5e1df46869593b8461a75a7f7' as SoaId;
const PARTNER = 'b2b3add5e1df46869593b8461a75a7f7' as PartnerId;
const HOUR = 3_600_000;

describe('the sections of history entries, by identity', () => {
  it('names the outcome, indicator, narrative chapter, contribution and total resources each change was in', () => {
    const frame = new Y.Doc();
    const partner = new Y.Doc();
    const changes: StoredChange[] = [];
    let seq = 0;
    // Each edit a separate entry: another member, an hour later.
    const record = (room: string, doc: Y.Doc, edit: () => void) => {
      const before = Y.encodeStateVector(doc);
      edit();
      seq++;
      changes.push({
        seq,
        room: room as StoredChange['room'],
        update: Y.encodeStateAsUpdate(doc, before),
        memberId: `m${seq}` as MemberId,
        storedAt: seq * HOUR,
      });
    };
    const frameDoc = new FrameDocument(frame);
    const partnerDoc = new PartnerDocument(partner);
    let healthier = '' as ReturnType<FrameDocument['addOutcome']>;
    let twin = healthier;
    record(frameRoom(SOA), frame, () => (healthier = frameDoc.addOutcome({ title: 'Healthier lives' })));
    record(frameRoom(SOA), frame, () => (twin = frameDoc.addOutcome({ title: 'Healthier lives' })));
    record(frameRoom(SOA), frame, () => frameDoc.updateOutcome(twin, { title: 'Healthier lives for all' }));
    record(frameRoom(SOA), frame, () => frameDoc.setNarrative('vision', [paragraph('Our vision.')]));
    record(partnerRoom(SOA, PARTNER), partner, () => partnerDoc.addContribution(healthier));
    record(partnerRoom(SOA, PARTNER), partner, () =>
      partnerDoc.setContributionStatement(healthier, [paragraph('We will help.')]),
    );
    record(partnerRoom(SOA, PARTNER), partner, () => partnerDoc.addCommitment(twin, { action: 'Run a clinic' }));
    record(partnerRoom(SOA, PARTNER), partner, () =>
      partnerDoc.setContributionGapNote(twin, 'No data for small areas'),
    );
    record(partnerRoom(SOA, PARTNER), partner, () =>
      partnerDoc.setTotalResources({ amount: '£1,200,000', basis: 'Revenue budget' }),
    );

    const keys = summariseHistory(changes).map((entry) => entry.sectionKeys);
    const contribution = (outcomeId: string) => `partner.${PARTNER}.contribution.${outcomeId}`;
    expect(keys).toEqual([
      [`outcome.${healthier}`],
      [`outcome.${twin}`],
      [`outcome.${twin}`],
      ['narrative.vision'],
      [contribution(healthier)],
      [contribution(healthier)],
      [contribution(twin)],
      [contribution(twin)],
      [`partner.${PARTNER}.totalResources`],
    ]);
  });
});
