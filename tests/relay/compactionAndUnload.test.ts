// Compaction and unloading keep a room's content byte-identical; the audit survives compaction; a room
// reloads after its last connection leaves; a connection arriving during unload is served; a failed load
// serves nothing and overwrites nothing.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_CODES, encodeSyncUpdate } from '../../shared/protocol/messages';
import { COMPACT_AFTER_ROWS } from '../../server/relay/limits';
import { ROOM_LOG_SQL } from '../../server/db/roomLog';
import { connectClient, rawConnection } from './harness/clients';
import { waitUntil } from '../support/wait';
import { relayPerTest } from './harness/relayPerTest';
import { readRoom, sameRoom } from './harness/roomSnapshot';
import { relayHealth as health, startRelayProcess, type RelayProcess } from '../support/relayProcess';

/**
 * Three small updates a writer may send to its own room, where the second claims a clock of the first
 * under the same client id for other content (Yjs keeps the first and ignores the second, but
 * Y.mergeUpdates of the stored bytes picked the second): a fuzz comparing sequential application with
 * mergeUpdates found it.
 */
function conflictingUpdates(): Uint8Array[] {
  const first = new Y.Doc();
  first.clientID = 1;
  first.getArray('list').insert(0, [7]);
  const third = new Y.Doc();
  third.clientID = 2;
  third.getArray('list').insert(0, [1]);
  const second = new Y.Doc();
  second.clientID = 1;
  Y.applyUpdate(second, Y.encodeStateAsUpdate(third));
  second.getMap('meta').set('k0', 4);
  second.getArray('list').insert(0, [6]);
  second.getArray('list').delete(1, 1);
  return [Y.encodeStateAsUpdate(first), Y.encodeStateAsUpdate(second), Y.encodeStateAsUpdate(third)];
}

describe('compaction and unloading', () => {
  const ctx = relayPerTest();

  it('keeps a room identical through compaction and restart when a writer sends conflicting content under one client id', async () => {
    const writer = rawConnection(ctx.relay.syncUrl, ctx.fixture.roomA, ctx.fixture.tokens.partnerA);
    await writer.opened;
    for (const update of conflictingUpdates()) writer.send(encodeSyncUpdate(update));
    const reader = ctx.client(ctx.fixture.roomA, ctx.fixture.tokens.reviewer);
    await reader.synced();
    await waitUntil(() => Y.getState(reader.doc.store, 2) > 0, 'the third update to reach a reader');
    reader.destroy();
    const live = await readRoom(ctx.relay.syncUrl, ctx.fixture.roomA, ctx.fixture.tokens.reviewer);
    const liveDoc = new Y.Doc();
    Y.applyUpdate(liveDoc, live.update);
    const liveContent = { list: liveDoc.getArray('list').toJSON(), meta: liveDoc.getMap('meta').toJSON() };

    writer.socket.close();
    await writer.closed;
    await waitForUnloaded(ctx.relay);
    const compacted = await readRoom(ctx.relay.syncUrl, ctx.fixture.roomA, ctx.fixture.tokens.reviewer);
    await ctx.relay.stop();
    ctx.relay = await startRelayProcess(ctx.fixture.dbFile);
    const restarted = await readRoom(ctx.relay.syncUrl, ctx.fixture.roomA, ctx.fixture.tokens.reviewer);
    for (const after of [compacted, restarted]) {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, after.update);
      expect({ list: doc.getArray('list').toJSON(), meta: doc.getMap('meta').toJSON() }).toEqual(liveContent);
      expect(Y.equalSnapshots(after.snapshot, live.snapshot)).toBe(true);
    }
  });

  it('compacts a long room log into one merged row, keeps every original row for the history and the content byte-identical', async () => {
    const writer = connectClient(ctx.relay.syncUrl, ctx.fixture.roomA, ctx.fixture.tokens.partnerA);
    ctx.clients.push(writer);
    await writer.synced();
    const text = writer.doc.getText('body');
    const edits = COMPACT_AFTER_ROWS + 60;
    for (let i = 0; i < edits; i++) {
      const acksBefore = writer.acks?.length ?? 0;
      if (i % 7 === 6) text.delete(0, 2);
      else text.insert(text.length, `${i} `);
      // One edit per round trip, so each is its own stored row.
      await writer.stored(`edit ${i} to be stored`);
      await waitUntil(() => (writer.acks?.length ?? 0) > acksBefore, `edit ${i} to be acknowledged`);
    }
    const live = await readRoom(ctx.relay.syncUrl, ctx.fixture.roomA, ctx.fixture.tokens.reviewer);
    // Compaction runs after the commits it follows (on a worker for a large room), so on a loaded machine the
    // last rows may still be waiting for it when the writer finishes.
    const db = new Database(ctx.fixture.dbFile, { readonly: true });
    const countRows = () => db.prepare(ROOM_LOG_SQL).all({ room: ctx.fixture.roomA }).length;
    await waitUntil(() => countRows() < 100, 'the long log to be compacted', 30_000);
    const rows = { n: countRows() };
    const originals = db
      .prepare(
        'SELECT COUNT(*) AS n, COUNT(DISTINCT member_id) AS members FROM room_updates WHERE room = ? AND compacted = 0',
      )
      .get(ctx.fixture.roomA) as { n: number; members: number };
    db.close();
    expect(rows.n).toBeLessThan(100);
    // Every row the writer sent is still there for the history, under its author.
    expect(originals.n).toBeGreaterThanOrEqual(edits);
    expect(originals.members).toBe(1);

    // Unload (last connection leaves), then reload from the compacted row; then restart and reload again.
    writer.destroy();
    await waitForUnloaded(ctx.relay);
    expect(sameRoom(await readRoom(ctx.relay.syncUrl, ctx.fixture.roomA, ctx.fixture.tokens.reviewer), live)).toBe(
      true,
    );
    await ctx.relay.stop();
    ctx.relay = await startRelayProcess(ctx.fixture.dbFile);
    expect(sameRoom(await readRoom(ctx.relay.syncUrl, ctx.fixture.roomA, ctx.fixture.tokens.reviewer), live)).toBe(
      true,
    );
  });

  it('serves a connection that arrives while the room is unloading', async () => {
    for (let round = 0; round < 20; round++) {
      const writer = connectClient(ctx.relay.syncUrl, ctx.fixture.roomA, ctx.fixture.tokens.partnerA);
      await writer.synced();
      writer.doc.getText('body').insert(0, `round ${round};`);
      await writer.stored();
      const expected = writer.doc.getText('body').toString();
      writer.destroy();
      // Arrives while the last connection is closing and the room unloads (and compacts).
      const next = connectClient(ctx.relay.syncUrl, ctx.fixture.roomA, ctx.fixture.tokens.partnerB);
      await next.synced();
      expect(next.doc.getText('body').toString()).toBe(expected);
      next.destroy();
    }
    await waitForUnloaded(ctx.relay);
  });

  it('refuses to serve a room whose load fails, writes nothing, and serves it once storage is back', async () => {
    const writer = connectClient(ctx.relay.syncUrl, ctx.fixture.roomA, ctx.fixture.tokens.partnerA);
    await writer.synced();
    writer.doc.getText('body').insert(0, 'kept');
    await writer.stored();
    writer.destroy();
    await waitForUnloaded(ctx.relay);
    const before = await readRoom(ctx.relay.syncUrl, ctx.fixture.roomA, ctx.fixture.tokens.reviewer);
    await waitForUnloaded(ctx.relay);

    // A real load failure: the table the relay reads is gone (renamed by another connection).
    const saboteur = new Database(ctx.fixture.dbFile);
    saboteur.exec('ALTER TABLE room_updates RENAME TO room_updates_away');
    const refused = rawConnection(ctx.relay.syncUrl, ctx.fixture.roomA, ctx.fixture.tokens.partnerA);
    expect((await refused.closed).code).toBe(CLOSE_CODES.STORAGE_UNAVAILABLE);
    expect(refused.messages).toHaveLength(0);
    expect((await health(ctx.relay)).roomsLoaded).toBe(0);
    saboteur.exec('ALTER TABLE room_updates_away RENAME TO room_updates');
    saboteur.close();

    expect(sameRoom(await readRoom(ctx.relay.syncUrl, ctx.fixture.roomA, ctx.fixture.tokens.reviewer), before)).toBe(
      true,
    );
  });
});

async function waitForUnloaded(relay: RelayProcess): Promise<void> {
  await waitUntil(async () => (await health(relay)).roomsLoaded === 0, 'the room to unload', 10_000, 10);
}
