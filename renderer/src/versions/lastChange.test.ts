import { describe, expect, it } from 'vitest';
import type { HistoryEntryRecord } from '../../../shared/api/versions';
import * as Y from 'yjs';
import { assembleFromDocs } from '../../../shared/model';
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
});
