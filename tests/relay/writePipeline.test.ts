// The write pipeline has one catch around everything that runs for a write inside the room's queue: a throw
// there (here: the source's own handling of the outcome) is logged and the source is told 4503, where it was
// once dropped by the queue without a word. The pipeline's author is the source's, so a change carried by
// someone else (a change file) is stored as by its member and held to that member's client ids.
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { MemberId } from '../../shared/model/ids';
import { CLOSE_CODES } from '../../shared/protocol/messages';
import type { Logger } from '../../server/log';
import { RoomRegistry } from '../../server/relay/roomRegistry';
import type { WriteOutcome } from '../../server/relay/writePipeline';
import { MemoryRoomStore } from '../../server/storage/memoryRoomStore';
import { memberSource } from './harness/writeSource';

const ROOM = 'soa/s/partner/p';

function recordingLogger(): Logger & { readonly errors: { event: string; fields: Record<string, unknown> }[] } {
  const errors: { event: string; fields: Record<string, unknown> }[] = [];
  return { info: () => {}, warn: () => {}, error: (event, fields = {}) => errors.push({ event, fields }), errors };
}

function textUpdate(client: number, text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = client;
  doc.getText('body').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

describe('the write pipeline', () => {
  it('logs a throw inside the room queue and closes the source with 4503, and the room goes on', async () => {
    const logger = recordingLogger();
    const store = new MemoryRoomStore();
    const registry = new RoomRegistry(store, logger);
    const peer = { send: () => {}, close: () => {} };
    const room = await registry.join(ROOM, peer);
    const outcomes: WriteOutcome[] = [];
    const faulty = memberSource('alex' as MemberId, (outcome) => {
      outcomes.push(outcome);
      if (outcome.kind === 'accepted') throw new Error('the acknowledgement could not be sent');
    });
    await registry.pipeline.submit(room, faulty, textUpdate(1, 'Stored before the fault. '));
    expect(logger.errors).toEqual([
      {
        event: 'write failed',
        fields: expect.objectContaining({
          member: 'alex',
          room: ROOM,
          via: 'websocket',
          error: 'the acknowledgement could not be sent',
        }),
      },
    ]);
    expect(outcomes.map((outcome) => (outcome.kind === 'refused' ? outcome.code : outcome.kind))).toEqual([
      'accepted',
      CLOSE_CODES.STORAGE_UNAVAILABLE,
    ]);

    // The queue is not stuck and the room is what its rows say.
    let accepted = false;
    await registry.pipeline.submit(
      room,
      memberSource('alex' as MemberId, (outcome) => (accepted = outcome.kind === 'accepted')),
      textUpdate(1, 'x'),
    );
    expect(accepted).toBe(true);
    const stored = new Y.Doc();
    for (const update of (await store.load(ROOM)).updates) Y.applyUpdate(stored, update);
    expect(stored.getText('body').toString()).toBe(room.doc.getText('body').toString());
    registry.leave(room, peer);
    await registry.settle();
    registry.disposeAll();
  });

  it("stores a write as by its source's author, not the carrier's, and holds it to that author's client ids", async () => {
    const store = new MemoryRoomStore();
    const registry = new RoomRegistry(store, recordingLogger());
    const peer = { send: () => {}, close: () => {} };
    const room = await registry.join(ROOM, peer);
    const outcome = (author: string, update: Uint8Array): Promise<WriteOutcome> =>
      new Promise(
        (resolve) =>
          void registry.pipeline.submit(room, { ...memberSource(author as MemberId, resolve), via: 'bundle' }, update),
      );
    expect((await outcome('morag', textUpdate(77, 'Written offline by Morag. '))).kind).toBe('accepted');
    // Morag's next change, carried by anyone, goes on under her client id.
    const more = new Y.Doc();
    Y.applyUpdate(more, textUpdate(77, 'Written offline by Morag. '));
    more.clientID = 77;
    const before = Y.encodeStateVector(more);
    more.getText('body').insert(0, 'And more. ');
    expect((await outcome('morag', Y.encodeStateAsUpdate(more, before))).kind).toBe('accepted');
    // Another member's file cannot write under it.
    const forged = await outcome('alex', textUpdate(77, 'x'.repeat(40)));
    expect(forged.kind === 'refused' && forged.code).toBe(CLOSE_CODES.CLIENT_ID_TAKEN);
    expect((await store.load(ROOM)).clientOwners.get(77)).toBe('morag');
    registry.leave(room, peer);
    await registry.settle();
    registry.disposeAll();
  });
});

describe('a damaged update that overlaps what the room holds', () => {
  it('is refused as unreadable (4400), not as a storage failure, and the room is unchanged', async () => {
    const store = new MemoryRoomStore();
    const logger = recordingLogger();
    const registry = new RoomRegistry(store, logger);
    const peer = { send: () => {}, close: () => {} };
    const room = await registry.join(ROOM, peer);
    await registry.pipeline.submit(room, memberSource('alex' as MemberId), textUpdate(5, 'ab'));
    // One struct of client 5 at clocks 0-2 (the room has 0-1): JSON content whose text is not JSON, which
    // only Yjs's reader parses (the relay's scan reads it as text).
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint(encoder, 5);
    encoding.writeVarUint(encoder, 0);
    encoding.writeUint8(encoder, 2);
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarString(encoder, 'list');
    encoding.writeVarUint(encoder, 3);
    for (const text of ['{', 'not json', ']']) encoding.writeVarString(encoder, text);
    encoding.writeVarUint(encoder, 0);
    const outcomes: WriteOutcome[] = [];
    await registry.pipeline.submit(
      room,
      memberSource('alex' as MemberId, (outcome) => outcomes.push(outcome)),
      encoding.toUint8Array(encoder),
    );
    expect(outcomes.map((outcome) => (outcome.kind === 'refused' ? outcome.code : outcome.kind))).toEqual([
      CLOSE_CODES.MALFORMED,
    ]);
    expect(logger.errors).toEqual([]);
    expect(room.doc.getText('body').toString()).toBe('ab');
    registry.leave(room, peer);
    await registry.settle();
    registry.disposeAll();
  });
});
