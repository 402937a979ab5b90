// A member who writes under one Yjs client id from two copies with different content (its own client id
// reused, or a copy of another device's) must not leave the relay's document unlike what it stored: what a
// reader gets from the running relay must be what the same relay serves after a restart, and what peers
// were sent. Yjs keeps the first content at a clock; an update whose struct starts below the room's clock
// for that client and ends above it had its tail integrated where the update put it, while the stored
// encoding of the same change (which names only its new left neighbour) reloads somewhere else.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { MemberId } from '../../shared/model/ids';
import { encodeSyncUpdate } from '../../shared/protocol/messages';
import { silentLogger } from '../../server/log';
import { RoomRegistry } from '../../server/relay/roomRegistry';
import { MemoryRoomStore } from '../../server/storage/memoryRoomStore';
import { rawConnection } from './harness/clients';
import { waitUntil } from '../support/wait';
import { relayPerTest } from './harness/relayPerTest';
import { readRoom } from './harness/roomSnapshot';
import { memberSource } from './harness/writeSource';
import { startRelayProcess } from '../support/relayProcess';

const CLIENT = 4711;

/** Two updates under one client id: a map entry at clock 0, then from another copy text at clocks 0-1. */
function straddlingUpdates(): [Uint8Array, Uint8Array] {
  const first = new Y.Doc();
  first.clientID = CLIENT;
  first.getMap('meta').set('k0', 'x');
  const second = new Y.Doc();
  second.clientID = CLIENT;
  second.getText('body').insert(0, 'ab');
  return [Y.encodeStateAsUpdate(first), Y.encodeStateAsUpdate(second)];
}

function contentOf(doc: Y.Doc): string {
  return JSON.stringify({ body: doc.getText('body').toString(), meta: doc.getMap('meta').toJSON() });
}

function docOf(...updates: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc;
}

describe('a writer reusing one client id for different content', () => {
  it('leaves the room holding exactly what it stored and broadcast (write pipeline)', async () => {
    const store = new MemoryRoomStore();
    const registry = new RoomRegistry(store, silentLogger);
    const received: Uint8Array[] = [];
    const peer = { send: (message: Uint8Array) => received.push(message), close: () => {} };
    const room = await registry.join('soa/s/partner/p', peer);
    for (const update of straddlingUpdates())
      await registry.pipeline.submit(room, memberSource('member-p' as MemberId), update);
    const stored = docOf(...(await store.load(room.name)).updates);
    expect(contentOf(room.doc)).toBe(contentOf(stored));
    expect(Y.equalSnapshots(Y.snapshot(room.doc), Y.snapshot(stored))).toBe(true);
    registry.leave(room, peer);
    await registry.settle();
    registry.disposeAll();
  });

  const ctx = relayPerTest();

  it('compacts the room when it unloads and serves the same before and after a restart (real relay)', async () => {
    const writer = rawConnection(ctx.relay.syncUrl, ctx.fixture.roomA, ctx.fixture.tokens.partnerA);
    await writer.opened;
    for (const update of straddlingUpdates()) writer.send(encodeSyncUpdate(update));
    const watcher = ctx.client(ctx.fixture.roomA, ctx.fixture.tokens.reviewer);
    await watcher.synced();
    await waitUntil(() => Y.getState(watcher.doc.store, CLIENT) >= 2, 'both updates to be stored');
    const live = await readRoom(ctx.relay.syncUrl, ctx.fixture.roomA, ctx.fixture.tokens.reviewer);
    writer.socket.close();
    watcher.destroy();
    // The compaction on unload checks the merged rows against the live document: a document unlike its
    // rows made it refuse, so the room's log was never compacted.
    await waitUntil(
      () => ctx.relay.lines.some((line) => /room compacted|compaction failed/.test(line)),
      'the room to unload',
    );
    expect(ctx.relay.lines.filter((line) => line.includes('compaction failed'))).toEqual([]);
    await ctx.relay.stop();
    ctx.relay = await startRelayProcess(ctx.fixture.dbFile);
    const restarted = await readRoom(ctx.relay.syncUrl, ctx.fixture.roomA, ctx.fixture.tokens.reviewer);
    expect(contentOf(docOf(live.update))).toBe(contentOf(docOf(restarted.update)));
  });
});
