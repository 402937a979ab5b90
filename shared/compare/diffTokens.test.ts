import { describe, expect, it } from 'vitest';
import { diffTokens, readableDiff, type DiffOp } from './diffTokens';
import { tokenise } from './tokens';
import { SampleRandom } from '../sample/random';

/** Applies ops to before, taking inserted tokens from after: must give after, and keep exactly the equal ones. */
function replay(before: readonly string[], after: readonly string[], ops: readonly DiffOp[]): string[] {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  for (const op of ops) {
    if (op.kind === 'equal') {
      for (let n = 0; n < op.count; n++) {
        expect(before[i]).toBe(after[j]);
        out.push(before[i++] as string);
        j++;
      }
    } else if (op.kind === 'delete') i += op.count;
    else for (let n = 0; n < op.count; n++) out.push(after[j++] as string);
  }
  expect(i).toBe(before.length);
  return out;
}

function lcs(a: readonly string[], b: readonly string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (const token of a) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] as number;
      row[j] = token === b[j - 1] ? diagonal + 1 : Math.max(above, row[j - 1] as number);
      diagonal = above;
    }
  }
  return row[b.length] as number;
}

const changed = (ops: readonly DiffOp[]): number =>
  ops.filter((op) => op.kind !== 'equal').reduce((sum, op) => sum + op.count, 0);

describe('diffTokens', () => {
  it('finds the minimal edit of a word replaced in a sentence', () => {
    const before = ['The', ' ', 'draft', ' ', 'was', ' ', 'sent'];
    const after = ['The', ' ', 'final', ' ', 'draft', ' ', 'was', ' ', 'sent'];
    expect(diffTokens(before, after)).toEqual([
      { kind: 'equal', count: 2 },
      { kind: 'insert', count: 2 },
      { kind: 'equal', count: 5 },
    ]);
    expect(diffTokens(before, [])).toEqual([{ kind: 'delete', count: 7 }]);
    expect(diffTokens([], after)).toEqual([{ kind: 'insert', count: 9 }]);
  });

  it('turns random lists into each other with the fewest changes (a longest common subsequence kept)', () => {
    const seed = Math.floor(Math.random() * 2 ** 31);
    const chance = new SampleRandom(seed);
    const random = (): number => chance.real(0, 1);
    console.log(`diffTokens random seed ${seed}`);
    for (let round = 0; round < 200; round++) {
      const words = ['a', 'b', 'c', 'd', ' '];
      const before = Array.from(
        { length: Math.floor(random() * 40) },
        () => words[Math.floor(random() * words.length)] as string,
      );
      const after = before.flatMap((token) =>
        random() < 0.2 ? [] : random() < 0.2 ? [token, words[Math.floor(random() * words.length)] as string] : [token],
      );
      const ops = diffTokens(before, after);
      expect(replay(before, after, ops), `seed ${seed}`).toEqual(after);
      // Minimal: exactly the tokens outside a longest common subsequence.
      expect(changed(ops), `seed ${seed}`).toBe(before.length + after.length - 2 * lcs(before, after));
    }
  });

  it('reads a rewritten sentence as one deletion and one insertion, not word by word around the spaces', () => {
    const before = tokenise(['The council is the lead partner.']);
    const after = tokenise(['Our statement, rewritten after the draft.']);
    const ops = readableDiff(diffTokens(before, after), before);
    expect(replay(before, after, ops)).toEqual(after);
    // Only the shared word "the " is kept between the changes, not the spaces between every word.
    expect(ops).toEqual([
      { kind: 'delete', count: 6 },
      { kind: 'insert', count: 9 },
      { kind: 'equal', count: 2 },
      { kind: 'delete', count: 3 },
      { kind: 'insert', count: 1 },
      { kind: 'equal', count: 1 },
    ]);
  });
});
