import { describe, expect, it } from 'vitest';
import { assembleProgress, FrameDocument, indicatorStatus, readProgressRooms, type ReportingYear } from '../model';
import { generateSampleSoa } from './generateSample';

describe('the demo\u2019s years of progress', () => {
  it('has four years of values recorded by each indicator\u2019s lead, a mix of statuses, marked commitments and narrative', () => {
    const sample = generateSampleSoa({ seed: 1 });
    const frame = new FrameDocument(sample.frame).read();
    const progress = assembleProgress(frame, readProgressRooms(sample.frame, sample.partnerDocs));
    expect(progress.ignored).toEqual([]);
    const latest = '2016/17' as ReportingYear;
    const withValues = frame.indicators.filter(
      (indicator) => (progress.indicators.get(indicator.id)?.years.length ?? 0) >= 3,
    );
    expect(withValues.length).toBe(frame.indicators.length);
    for (const indicator of frame.indicators) {
      const years = progress.indicators.get(indicator.id)?.years ?? [];
      expect(years.every((entry) => !entry.conflict && entry.records[0]?.value.reading === 'number')).toBe(true);
      expect(years.map((entry) => entry.year).slice(0, 3)).toEqual(['2013/14', '2014/15', '2015/16']);
    }
    const states = frame.indicators.map((indicator) => indicatorStatus(indicator, progress, latest).state);
    for (const state of ['on-track', 'some-way-to-go', 'off-track'] as const) expect(states, state).toContain(state);
    const missingLatest = frame.indicators.filter(
      (indicator) => !progress.indicators.get(indicator.id)?.years.some((entry) => entry.year === latest),
    );
    expect(missingLatest.length).toBeGreaterThan(0);
    expect(missingLatest.length).toBeLessThan(frame.indicators.length / 3);
    expect(progress.commitments.size).toBeGreaterThan(20);
    expect([...progress.narratives.values()].every((entries) => entries.length > 0)).toBe(true);
    expect(progress.yearTexts.filter((text) => text.key === 'summary').map((text) => text.year)).toEqual([
      '2013/14',
      '2014/15',
      '2015/16',
      '2016/17',
    ]);
  });

  it('records ten years for the benchmark, and none when asked for none', () => {
    const ten = generateSampleSoa({ seed: 1, progressYears: 10 });
    const progress = assembleProgress(
      new FrameDocument(ten.frame).read(),
      readProgressRooms(ten.frame, ten.partnerDocs),
    );
    expect(Math.max(...[...progress.indicators.values()].map((entry) => entry.years.length))).toBe(10);
    const none = generateSampleSoa({ seed: 1, progressYears: 0 });
    const empty = assembleProgress(
      new FrameDocument(none.frame).read(),
      readProgressRooms(none.frame, none.partnerDocs),
    );
    expect([...empty.indicators.values()].every((entry) => entry.years.length === 0)).toBe(true);
  });
});
