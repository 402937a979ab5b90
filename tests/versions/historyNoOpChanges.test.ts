// A stored change that changed no content is not history (server/history/summariseHistory.ts): until the app
// stopped it, an officer opening a partner's SOA on a new computer stored the room's schema version and
// partner id again, as they already were, and "Last changed by" and the history named someone who only looked.
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { historyRows } from '../../server/history/historyRows';
import { summariseHistory } from '../../server/history/summariseHistory';
import type { StoredChange } from '../../server/db/storedHistory';
import type { CommitmentId, MemberId, OutcomeId, PartnerId, SoaId } from '../../shared/model/ids';
import { PartnerDocument } from '../../shared/model/partner';
import { paragraph } from '../../shared/model/richText';
import { partnerRoom } from '../../shared/model/rooms';
import { PARTNER_SCHEMA_VERSION } from '../../shared/model/schema';

const SOA = 'a1a3add5e1df46869593b8461a75a7f7' as SoaId;
const PARTNER = 'b2b3add5e1df46869593b8461a75a7f7' as PartnerId;
const OUTCOME = 'c3b3add5e1df46869593b8461a75a7f7' as OutcomeId;
const ROOM = partnerRoom(SOA, PARTNER);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const ANN = 'ann' as MemberId;
const BEN = 'ben' as MemberId;

/** The partner room as the administrator creates it, and the audit that records each change to it. */
function partnerRoomAudit() {
  const doc = new Y.Doc();
  doc.clientID = 100;
  const changes: StoredChange[] = [];
  const store = (update: Uint8Array, memberId: MemberId | null, storedAt: number): void => {
    changes.push({ seq: changes.length + 1, room: ROOM, update, memberId, storedAt });
  };
  /** An edit to the room as it is, stored for memberId. */
  const record = (memberId: MemberId | null, storedAt: number, edit: (partner: PartnerDocument) => void): void => {
    const before = Y.encodeStateVector(doc);
    edit(new PartnerDocument(doc));
    const update = Y.encodeStateAsUpdate(doc, before);
    store(update, memberId, storedAt);
  };
  record(null, 0, (partner) => partner.initialise(PARTNER));
  return { doc, changes, store, record };
}

/** What the app did before the fix: set the room's meta on its empty local copy, before the relay's content. */
function setMetaOnEmptyCopy(clientID: number, schemaVersion: number): Uint8Array {
  const copy = new Y.Doc();
  copy.clientID = clientID;
  copy.transact(() => {
    copy.getMap('meta').set('schemaVersion', schemaVersion);
    copy.getMap('meta').set('partnerId', PARTNER);
  });
  return Y.encodeStateAsUpdate(copy);
}

describe('history leaves out stored changes that changed no content', () => {
  it('does not name an officer whose first visit set the partner room’s meta to what it was', () => {
    const { doc, changes, store, record } = partnerRoomAudit();
    // Concurrent with the administrator's values, so either set wins by client id: both orders.
    store(setMetaOnEmptyCopy(50, PARTNER_SCHEMA_VERSION), ANN, HOUR);
    store(setMetaOnEmptyCopy(200, PARTNER_SCHEMA_VERSION), BEN, 2 * HOUR);
    // And set again on a copy that had the relay's content.
    record(ANN, 3 * HOUR, () =>
      doc.transact(() => {
        doc.getMap('meta').set('schemaVersion', PARTNER_SCHEMA_VERSION);
        doc.getMap('meta').set('partnerId', PARTNER);
      }),
    );

    const entries = summariseHistory(changes);
    expect(entries.map((entry) => [entry.memberId, entry.changes])).toEqual([[null, 1]]);
    const members = new Map([
      [ANN, { name: 'Ann', partnerName: 'NHS', role: 'editor' }],
      [BEN, { name: 'Ben', partnerName: 'NHS', role: 'editor' }],
    ]);
    expect(historyRows({ members, changes }, PARTNER).map(({ row }) => row.memberName)).toEqual([
      'The relay administrator',
    ]);
  });

  it('names the officer who set a meta value to a different one', () => {
    const { changes, store } = partnerRoomAudit();
    store(setMetaOnEmptyCopy(200, PARTNER_SCHEMA_VERSION + 1), ANN, HOUR);

    const entries = summariseHistory(changes);
    expect(entries.map((entry) => [entry.memberId, entry.sections])).toEqual([
      [null, ['partner details']],
      [ANN, ['partner details']],
    ]);
  });

  it('counts an entry set back to an earlier copy after an edit inside it', () => {
    const { doc, changes, record } = partnerRoomAudit();
    let commitment = '' as CommitmentId;
    let original: Record<string, unknown> = {};
    record(ANN, HOUR, (partner) => {
      commitment = partner.addCommitment(OUTCOME, { action: 'Run a clinic', timescale: '2025' });
      original = (doc.getMap('commitments').get(commitment) as Y.Map<unknown>).toJSON();
    });
    record(BEN, 2 * HOUR, (partner) => partner.updateCommitment(commitment, { timescale: '2026' }));
    record(ANN, 3 * HOUR, () => doc.getMap('commitments').set(commitment, new Y.Map(Object.entries(original))));
    expect(new PartnerDocument(doc).readCommitments()[0]?.timescale).toBe('2025');

    const entries = summariseHistory(changes);
    expect(entries.map((entry) => [entry.memberId, entry.from])).toEqual([
      [null, 0],
      [ANN, HOUR],
      [BEN, 2 * HOUR],
      [ANN, 3 * HOUR],
    ]);
  });

  it('keeps an officer’s real edit after a no-op, counting only the real one', () => {
    const { changes, store, record } = partnerRoomAudit();
    store(setMetaOnEmptyCopy(50, PARTNER_SCHEMA_VERSION), ANN, HOUR);
    record(ANN, HOUR + MINUTE, (partner) => partner.setContributionStatement(OUTCOME, [paragraph('We will help.')]));

    const entries = summariseHistory(changes);
    expect(entries.slice(1)).toMatchObject([
      {
        memberId: ANN,
        from: HOUR + MINUTE,
        to: HOUR + MINUTE,
        changes: 1,
        sectionKeys: [`partner.${PARTNER}.contribution.${OUTCOME}`],
      },
    ]);
    expect(entries[1]?.sections).not.toContain('partner details');
  });

  it('adds nothing for an update stored a second time', () => {
    const { changes, store, record } = partnerRoomAudit();
    record(ANN, HOUR, (partner) => partner.setStatement([paragraph('We support the plan.')]));
    const stored = changes[changes.length - 1] as StoredChange;
    store(stored.update, ANN, HOUR + MINUTE);
    store(stored.update, BEN, 3 * HOUR);

    const entries = summariseHistory(changes);
    expect(entries.map((entry) => [entry.memberId, entry.changes, entry.to])).toEqual([
      [null, 1, 0],
      [ANN, 1, HOUR],
    ]);
  });
});
