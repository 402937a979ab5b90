// A writer must not be able to drop a co-author's offline edits by storing items under the co-author's
// Yjs client id at the clocks the co-author will use next (the co-author's edits would then be acknowledged
// and lost). The relay records which member first wrote under each client id in a room, keeps that record
// across restarts (and fills it for databases written before it existed), and refuses the others.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_CODES, encodeSyncUpdate } from '../../shared/protocol/messages';
import { openDatabase } from '../../server/db/openDatabase';
import { rawConnection } from './harness/clients';
import { waitUntil } from '../support/wait';
import { relayPerTest } from './harness/relayPerTest';
import { readRoom } from './harness/roomSnapshot';
import { startRelayProcess } from '../support/relayProcess';

const AUTHOR_CLIENT = 424242;

/** An update that writes under `client` at the next clocks of the room as it is now. */
function forgedUpdate(roomState: Uint8Array, client: number, text: string): Uint8Array {
  const forger = new Y.Doc();
  Y.applyUpdate(forger, roomState);
  forger.clientID = client;
  const before = Y.encodeStateVector(forger);
  forger.getText('body').insert(0, text);
  return Y.encodeStateAsUpdate(forger, before);
}

function bodyOf(update: Uint8Array): string {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc.getText('body').toString();
}

describe('client ids belong to the member who first wrote under them', () => {
  const ctx = relayPerTest();

  it("refuses a co-author's structs under another member's client id, so the member's offline edits still arrive", async () => {
    const doc = new Y.Doc();
    doc.clientID = AUTHOR_CLIENT;
    const author = ctx.client(ctx.fixture.roomA, ctx.fixture.tokens.partnerA, doc);
    await author.synced();
    doc.getText('body').insert(0, 'Agreed text. ');
    await author.stored();
    author.provider.disconnect();
    // Offline: the author goes on writing at the next clocks of its client id.
    doc.getText('body').insert(doc.getText('body').length, 'Written offline.');

    // A co-author (another member of the same partner, who may write the room) takes those clocks first.
    const live = await readRoom(ctx.relay.syncUrl, ctx.fixture.roomA, ctx.fixture.tokens.reviewer);
    const forger = rawConnection(ctx.relay.syncUrl, ctx.fixture.roomA, ctx.fixture.tokens.partnerA2);
    await forger.opened;
    forger.send(encodeSyncUpdate(forgedUpdate(live.update, AUTHOR_CLIENT, 'FORGED ')));
    const closed = await forger.closed;
    expect(closed.code).toBe(CLOSE_CODES.CLIENT_ID_TAKEN);
    expect(closed.reason).toMatch(/another member holds/);

    author.provider.connect();
    await author.stored('the offline edits to be stored');
    const after = bodyOf((await readRoom(ctx.relay.syncUrl, ctx.fixture.roomA, ctx.fixture.tokens.reviewer)).update);
    expect(after).toBe('Agreed text. Written offline.');

    // The record survives a restart.
    author.destroy();
    await ctx.relay.stop();
    ctx.relay = await startRelayProcess(ctx.fixture.dbFile);
    const state = (await readRoom(ctx.relay.syncUrl, ctx.fixture.roomA, ctx.fixture.tokens.reviewer)).update;
    const again = rawConnection(ctx.relay.syncUrl, ctx.fixture.roomA, ctx.fixture.tokens.partnerA2);
    await again.opened;
    again.send(encodeSyncUpdate(forgedUpdate(state, AUTHOR_CLIENT, 'FORGED ')));
    expect((await again.closed).code).toBe(CLOSE_CODES.CLIENT_ID_TAKEN);
    expect(bodyOf((await readRoom(ctx.relay.syncUrl, ctx.fixture.roomA, ctx.fixture.tokens.reviewer)).update)).toBe(
      'Agreed text. Written offline.',
    );
  });

  it('lets a member go on under its own client id, and a co-author write under a client id of its own', async () => {
    const doc = new Y.Doc();
    doc.clientID = AUTHOR_CLIENT;
    const author = ctx.client(ctx.fixture.roomA, ctx.fixture.tokens.partnerA, doc);
    await author.synced();
    doc.getText('body').insert(0, 'One. ');
    await author.stored();
    const coAuthor = ctx.client(ctx.fixture.roomA, ctx.fixture.tokens.partnerA2);
    await coAuthor.synced();
    coAuthor.doc.getText('body').insert(0, 'Two. ');
    await coAuthor.stored();
    doc.getText('body').insert(0, 'Three. ');
    await author.stored();
    await waitUntil(
      () => coAuthor.doc.getText('body').toString() === doc.getText('body').toString(),
      'both to converge',
    );
    expect(author.closes).toEqual([]);
    expect(coAuthor.closes).toEqual([]);
  });

  it('fills the record for a database written before it existed, from the audit and the log', async () => {
    const doc = new Y.Doc();
    doc.clientID = AUTHOR_CLIENT;
    const author = ctx.client(ctx.fixture.roomA, ctx.fixture.tokens.partnerA, doc);
    await author.synced();
    doc.getText('body').insert(0, 'Before the upgrade.');
    await author.stored();
    author.destroy();
    await ctx.relay.stop();

    // Back to the schema before room_clients (version 1), as an older relay left it: every table a later
    // migration made is dropped (room_clients, and those of any migration since).
    const old = new Database(ctx.fixture.dbFile);
    const schemaOne = new Set([
      'partnerships',
      'partners',
      'soas',
      'members',
      'room_updates',
      'room_audit',
      'sqlite_sequence',
    ]);
    const later = (old.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[])
      .map((row) => row.name)
      .filter((name) => !schemaOne.has(name));
    expect(later).toContain('room_clients');
    for (const table of later.reverse()) old.exec(`DROP TABLE ${table}`);
    old.pragma('user_version = 1');
    old.close();
    const upgraded = openDatabase(ctx.fixture.dbFile);
    const owner = upgraded
      .prepare('SELECT member_id FROM room_clients WHERE room = ? AND client_id = ?')
      .get(ctx.fixture.roomA, AUTHOR_CLIENT) as { member_id: string } | undefined;
    upgraded.close();
    expect(owner?.member_id).toBe(ctx.fixture.memberIds.partnerA);

    ctx.relay = await startRelayProcess(ctx.fixture.dbFile);
    const state = (await readRoom(ctx.relay.syncUrl, ctx.fixture.roomA, ctx.fixture.tokens.reviewer)).update;
    const forger = rawConnection(ctx.relay.syncUrl, ctx.fixture.roomA, ctx.fixture.tokens.partnerA2);
    await forger.opened;
    forger.send(encodeSyncUpdate(forgedUpdate(state, AUTHOR_CLIENT, 'FORGED ')));
    expect((await forger.closed).code).toBe(CLOSE_CODES.CLIENT_ID_TAKEN);
  });
});
