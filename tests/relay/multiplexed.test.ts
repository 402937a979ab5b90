// The multiplexed websocket (/mux/<soaId>) against a real relay process over real websockets: every room of
// an SOA over one connection, each with the per-room websocket's access rule, write pipeline and ACKs; a
// refused or broken room leaves the others working; bad frames get clear errors and the relay stays up;
// closing the websocket closes all its rooms. Stock per-room clients sync with it throughout.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeMuxFrame, MUX_MAX_MESSAGE_BYTES } from '../../shared/protocol/muxFrames';
import { MAX_MESSAGE_BYTES } from '../../server/relay/limits';
import { CLOSE_CODES, MESSAGE_TYPES } from '../../shared/protocol/messages';
import { MUX_V2_PARAM, V2_MESSAGE_TYPES } from '../../shared/protocol/v2Messages';
import { partnerRoom } from '../../shared/model/rooms';
import type { PartnerId } from '../../shared/model/ids';
import { Directory } from '../../server/db/directory';
import { openDatabase } from '../../server/db/openDatabase';
import { waitUntil } from '../support/wait';
import { connectMux, type MuxClient } from './harness/muxClient';
import { openFrameSocket } from './harness/rawFrames';
import { upgradeAndReadClose } from './harness/rawUpgrade';
import { relayPerTest } from './harness/relayPerTest';
import { startRelayProcess } from '../support/relayProcess';

/** A Yjs update writing `text` into a fresh document's text `field` (its own client id). */
function edit(field: string, text: string): { update: Uint8Array; stateVector: Map<number, number> } {
  const doc = new Y.Doc();
  doc.getText(field).insert(0, text);
  return { update: Y.encodeStateAsUpdate(doc), stateVector: Y.decodeStateVector(Y.encodeStateVector(doc)) };
}

function covers(have: Map<number, number> | undefined, need: Map<number, number>): boolean {
  if (!have) return false;
  for (const [client, clock] of need) if ((have.get(client) ?? 0) < clock) return false;
  return true;
}

describe('the multiplexed websocket', () => {
  const ctx = relayPerTest();
  const muxes: MuxClient[] = [];
  const mux = async (token: string): Promise<MuxClient> => {
    const made = await connectMux(ctx.relay.url, ctx.fixture.soaId, token);
    muxes.push(made);
    return made;
  };
  const health = async (): Promise<{ connections: number; websockets: number }> => {
    const answer = await fetch(`${ctx.relay.url}/healthz`, {
      headers: { Authorization: `Bearer ${ctx.relay.statusToken}` },
    });
    return (await answer.json()) as { connections: number; websockets: number };
  };
  const lastAck = (client: MuxClient, room: string) => client.room(room).acks.at(-1);
  const settled = async (check: () => Promise<boolean>, what: string): Promise<void> => {
    const deadline = Date.now() + 15_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  it('applies the write rule room by room over one socket: own room stored and ACKed, others denied, reviewers read only', async () => {
    const f = ctx.fixture;
    const stockA = ctx.client(f.roomA, f.tokens.reviewer, undefined, { stock: true });
    const stockB = ctx.client(f.roomB, f.tokens.reviewer, undefined, { stock: true });
    await Promise.all([stockA.synced(), stockB.synced()]);

    const a = await mux(f.tokens.partnerA);
    for (const room of [f.frame, f.roomA, f.roomB]) {
      a.open(room);
      a.sendSyncStep1(room);
    }
    await a.until(
      () => [f.frame, f.roomA, f.roomB].every((room) => a.room(room).acks.length > 0),
      'three rooms to answer',
    );
    expect((await health()).websockets).toBe(3); // the mux and the two stock clients

    const own = edit('statement', 'Partner A writes its own room');
    a.sendUpdate(f.roomA, own.update);
    await a.until(() => covers(lastAck(a, f.roomA), own.stateVector), 'the ACK of its own room');
    await waitUntil(
      () => stockA.doc.getText('statement').toString() === 'Partner A writes its own room',
      'the stock per-room client to receive it',
    );

    const forged = edit('statement', 'Partner A writes B');
    a.sendUpdate(f.roomB, forged.update);
    const frameForged = edit('title', 'Partner A writes the frame');
    a.sendUpdate(f.frame, frameForged.update);
    await a.until(() => a.room(f.roomB).denied.length === 1 && a.room(f.frame).denied.length === 1, 'two denials');
    expect(a.room(f.roomB).denied[0]).toMatch(/not change it/);
    expect(a.room(f.roomB).closes).toEqual([]);

    // The socket still works for its own room after the denials, and nothing denied reached anyone.
    const more = edit('statement', ' again');
    a.sendUpdate(f.roomA, more.update);
    await a.until(() => covers(lastAck(a, f.roomA), more.stateVector), 'a later ACK');
    expect(stockB.doc.getText('statement').toString()).toBe('');

    const reviewer = await mux(f.tokens.reviewer);
    reviewer.open(f.roomA);
    reviewer.sendSyncStep1(f.roomA);
    await reviewer.until(
      () => reviewer.docOf(f.roomA).getText('statement').toString().includes('Partner A writes its own room'),
      'the reviewer to read room A',
    );
    reviewer.sendUpdate(f.roomA, edit('statement', 'reviewer').update);
    await reviewer.until(() => reviewer.room(f.roomA).denied.length === 1, 'the reviewer denied');

    // A fresh reader gets what was stored: A's own edits, nothing forged.
    const reader = ctx.client(f.roomB, f.tokens.coordinator);
    await reader.synced();
    expect(reader.doc.getText('statement').toString()).toBe('');
    const readerA = ctx.client(f.roomA, f.tokens.coordinator);
    await readerA.synced();
    expect(readerA.doc.getText('statement').toString()).toContain('Partner A writes its own room');
  });

  it('refuses a forged, foreign or unknown room with a close frame and keeps the other rooms working', async () => {
    const f = ctx.fixture;
    const a = await mux(f.tokens.partnerA);
    a.open(f.roomA);
    a.sendSyncStep1(f.roomA);
    await a.until(() => a.room(f.roomA).acks.length > 0, 'room A to answer');

    const forged = [
      `soa/${f.soaId}/partner/../frame`,
      `soa/${f.soaId}/frame/`,
      `SOA/${f.soaId}/frame`,
      partnerRoom(f.soaId, 'p_not_a_partner_of_this_soa' as PartnerId),
      f.otherSoaFrame,
      'not a room at all',
    ];
    for (const room of forged) a.open(room);
    await a.until(() => forged.every((room) => a.room(room).closes.length === 1), 'every forged room refused');
    for (const room of forged) expect(a.room(room).closes[0]?.code).toBe(CLOSE_CODES.ROOM_NOT_FOUND);
    expect(a.room(f.otherSoaFrame).closes[0]?.reason).toMatch(/another SOA/);

    // A message to a room never opened here is refused too, without reaching it.
    a.sendUpdate(f.roomB, edit('statement', 'sneaked in').update);
    await a.until(() => a.room(f.roomB).closes.length === 1, 'the stray message refused');
    expect(a.room(f.roomB).closes[0]).toEqual({
      code: CLOSE_CODES.MALFORMED,
      reason: 'This room is not open on this connection; open it first.',
    });

    const still = edit('statement', 'still here');
    a.sendUpdate(f.roomA, still.update);
    await a.until(() => covers(lastAck(a, f.roomA), still.stateVector), 'room A still ACKs');
    expect(a.ws.readyState).toBe(a.ws.OPEN);
    const readerB = ctx.client(f.roomB, f.tokens.coordinator);
    await readerB.synced();
    expect(readerB.doc.getText('statement').toString()).toBe('');
  });

  it('closes only the room of a malformed or oversized message; an unreadable frame ends the socket and the relay stays up', async () => {
    const f = ctx.fixture;
    const a = await mux(f.tokens.partnerA);
    for (const room of [f.frame, f.roomA]) {
      a.open(room);
      a.sendSyncStep1(room);
    }
    await a.until(() => a.room(f.roomA).acks.length > 0 && a.room(f.frame).acks.length > 0, 'both rooms to answer');

    // A y-protocols message that is not one: that room alone closes with 4400.
    a.send(f.frame, new Uint8Array([0, 2, 0xff, 0xff, 0xff, 0xff, 0x0f]));
    await a.until(() => a.room(f.frame).closes.length === 1, 'the frame room closed');
    expect(a.room(f.frame).closes[0]?.code).toBe(CLOSE_CODES.MALFORMED);
    // A frame of an unknown kind whose room can be read: that room alone is refused.
    a.sendRaw(
      new Uint8Array([
        7,
        ...new Uint8Array(encodeMuxFrame({ kind: 'open', room: f.roomB, wantsAcks: false })).slice(1),
      ]),
    );
    await a.until(() => a.room(f.roomB).closes.length === 1, 'the unknown kind refused');
    expect(a.room(f.roomB).closes[0]?.reason).toMatch(/unknown kind/);

    const ok = edit('statement', 'after the bad frames');
    a.sendUpdate(f.roomA, ok.update);
    await a.until(() => covers(lastAck(a, f.roomA), ok.stateVector), 'room A still ACKs');

    // An over-large message inside a frame: only its room goes (4413). The app refuses one itself at the
    // same size, so it never sends one that would end the websocket (1009).
    expect(MUX_MAX_MESSAGE_BYTES).toBe(MAX_MESSAGE_BYTES);
    a.open(f.frame);
    a.send(f.frame, new Uint8Array(8 * 1024 * 1024 + 1));
    await a.until(() => a.room(f.frame).closes.length === 2, 'the over-large message refused');
    expect(a.room(f.frame).closes[1]?.code).toBe(CLOSE_CODES.TOO_LARGE);
    const ok2 = edit('statement', ' and after the large one');
    a.sendUpdate(f.roomA, ok2.update);
    await a.until(() => covers(lastAck(a, f.roomA), ok2.stateVector), 'room A ACKs after the large message');

    // Bytes that are not a frame at all cannot be given to a room: the socket ends with 4400.
    a.sendRaw(new Uint8Array([0, 0xff, 0xff, 0xff, 0xff, 0x0f]));
    expect((await a.closed).code).toBe(CLOSE_CODES.MALFORMED);
    const text = await mux(f.tokens.partnerA);
    text.sendRaw('a text message');
    expect(await text.closed).toEqual({
      code: CLOSE_CODES.MALFORMED,
      reason: 'The relay only accepts binary frames on this connection.',
    });
    await settled(async () => (await health()).connections === 0, 'every room of the closed sockets to close');

    // Still up: a new socket syncs, and what room A stored is there.
    const b = await mux(f.tokens.coordinator);
    b.open(f.roomA);
    b.sendSyncStep1(f.roomA);
    await b.until(() => {
      // Two fresh documents each inserted at the start: their order follows their random client ids.
      const text = b.docOf(f.roomA).getText('statement').toString();
      return text.includes('after the bad frames') && text.includes(' and after the large one');
    }, 'a fresh socket to read room A');
  });

  it('closing the socket closes all its rooms, and their presence goes with them', async () => {
    const f = ctx.fixture;
    const watcher = ctx.client(f.roomA, f.tokens.coordinator);
    await watcher.synced();
    const a = await mux(f.tokens.partnerA);
    for (const room of [f.frame, f.roomA, f.roomB]) {
      a.open(room);
      a.sendSyncStep1(room);
    }
    await a.until(() => [f.frame, f.roomA, f.roomB].every((room) => a.room(room).acks.length > 0), 'three rooms');
    // A's presence in room A (awareness client 4242, clock 1, a state).
    const awareness = new Y.Doc();
    awareness.clientID = 4242;
    const { encodeAwarenessUpdate, Awareness } = await import('y-protocols/awareness');
    const local = new Awareness(awareness);
    local.setLocalState({ cursor: null });
    const presence = encodeAwarenessUpdate(local, [4242]);
    a.send(f.roomA, new Uint8Array([1, ...varUint8Array(presence)]));
    await waitUntil(() => watcher.provider.awareness.getStates().has(4242), 'the watcher to see A present');
    expect((await health()).connections).toBe(4);

    a.close();
    await a.closed;
    await waitUntil(() => !watcher.provider.awareness.getStates().has(4242), 'A to leave the watcher room');
    await settled(async () => (await health()).connections === 1, 'only the watcher left');
    local.destroy();
  });

  it('opens the rooms the upgrade URL names with the socket, refusing a forged one', async () => {
    const f = ctx.fixture;
    const roomAEntry = f.roomA.slice(`soa/${f.soaId}/`.length);
    const a = await connectMux(
      ctx.relay.url,
      f.soaId,
      f.tokens.partnerA,
      `&ack=1&rooms=${encodeURIComponent(`frame,${roomAEntry},../${f.soaId}/frame,`)}`,
    );
    muxes.push(a);
    // No open frame sent: the relay's sync step 1 arrives in both rooms, and its ACK once A asks.
    await a.until(() => a.room(f.frame).messages.length > 0 && a.room(f.roomA).messages.length > 0, 'both rooms open');
    await a.until(() => a.room(`soa/${f.soaId}/../${f.soaId}/frame`).closes.length === 1, 'the forged entry refused');
    expect(a.room(`soa/${f.soaId}/`).closes[0]?.code).toBe(CLOSE_CODES.ROOM_NOT_FOUND);
    const own = edit('statement', 'opened by the URL');
    a.sendUpdate(f.roomA, own.update);
    await a.until(() => covers(lastAck(a, f.roomA), own.stateVector), 'the ACK in a room the URL opened');
    expect((await health()).connections).toBe(2);
  });

  it('leaves a room on a close frame and opens it again on the same socket', async () => {
    const f = ctx.fixture;
    const a = await mux(f.tokens.partnerA);
    a.open(f.roomA);
    a.sendSyncStep1(f.roomA);
    await a.until(() => a.room(f.roomA).acks.length === 1, 'room A');
    a.leave(f.roomA);
    await settled(async () => (await health()).connections === 0, 'room A left');
    // A message on its way after the leave is dropped without a word (it may cross the close).
    a.sendUpdate(f.roomA, edit('statement', 'late').update);
    a.open(f.roomA);
    a.sendSyncStep1(f.roomA);
    await a.until(() => a.room(f.roomA).acks.length === 2, 'room A again');
    expect(a.room(f.roomA).closes).toEqual([]);
    expect((await health()).connections).toBe(1);
  });

  it('refuses the socket itself for a missing token, an SOA of another partnership, and closes it on revocation', async () => {
    const f = ctx.fixture;
    const noToken = await upgradeAndReadClose(ctx.relay.url, `/mux/${f.soaId}`);
    expect(noToken.closeCode).toBe(CLOSE_CODES.UNAUTHENTICATED);
    const otherSoa = f.otherSoaFrame.split('/')[1] ?? '';
    const foreign = await upgradeAndReadClose(ctx.relay.url, `/mux/${otherSoa}?token=${f.tokens.partnerA}`);
    expect(foreign.closeCode).toBe(CLOSE_CODES.ROOM_NOT_FOUND);
    for (const path of [`/mux/../${f.soaId}`, `/mux/${f.soaId}/`, `/mux/%2e%2e`, '/mux/'])
      expect((await upgradeAndReadClose(ctx.relay.url, `${path}?token=${f.tokens.partnerA}`)).closeCode).toBe(
        CLOSE_CODES.ROOM_NOT_FOUND,
      );

    const b = await mux(f.tokens.partnerB);
    b.open(f.roomB);
    b.sendSyncStep1(f.roomB);
    await b.until(() => b.room(f.roomB).acks.length === 1, 'room B');
    const db = openDatabase(f.dbFile);
    new Directory(db).revokeMember(f.memberIds.partnerB);
    db.close();
    expect((await b.closed).code).toBe(CLOSE_CODES.REVOKED);
  });

  it('closes a socket whose client stops reading (4508) with all its rooms, and keeps serving the writers', async () => {
    const f = ctx.fixture;
    const stuck = await openFrameSocket(ctx.relay.url, `/mux/${f.soaId}?token=${f.tokens.coordinator}`);
    stuck.sendMessage(encodeMuxFrame({ kind: 'open', room: f.roomA, wantsAcks: false }));
    stuck.sendMessage(encodeMuxFrame({ kind: 'open', room: f.frame, wantsAcks: false }));
    await settled(async () => (await health()).connections === 2, 'the reader in two rooms');
    stuck.stopReading();
    // Two writers of room A send 3 MiB changes the relay broadcasts to the reader, who takes none of them:
    // past 8 MiB waiting for its room A, the relay gives up on the whole socket.
    const writers = [await mux(f.tokens.partnerA), await mux(f.tokens.partnerA2)];
    for (const writer of writers) writer.open(f.roomA);
    for (let i = 0; i < 3; i++) {
      for (const [n, writer] of writers.entries()) {
        const change = edit(`w${n}`, String(i).repeat(3 * 1024 * 1024));
        writer.sendUpdate(f.roomA, change.update);
        await writer.until(() => covers(lastAck(writer, f.roomA), change.stateVector), 'a large change stored', 30_000);
      }
    }
    // Its rooms and its websocket are gone (the paused client may not notice its TCP connection going).
    await settled(async () => {
      const now = await health();
      return now.connections === 2 && now.websockets === 2;
    }, 'the reader gone from both its rooms, and its websocket with them');
    expect(ctx.relay.lines.some((line) => line.includes('client not reading'))).toBe(true);
    stuck.socket.destroy();
    const fine = edit('statement', '!');
    writers[0]?.sendUpdate(f.roomA, fine.update);
    await writers[0]?.until(
      () => covers(lastAck(writers[0] as MuxClient, f.roomA), fine.stateVector),
      'the writer still served',
    );
  });

  it('answers every room keep-alive with one ping, and closes a socket left with no room open', async () => {
    const f = ctx.fixture;
    await ctx.relay.stop();
    ctx.relay = await startRelayProcess(f.dbFile, ['--keepalive-ms', '300']);
    const a = await mux(f.tokens.partnerA);
    for (const room of [f.frame, f.roomA, f.roomB]) a.open(room);
    let pings = 0;
    a.ws.on('ping', () => pings++);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    // Three rooms, about six keep-alive rounds: one ping a round, and no room dropped as dead.
    expect(pings).toBeGreaterThanOrEqual(3);
    expect(pings).toBeLessThanOrEqual(8);
    expect((await health()).connections).toBe(3);
    expect(a.ws.readyState).toBe(a.ws.OPEN);

    const idle = await mux(f.tokens.partnerB);
    expect(await idle.closed).toEqual({ code: 1000, reason: 'No room is open on this connection.' });
  });

  it('drops a socket that stops answering the keep-alive with all its rooms, even if it sends pongs unasked', async () => {
    const f = ctx.fixture;
    await ctx.relay.stop();
    ctx.relay = await startRelayProcess(f.dbFile, ['--keepalive-ms', '300']);
    const live = await mux(f.tokens.partnerA);
    live.open(f.roomA);
    // A link gone quiet: it never answers a ping, but sends pongs of its own, which must not count.
    const deaf = await connectMux(ctx.relay.url, f.soaId, f.tokens.partnerB, '', { autoPong: false });
    muxes.push(deaf);
    for (const room of [f.frame, f.roomB]) deaf.open(room);
    await settled(async () => (await health()).connections === 3, 'three rooms open');
    const pongs = setInterval(() => deaf.ws.pong(new Uint8Array([1, 2, 3, 4])), 100);
    try {
      const closed = await deaf.closed;
      // Dropped at once (no close frame), both of its rooms with it; the answering socket stays.
      expect(closed.code).toBe(1006);
    } finally {
      clearInterval(pongs);
    }
    await settled(async () => (await health()).connections === 1, "the quiet link's rooms gone");
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(live.ws.readyState).toBe(live.ws.OPEN);
    expect((await health()).connections).toBe(1);
  });

  it('sends catch-ups and ACKs in V2 only to a socket that asks (v2=1), and they read back to the same room', async () => {
    const f = ctx.fixture;
    const writer = await mux(f.tokens.partnerA);
    writer.open(f.roomA);
    // Typed word by word with corrections, as an officer's day is: many items and deletions.
    const typed = new Y.Doc();
    const statement = typed.getText('statement');
    for (let i = 0; i < 400; i++) {
      statement.insert(statement.length, `outcome ${i} for young people. `);
      if (i % 3 === 0) statement.delete(statement.length - 4, 3);
    }
    const text = statement.toString();
    const written = {
      update: Y.encodeStateAsUpdate(typed),
      stateVector: Y.decodeStateVector(Y.encodeStateVector(typed)),
    };
    writer.sendUpdate(f.roomA, written.update);
    await writer.until(() => covers(lastAck(writer, f.roomA), written.stateVector), 'the write to be stored');

    const asks = await connectMux(ctx.relay.url, f.soaId, f.tokens.partnerA, `&${MUX_V2_PARAM}=1`);
    muxes.push(asks);
    const plain = await mux(f.tokens.partnerA);
    for (const client of [asks, plain]) {
      client.open(f.roomA);
      client.sendSyncStep1(f.roomA);
    }
    for (const client of [asks, plain])
      await client.until(
        () => client.docOf(f.roomA).getText('statement').toString() === text && client.room(f.roomA).acks.length > 0,
        'the catch-up and its ACK',
      );
    const types = (client: MuxClient): number[] => client.room(f.roomA).messages.map((message) => message[0] as number);
    expect(types(asks)).toContain(V2_MESSAGE_TYPES.SYNC_STEP2_V2);
    expect(types(asks)).toContain(V2_MESSAGE_TYPES.ACK_V2);
    expect(types(asks)).not.toContain(MESSAGE_TYPES.ACK);
    // A client that did not ask (an app from before) gets the stock sync step 2 and ACK.
    expect(types(plain)).toContain(MESSAGE_TYPES.ACK);
    expect(
      types(plain).some((type) => type === V2_MESSAGE_TYPES.SYNC_STEP2_V2 || type === V2_MESSAGE_TYPES.ACK_V2),
    ).toBe(false);
    const bytes = (client: MuxClient): number =>
      client.room(f.roomA).messages.reduce((sum, message) => sum + message.byteLength, 0);
    expect(bytes(asks)).toBeLessThan(bytes(plain));
  });
});

function varUint8Array(bytes: Uint8Array): number[] {
  const out: number[] = [];
  let length = bytes.byteLength;
  while (length > 0x7f) {
    out.push((length & 0x7f) | 0x80);
    length >>>= 7;
  }
  out.push(length);
  return [...out, ...bytes];
}
