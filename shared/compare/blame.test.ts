import { describe, expect, it } from 'vitest';
import { SectionBlame } from './blame';
import { decodeReplay, encodeReplay } from './replayCheckpoint';
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

  it('carries on from its runs as a checkpoint writes them, as the blame itself would', () => {
    const changes = [
      ['We will reduce repeat offending by 2018, together.'],
      ['We will reduce repeat offending by 2018.', 'A new paragraph.'],
      ['We will reduce offending by 2020.', 'A new paragraph, longer.'],
    ];
    const original = new SectionBlame(tokenise(['We will reduce reoffending by 2016.']));
    original.change(tokenise(changes[0] ?? []), 'alex', 1);
    // Through a checkpoint's encoding: the runs, joined, with their tokens' lengths.
    const written = encodeReplay({
      rooms: new Map(),
      sections: [
        {
          key: 'vision',
          room: 'frame',
          text: '',
          versionTokens: { text: '', lengths: [] },
          blame: original.pieceRuns(),
          authors: new Map(),
        },
      ],
      group: null,
      closedEarly: null,
    });
    const runs = decodeReplay(written).sections[0]?.blame;
    if (!runs) throw new Error('the checkpoint lost the blame');
    const restored = SectionBlame.fromRuns(runs);
    // Before any change it reads as the original, and is written down again the same.
    expect(restored.pieces()).toEqual(original.pieces());
    expect(restored.changed()).toBe(original.changed());
    expect(restored.pieceRuns()).toEqual(original.pieceRuns());
    // Then it takes changes as the original does.
    for (const [index, next] of changes.slice(1).entries()) {
      original.change(tokenise(next), 'bea', index + 2);
      restored.change(tokenise(next), 'bea', index + 2);
      expect(restored.pieces()).toEqual(original.pieces());
      expect(restored.pieceRuns()).toEqual(original.pieceRuns());
    }
  });
});
