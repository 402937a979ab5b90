import { describe, expect, it } from 'vitest';
import { lazyDateTimeFormat, lazyNumberFormat } from './lazyFormat';

describe('formatters made on first use', () => {
  it('format as the Intl formatter they stand for, every time', () => {
    const pounds = lazyNumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });
    expect(pounds.format(120000)).toBe('£120,000');
    expect(pounds.format(3.4)).toBe('£3');
    const options: Intl.DateTimeFormatOptions = {
      timeZone: 'Europe/London',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    };
    const day = lazyDateTimeFormat('en-GB', options);
    const when = Date.UTC(2026, 2, 31, 12);
    expect(day.format(when)).toBe('31 March 2026');
    expect(day.format(new Date(when))).toBe(new Intl.DateTimeFormat('en-GB', options).format(when));
  });
});
