// A SQLite write error (as on a full disk): the update is not applied, not broadcast, not acknowledged;
// the sender is closed with STORAGE_UNAVAILABLE; the relay stays up; once storage is back the client's
// kept change arrives.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_CODES } from '../../shared/protocol/messages';
import { connectClient } from './harness/clients';
import { waitUntil } from '../support/wait';
import { relayPerTest } from './harness/relayPerTest';

describe('storage failure', () => {
  const ctx = relayPerTest();

  it('refuses to apply, broadcast or acknowledge what it could not store', async () => {
    const writer = connectClient(ctx.relay.syncUrl, ctx.fixture.roomA, ctx.fixture.tokens.partnerA);
    const reader = connectClient(ctx.relay.syncUrl, ctx.fixture.roomA, ctx.fixture.tokens.partnerB);
    ctx.clients.push(writer, reader);
    await Promise.all([writer.synced(), reader.synced()]);
    writer.doc.getText('body').insert(0, 'stored. ');
    await waitUntil(() => reader.doc.getText('body').toString() === 'stored. ', 'the first edit');
    // The relay broadcasts before it acknowledges: wait for the ACK that covers the first edit.
    const storedClock = Y.getState(writer.doc.store, writer.doc.clientID);
    await waitUntil(
      () =>
        (writer.acks ?? []).some(
          (ack) => (Y.decodeStateVector(ack.stateVector).get(writer.doc.clientID) ?? 0) >= storedClock,
        ),
      'the first edit to be acknowledged',
    );
    const acksBefore = writer.acks?.length ?? 0;

    // A real SQLite error inside the relay's write: a trigger from another connection aborts it.
    const saboteur = new Database(ctx.fixture.dbFile);
    saboteur.exec(
      "CREATE TRIGGER disk_full BEFORE INSERT ON room_updates BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;",
    );
    writer.doc.getText('body').insert(0, 'not stored. ');
    await waitUntil(
      () => writer.closes.some((close) => close.code === CLOSE_CODES.STORAGE_UNAVAILABLE),
      'the writer to be told',
    );
    expect(writer.closes.find((close) => close.code === CLOSE_CODES.STORAGE_UNAVAILABLE)?.reason).toMatch(
      /could not save/,
    );
    expect(writer.acks?.length).toBe(acksBefore);
    expect(reader.doc.getText('body').toString()).toBe('stored. ');
    expect(reader.provider.wsconnected).toBe(true);
    const health = await fetch(`${ctx.relay.url}/healthz`);
    expect(health.status).toBe(200);
    // Stop the writer's retries while storage is down, then check a fresh reader sees only what was stored.
    writer.provider.disconnect();
    const fresh = connectClient(ctx.relay.syncUrl, ctx.fixture.roomA, ctx.fixture.tokens.reviewer);
    ctx.clients.push(fresh);
    await fresh.synced();
    expect(fresh.doc.getText('body').toString()).toBe('stored. ');

    // Storage back: the change the writer kept reaches everyone.
    saboteur.exec('DROP TRIGGER disk_full');
    saboteur.close();
    writer.provider.connect();
    await waitUntil(
      () => reader.doc.getText('body').toString() === 'not stored. stored. ',
      'the kept change after recovery',
    );
  });
});
