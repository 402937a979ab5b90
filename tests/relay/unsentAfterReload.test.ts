// A change the relay stored just before a reload, whose ACK the page never saw, counts as sent once the
// reloaded page has synced (issue 12, "the status bar tells the truth"). The app's own sync layer
// (RoomConnection and AckTracker) against a real relay process.
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { WebSocket } from 'ws';
import { AckTracker } from '../../renderer/src/sync/ackTracker';
import { RoomConnection } from '../../renderer/src/sync/roomConnection';
import { waitUntil } from '../support/wait';
import { relayPerTest } from './harness/relayPerTest';

/** The tally's record survives the reload as the page's localStorage does; Node has none, so a map stands in. */
const storage = new Map<string, string>();
const globals = globalThis as unknown as { WebSocket?: unknown; window?: unknown; localStorage?: unknown };
globals.WebSocket ??= WebSocket;
globals.window ??= new EventTarget();
globals.localStorage ??= {
  getItem: (key: string) => storage.get(key) ?? null,
  setItem: (key: string, value: string) => storage.set(key, value),
  removeItem: (key: string) => storage.delete(key),
};

const LOADED_FROM_THIS_COMPUTER = 'indexeddb';
const KEY = 'relay-test:pending';

describe('the unsent count after a reload', () => {
  const ctx = relayPerTest();
  const connections: RoomConnection[] = [];
  afterEach(() => {
    for (const connection of connections.splice(0)) connection.dispose();
    storage.clear();
  });

  function open(doc: Y.Doc, tracker: AckTracker): RoomConnection {
    const connection = new RoomConnection({
      relayUrl: ctx.relay.url,
      room: ctx.fixture.roomA,
      token: ctx.fixture.tokens.partnerA,
      doc,
      nonLocalOrigins: [LOADED_FROM_THIS_COMPUTER],
      trackerKey: KEY,
      tracker,
    });
    connections.push(connection);
    return connection;
  }

  it('clears a replaced field the relay stored before the reload, though the relay keeps the old text only as garbage-collected', async () => {
    // Before the reload: a field written, stored and acknowledged.
    const before = new Y.Doc();
    const tracker = new AckTracker(KEY);
    const first = open(before, tracker);
    await waitUntil(() => first.snapshot.synced, 'the first page to sync');
    const fields = before.getMap<Y.Text>('outcomes');
    fields.set('title', new Y.Text('Older people live at home'));
    await waitUntil(() => tracker.count === 0, 'the first title to be acknowledged');

    // The officer replaces it, and the page reloads at once: the change leaves, the tally is written at
    // unload, and the relay's ACK never reaches this page.
    fields.set('title', new Y.Text('Older people live well at home'));
    expect(tracker.count).toBe(1);
    tracker.flush();
    const recordAtUnload = storage.get(KEY);
    // The relay stores it (its ACK reaches the old page, which is going away).
    await waitUntil(() => tracker.count === 0, 'the replacement to be stored');
    first.dispose();
    connections.splice(0);
    if (recordAtUnload === undefined) throw new Error('the tally was not written');
    storage.set(KEY, recordAtUnload);

    // After the reload: the tally still waits for the replacement, the connection opens before this
    // computer's copy has been read, and the relay's copy arrives first.
    const after = new Y.Doc();
    const reloaded = new AckTracker(KEY);
    expect(reloaded.count).toBe(1);
    const second = open(after, reloaded);
    await waitUntil(
      () =>
        second.snapshot.synced &&
        after.getMap<Y.Text>('outcomes').get('title')?.toString() === 'Older people live well at home',
      'the relay copy at the reloaded page',
    );
    Y.applyUpdate(after, Y.encodeStateAsUpdate(before), LOADED_FROM_THIS_COMPUTER);

    // The relay holds every insert and deletion the change made, so nothing is waiting to send.
    await waitUntil(
      () => reloaded.count === 0,
      'the reloaded page to count the stored replacement as sent',
      3_000,
    ).catch(() => undefined);
    expect(reloaded.count, 'changes still counted as waiting to send').toBe(0);
    expect(second.snapshot.pending).toBe(0);
  });
});
