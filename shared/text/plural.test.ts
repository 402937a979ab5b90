import { describe, expect, it } from 'vitest';
import { countOf } from './plural';

describe('countOf', () => {
  it('puts the noun in the right number', () => {
    expect(countOf(1, 'commitment')).toBe('1 commitment');
    expect(countOf(2, 'commitment')).toBe('2 commitments');
    expect(countOf(0, 'commitment')).toBe('No commitments');
    expect(countOf(1_200, 'change')).toBe('1,200 changes');
    expect(countOf(3, 'person', 'people')).toBe('3 people');
  });
});
