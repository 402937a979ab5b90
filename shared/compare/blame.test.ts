import { describe, expect, it } from 'vitest';
import { SectionBlame } from './blame';
import { tokenise } from './tokens';

const accept = (blame: SectionBlame): string =>
  blame
    .pieces()
    .filter((piece) => piece.kind !== 'deleted')
    .map((piece) => piece.text)
    .join('');
const reject = (blame: SectionBlame): string =>
  blame
    .pieces()
    .filter((piece) => piece.kind !== 'inserted')
    .map((piece) => piece.text)
    .join('');

describe('SectionBlame', () => {
  it('gives each change to its author, drops words inserted and deleted again, and reads back both texts', () => {
    const version = ['We will reduce reoffending by 2016.'];
    const blame = new SectionBlame(tokenise(version));
    blame.change(tokenise(['We will reduce reoffending and repeat offending by 2016.']), 'alex', 1);
    blame.change(tokenise(['We will reduce repeat offending by 2018.', 'A new paragraph.']), 'bea', 2);
    expect(accept(blame)).toBe('We will reduce repeat offending by 2018.\nA new paragraph.');
    expect(reject(blame)).toBe('We will reduce reoffending by 2016.');
    const changes = blame
      .pieces()
      .filter((piece) => piece.kind !== 'same')
      .map(({ kind, text, memberId }) => ({ kind, text, memberId }));
    expect(changes).toEqual([
      // The version's "reoffending " went (Bea); Alex's "and " inserted and deleted again is gone altogether.
      { kind: 'deleted', text: 'reoffending ', memberId: 'bea' },
      { kind: 'inserted', text: 'repeat offending ', memberId: 'alex' },
      { kind: 'deleted', text: '2016', memberId: 'bea' },
      { kind: 'inserted', text: '2018.\nA new paragraph', memberId: 'bea' },
    ]);
    expect(blame.changed()).toBe(true);
  });

  it('is unchanged when a change is undone', () => {
    const blame = new SectionBlame(tokenise(['Keep this.']));
    blame.change(tokenise(['Keep this, and more.']), 'alex', 1);
    blame.change(tokenise(['Keep this.']), 'alex', 2);
    expect(blame.changed()).toBe(false);
  });
});
