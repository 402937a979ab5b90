// Indicator values at the relay (issue 18): a partner cannot record a value for an indicator it does not
// lead by writing the lead's room or the frame, whether the write comes as an update or as sync step 2;
// a value it writes into its own room for someone else's indicator is stored (its room, its right) but the
// model never counts it.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FrameDocument } from '../../shared/model/frame';
import type { IndicatorId, OutcomeId } from '../../shared/model/ids';
import { assembleProgress, valueFor } from '../../shared/model/progress';
import { ProgressRoom } from '../../shared/model/progressRoom';
import { readProgressRooms } from '../../shared/model/readProgress';
import { parseReportingYear, type ReportingYear } from '../../shared/model/reportingYear';
import type { TestClient } from './harness/clients';
import { waitUntil } from '../support/wait';
import { relayPerTest } from './harness/relayPerTest';

const YEAR = parseReportingYear('2014/15') as ReportingYear;

describe('who may record indicator values', () => {
  const ctx = relayPerTest();

  /** The coordinator adds an outcome with an indicator led by partner A and one led by the partnership. */
  async function setUpFrame(): Promise<{ ledByA: IndicatorId; ledByAll: IndicatorId }> {
    const coordinator = ctx.client(ctx.fixture.frame, ctx.fixture.tokens.coordinator);
    await coordinator.synced();
    const frame = new FrameDocument(coordinator.doc);
    const outcome: OutcomeId = frame.addOutcome({ title: 'Healthier lives', leadPartnerId: ctx.fixture.partnerA });
    const ledByA = frame.addIndicator(outcome, {
      name: 'Smoking prevalence',
      baselineValueText: '24%',
      baselineYearText: '2012',
      target1Text: '23%',
      target3Text: '21%',
      target10Text: '15%',
      higherIsBetter: false,
      leadPartnerId: ctx.fixture.partnerA,
    });
    const ledByAll = frame.addIndicator(outcome, {
      name: 'Feeling part of the community',
      baselineValueText: '70',
      baselineYearText: '2012',
      target1Text: '71',
      target3Text: '73',
      target10Text: '80',
      higherIsBetter: true,
      leadPartnerId: null,
    });
    await coordinator.stored('the frame to be stored');
    return { ledByA, ledByAll };
  }

  /** What a fresh reader (the reviewer) assembles from everything the relay holds. */
  async function progressAsStored() {
    const read = async (room: string): Promise<TestClient> => {
      const reader = ctx.client(room, ctx.fixture.tokens.reviewer);
      await reader.synced();
      return reader;
    };
    const frame = await read(ctx.fixture.frame);
    const roomA = await read(ctx.fixture.roomA);
    const roomB = await read(ctx.fixture.roomB);
    const partners = new Map([
      [ctx.fixture.partnerA, roomA.doc],
      [ctx.fixture.partnerB, roomB.doc],
    ] as const);
    return assembleProgress(new FrameDocument(frame.doc).read(), readProgressRooms(frame.doc, partners));
  }

  it('refuses partner B\u2019s value written into the lead partner\u2019s room, as sync step 2 and as an update', async () => {
    const { ledByA } = await setUpFrame();
    // Sync step 2: B prepared the value offline in a copy of A's room and connects.
    const offline = new Y.Doc();
    new ProgressRoom(offline).addValue({ indicatorId: ledByA, year: YEAR, value: '12%', source: 'Forged' });
    const intruder = ctx.client(ctx.fixture.roomA, ctx.fixture.tokens.partnerB, offline);
    await intruder.synced();
    await waitUntil(() => intruder.denied.length === 1, 'permission denied for sync step 2');
    // Update: the same, live on the open connection.
    new ProgressRoom(intruder.doc).addValue({ indicatorId: ledByA, year: YEAR, value: '11%', source: 'Forged live' });
    await waitUntil(() => intruder.denied.length === 2, 'permission denied for an update');

    // The lead records its own value, which is what everyone sees.
    const lead = ctx.client(ctx.fixture.roomA, ctx.fixture.tokens.partnerA);
    await lead.synced();
    new ProgressRoom(lead.doc).addValue({
      indicatorId: ledByA,
      year: YEAR,
      value: '22.5%',
      source: 'Scottish Household Survey',
    });
    await lead.stored('the lead\u2019s value to be stored');

    const progress = await progressAsStored();
    const years = progress.indicators.get(ledByA)?.years ?? [];
    expect(years).toHaveLength(1);
    expect(years[0]?.conflict).toBe(false);
    expect(valueFor(progress, ledByA, YEAR)?.value.text).toBe('22.5%');
    expect(progress.ignored).toEqual([]);
  });

  it('refuses partner B\u2019s value for a partnership-led indicator written into the frame, on both paths', async () => {
    const { ledByAll } = await setUpFrame();
    const offline = new Y.Doc();
    new ProgressRoom(offline).addValue({ indicatorId: ledByAll, year: YEAR, value: '99' });
    const intruder = ctx.client(ctx.fixture.frame, ctx.fixture.tokens.partnerB, offline);
    await intruder.synced();
    await waitUntil(() => intruder.denied.length === 1, 'permission denied for sync step 2');
    new ProgressRoom(intruder.doc).addValue({ indicatorId: ledByAll, year: YEAR, value: '98' });
    await waitUntil(() => intruder.denied.length === 2, 'permission denied for an update');

    const progress = await progressAsStored();
    expect(progress.indicators.get(ledByAll)?.years).toEqual([]);
  });

  it('stores a value B writes into its own room for A\u2019s indicator, and the model ignores it', async () => {
    const { ledByA, ledByAll } = await setUpFrame();
    const own = ctx.client(ctx.fixture.roomB, ctx.fixture.tokens.partnerB);
    await own.synced();
    new ProgressRoom(own.doc).addValue({ indicatorId: ledByA, year: YEAR, value: '5%' });
    new ProgressRoom(own.doc).addValue({ indicatorId: ledByAll, year: YEAR, value: '100' });
    await own.stored('B\u2019s own room to be stored');
    expect(own.denied).toEqual([]);

    const progress = await progressAsStored();
    expect(progress.indicators.get(ledByA)?.years).toEqual([]);
    expect(progress.indicators.get(ledByAll)?.years).toEqual([]);
    expect(
      progress.ignored
        .map((entry) => [entry.owner, entry.record.value.text, entry.reason])
        .sort((a, b) => String(a[1]).localeCompare(String(b[1]))),
    ).toEqual([
      [{ kind: 'partner', partnerId: ctx.fixture.partnerB }, '100', 'not-lead'],
      [{ kind: 'partner', partnerId: ctx.fixture.partnerB }, '5%', 'not-lead'],
    ]);
  });
});
