import { describe, expect, it } from 'vitest';
import { daysBetween, describeDaysLeft, formatUkDate } from './dates';

describe('UK dates', () => {
  it('formats ISO dates as the guidance does', () => {
    expect(formatUkDate('2013-04-01')).toBe('1 April 2013');
    expect(formatUkDate('2026-03-31')).toBe('31 March 2026');
    expect(formatUkDate('not a date')).toBe('not a date');
  });

  it('counts days to a deadline across the clock change', () => {
    expect(daysBetween('2013-03-01', '2013-04-01')).toBe(31);
    expect(daysBetween('2013-04-02', '2013-04-01')).toBe(-1);
    expect(describeDaysLeft(0)).toBe('due today');
    expect(describeDaysLeft(1)).toBe('1 day left');
    expect(describeDaysLeft(-3)).toBe('3 days overdue');
  });
});
