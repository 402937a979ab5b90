// A comment on a passage stays on that passage while three replicas insert, delete and format text around
// it concurrently (seeded fuzz: the seed is printed; COMMENT_SEED=<n> replays a run), and a passage that is
// deleted leaves its thread marked "on deleted text" with the words it was about.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  anchorPassage,
  CommentsDocument,
  passageFinder,
  readCommentThreads,
  resolvePassage,
  textRuns,
  writeRichText,
  type CommentAnchor,
  type CommentField,
  type MemberId,
  type PartnerId,
} from '../../shared/model';
import { createRng, type Rng } from '../support/random';

const FIELD: CommentField = { partnerId: null, path: 'narrative.vision' };
const WORDS = [
  'place',
  'health',
  'outcome',
  'partners',
  'prevention',
  'housing',
  'young',
  'people',
  'jobs',
  'safer',
  'communities',
  'older',
];

const fragmentOf = (doc: Y.Doc): Y.XmlFragment => doc.getXmlFragment(FIELD.path);
const sentence = (rng: Rng, words: number): string => Array.from({ length: words }, () => rng.pick(WORDS)).join(' ');

function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

/**
 * Every replica gets every other's changes, again until nothing moves: a replica receiving formatted text
 * may tidy a redundant formatting mark away (Yjs's cleanupYTextAfterTransaction), a deletion of its own that
 * the others then need, as a live session would send it.
 */
function syncAll(docs: readonly Y.Doc[]): void {
  const states = () => docs.map((doc) => Buffer.from(Y.encodeSnapshot(Y.snapshot(doc))).toString('base64')).join();
  for (let pass = 0; pass < 5; pass++) {
    const before = states();
    for (const a of docs) for (const b of docs) if (a !== b) sync(a, b);
    if (
      states() === before &&
      new Set(docs.map((doc) => Buffer.from(Y.encodeSnapshot(Y.snapshot(doc))).toString('base64'))).size === 1
    )
      return;
  }
}

function fuzzSeed(): number {
  const fromEnv = Number(process.env.COMMENT_SEED);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 1 + Math.floor(Math.random() * 2 ** 31);
}

/** One random edit on a replica that leaves the passage's own characters alone. */
function editAround(rng: Rng, doc: Y.Doc, anchor: CommentAnchor): void {
  const fragment = fragmentOf(doc);
  const here = resolvePassage(fragment, anchor);
  const start = here.start!;
  const end = here.end!;
  const run = start.text;
  const paragraph = run.parent as Y.XmlElement;
  const paragraphs = fragment.toArray();
  const at = paragraphs.indexOf(paragraph);
  switch (rng.int(0, 6)) {
    case 0: {
      // Type in the passage's own paragraph, just before or just after it, or further away.
      const index = rng.next() < 0.5 ? rng.int(0, start.index) : rng.int(end.index, run.length);
      run.insert(index, rng.next() < 0.3 ? ' ' : `${sentence(rng, rng.int(1, 3))} `);
      return;
    }
    case 1: {
      // Delete part of what is before the passage, or after it, in its paragraph.
      if (rng.next() < 0.5 && start.index > 0) {
        const from = rng.int(0, start.index - 1);
        run.delete(from, rng.int(1, start.index - from));
      } else if (run.length > end.index) {
        const from = rng.int(end.index, run.length - 1);
        run.delete(from, rng.int(1, run.length - from));
      }
      return;
    }
    case 2: {
      // Bold or italic over any stretch, the passage included: formatting changes no words.
      const from = rng.int(0, run.length - 1);
      run.format(from, rng.int(1, run.length - from), rng.next() < 0.5 ? { bold: {} } : { italic: {} });
      return;
    }
    case 3: {
      // A new paragraph before or after.
      const paragraphNew = new Y.XmlElement('paragraph');
      paragraphNew.insert(0, [new Y.XmlText(sentence(rng, rng.int(2, 8)))]);
      fragment.insert(rng.next() < 0.5 ? rng.int(0, at) : rng.int(at + 1, paragraphs.length), [paragraphNew]);
      return;
    }
    case 4: {
      // Delete another paragraph.
      const others = paragraphs.map((_, index) => index).filter((index) => index !== at);
      if (others.length > 0) fragment.delete(rng.pick(others), 1);
      return;
    }
    default: {
      // Edit another paragraph's text.
      const other = textRuns(fragment).filter((candidate) => candidate !== run);
      if (other.length === 0) return;
      const target = rng.pick(other);
      if (rng.next() < 0.5 || target.length === 0) target.insert(rng.int(0, target.length), `${sentence(rng, 2)} `);
      else {
        const from = rng.int(0, target.length - 1);
        target.delete(from, rng.int(1, target.length - from));
      }
    }
  }
}

function makeReplicas(rng: Rng): { docs: Y.Doc[]; anchor: CommentAnchor; quote: string } {
  // Client ids decide how concurrent edits order, so they come from the seed too (a failure can be replayed).
  const replica = () => {
    const doc = new Y.Doc();
    doc.clientID = rng.int(1, 2 ** 30);
    return doc;
  };
  const origin = replica();
  const fragment = fragmentOf(origin);
  writeRichText(
    fragment,
    Array.from({ length: rng.int(1, 4) }, () => ({
      type: 'paragraph' as const,
      content: [{ type: 'text' as const, text: sentence(rng, rng.int(4, 12)) }],
    })),
  );
  const runs = textRuns(fragment);
  const run = rng.pick(runs);
  const text = run.toString();
  let from = rng.int(0, text.length - 2);
  while (text[from] === ' ') from++;
  const to = rng.int(from + 1, text.length);
  const anchor = anchorPassage(fragment, FIELD, { text: run, index: from }, { text: run, index: to })!;
  expect(anchor.quote).toBe(text.slice(from, to));
  const docs = [origin, replica(), replica()];
  syncAll(docs);
  return { docs, anchor, quote: anchor.quote };
}

describe('passage anchors', () => {
  it('stay on their passage through concurrent edits around it (seeded fuzz)', () => {
    const seed = fuzzSeed();
    console.log(`comment anchor fuzz seed: ${seed} (replay with COMMENT_SEED=${seed})`);
    const rng = createRng(seed);
    for (let round = 0; round < 150; round++) {
      const { docs, anchor, quote } = makeReplicas(rng);
      for (let step = 0; step < 30; step++) {
        editAround(rng, rng.pick(docs), anchor);
        if (rng.next() < 0.2) sync(rng.pick(docs), rng.pick(docs));
      }
      syncAll(docs);
      for (const doc of docs) {
        const found = resolvePassage(fragmentOf(doc), anchor);
        expect({ seed, round, text: found.text, onDeletedText: found.onDeletedText }).toEqual({
          seed,
          round,
          text: quote,
          onDeletedText: false,
        });
      }
      expect(docs[1]!.getXmlFragment(FIELD.path).toString()).toBe(docs[0]!.getXmlFragment(FIELD.path).toString());
    }
  });

  it('leave the thread "on deleted text" with its quote when the passage is deleted, whatever else happens (seeded)', () => {
    const seed = fuzzSeed();
    console.log(`deleted passage fuzz seed: ${seed} (replay with COMMENT_SEED=${seed})`);
    const rng = createRng(seed);
    for (let round = 0; round < 100; round++) {
      const { docs, anchor, quote } = makeReplicas(rng);
      const [deleter, ...others] = docs as [Y.Doc, Y.Doc, Y.Doc];
      // Concurrently: one replica deletes the passage (alone, with its neighbours, or its whole paragraph)
      // while the others keep editing around it.
      const here = resolvePassage(fragmentOf(deleter), anchor);
      const run = here.start!.text;
      const how = rng.int(0, 2);
      if (how === 0) run.delete(here.start!.index, here.end!.index - here.start!.index);
      else if (how === 1) {
        const from = rng.int(0, here.start!.index);
        run.delete(from, rng.int(here.end!.index, run.length) - from);
      } else
        fragmentOf(deleter).delete(
          fragmentOf(deleter)
            .toArray()
            .indexOf(run.parent as Y.XmlElement),
          1,
        );
      for (let step = 0; step < 10; step++) editAround(rng, rng.pick(others), anchor);
      syncAll(docs);

      for (const doc of docs) {
        expect({ seed, round, ...resolvePassage(fragmentOf(doc), anchor), start: null, end: null }).toEqual({
          seed,
          round,
          text: '',
          onDeletedText: true,
          start: null,
          end: null,
        });
        // The thread stays, with the words it was about.
        const comments = new Y.Doc();
        new CommentsDocument(comments).startThread({
          section: { kind: 'narrative', key: 'vision' },
          anchor,
          body: 'Is this still true?',
        });
        const [thread] = readCommentThreads({
          rooms: [['reviewer' as MemberId, comments]],
          members: [],
          findPassage: passageFinder(doc, () => null),
        });
        expect(thread!.passage).toEqual({ text: '', onDeletedText: true });
        expect(thread!.anchor!.quote).toBe(quote);
      }
    }
  });

  it('anchor a passage across paragraphs and formatting, and ignore whitespace-only or damaged anchors', () => {
    const doc = new Y.Doc();
    const fragment = fragmentOf(doc);
    writeRichText(fragment, [
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Fewer people ' },
          { type: 'text', text: 'smoke', marks: { bold: true } },
          { type: 'text', text: ' by 2020.' },
        ],
      },
      { type: 'paragraph', content: [{ type: 'text', text: 'More walk to work.' }] },
    ]);
    const [first, second] = textRuns(fragment) as [Y.XmlText, Y.XmlText];
    const anchor = anchorPassage(fragment, FIELD, { text: first, index: 6 }, { text: second, index: 4 })!;
    expect(anchor.quote).toBe('people smoke by 2020.\nMore');
    // A selection ending at the very start of the next paragraph ends with the previous one.
    expect(anchorPassage(fragment, FIELD, { text: first, index: 13 }, { text: second, index: 0 })!.quote).toBe(
      'smoke by 2020.',
    );
    second.insert(0, 'Many ');
    first.insert(0, 'Far ');
    expect(resolvePassage(fragment, anchor).text).toBe('people smoke by 2020.\nMany More');
    expect(anchorPassage(fragment, FIELD, { text: first, index: 3 }, { text: first, index: 4 })).toBeNull();
    for (const damaged of [
      { ...anchor, start: 'AAAA' },
      { ...anchor, end: '////' },
    ]) {
      expect(resolvePassage(fragment, damaged)).toMatchObject({ text: '', onDeletedText: true });
    }
    // A passage in a partner's field that this replica does not have is shown by its quote, as deleted.
    const find = passageFinder(doc, () => null);
    expect(find({ ...anchor, field: { partnerId: 'nhs' as PartnerId, path: 'statement' } }).onDeletedText).toBe(true);
  });
});
