import { describe, expect, it } from 'vitest';
import type { HistoryEntryRecord } from '../../../shared/api/versions';
import * as Y from 'yjs';
import { assembleFromDocs } from '../../../shared/model';
import { FrameDocument } from '../../../shared/model/frame';
import type { OutcomeId } from '../../../shared/model/ids';
import { lastChange } from './lastChange';

const entry = (fields: Partial<HistoryEntryRecord>): HistoryEntryRecord => ({
  from: '2026-04-01T09:00:00.000Z',
  to: '2026-04-01T09:05:00.000Z',
  changes: 1,
  memberId: 'member1',
  memberName: 'Morag Officer',
  partnerName: 'NHS Glenmorven',
  role: 'partner',
  room: 'soa/s1/frame',
  roomPartnerId: null,
  sections: [],
  ...fields,
});

describe('the last change to what a page shows', () => {
  const soa = assembleFromDocs(new Y.Doc(), new Map());
  const entries = [
    entry({ to: '2026-04-01T10:00:00.000Z', sections: ['narrative: Our vision'], memberName: 'Early' }),
    entry({ to: '2026-04-02T10:00:00.000Z', sections: ['narrative: Our vision', 'SOA details'], memberName: 'Later' }),
    entry({ to: '2026-04-03T10:00:00.000Z', sections: ['narrative: Equalities'], memberName: 'Other section' }),
    entry({
      to: '2026-04-04T10:00:00.000Z',
      room: 'soa/s1/partner/p1',
      roomPartnerId: 'p1',
      sections: ['partner statement'],
      memberName: 'Partner writer',
    }),
  ];

  it('picks the latest entry that touched the narrative section, by its name in the history', () => {
    expect(lastChange(entries, { kind: 'narrative', key: 'vision' }, soa)?.memberName).toBe('Later');
    expect(lastChange(entries, { kind: 'details' }, soa)?.memberName).toBe('Later');
  });

  it('takes a partner page from its own room only, and says nothing for pages that are not sections', () => {
    expect(lastChange(entries, { kind: 'partner', id: 'p1' as never }, soa)?.memberName).toBe('Partner writer');
    expect(lastChange(entries, { kind: 'partner', id: 'p2' as never }, soa)).toBeNull();
    expect(lastChange(entries, { kind: 'dashboard' }, soa)).toBeNull();
    expect(lastChange(entries, { kind: 'narrative', key: 'foreword' }, soa)).toBeNull();
  });

  describe('by the section itself, not its name', () => {
    const frame = new Y.Doc();
    const doc = new FrameDocument(frame);
    const renamed = doc.addOutcome({ title: 'Safer communities for all' });
    const first = doc.addOutcome({ title: 'Healthier lives' });
    const twin = doc.addOutcome({ title: 'Healthier lives' });
    const soa = assembleFromDocs(frame, new Map());
    const partnerRoom = { room: 'soa/s1/partner/p1', roomPartnerId: 'p1' };
    const outcome = (id: OutcomeId) => ({ kind: 'outcome', id }) as const;

    it('finds an outcome renamed since the history was read, by its id', () => {
      // Fetched when the outcome was called "Safer communities"; it has been renamed since.
      const history = [
        entry({
          ...partnerRoom,
          sections: ['contribution to "Safer communities"'],
          sectionKeys: [`partner.p1.contribution.${renamed}`],
          memberName: 'Before the rename',
        }),
      ];
      expect(lastChange(history, outcome(renamed), soa)?.memberName).toBe('Before the rename');
    });

    it('tells apart two outcomes with the same title', () => {
      const history = [
        entry({
          to: '2026-04-01T10:00:00.000Z',
          ...partnerRoom,
          sections: ['contribution to "Healthier lives"'],
          sectionKeys: [`partner.p1.contribution.${first}`],
          memberName: 'Wrote for the first',
        }),
        entry({
          to: '2026-04-02T10:00:00.000Z',
          ...partnerRoom,
          sections: ['contribution to "Healthier lives"'],
          sectionKeys: [`partner.p1.contribution.${twin}`],
          memberName: 'Wrote for the twin',
        }),
        entry({
          to: '2026-04-03T10:00:00.000Z',
          sections: ['local outcomes'],
          sectionKeys: [`outcome.${renamed}`],
          memberName: 'Changed another outcome',
        }),
      ];
      expect(lastChange(history, outcome(first), soa)?.memberName).toBe('Wrote for the first');
      expect(lastChange(history, outcome(twin), soa)?.memberName).toBe('Wrote for the twin');
      expect(lastChange(history, outcome(renamed), soa)?.memberName).toBe('Changed another outcome');
    });

    it('finds a narrative chapter and the details by their keys', () => {
      const history = [
        entry({ sections: ['narrative: Our vision'], sectionKeys: ['narrative.vision'], memberName: 'Vision' }),
        entry({
          to: '2026-04-02T10:00:00.000Z',
          sections: ['SOA details'],
          sectionKeys: ['meta'],
          memberName: 'Details',
        }),
      ];
      expect(lastChange(history, { kind: 'narrative', key: 'vision' }, soa)?.memberName).toBe('Vision');
      expect(lastChange(history, { kind: 'details' }, soa)?.memberName).toBe('Details');
      expect(lastChange(history, { kind: 'narrative', key: 'equalities' }, soa)).toBeNull();
    });
  });
});
