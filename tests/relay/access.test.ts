// Access: tokens, rooms and the write rule. A refused write (update or sync step 2) is never applied,
// stored or broadcast, the sender is told, and reading carries on.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_CODES } from '../../shared/protocol/messages';
import { Directory } from '../../server/db/directory';
import { openDatabase } from '../../server/db/openDatabase';
import { rawConnection } from './harness/clients';
import { waitUntil } from '../support/wait';
import { relayPerTest } from './harness/relayPerTest';
import { type Fixture } from './harness/fixture';
import { upgradeAndReadClose } from './harness/rawUpgrade';
import { startRelayProcess } from '../support/relayProcess';

describe('access', () => {
  const ctx = relayPerTest();
  const client = ctx.client;
  /** The room's content as a fresh reader receives it from the ctx.relay. */
  const roomState = async (room: string): Promise<Uint8Array> => {
    const reader = client(room, ctx.fixture.tokens.reviewer);
    await reader.synced();
    const state = Y.encodeStateAsUpdate(reader.doc);
    reader.provider.disconnect();
    return state;
  };

  const cases = [
    {
      who: 'partner B',
      token: (f: Fixture) => f.tokens.partnerB,
      room: (f: Fixture) => f.roomA,
      owner: (f: Fixture) => f.tokens.partnerA,
    },
    {
      who: 'a reviewer',
      token: (f: Fixture) => f.tokens.reviewer,
      room: (f: Fixture) => f.frame,
      owner: (f: Fixture) => f.tokens.coordinator,
    },
    {
      who: 'a coordinator',
      token: (f: Fixture) => f.tokens.coordinator,
      room: (f: Fixture) => f.roomB,
      owner: (f: Fixture) => f.tokens.partnerB,
    },
  ];

  for (const { who, token, room, owner } of cases) {
    it(`refuses ${who}'s writes as an update and as sync step 2, in memory, for others and after a restart`, async () => {
      const ownerClient = client(room(ctx.fixture), owner(ctx.fixture));
      await ownerClient.synced();
      ownerClient.doc.getText('owned').insert(0, 'by the owner');
      await ownerClient.stored('the owner edit to be stored');
      const before = await roomState(room(ctx.fixture));

      // Sync step 2: a document with content of its own, connecting (what every reconnect sends).
      const offline = new Y.Doc();
      offline.getText('owned').insert(0, 'forged offline ');
      const stepTwo = client(room(ctx.fixture), token(ctx.fixture), offline);
      await stepTwo.synced();
      await waitUntil(() => stepTwo.denied.length === 1, 'permission denied for sync step 2');
      // Reading stays allowed: the intruder still received the owner's content.
      expect(stepTwo.doc.getText('owned').toString()).toContain('by the owner');

      // Update: a live edit on the open connection.
      stepTwo.doc.getText('owned').insert(0, 'forged live ');
      await waitUntil(() => stepTwo.denied.length === 2, 'permission denied for an update');
      expect(stepTwo.denied[0]).toMatch(/not change it/);
      expect(stepTwo.provider.wsconnected).toBe(true);

      // The owner (connected throughout) never saw them; a fresh reader gets the same bytes.
      ownerClient.doc.getText('owned').insert(0, '!');
      await ownerClient.stored('a later owner edit to be stored');
      expect(ownerClient.doc.getText('owned').toString()).toBe('!by the owner');
      const watcher = client(room(ctx.fixture), ctx.fixture.tokens.reviewer);
      await watcher.synced();
      await waitUntil(
        () => watcher.doc.getText('owned').toString() === '!by the owner',
        'the watcher to see only the owner edits',
      );

      // After a restart the stored room holds nothing of the refused writes.
      for (const made of ctx.clients.splice(0)) made.destroy();
      await ctx.relay.stop();
      ctx.relay = await startRelayProcess(ctx.fixture.dbFile);
      const after = client(room(ctx.fixture), ctx.fixture.tokens.reviewer);
      await after.synced();
      expect(after.doc.getText('owned').toString()).toBe('!by the owner');
      const beforeDoc = new Y.Doc();
      Y.applyUpdate(beforeDoc, before);
      expect(beforeDoc.getText('owned').toString()).toBe('by the owner');
    });
  }

  it('refuses missing, unknown and revoked tokens with their close codes', async () => {
    const missing = rawConnection(ctx.relay.syncUrl, ctx.fixture.roomA, null);
    const unknown = rawConnection(ctx.relay.syncUrl, ctx.fixture.roomA, 'not-a-real-token');
    const revoked = rawConnection(ctx.relay.syncUrl, ctx.fixture.roomA, ctx.fixture.tokens.revoked);
    expect((await missing.closed).code).toBe(CLOSE_CODES.UNAUTHENTICATED);
    expect((await unknown.closed).code).toBe(CLOSE_CODES.UNAUTHENTICATED);
    const revokedClose = await revoked.closed;
    expect(revokedClose.code).toBe(CLOSE_CODES.REVOKED);
    expect(revokedClose.reason).toMatch(/revoked/);
    // The stock client stops retrying on these codes.
    const stock = client(ctx.fixture.roomA, 'not-a-real-token');
    await waitUntil(() => stock.closes.length > 0, 'the stock client to be refused');
    expect(stock.closes[0]?.code).toBe(CLOSE_CODES.UNAUTHENTICATED);
  });

  it('logs one JSON object per line and never a token', async () => {
    const used = client(ctx.fixture.roomA, ctx.fixture.tokens.partnerA);
    await used.synced();
    const refused = rawConnection(ctx.relay.syncUrl, ctx.fixture.roomA, ctx.fixture.tokens.revoked);
    await refused.closed;
    await waitUntil(
      () => ctx.relay.lines.some((line) => line.includes('connection refused')),
      'the refusal to be logged',
    );
    const logLines = ctx.relay.lines.filter((line) => !line.startsWith('SOA relay listening on '));
    for (const line of logLines) expect(() => JSON.parse(line), line).not.toThrow();
    for (const token of Object.values(ctx.fixture.tokens)) expect(ctx.relay.lines.join('\n')).not.toContain(token);
    expect(logLines.map((line) => (JSON.parse(line) as { event: string }).event)).toEqual(
      expect.arrayContaining(['relay started', 'connection opened', 'room loaded', 'connection refused']),
    );
  });

  it('disconnects a member when they are revoked', async () => {
    const open = client(ctx.fixture.roomB, ctx.fixture.tokens.partnerB);
    await open.synced();
    const db = openDatabase(ctx.fixture.dbFile);
    new Directory(db).revokeMember(ctx.fixture.memberIds.partnerB);
    db.close();
    await waitUntil(
      () => open.closes.some((close) => close.code === CLOSE_CODES.REVOKED),
      'the revoked member to be disconnected',
    );
  });

  it('matches room names exactly and keeps a token inside its partnership', async () => {
    const soa = ctx.fixture.soaId;
    const variants = [
      `SOA/${soa}/frame`,
      `soa/${soa}/Frame`,
      `soa/${soa}/frame/`,
      `soa//${soa}/frame`,
      `soa/${soa}/../${soa}/frame`,
      `soa/${soa}%2Fframe`,
      `soa/${soa}/frame%00`,
      `soa/${soa}/partner/${ctx.fixture.partnerA}/`,
      `soa/${soa}/partner/${ctx.fixture.partnerA.toUpperCase()}`,
      `soa/${soa}/partner/unknownpartner`,
      `soa/unknownsoa/frame`,
      `soa/${soa}`,
      `./soa/${soa}/frame`,
      ctx.fixture.otherSoaFrame,
    ];
    for (const variant of variants) {
      const answer = await upgradeAndReadClose(
        ctx.relay.url,
        `/sync/${variant}?token=${ctx.fixture.tokens.coordinator}`,
      );
      expect(answer.closeCode, variant).toBe(CLOSE_CODES.ROOM_NOT_FOUND);
    }
    // The control: the exact name over the same raw path opens (its first frame is sync step 1, not a close).
    expect(
      (await upgradeAndReadClose(ctx.relay.url, `/sync/${ctx.fixture.frame}?token=${ctx.fixture.tokens.coordinator}`))
        .closeCode,
    ).toBeNull();
    const outsider = rawConnection(ctx.relay.syncUrl, ctx.fixture.frame, ctx.fixture.tokens.outsider);
    expect((await outsider.closed).code).toBe(CLOSE_CODES.ROOM_NOT_FOUND);
    const exact = client(ctx.fixture.frame, ctx.fixture.tokens.coordinator);
    await exact.synced();
  });
});
