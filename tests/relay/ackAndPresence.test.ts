// The ACK extension (what the relay has stored, sent after storing and after sync step 1) and presence
// (user fields vouched by the relay; nobody can pose as or remove someone else).
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { encodeSyncUpdate, MESSAGE_TYPES, type PresenceUser, type StoredAck } from '../../shared/protocol/messages';
import { rawConnection } from './harness/clients';
import { waitUntil } from '../support/wait';
import { relayPerTest } from './harness/relayPerTest';

describe('acknowledgements and presence', () => {
  const ctx = relayPerTest();
  const client = ctx.client;

  it('acknowledges sync step 1 and each stored change, covering inserts and deletes', async () => {
    const writer = client(ctx.fixture.roomA, ctx.fixture.tokens.partnerA);
    await writer.synced();
    await waitUntil(() => (writer.acks?.length ?? 0) >= 1, 'the ack after sync step 1');
    expect(writer.acks?.[0]?.deleteSetUpdate).toEqual(new Uint8Array([0, 0]));

    const text = writer.doc.getText('body');
    const stored = (ack: StoredAck | undefined): number | undefined =>
      Y.decodeStateVector(ack?.stateVector ?? new Uint8Array()).get(writer.doc.clientID);
    text.insert(0, 'hello world');
    await waitUntil(() => stored(writer.acks?.at(-1)) === 11, 'the ack of an insert');
    const count = writer.acks?.length ?? 0;

    text.delete(0, 6);
    await waitUntil(() => (writer.acks?.length ?? 0) > count, 'the ack of a delete');
    const deleteAck = writer.acks?.at(-1);
    const deletes = Y.decodeUpdate(deleteAck?.deleteSetUpdate ?? new Uint8Array()).ds.clients.get(writer.doc.clientID);
    expect(deletes).toEqual([expect.objectContaining({ clock: 0, len: 6 })]);
    // Everything the writer has is on the ctx.relay.
    expect(Y.decodeStateVector(deleteAck?.stateVector ?? new Uint8Array())).toEqual(
      Y.decodeStateVector(Y.encodeStateVector(writer.doc)),
    );
  });

  it('acknowledges a deletion of content the relay lacks only once that content arrives and both are stored', async () => {
    const writer = client(ctx.fixture.roomA, ctx.fixture.tokens.partnerA);
    await writer.synced();
    await waitUntil(() => (writer.acks?.length ?? 0) >= 1, 'the ack after sync step 1');
    // Edits from the officer's other copy: an insertion, then its deletion, which reaches the relay first.
    const elsewhere = new Y.Doc();
    const updates: Uint8Array[] = [];
    elsewhere.on('update', (update: Uint8Array) => updates.push(update));
    elsewhere.getText('body').insert(0, 'draft');
    elsewhere.getText('body').delete(0, 5);
    const [insertion, deletion] = updates;
    const deletedBy = (ack: StoredAck | undefined) =>
      Y.decodeUpdate(ack?.deleteSetUpdate ?? new Uint8Array([0, 0])).ds.clients.get(elsewhere.clientID);

    const coversDeletion = (): boolean => (writer.acks ?? []).some((ack) => deletedBy(ack) !== undefined);
    writer.provider.ws?.send(encodeSyncUpdate(deletion!));
    // An edit of the writer's own after it: the relay answers in order, so its ACK comes after the deletion's.
    writer.doc.getText('body').insert(0, 'x');
    await writer.stored('the edit after the deletion');
    // Yjs keeps it aside, in memory only: acknowledging it would let the client forget a deletion a restart loses.
    expect(coversDeletion()).toBe(false);

    writer.provider.ws?.send(encodeSyncUpdate(insertion!));
    await waitUntil(coversDeletion, 'an ACK of the deletion, once the content it deletes is stored');
    // The room holds both: a member joining now gets the content, deleted.
    const reader = client(ctx.fixture.roomA, ctx.fixture.tokens.partnerA);
    await reader.synced();
    expect(Y.getState(reader.doc.store, elsewhere.clientID)).toBe(5);
    expect(reader.doc.getText('body').toString()).toBe('x');
  });

  it('sends ACKs only to clients that ask for them, so a stock client never sees a message it cannot read', async () => {
    const stock = client(ctx.fixture.roomA, ctx.fixture.tokens.partnerA, new Y.Doc(), { stock: true });
    const app = client(ctx.fixture.roomA, ctx.fixture.tokens.partnerA);
    await Promise.all([stock.synced(), app.synced()]);
    stock.doc.getText('body').insert(0, 'from a stock client');
    app.doc.getText('body').insert(0, 'from the app; ');
    await app.stored('the app edit to be stored');
    // The stock client's edit reached the app, so the relay stored it, and would have ACKed it by now.
    await waitUntil(
      () => app.doc.getText('body').toString().includes('from a stock client'),
      'the stock edit at the app',
    );
    await waitUntil(
      () => stock.doc.getText('body').toString().includes('from the app'),
      'the app edit at the stock client',
    );
    const ackMessages = (log: readonly string[]): number =>
      log.filter((line) => line.startsWith(`in ${MESSAGE_TYPES.ACK}/`)).length;
    expect(ackMessages(stock.traffic.log)).toBe(0);
    expect(ackMessages(app.traffic.log)).toBeGreaterThanOrEqual(2);
  });

  it('rewrites presence to the authenticated member and keeps others from removing it', async () => {
    const alex = client(ctx.fixture.roomA, ctx.fixture.tokens.partnerA);
    const bea = client(ctx.fixture.roomA, ctx.fixture.tokens.partnerB);
    await Promise.all([alex.synced(), bea.synced()]);
    alex.provider.awareness.setLocalStateField('user', {
      name: 'The Chief Executive',
      partnerId: ctx.fixture.partnerB,
      role: 'coordinator',
    });
    alex.provider.awareness.setLocalStateField('cursor', 42);
    const alexId = alex.doc.clientID;
    await waitUntil(
      () => (bea.provider.awareness.getStates().get(alexId) as { cursor?: number } | undefined)?.cursor === 42,
      'alex presence at bea',
    );
    const seen = bea.provider.awareness.getStates().get(alexId) as { user: PresenceUser };
    expect(seen.user).toEqual({
      memberId: expect.any(String),
      name: 'Alex Council',
      partnerId: ctx.fixture.partnerA,
      partnerName: 'Test Council',
      role: 'partner',
    });

    // A raw connection tries to remove Alex's presence and to take over his client id.
    const intruder = rawConnection(ctx.relay.syncUrl, ctx.fixture.roomA, ctx.fixture.tokens.partnerB);
    await intruder.opened;
    const removal = new Y.Doc();
    const fake = new awarenessProtocol.Awareness(removal);
    fake.clientID = alexId;
    fake.setLocalState({ cursor: 1 });
    const takeOver = awarenessProtocol.encodeAwarenessUpdate(fake, [alexId], new Map([[alexId, { cursor: 1 }]]));
    const meta = fake.meta.get(alexId);
    if (meta) meta.clock = 10_000;
    const remove = awarenessProtocol.encodeAwarenessUpdate(fake, [alexId], new Map());
    for (const update of [takeOver, remove]) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_TYPES.AWARENESS);
      encoding.writeVarUint8Array(encoder, update);
      intruder.send(encoding.toUint8Array(encoder));
    }
    fake.destroy();
    // A later legitimate change from Alex still shows, under his own name: his presence was never replaced.
    alex.provider.awareness.setLocalStateField('cursor', 43);
    await waitUntil(
      () => (bea.provider.awareness.getStates().get(alexId) as { cursor?: number } | undefined)?.cursor === 43,
      'alex presence after the intrusion',
    );
    expect((bea.provider.awareness.getStates().get(alexId) as { user: PresenceUser }).user.name).toBe('Alex Council');
    intruder.socket.close();

    // When Alex leaves, his presence goes for everyone.
    alex.provider.disconnect();
    await waitUntil(() => !bea.provider.awareness.getStates().has(alexId), 'alex presence to be removed');
  });
});
