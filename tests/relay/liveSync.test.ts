// Two partners sync live through a real relay; a partner edits offline and on reconnect only the difference travels.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FrameDocument } from '../../shared/model/frame';
import { connectClient } from './harness/clients';
import { waitUntil } from '../support/wait';
import { relayPerTest } from './harness/relayPerTest';

describe('live sync', () => {
  const ctx = relayPerTest();
  const client = ctx.client;

  it('carries edits between partners in both directions, and the frame to everyone', async () => {
    const aWrites = connectClient(ctx.relay.syncUrl, ctx.fixture.roomA, ctx.fixture.tokens.partnerA, new Y.Doc(), {
      stock: true,
    });
    ctx.clients.push(aWrites);
    const bReadsA = client(ctx.fixture.roomA, ctx.fixture.tokens.partnerB);
    const bWrites = client(ctx.fixture.roomB, ctx.fixture.tokens.partnerB);
    const aReadsB = client(ctx.fixture.roomB, ctx.fixture.tokens.partnerA);
    const frame = client(ctx.fixture.frame, ctx.fixture.tokens.partnerB);
    await Promise.all([aWrites, bReadsA, bWrites, aReadsB, frame].map((made) => made.synced()));

    // soa create stored the initial frame: title and the partnership's partners.
    // Read through the frame's model: titles are Y.Text fields of their own since plain fields merge by character.
    await waitUntil(() => new FrameDocument(frame.doc).readMeta().title === 'Test SOA', 'the initial frame');
    expect([...frame.doc.getMap('partners').keys()].sort()).toEqual(
      [ctx.fixture.partnerA, ctx.fixture.partnerB].sort(),
    );

    aWrites.doc.getText('probe').insert(0, 'from A');
    bWrites.doc.getText('probe').insert(0, 'from B');
    await waitUntil(() => bReadsA.doc.getText('probe').toString() === 'from A', 'A to reach B');
    await waitUntil(() => aReadsB.doc.getText('probe').toString() === 'from B', 'B to reach A');
  });

  it('sends only the offline difference on reconnect', async () => {
    const doc = new Y.Doc();
    const writer = client(ctx.fixture.roomA, ctx.fixture.tokens.partnerA, doc);
    await writer.synced();
    // A large room: 200 KB of text.
    doc.getText('body').insert(0, 'x'.repeat(200_000));
    const watcher = client(ctx.fixture.roomA, ctx.fixture.tokens.partnerB);
    await waitUntil(() => watcher.doc.getText('body').length === 200_000, 'the large room to reach a reader');

    writer.provider.disconnect();
    await waitUntil(() => !writer.provider.wsconnected, 'the writer to go offline');
    doc.getText('body').insert(0, 'offline edit. ');
    const before = {
      sent: writer.traffic.sent,
      received: writer.traffic.received,
      messages: writer.traffic.log.length,
    };
    writer.provider.connect();
    await waitUntil(
      () => watcher.doc.getText('body').toString().startsWith('offline edit. '),
      'the offline edit to arrive',
    );
    await writer.synced();
    const sent = writer.traffic.sent - before.sent;
    const received = writer.traffic.received - before.received;
    const messages = writer.traffic.log.slice(before.messages).join(', ');
    // Both directions carry a few hundred bytes, not the 200 KB room.
    expect(sent, messages).toBeLessThan(2_000);
    expect(received, messages).toBeLessThan(2_000);
  });
});
