import { describe, expect, it } from 'vitest';
import { changeFileName, latestFileName } from './fileName';

describe('bundle file names', () => {
  it('names a change file by SOA, partner and day', () => {
    expect(changeFileName('Balmuir SOA', 'NHS Clyde Valley', '2026-12-03')).toBe(
      'Balmuir SOA - changes from NHS Clyde Valley - 3 December 2026.soabundle',
    );
  });

  it('replaces characters no file system accepts', () => {
    expect(changeFileName('A/B: "plan"', 'Police | Fire', '2026-03-31')).toBe(
      'A B plan - changes from Police Fire - 31 March 2026.soabundle',
    );
    expect(latestFileName('   ', '2026-03-31')).toBe('SOA - latest for someone offline - 31 March 2026.soabundle');
  });
});
