/**
 * Which way an indicator should move ("better when higher" or "lower"). It is the author's choice, never a
 * default: a fuel-poverty indicator wrongly marked "higher is better" misstates the plan. The targets
 * usually say which way the partnership means it to move, so the app proposes that direction and flags a
 * choice the targets contradict.
 */

export type Direction = 'higher' | 'lower';

export interface DirectionValues {
  readonly baselineValue: number | null;
  readonly target1: number | null;
  readonly target3: number | null;
  readonly target10: number | null;
}

/**
 * The direction the figures move in, from the baseline through the year 1, 3 and 10 targets (those that are
 * numbers), or null when they do not all move one way (or do not move, or there are fewer than two).
 */
export function proposeDirection(values: DirectionValues): Direction | null {
  const series = [values.baselineValue, values.target1, values.target3, values.target10].filter(
    (value): value is number => value !== null && Number.isFinite(value),
  );
  let rises = 0;
  let falls = 0;
  for (let index = 1; index < series.length; index++) {
    const step = (series[index] ?? 0) - (series[index - 1] ?? 0);
    if (step > 0) rises++;
    else if (step < 0) falls++;
  }
  if (rises > 0 && falls === 0) return 'higher';
  if (falls > 0 && rises === 0) return 'lower';
  return null;
}

/** True when a direction has been chosen and the targets move the other way. */
export function directionContradicts(chosen: Direction | null, values: DirectionValues): boolean {
  const proposed = proposeDirection(values);
  return chosen !== null && proposed !== null && proposed !== chosen;
}

export function directionFromHigherIsBetter(higherIsBetter: boolean | null): Direction | null {
  return higherIsBetter === null ? null : higherIsBetter ? 'higher' : 'lower';
}
