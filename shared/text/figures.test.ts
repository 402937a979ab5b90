import { describe, expect, it } from 'vitest';
import { describeFigure, figureFromStored, parseFigure } from './figures';

describe('figures as UK officers type them', () => {
  it.each([
    ['£120,000', 'pounds', 120_000],
    ['120000', 'pounds', 120_000],
    ['£ 120 000', 'pounds', 120_000],
    ['1.2m', 'pounds', 1_200_000],
    ['£1.2m', 'pounds', 1_200_000],
    ['£3.5 million', 'pounds', 3_500_000],
    ['£12k', 'pounds', 12_000],
    ['about £40,000', 'pounds', 40_000],
    ['2.5 FTE', 'fte', 2.5],
    ['0.5', 'fte', 0.5],
    ['about 20%', 'target', 20],
    ['20 %', 'target', 20],
    ['12.5 per cent', 'target', 12.5],
    ['1,234.5', 'target', 1234.5],
    ['-3', 'target', -3],
    ['c. 250', 'baseline', 250],
    ['.5', 'target', 0.5],
    ['2012', 'year', 2012],
    ['2012/13', 'year', 2012],
    ['2012-2013', 'year', 2012],
  ] as const)('reads %s as a number', (typed, kind, value) => {
    expect(parseFigure(typed, kind)).toEqual({ text: typed, value, reading: 'number' });
  });

  it.each([
    ['Maintain', 'target'],
    ['Below the Scottish average', 'target'],
    ['Within existing budgets', 'pounds'],
    ['£-5', 'pounds'],
    ['-2', 'fte'],
    ['20%', 'pounds'],
    ['1.2.3', 'target'],
    ['12 to 15', 'target'],
    ['2012 baseline', 'year'],
    ['1066', 'year'],
  ] as const)('keeps %s as text', (typed, kind) => {
    expect(parseFigure(typed, kind)).toEqual({ text: typed, value: null, reading: 'text' });
  });

  it('treats blank as not stated and trims what was typed', () => {
    expect(parseFigure('   ', 'pounds')).toEqual({ text: '', value: null, reading: 'blank' });
    expect(parseFigure('  £5 ', 'pounds')).toEqual({ text: '£5', value: 5, reading: 'number' });
  });

  it('does not add binary noise to millions', () => {
    expect(parseFigure('1.1m', 'pounds').value).toBe(1_100_000);
    expect(parseFigure('0.7 million', 'pounds').value).toBe(700_000);
  });

  it('reads what older documents stored as numbers and newer ones as text', () => {
    expect(figureFromStored(80_000, 'pounds')).toEqual({ text: '80000', value: 80_000, reading: 'number' });
    expect(figureFromStored('£80,000', 'pounds')).toEqual({ text: '£80,000', value: 80_000, reading: 'number' });
    expect(figureFromStored(Number.NaN, 'pounds').reading).toBe('blank');
    expect(figureFromStored({ evil: true }, 'pounds').reading).toBe('blank');
  });

  it('says in words what will happen', () => {
    expect(describeFigure(parseFigure('Maintain'), 'target')).toBe(
      'Not a number: kept as written, with no trend chart or progress status for this target.',
    );
    expect(describeFigure(parseFigure('£120,000', 'pounds'), 'pounds')).toBe('Read as £120,000.');
    expect(describeFigure(parseFigure('about 20%'), 'target')).toBe('Read as 20%.');
    expect(describeFigure(parseFigure('20'), 'target')).toBe('');
    expect(describeFigure(parseFigure('', 'pounds'), 'pounds')).toMatch(/^Not stated/);
    expect(describeFigure(parseFigure('Within existing budgets', 'pounds'), 'pounds')).toMatch(
      /not added to the resource totals/,
    );
  });
});
