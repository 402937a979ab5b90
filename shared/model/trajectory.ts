/**
 * Is an indicator on track? Judged against the straight-line trajectory from the baseline through the
 * year 1, 3 and 10 targets (those that are numbers), honouring which way is better. Pure.
 *
 * Where the targets sit on the time line: the year 1 target is for the SOA's first reporting year (2013/14
 * for a 2013-2023 SOA, "by March 2014"), year 3 for its third and year 10 for its tenth. A year is placed by
 * the calendar year it starts in, as the baseline year is ("2011" or "2011/12" both at 2011). Without a
 * stated period, the targets fall 1, 3 and 10 years after the baseline.
 *
 * The judgement, in words a councillor can check by eye on the chart:
 *   on track         the latest value is on the trajectory or better;
 *   some way to go   it is better than the baseline but behind the trajectory;
 *   off track        it is no better than the baseline (and behind the trajectory).
 * And the states where there is nothing to judge: no value since the baseline year ("no data"), a baseline
 * or every target in words ("target not a number"), no direction chosen, or two different values for the
 * latest year ("conflict", until someone resolves it).
 */

export const TRAJECTORY_STATES = [
  'on-track',
  'some-way-to-go',
  'off-track',
  'no-data',
  'target-not-a-number',
  'direction-not-set',
  'conflict',
] as const;
export type TrajectoryState = (typeof TRAJECTORY_STATES)[number];

/** Words for each state, never colour alone. */
export const TRAJECTORY_STATE_LABELS: Readonly<Record<TrajectoryState, string>> = {
  'on-track': 'On track',
  'some-way-to-go': 'Some way to go',
  'off-track': 'Off track',
  'no-data': 'No data',
  'target-not-a-number': 'Target not a number',
  'direction-not-set': 'Direction not set',
  conflict: 'Values conflict',
};

/** What the trajectory needs from an indicator (the frame's figures, read as numbers). */
export interface TrajectoryIndicator {
  readonly baselineValue: number | null;
  readonly baselineYear: number | null;
  readonly target1: number | null;
  readonly target3: number | null;
  readonly target10: number | null;
  readonly higherIsBetter: boolean | null;
}

/** One recorded value, placed by the calendar year its reporting year starts in. */
export interface ValuePoint {
  readonly year: number;
  /** The number, or null when the value was recorded in words. */
  readonly value: number | null;
  /** True when two different values are recorded for this year. */
  readonly conflict?: boolean;
}

export interface TrajectoryPoint {
  readonly year: number;
  readonly value: number;
  readonly label: 'Baseline' | 'Year 1 target' | 'Year 3 target' | 'Year 10 target';
}

export interface TrajectoryStatus {
  readonly state: TrajectoryState;
  /** The year of the value judged (its start year), or null. */
  readonly year: number | null;
  readonly actual: number | null;
  /** Where the trajectory says the indicator should be in that year. */
  readonly expected: number | null;
  /** One plain-English sentence: why this state. */
  readonly reason: string;
}

/** The baseline and the numeric targets, in time order, or null when the baseline (or its year) is not a number. */
export function trajectoryPoints(indicator: TrajectoryIndicator, periodStart: number | null): TrajectoryPoint[] | null {
  if (indicator.baselineValue === null || indicator.baselineYear === null) return null;
  const points: TrajectoryPoint[] = [
    { year: indicator.baselineYear, value: indicator.baselineValue, label: 'Baseline' },
  ];
  const targets = [
    [1, indicator.target1, 'Year 1 target'],
    [3, indicator.target3, 'Year 3 target'],
    [10, indicator.target10, 'Year 10 target'],
  ] as const;
  for (const [offset, value, label] of targets) {
    if (value === null) continue;
    const year = periodStart !== null ? periodStart + offset - 1 : indicator.baselineYear + offset;
    // A target dated at or before the baseline (a baseline later than the SOA's start) cannot draw a line.
    if (year <= (points[points.length - 1]?.year ?? -Infinity)) continue;
    points.push({ year, value, label });
  }
  return points;
}

/** The trajectory's value in a year: on the straight line between the points around it, held after the last. */
export function expectedAt(points: readonly TrajectoryPoint[], year: number): number | null {
  const first = points[0];
  if (!first || year < first.year) return null;
  for (let index = 1; index < points.length; index++) {
    const before = points[index - 1] as TrajectoryPoint;
    const after = points[index] as TrajectoryPoint;
    if (year <= after.year)
      return before.value + ((after.value - before.value) * (year - before.year)) / (after.year - before.year);
  }
  return (points[points.length - 1] as TrajectoryPoint).value;
}

/**
 * The status of an indicator as of a reporting year (its start year): the latest value recorded in or
 * before that year, and after the baseline year, against the trajectory.
 */
export function judgeProgress(
  indicator: TrajectoryIndicator,
  periodStart: number | null,
  values: readonly ValuePoint[],
  asOf: number,
): TrajectoryStatus {
  const none = (
    state: TrajectoryState,
    reason: string,
    year: number | null = null,
    actual: number | null = null,
  ): TrajectoryStatus => ({ state, year, actual, expected: null, reason });
  const points = trajectoryPoints(indicator, periodStart);
  if (!points) {
    return none(
      'target-not-a-number',
      indicator.baselineValue === null
        ? 'The baseline is not a number, so there is no trajectory to judge against.'
        : 'The baseline year is not a year, so there is no trajectory to judge against.',
    );
  }
  if (points.length < 2)
    return none('target-not-a-number', 'None of the targets is a number, so there is no trajectory to judge against.');
  const baselineYear = points[0]?.year ?? 0;
  const latest = values
    .filter(
      (point) => point.year <= asOf && point.year > baselineYear && (point.value !== null || point.conflict === true),
    )
    .sort((a, b) => b.year - a.year)[0];
  if (!latest) {
    const before = values.some((point) => point.year <= baselineYear && point.value !== null);
    return none(
      'no-data',
      before
        ? 'The only values recorded are from the baseline year or before; there is none since.'
        : 'No value has been recorded since the baseline.',
    );
  }
  if (latest.conflict)
    return none(
      'conflict',
      `Different values are recorded for ${latest.year}/${String((latest.year + 1) % 100).padStart(2, '0')}; resolve them to see the status.`,
      latest.year,
    );
  if (indicator.higherIsBetter === null)
    return none(
      'direction-not-set',
      'Choose whether higher or lower is better to see the status.',
      latest.year,
      latest.value,
    );
  const actual = latest.value as number;
  const expected = expectedAt(points, latest.year) as number;
  const baseline = points[0]?.value ?? 0;
  const sign = indicator.higherIsBetter ? 1 : -1;
  // Figures come from text ("12.3%"); compare with a tolerance far below any meaningful difference.
  const epsilon = 1e-9 * Math.max(1, Math.abs(actual), Math.abs(expected), Math.abs(baseline));
  const ahead = sign * (actual - expected);
  const better = sign * (actual - baseline);
  const judged = (state: TrajectoryState, reason: string): TrajectoryStatus => ({
    state,
    year: latest.year,
    actual,
    expected,
    reason,
  });
  if (ahead >= -epsilon) return judged('on-track', 'The latest value is on the trajectory to the targets or better.');
  if (better > epsilon)
    return judged(
      'some-way-to-go',
      'The latest value is better than the baseline but behind the trajectory to the targets.',
    );
  return judged(
    'off-track',
    'The latest value is no better than the baseline and behind the trajectory to the targets.',
  );
}
