// The relay on a store whose WAL sync the test holds or fails (sqliteRoomStore.ts): no broadcast and no ACK
// before the update's WAL sync has completed; a failed sync is a storage failure (4503, nothing broadcast,
// the relay stays up). The relay runs in this process so the test can hold the sync; real websockets, real
// SQLite file, real fdatasync when not held.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_CODES } from '../../shared/protocol/messages';
import { Directory } from '../../server/db/directory';
import { openDatabase } from '../../server/db/openDatabase';
import { silentLogger } from '../../server/log';
import { startRelay, type Relay } from '../../server/relay/relay';
import { SqliteRoomStore } from '../../server/storage/sqliteRoomStore';
import { fdatasync } from '../../server/storage/walFile';
import { connectClient, type TestClient } from './harness/clients';
import { makeFixture, type Fixture } from './harness/fixture';
import { waitUntil } from '../support/wait';

describe('the relay acknowledges and broadcasts only after the WAL sync', () => {
  let fixture: Fixture;
  let relay: Relay;
  let db: ReturnType<typeof openDatabase>;
  const clients: TestClient[] = [];
  /** 'pass': the real fdatasync; 'hold': wait for the test; 'fail': an I/O error. */
  const gate = { mode: 'pass' as 'pass' | 'hold' | 'fail', held: [] as (() => void)[] };

  beforeEach(async () => {
    fixture = makeFixture();
    db = openDatabase(fixture.dbFile);
    gate.mode = 'pass';
    const store = new SqliteRoomStore(db, {
      syncWal: (fd) => {
        if (gate.mode === 'fail') return Promise.reject(Object.assign(new Error('EIO: i/o error'), { code: 'EIO' }));
        if (gate.mode === 'pass') return fdatasync(fd);
        return new Promise<void>((release) => gate.held.push(release));
      },
    });
    relay = await startRelay({
      directory: new Directory(db),
      store,
      logger: silentLogger,
      host: '127.0.0.1',
      port: 0,
      foreignWrites: () => store.foreignWrites(),
    });
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    for (const release of gate.held.splice(0)) release();
    await relay.close();
    db.close();
    fixture.cleanup();
  });

  function pair(): { writer: TestClient; reader: TestClient } {
    const syncUrl = `${relay.url.replace(/^http/, 'ws')}/sync`;
    const writer = connectClient(syncUrl, fixture.roomA, fixture.tokens.partnerA);
    const reader = connectClient(syncUrl, fixture.roomA, fixture.tokens.partnerB);
    clients.push(writer, reader);
    return { writer, reader };
  }

  it('holds the broadcast and the ACK until the sync completes', async () => {
    const { writer, reader } = pair();
    await Promise.all([writer.synced(), reader.synced()]);
    const acksBefore = writer.acks?.length ?? 0;
    gate.mode = 'hold';
    writer.doc.getText('body').insert(0, 'held until synced');
    await waitUntil(() => gate.held.length === 1, 'the WAL sync to be asked for');
    // Give the relay time to do anything it would do early.
    await new Promise((done) => setTimeout(done, 300));
    expect(reader.doc.getText('body').toString()).toBe('');
    expect(writer.acks?.length).toBe(acksBefore);
    gate.mode = 'pass';
    gate.held.shift()?.();
    await writer.stored('the edit to be acknowledged once synced');
    await waitUntil(() => reader.doc.getText('body').toString() === 'held until synced', 'the broadcast');
  });

  it('treats a failed sync as a storage failure: 4503 to the writer, nothing broadcast, the relay up', async () => {
    const { writer, reader } = pair();
    await Promise.all([writer.synced(), reader.synced()]);
    writer.doc.getText('body').insert(0, 'stored. ');
    await writer.stored();
    await waitUntil(() => reader.doc.getText('body').toString() === 'stored. ', 'the first edit');
    const acksBefore = writer.acks?.length ?? 0;
    gate.mode = 'fail';
    writer.doc.getText('body').insert(0, 'not synced. ');
    await waitUntil(
      () => writer.closes.some((close) => close.code === CLOSE_CODES.STORAGE_UNAVAILABLE),
      'the writer to be told',
    );
    expect(writer.acks?.length).toBe(acksBefore);
    expect(reader.doc.getText('body').toString()).toBe('stored. ');
    expect((await fetch(`${relay.url}/healthz`)).status).toBe(200);
    // A fresh reader gets only what was synced, although the refused row is committed in the file.
    writer.provider.disconnect();
    const syncUrl = `${relay.url.replace(/^http/, 'ws')}/sync`;
    const fresh = connectClient(syncUrl, fixture.roomA, fixture.tokens.reviewer);
    clients.push(fresh);
    await fresh.synced();
    expect(fresh.doc.getText('body').toString()).toBe('stored. ');
    expect(Y.encodeStateAsUpdate(fresh.doc)).toEqual(Y.encodeStateAsUpdate(reader.doc));
  });
});
