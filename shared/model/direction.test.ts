import { describe, expect, it } from 'vitest';
import { directionContradicts, proposeDirection } from './direction';

const values = (
  baselineValue: number | null,
  target1: number | null,
  target3: number | null,
  target10: number | null,
) => ({ baselineValue, target1, target3, target10 });

describe('proposing which way an indicator should move', () => {
  it('proposes lower for falling targets (fuel poverty) and higher for rising ones', () => {
    expect(proposeDirection(values(31, 29, 26, 20))).toBe('lower');
    expect(proposeDirection(values(60, 62, 62, 70))).toBe('higher');
  });

  it('reads the targets that are numbers and skips those in words', () => {
    expect(proposeDirection(values(null, 12, null, 8))).toBe('lower');
    expect(proposeDirection(values(40, null, null, 45))).toBe('higher');
  });

  it('proposes nothing when the figures do not move one way or there is too little to go on', () => {
    expect(proposeDirection(values(10, 12, 9, 14))).toBeNull();
    expect(proposeDirection(values(10, 10, 10, 10))).toBeNull();
    expect(proposeDirection(values(10, null, null, null))).toBeNull();
    expect(proposeDirection(values(null, null, null, null))).toBeNull();
  });

  it('flags a chosen direction the targets contradict, and nothing unchosen', () => {
    expect(directionContradicts('higher', values(31, 29, 26, 20))).toBe(true);
    expect(directionContradicts('lower', values(31, 29, 26, 20))).toBe(false);
    expect(directionContradicts(null, values(31, 29, 26, 20))).toBe(false);
    expect(directionContradicts('higher', values(10, 12, 9, 14))).toBe(false);
  });
});
