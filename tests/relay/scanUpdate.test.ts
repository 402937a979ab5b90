// The relay's quick read of an update (server/relay/scanUpdate.ts) must agree with Yjs's own decoder on
// every kind of struct and content, or the client-id rule and the struct limit could be dodged. Seeded:
// replay with RELAY_SEED=<printed seed>.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { scanUpdate, type WrittenRange } from '../../server/relay/scanUpdate';
import { createRng, seedFromEnv, type Rng } from '../support/random';

function yjsRanges(update: Uint8Array): WrittenRange[] {
  const ranges = new Map<number, { from: number; to: number }>();
  const order: number[] = [];
  for (const struct of Y.decodeUpdate(update).structs) {
    if (struct instanceof Y.Skip || struct.length === 0) continue;
    const range = ranges.get(struct.id.client);
    if (!range) {
      ranges.set(struct.id.client, { from: struct.id.clock, to: struct.id.clock + struct.length });
      order.push(struct.id.client);
    } else range.to = struct.id.clock + struct.length;
  }
  return order.map((client) => ({ client, ...(ranges.get(client) as { from: number; to: number }) }));
}

/** Edits of every kind of content Yjs has, by several clients, some with deletions and garbage collection. */
function randomUpdates(random: Rng): Uint8Array[] {
  const docs = [1, 2, 3].map((client) => {
    const doc = new Y.Doc({ gc: random.next() < 0.5 });
    doc.clientID = client * 1000 + random.int(0, 999);
    return doc;
  });
  const updates: Uint8Array[] = [];
  for (let step = 0; step < 60; step++) {
    const doc = random.pick(docs);
    const text = doc.getText('text');
    const map = doc.getMap('map');
    const array = doc.getArray<unknown>('array');
    const xml = doc.getXmlFragment('xml');
    switch (random.int(0, 9)) {
      case 0:
        text.insert(random.int(0, text.length), random.pick(['a', 'héllo', '😀 emoji', 'ünïcödé text ']));
        break;
      case 1:
        if (text.length > 2) text.delete(random.int(0, text.length - 2), random.int(1, 2));
        break;
      case 2:
        if (text.length > 3) text.format(0, 2, { bold: random.next() < 0.5 ? true : null });
        break;
      case 3:
        map.set(
          `k${random.int(0, 5)}`,
          random.pick([1, 'two', { three: [3, null, true] }, new Uint8Array([1, 2]), null]),
        );
        break;
      case 4:
        array.insert(array.length, [random.int(0, 9), 'x', { y: 1 }]);
        break;
      case 5: {
        const element = new Y.XmlElement(random.pick(['paragraph', 'heading']));
        element.setAttribute('level', '2');
        element.insert(0, [new Y.XmlText('xml text')]);
        xml.insert(xml.length, [element]);
        break;
      }
      case 6:
        array.insert(0, [new Y.Map(), new Y.Array(), new Y.Text('nested')]);
        break;
      case 7:
        text.insertEmbed(0, { image: 'x.png' });
        break;
      case 8:
        map.set('doc', new Y.Doc());
        break;
      default:
        if (array.length > 1) array.delete(0, 1);
    }
    const other = random.pick(docs);
    if (other !== doc && random.next() < 0.5)
      Y.applyUpdate(other, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(other)));
    updates.push(Y.encodeStateAsUpdate(doc, random.next() < 0.5 ? undefined : Y.encodeStateVector(random.pick(docs))));
  }
  // A merged update with gaps (Skip structs) too.
  updates.push(Y.mergeUpdates([updates[3] ?? new Uint8Array([0, 0]), updates[40] ?? new Uint8Array([0, 0])]));
  return updates;
}

describe('quick read of an update', () => {
  it('agrees with Yjs on struct counts, written clocks and deletions, for every kind of content', () => {
    const seed = seedFromEnv('RELAY_SEED');
    console.log(`scanUpdate.test.ts seed: ${seed} (replay with RELAY_SEED=${seed})`);
    const random = createRng(seed);
    for (let round = 0; round < 20; round++) {
      for (const update of randomUpdates(random)) {
        const scanned = scanUpdate(update, Number.MAX_SAFE_INTEGER);
        if (scanned.kind !== 'ok') throw new Error(`seed ${seed}: ${scanned.kind}`);
        const decoded = Y.decodeUpdate(update);
        expect(scanned.update.structs, `seed ${seed}`).toBe(decoded.structs.length);
        expect(scanned.update.written, `seed ${seed}`).toEqual(yjsRanges(update));
        expect(
          new Map(
            [...scanned.update.deletions].map(([client, ranges]) => [client, ranges.map((r) => [r.clock, r.len])]),
          ),
          `seed ${seed}`,
        ).toEqual(
          new Map([...decoded.ds.clients].map(([client, ranges]) => [client, ranges.map((r) => [r.clock, r.len])])),
        );
      }
    }
  });

  it('refuses an update of 380,000 tiny map entries without reading past the limit', () => {
    const doc = new Y.Doc();
    const map = doc.getMap('m');
    doc.transact(() => {
      for (let i = 0; i < 380_000; i++) map.set(`k${i}`, i);
    });
    const update = Y.encodeStateAsUpdate(doc);
    const result = scanUpdate(update, 20_000);
    expect(result).toEqual({ kind: 'too-many-structs', atLeast: 380_000 });
  });

  it('calls truncated and bit-flipped updates malformed or reads them without throwing', () => {
    const seed = seedFromEnv('RELAY_SEED') + 7;
    const random = createRng(seed);
    for (const update of randomUpdates(random)) {
      for (let cut = 1; cut < update.length; cut += Math.max(1, Math.floor(update.length / 7))) {
        const result = scanUpdate(update.slice(0, cut), 1_000_000);
        expect(['ok', 'malformed', 'too-many-structs'], `seed ${seed}`).toContain(result.kind);
      }
      const flipped = update.slice();
      const at = random.int(0, flipped.length - 1);
      flipped[at] = (flipped[at] ?? 0) ^ (1 << random.int(0, 7));
      expect(['ok', 'malformed', 'too-many-structs'], `seed ${seed}`).toContain(scanUpdate(flipped, 1_000_000).kind);
    }
  });
});
