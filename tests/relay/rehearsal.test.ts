// Updates that decode and apply to an empty document can still throw half-way into a room's document
// (garbage.test.ts found some: "Cannot read properties of undefined (reading 'id')"). Thousands of seeded,
// bit-flipped real updates against a populated room, through the relay's own write pipeline
// (server/relay/writeUpdate.ts, as a connection calls it) and a real store: whatever the relay accepts must
// reach peers intact, what is stored must load to exactly the live room, and a refused update must leave
// nothing behind. Replay with RELAY_SEED=<printed seed>.
import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { MemberId } from '../../shared/model/ids';
import { MESSAGE_TYPES } from '../../shared/protocol/messages';
import { silentLogger } from '../../server/log';
import { LoadedRoom, type RoomPeer } from '../../server/relay/room';
import { WRITE_LIMITS } from '../../server/relay/writeLimits';
import { WriteQuotas } from '../../server/relay/writeQuotas';
import { writeUpdate, type WriteContext } from '../../server/relay/writeUpdate';
import { MemoryRoomStore } from '../../server/storage/memoryRoomStore';
import { createRng, seedFromEnv, type Rng } from '../support/random';
/** A populated room's first stored row, and real edits to it by a second editor, each then bit-flipped. */
function* damagedEdits(
  random: Rng,
): Generator<{ readonly initial: Uint8Array } | { readonly damaged: Uint8Array; readonly index: number }> {
  const author = new Y.Doc();
  author.clientID = 1;
  const text = author.getText('body');
  const fragment = author.getXmlFragment('rich');
  for (let i = 0; i < 200; i++) {
    text.insert(random.int(0, text.length), `word${i} `);
    if (i % 5 === 0 && text.length > 4) text.delete(random.int(0, text.length - 3), 2);
    author.getMap('meta').set(`k${i % 7}`, { i, tags: ['a', i] });
    if (i % 10 === 0) {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(`paragraph ${i}`)]);
      fragment.insert(fragment.length, [paragraph]);
    }
  }
  yield { initial: Y.encodeStateAsUpdate(author) };

  const editor = new Y.Doc();
  editor.clientID = 2;
  Y.applyUpdate(editor, Y.encodeStateAsUpdate(author));
  const updates: Uint8Array[] = [];
  editor.on('update', (update: Uint8Array) => updates.push(update));
  for (let index = 0; index < 3000; index++) {
    const body = editor.getText('body');
    const roll = random.next();
    if (roll < 0.4) body.insert(random.int(0, body.length), 'x'.repeat(random.int(1, 5)));
    else if (roll < 0.6 && body.length > 5) body.delete(random.int(0, body.length - 3), random.int(1, 2));
    else if (roll < 0.8) body.format(random.int(0, Math.max(0, body.length - 4)), 3, { bold: true });
    else editor.getMap('meta').set(`k${random.int(0, 9)}`, random.int(0, 100));
    const update = updates[updates.length - 1];
    if (!update) continue;
    const damaged = update.slice();
    for (let flips = random.int(1, 4); flips > 0; flips--) {
      const at = random.int(0, damaged.length - 1);
      damaged[at] = (damaged[at] ?? 0) ^ (1 << random.int(0, 7));
    }
    yield { damaged, index };
  }
}

/**
 * A peer of the room: applies every update the room broadcasts to its own copy, which started from the
 * room's first row. What the room sends must apply, and add up to the room's content.
 */
function listeningPeer(initial: Uint8Array): { readonly doc: Y.Doc; readonly peer: RoomPeer } {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, initial);
  const peer: RoomPeer = {
    send(message) {
      const decoder = decoding.createDecoder(message);
      expect(decoding.readVarUint(decoder)).toBe(MESSAGE_TYPES.SYNC);
      expect(decoding.readVarUint(decoder)).toBe(syncProtocol.messageYjsUpdate);
      Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
    },
    close() {
      throw new Error('the room closed a listening peer');
    },
  };
  return { doc, peer };
}

function expectPeerHasRoom(peer: Y.Doc, room: LoadedRoom): void {
  expect(Y.equalSnapshots(Y.snapshot(peer), Y.snapshot(room.doc))).toBe(true);
  expect(peer.getText('body').toString()).toBe(room.doc.getText('body').toString());
  expect(peer.getMap('meta').toJSON()).toEqual(room.doc.getMap('meta').toJSON());
  expect(peer.getXmlFragment('rich').toString()).toBe(room.doc.getXmlFragment('rich').toString());
}

function expectConsistent(room: LoadedRoom): void {
  // The room still encodes, and its encoding loads into a fresh document with the same content.
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(room.doc));
  expect(copy.getText('body').toString()).toBe(room.doc.getText('body').toString());
}

const author = 'member-a' as MemberId;

/** Runs one seed: every damaged edit through the write pipeline, as the relay's connection does. */
async function runSeed(seed: number): Promise<{ applied: number; refused: number }> {
  const store = new MemoryRoomStore();
  const context: WriteContext = {
    store,
    logger: silentLogger,
    limits: WRITE_LIMITS,
    quotas: new WriteQuotas(WRITE_LIMITS),
  };
  let room: LoadedRoom | null = null;
  let listener: { readonly doc: Y.Doc; readonly peer: RoomPeer } | null = null;
  let refused = 0;
  let applied = 0;
  for (const step of damagedEdits(createRng(seed))) {
    if ('initial' in step) {
      await store.append('soa/test/frame', step.initial, null);
      room = new LoadedRoom('soa/test/frame', await store.load('soa/test/frame'), silentLogger);
      listener = listeningPeer(step.initial);
      room.peers.add(listener.peer);
      continue;
    }
    if (!room) throw new Error('no room');
    const current = room;
    const outcome = await current.serialise(() => writeUpdate(context, current, step.damaged, author, null));
    if (outcome.kind === 'refused') {
      refused++;
      // Nothing of a refused update stays: the room is what the store holds.
      expectStoredIsLive(await store.load(current.name), current, `case ${step.index}, seed ${seed}`);
    } else applied++;
  }
  if (!room || !listener) throw new Error('no room');
  expectConsistent(room);
  expectPeerHasRoom(listener.doc, room);
  // What is stored loads to exactly the live room, as after a restart.
  expectStoredIsLive(await store.load(room.name), room, `seed ${seed}`);
  room.dispose();
  return { applied, refused };
}

function expectStoredIsLive(
  stored: { readonly updates: readonly Uint8Array[] },
  room: LoadedRoom,
  where: string,
): void {
  const reloaded = new Y.Doc();
  for (const update of stored.updates) Y.applyUpdate(reloaded, update);
  expect(Y.equalSnapshots(Y.snapshot(reloaded), Y.snapshot(room.doc)), where).toBe(true);
  expect(reloaded.getText('body').toString(), where).toBe(room.doc.getText('body').toString());
}

describe('the write pipeline against damaged updates', () => {
  it('refuses every update that would throw in the room; the room, its peers and its store stay the same', async () => {
    const seed = seedFromEnv('RELAY_SEED');
    console.log(`rehearsal.test.ts seed: ${seed} (replay with RELAY_SEED=${seed})`);
    const { applied, refused } = await runSeed(seed);
    console.log(`rehearsal.test.ts: ${applied} damaged updates applied cleanly, ${refused} refused`);
  });
});
