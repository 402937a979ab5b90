// Compaction must never change a room. Seeded random sequences of updates from several writers, sent in a
// random order and some twice, go through the relay's write pipeline and registry into a store, then the
// room is compacted on the worker as the relay does it. For honest writers the live room must equal the
// updates applied in order, what a peer received and what is stored, and the compacted row must load to the
// same. Writers that reuse one client id for different content (a member forging under its own id; the
// three-update case in compactionAndUnload.test.ts is one): what is stored must still be what peers
// received, the relay's own document must be its rows (forgedOwnClientId.test.ts has the two ways it once
// was not), and compaction must never change it. Replay with RELAY_SEED=<printed seed>.
import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { MemberId } from '../../shared/model/ids';
import { MESSAGE_TYPES } from '../../shared/protocol/messages';
import { silentLogger } from '../../server/log';
import type { LoadedRoom, RoomPeer } from '../../server/relay/room';
import { RoomRegistry } from '../../server/relay/roomRegistry';
import { MemoryRoomStore } from '../../server/storage/memoryRoomStore';
import { createRng, seedFromEnv, type Rng } from '../support/random';
import { memberSource } from './harness/writeSource';

const ROOM = 'soa/s/partner/p';
const AUTHOR = 'member-p' as MemberId;

/** What a reader sees of a document: text, map and array, with map keys in a fixed order. */
function contentOf(doc: Y.Doc): string {
  const meta = doc.getMap('meta').toJSON();
  return JSON.stringify([
    doc.getText('body').toString(),
    Object.keys(meta)
      .sort()
      .map((key) => [key, meta[key]]),
    doc.getArray('list').toJSON(),
  ]);
}

/** Updates from three writers' copies; when forged, some copies share a client id. */
function randomUpdates(random: Rng, forged: boolean): Uint8Array[] {
  const shared = random.int(1, 1_000_000);
  const docs = [0, 1, 2].map((index) => {
    const doc = new Y.Doc({ gc: random.next() < 0.5 });
    doc.clientID = forged && random.next() < 0.5 ? shared : shared + index + 1;
    return doc;
  });
  const updates: Uint8Array[] = [];
  for (const doc of docs) doc.on('update', (update: Uint8Array) => updates.push(update));
  for (let step = 0; step < 30; step++) {
    const doc = random.pick(docs);
    const text = doc.getText('body');
    const list = doc.getArray<number>('list');
    switch (random.int(0, 5)) {
      case 0:
        text.insert(random.int(0, text.length), random.pick(['a', 'bc', 'déf ']));
        break;
      case 1:
        if (text.length > 0) text.delete(random.int(0, text.length - 1), 1);
        break;
      case 2:
        doc.getMap('meta').set(`k${random.int(0, 3)}`, step);
        break;
      case 3:
        list.insert(random.int(0, list.length), [step]);
        break;
      case 4:
        if (list.length > 0) list.delete(random.int(0, list.length - 1), 1);
        break;
      default: {
        const other = random.pick(docs);
        if (other !== doc) Y.applyUpdate(other, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(other)));
      }
    }
  }
  // The relay receives them in a random order, some twice.
  const sent: Uint8Array[] = [];
  for (let i = 0; i < updates.length + 5; i++) sent.push(random.pick(updates));
  return sent;
}

function storedContent(updates: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc;
}

function same(a: Y.Doc, b: Y.Doc): boolean {
  return contentOf(a) === contentOf(b) && Y.equalSnapshots(Y.snapshot(a), Y.snapshot(b));
}

/** Runs one sequence. */
async function runSeed(seed: number, forged: boolean): Promise<void> {
  const random = createRng(seed);
  const store = new MemoryRoomStore();
  const registry = new RoomRegistry(store, silentLogger);
  // A peer of the room: applies what the relay broadcasts.
  const received = new Y.Doc();
  const peer: RoomPeer = {
    send: (message) => {
      const decoder = decoding.createDecoder(message);
      if (decoding.readVarUint(decoder) !== MESSAGE_TYPES.SYNC) return;
      decoding.readVarUint(decoder);
      Y.applyUpdate(received, decoding.readVarUint8Array(decoder));
    },
    close: () => {},
  };
  const room: LoadedRoom = await registry.join(ROOM, peer);
  const reference = new Y.Doc();
  for (const update of randomUpdates(random, forged)) {
    let refused = false;
    await registry.pipeline.submit(
      room,
      memberSource(AUTHOR, (outcome) => (refused = outcome.kind === 'refused')),
      update,
    );
    // The writers' updates in order, as a plain Yjs document takes them.
    if (!refused) Y.applyUpdate(reference, update);
  }
  const before = (await store.load(ROOM)).updates;
  // What was stored is what peers received, always.
  expect(same(storedContent(before), received), `seed ${seed}: stored and broadcast differ`).toBe(true);
  if (!forged) expect(same(room.doc, reference), `seed ${seed}: the live room is not the updates in order`).toBe(true);
  expect(same(room.doc, storedContent(before)), `seed ${seed}: the live room is not what is stored`).toBe(true);

  await registry.compact(room);
  const after = (await store.load(ROOM)).updates;
  const compacted = after.length === 1 && before.length > 1;
  if (before.length < 2) expect(after, `seed ${seed}: nothing to compact`).toEqual(before);
  else if (compacted) {
    expect(same(storedContent(after), storedContent(before)), `seed ${seed}: compaction changed what is stored`).toBe(
      true,
    );
    expect(same(storedContent(after), room.doc), `seed ${seed}: compaction does not give the live room`).toBe(true);
  } else {
    expect(after, `seed ${seed}: a refused compaction left the rows as they were`).toEqual(before);
    // Refusing is safe (nothing changes): a forged room's rows can still encode to something that loads
    // differently (seed 1188884785), and the worker's check then keeps them.
    expect(forged, `seed ${seed}: an honest room was not compacted (its live check failed)`).toBe(true);
  }
  registry.leave(room, peer);
  await registry.settle();
  registry.disposeAll();
}

describe('compaction against applying in order', () => {
  it('never changes a room, over many random update sequences from honest writers', async () => {
    const seed = seedFromEnv('RELAY_SEED');
    console.log(`compactionFuzz.test.ts seed: ${seed} (replay with RELAY_SEED=${seed})`);
    for (let round = 0; round < 25; round++) await runSeed(seed + round, false);
  });

  it('keeps the room its rows, stores what peers received and never changes it by compaction, when a writer forges conflicting content under its own client id', async () => {
    const seed = seedFromEnv('RELAY_SEED') + 1000;
    console.log(`compactionFuzz.test.ts forged seed: ${seed} (replay with RELAY_SEED=${seed - 1000})`);
    for (let round = 0; round < 25; round++) await runSeed(seed + round, true);
  });

  // Found by this fuzz before the relay trimmed straddling structs (51, 87, 140), rebuilt the room after a
  // write that released pending content (154, 163, 297), and checked a compaction's content as well as its
  // clocks and deletions (954902140: same snapshot, other content), and checked where each item sits
  // (3855837523: the same bytes integrating in another order); run on every run.
  // An honest sequence the relay once took differently from a plain Yjs document: it put pending content back
  // by applying it again, and Yjs then waited for a later clock than the content needed (room.ts, restore).
  it('gives the live room the updates in order for the honest sequence of seed 2046406105', async () => {
    await runSeed(2046406105, false);
  });

  it.each([51, 87, 140, 154, 163, 297, 954902140, 3855837523])(
    'keeps the room its rows for the forged sequence of seed %i',
    async (seed) => {
      await runSeed(seed, true);
    },
  );
});
