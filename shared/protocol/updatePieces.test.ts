// splitUpdate: pieces that each integrate on their own, in order, with nothing left pending, and that add
// up to the whole update. Seeded: several writers' copies of rich text, maps and lists, with deletions and
// formatting, exchanged at random; the update is one copy's state against another's. Replay with
// UPDATE_PIECES_SEED=<printed seed>.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { splitUpdate, PIECE_LIMITS } from './updatePieces';

interface Rng {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
}

/** mulberry32, seeded. */
function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return { next, int, pick: (items) => items[int(0, items.length - 1)]! };
}

function structCount(update: Uint8Array): number {
  return Y.decodeUpdate(update).structs.length;
}

function sameDocs(a: Y.Doc, b: Y.Doc): boolean {
  return Buffer.from(Y.encodeStateAsUpdate(a)).equals(Buffer.from(Y.encodeStateAsUpdate(b))) || (Y.equalSnapshots(Y.snapshot(a), Y.snapshot(b)) && JSON.stringify(a.getXmlFragment('statement').toJSON()) === JSON.stringify(b.getXmlFragment('statement').toJSON()));
}

function edit(doc: Y.Doc, rng: Rng, step: number): void {
  const fragment = doc.getXmlFragment('statement');
  const roll = rng.next();
  doc.transact(() => {
    if (roll < 0.1 || fragment.length === 0) {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(`Paragraph ${step} `)]);
      fragment.insert(rng.int(0, fragment.length), [paragraph]);
    } else if (roll < 0.7) {
      const paragraph = fragment.get(rng.int(0, fragment.length - 1));
      const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null;
      if (text instanceof Y.XmlText) text.insert(rng.int(0, text.length), rng.pick(['a', 'the ', 'plan ', 'é']));
    } else if (roll < 0.8) {
      const paragraph = fragment.get(rng.int(0, fragment.length - 1));
      const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null;
      if (text instanceof Y.XmlText && text.length > 2) text.delete(rng.int(0, text.length - 2), rng.int(1, 2));
    } else if (roll < 0.85) {
      const paragraph = fragment.get(rng.int(0, fragment.length - 1));
      const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null;
      if (text instanceof Y.XmlText && text.length > 3) text.format(0, rng.int(1, 3), { bold: true });
    } else if (roll < 0.9) {
      if (fragment.length > 1) fragment.delete(rng.int(0, fragment.length - 1), 1);
    } else if (roll < 0.95) {
      doc.getMap('meta').set(`k${rng.int(0, 5)}`, step);
    } else {
      const list = doc.getArray<number>('list');
      list.insert(rng.int(0, list.length), [step]);
    }
  });
}

describe('splitUpdate', () => {
  it('leaves an update within the limits whole', () => {
    const doc = new Y.Doc();
    doc.getText('body').insert(0, 'A short change.');
    const update = Y.encodeStateAsUpdate(doc);
    expect(splitUpdate(update)).toEqual([update]);
  });

  it('cuts a large catch-up from several writers into pieces that each integrate, in order, to the whole', () => {
    const seed = Number(process.env.UPDATE_PIECES_SEED) || Math.floor(Math.random() * 2 ** 31);
    console.log(`updatePieces.test.ts seed: ${seed} (replay with UPDATE_PIECES_SEED=${seed})`);
    for (let round = 0; round < 20; round++) {
      const rng = createRng(seed + round);
      const copies = [0, 1, 2].map(() => new Y.Doc({ gc: rng.next() < 0.5 }));
      const relay = new Y.Doc();
      for (let step = 0; step < 400; step++) {
        const copy = rng.pick(copies);
        edit(copy, rng, step);
        if (rng.next() < 0.05) {
          const other = rng.pick(copies);
          Y.applyUpdate(other, Y.encodeStateAsUpdate(copy, Y.encodeStateVector(other)));
        }
        if (step === 100) Y.applyUpdate(relay, Y.encodeStateAsUpdate(copies[0]!));
      }
      const sender = copies[0]!;
      for (const other of copies.slice(1)) Y.applyUpdate(sender, Y.encodeStateAsUpdate(other));
      const update = Y.encodeStateAsUpdate(sender, Y.encodeStateVector(relay));
      const limits = { structs: rng.int(5, 60), bytes: rng.int(200, 4_000) };
      const pieces = splitUpdate(update, limits);
      expect(pieces.length, `seed ${seed + round}`).toBeGreaterThan(1);
      for (const piece of pieces) {
        const structs = structCount(piece);
        expect(structs === 1 || (structs <= limits.structs && piece.byteLength <= limits.bytes + 64), `seed ${seed + round}: a piece over the limits`).toBe(true);
        Y.applyUpdate(relay, piece);
        expect(relay.store.pendingStructs, `seed ${seed + round}: a piece waits for a later one`).toBeNull();
        expect(relay.store.pendingDs, `seed ${seed + round}: a deletion waits for a later piece`).toBeNull();
      }
      expect(sameDocs(relay, sender), `seed ${seed + round}: the pieces do not add up to the update`).toBe(true);
    }
  });

  it('sends each deletion with the piece holding what it deletes', () => {
    const doc = new Y.Doc();
    const text = doc.getText('body');
    for (let i = 0; i < 200; i++) text.insert(Math.floor(text.length / 2), `w${i} `);
    text.delete(0, 10);
    const pieces = splitUpdate(Y.encodeStateAsUpdate(doc), { structs: 50, bytes: PIECE_LIMITS.bytes });
    expect(pieces.length).toBeGreaterThan(2);
    const deleted = Y.snapshot(doc).ds;
    const reader = new Y.Doc();
    for (const piece of pieces) {
      Y.applyUpdate(reader, piece);
      expect(reader.store.pendingDs).toBeNull();
      // Nothing deleted in the whole update ever shows in between.
      for (const structs of reader.store.clients.values()) for (const struct of structs) if (Y.isDeleted(deleted, struct.id)) expect(struct.deleted).toBe(true);
    }
    expect(reader.getText('body').toString()).toBe(text.toString());
  });

  it('returns an update it cannot read whole', () => {
    const damaged = Uint8Array.from([5, 200, 1, 2, 3]);
    expect(splitUpdate(damaged, { structs: 1, bytes: 1 })).toEqual([damaged]);
  });
});
