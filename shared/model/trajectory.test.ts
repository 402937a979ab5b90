import { describe, expect, it } from 'vitest';
import { expectedAt, judgeProgress, trajectoryPoints, type TrajectoryIndicator, type ValuePoint } from './trajectory';

// A 2013-2023 SOA: year 1 target for 2013/14, year 3 for 2015/16, year 10 for 2022/23.
const PERIOD = 2013;
/** Higher is better: 50 in 2011, 52 by 2013/14, 56 by 2015/16, 70 by 2022/23. */
const rising: TrajectoryIndicator = {
  baselineValue: 50,
  baselineYear: 2011,
  target1: 52,
  target3: 56,
  target10: 70,
  higherIsBetter: true,
};
/** Lower is better: 20% in 2012, 19 by 2013/14, 17 by 2015/16, 10 by 2022/23. */
const falling: TrajectoryIndicator = {
  baselineValue: 20,
  baselineYear: 2012,
  target1: 19,
  target3: 17,
  target10: 10,
  higherIsBetter: false,
};

const at = (year: number, value: number | null, conflict = false): ValuePoint => ({ year, value, conflict });

describe('the trajectory from the baseline through the targets', () => {
  it('places the targets in the SOA\u2019s first, third and tenth reporting years and draws straight lines between them', () => {
    const points = trajectoryPoints(rising, PERIOD);
    expect(points?.map((point) => [point.year, point.value])).toEqual([
      [2011, 50],
      [2013, 52],
      [2015, 56],
      [2022, 70],
    ]);
    expect(expectedAt(points ?? [], 2012)).toBe(51);
    expect(expectedAt(points ?? [], 2014)).toBe(54);
    expect(expectedAt(points ?? [], 2018)).toBe(62);
    expect(expectedAt(points ?? [], 2025)).toBe(70);
    expect(expectedAt(points ?? [], 2010)).toBeNull();
  });

  it('counts the targets from the baseline year when the SOA has no stated period', () => {
    expect(trajectoryPoints(rising, null)?.map((point) => point.year)).toEqual([2011, 2012, 2014, 2021]);
  });

  it('skips a target in words and draws the line through those that are numbers', () => {
    const points = trajectoryPoints({ ...rising, target3: null }, PERIOD);
    expect(points?.map((point) => point.label)).toEqual(['Baseline', 'Year 1 target', 'Year 10 target']);
    expect(expectedAt(points ?? [], 2015)).toBe(56);
  });
});

describe('judging progress', () => {
  it('higher is better: on track at or above the line, some way to go above the baseline, off track at or below it', () => {
    expect(judgeProgress(rising, PERIOD, [at(2014, 55)], 2014).state).toBe('on-track');
    expect(judgeProgress(rising, PERIOD, [at(2014, 53)], 2014)).toMatchObject({
      state: 'some-way-to-go',
      actual: 53,
      expected: 54,
      year: 2014,
    });
    expect(judgeProgress(rising, PERIOD, [at(2014, 50)], 2014).state).toBe('off-track');
    expect(judgeProgress(rising, PERIOD, [at(2014, 47)], 2014).state).toBe('off-track');
  });

  it('lower is better: the same judgement the other way up', () => {
    // Expected in 2014/15: 18.
    expect(judgeProgress(falling, PERIOD, [at(2014, 17.5)], 2014).state).toBe('on-track');
    expect(judgeProgress(falling, PERIOD, [at(2014, 19)], 2014)).toMatchObject({
      state: 'some-way-to-go',
      expected: 18,
    });
    expect(judgeProgress(falling, PERIOD, [at(2014, 20)], 2014).state).toBe('off-track');
    expect(judgeProgress(falling, PERIOD, [at(2014, 23)], 2014).state).toBe('off-track');
  });

  it('a value exactly on the trajectory is on track, including one that only equals it after floating-point arithmetic', () => {
    expect(judgeProgress(rising, PERIOD, [at(2014, 54)], 2014).state).toBe('on-track');
    // 0.1 + 0.2 style noise: expected 12.3 for a line from 12.1 to 12.5.
    const fine: TrajectoryIndicator = {
      baselineValue: 12.1,
      baselineYear: 2012,
      target1: 12.5,
      target3: null,
      target10: null,
      higherIsBetter: true,
    };
    const expected = judgeProgress(fine, 2014, [at(2013, 12.3)], 2013).expected ?? 0;
    expect(Math.abs(expected - 12.3)).toBeLessThan(1e-9);
    expect(judgeProgress(fine, 2014, [at(2013, 12.3)], 2013).state).toBe('on-track');
    expect(judgeProgress(falling, PERIOD, [at(2013, 19)], 2013).state).toBe('on-track');
  });

  it('judges the latest value up to the year asked about, not later ones', () => {
    const values = [at(2013, 53), at(2014, 49), at(2016, 57)];
    expect(judgeProgress(rising, PERIOD, values, 2013).state).toBe('on-track');
    expect(judgeProgress(rising, PERIOD, values, 2014).state).toBe('off-track');
    expect(judgeProgress(rising, PERIOD, values, 2015)).toMatchObject({ state: 'off-track', year: 2014 });
    expect(judgeProgress(rising, PERIOD, values, 2016)).toMatchObject({ state: 'some-way-to-go', year: 2016 });
  });

  it('says "no data" with no values, with only values in words, and with only values from the baseline year or before', () => {
    expect(judgeProgress(rising, PERIOD, [], 2014)).toMatchObject({
      state: 'no-data',
      reason: expect.stringMatching(/No value/),
    });
    expect(judgeProgress(rising, PERIOD, [at(2014, null)], 2014).state).toBe('no-data');
    const before = judgeProgress(rising, PERIOD, [at(2009, 48), at(2011, 50)], 2014);
    expect(before).toMatchObject({ state: 'no-data', reason: expect.stringMatching(/baseline year or before/) });
  });

  it('ignores values before the baseline year when there are later ones', () => {
    expect(judgeProgress(rising, PERIOD, [at(2008, 90), at(2013, 51)], 2013)).toMatchObject({
      state: 'some-way-to-go',
      actual: 51,
    });
  });

  it('says "target not a number" when the baseline or every target is in words', () => {
    expect(
      judgeProgress({ ...rising, target1: null, target3: null, target10: null }, PERIOD, [at(2014, 60)], 2014),
    ).toMatchObject({ state: 'target-not-a-number', reason: expect.stringMatching(/None of the targets/) });
    expect(judgeProgress({ ...rising, baselineValue: null }, PERIOD, [at(2014, 60)], 2014)).toMatchObject({
      state: 'target-not-a-number',
      reason: expect.stringMatching(/baseline is not a number/),
    });
    expect(judgeProgress({ ...rising, baselineYear: null }, PERIOD, [at(2014, 60)], 2014).state).toBe(
      'target-not-a-number',
    );
  });

  it('asks for a direction when none is chosen, and for the conflict to be resolved when the latest year has two values', () => {
    expect(judgeProgress({ ...rising, higherIsBetter: null }, PERIOD, [at(2014, 60)], 2014).state).toBe(
      'direction-not-set',
    );
    expect(judgeProgress(rising, PERIOD, [at(2013, 53), at(2014, null, true)], 2014)).toMatchObject({
      state: 'conflict',
      reason: expect.stringMatching(/2014\/15/),
    });
  });
});
