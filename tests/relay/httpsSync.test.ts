// The HTTPS link's endpoints (server/http/syncRoutes.ts) against a real relay process: the same token,
// partnership and write rules as the websocket, the same durable store and ACKs, clear refusals for bad
// requests, and a relay that stays up through all of them.
import { describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import {
  decodeHttpsFrames,
  encodeHttpsFrames,
  HTTPS_SYNC_PATHS,
  type HttpsFrame,
} from '../../shared/protocol/httpsFrames';
import { CLOSE_CODES, decodeAckPayload, encodeSyncUpdate, MESSAGE_TYPES } from '../../shared/protocol/messages';
import { relayPerTest } from './harness/relayPerTest';
import { startRelayProcess } from '../support/relayProcess';

interface Answer {
  readonly status: number;
  readonly json: Record<string, unknown> | null;
  readonly frames: HttpsFrame[];
}

async function call(url: string, token: string | null, init: RequestInit = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...(init.headers as Record<string, string> | undefined) };
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(url, { ...init, headers });
  const body = new Uint8Array(await response.arrayBuffer());
  const type = response.headers.get('content-type') ?? '';
  if (type.startsWith('application/json'))
    return {
      status: response.status,
      json: JSON.parse(new TextDecoder().decode(body)) as Record<string, unknown>,
      frames: [],
    };
  return {
    status: response.status,
    json: null,
    frames: type.startsWith('application/octet-stream') ? decodeHttpsFrames(body) : [],
  };
}

function messagesOf(frames: readonly HttpsFrame[], room: string): Uint8Array[] {
  return frames.flatMap((frame) => (frame.kind === 'message' && frame.room === room ? [frame.message] : []));
}

describe('the HTTPS link', () => {
  const ctx = relayPerTest();
  const open = (token: string | null, body: unknown): Promise<Answer> =>
    call(`${ctx.relay.url}${HTTPS_SYNC_PATHS.open}`, token, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const send = (session: string, token: string | null, body: Uint8Array): Promise<Answer> =>
    call(`${ctx.relay.url}${HTTPS_SYNC_PATHS.sessions}${session}/send`, token, {
      method: 'POST',
      body: body as Uint8Array<ArrayBuffer>,
    });
  const receive = (session: string, token: string | null, wait = 5): Promise<Answer> =>
    call(`${ctx.relay.url}${HTTPS_SYNC_PATHS.sessions}${session}/receive?wait=${wait}`, token);
  /** Receives until `done` holds for everything received so far (or the attempts run out). */
  const receiveUntil = async (
    session: string,
    token: string,
    done: (frames: HttpsFrame[]) => boolean,
  ): Promise<HttpsFrame[]> => {
    const frames: HttpsFrame[] = [];
    for (let attempt = 0; attempt < 20 && !done(frames); attempt++) {
      const answer = await receive(session, token);
      expect(answer.status).toBe(200);
      frames.push(...answer.frames);
    }
    return frames;
  };
  const healthy = async (): Promise<void> => {
    const answer = await fetch(`${ctx.relay.url}/healthz`);
    expect(answer.status).toBe(200);
  };

  it('writes through the write pipeline: stored, acknowledged, seen by a websocket reader, kept over a restart', async () => {
    const opened = await open(ctx.fixture.tokens.partnerA, { room: ctx.fixture.roomA, ack: true });
    expect(opened.status).toBe(200);
    const session = String(opened.json?.session);
    // The relay opens with its sync step 1, as over a websocket.
    const first = await receiveUntil(
      session,
      ctx.fixture.tokens.partnerA,
      (frames) => messagesOf(frames, ctx.fixture.roomA).length > 0,
    );
    const opening = decoding.createDecoder(messagesOf(first, ctx.fixture.roomA)[0] as Uint8Array);
    expect(decoding.readVarUint(opening)).toBe(MESSAGE_TYPES.SYNC);
    expect(decoding.readVarUint(opening)).toBe(syncProtocol.messageYjsSyncStep1);

    const doc = new Y.Doc();
    doc.getText('contribution').insert(0, 'Sent over HTTPS');
    expect(
      (
        await send(
          session,
          ctx.fixture.tokens.partnerA,
          encodeHttpsFrames([
            { kind: 'message', room: ctx.fixture.roomA, message: encodeSyncUpdate(Y.encodeStateAsUpdate(doc)) },
          ]),
        )
      ).status,
    ).toBe(204);
    const acked = (frames: HttpsFrame[]): boolean =>
      messagesOf(frames, ctx.fixture.roomA).some((message) => {
        const decoder = decoding.createDecoder(message);
        if (decoding.readVarUint(decoder) !== MESSAGE_TYPES.ACK) return false;
        return (Y.decodeStateVector(decodeAckPayload(decoder).stateVector).get(doc.clientID) ?? 0) > 0;
      });
    expect(acked(await receiveUntil(session, ctx.fixture.tokens.partnerA, acked))).toBe(true);

    const reader = ctx.client(ctx.fixture.roomA, ctx.fixture.tokens.reviewer);
    await reader.synced();
    expect(reader.doc.getText('contribution').toString()).toBe('Sent over HTTPS');
    for (const made of ctx.clients.splice(0)) made.destroy();
    await ctx.relay.stop();
    ctx.relay = await startRelayProcess(ctx.fixture.dbFile);
    const after = ctx.client(ctx.fixture.roomA, ctx.fixture.tokens.reviewer);
    await after.synced();
    expect(after.doc.getText('contribution').toString()).toBe('Sent over HTTPS');
  });

  it('refuses an unknown or missing token (401), a revoked one, another partnership and another member’s session (403)', async () => {
    const unknown = await open('not-a-real-token', { room: ctx.fixture.roomA, ack: true });
    expect(unknown.status).toBe(401);
    expect(unknown.json?.error).toMatch(/invite token is not known/);
    expect((await open(null, { room: ctx.fixture.roomA })).status).toBe(401);
    const revoked = await open(ctx.fixture.tokens.revoked, { room: ctx.fixture.roomB });
    expect(revoked.status).toBe(403);
    expect(revoked.json?.error).toMatch(/revoked/);
    const outsider = await open(ctx.fixture.tokens.outsider, { room: ctx.fixture.roomA });
    expect(outsider.status).toBe(403);
    expect(outsider.json?.error).toBe('This document does not exist or belongs to another partnership.');
    expect((await open(ctx.fixture.tokens.partnerA, { room: ctx.fixture.otherSoaFrame })).status).toBe(403);

    const mine = await open(ctx.fixture.tokens.partnerA, { room: ctx.fixture.roomA, ack: true });
    const session = String(mine.json?.session);
    expect((await receive(session, 'not-a-real-token', 0)).status).toBe(401);
    expect((await send(session, null, new Uint8Array())).status).toBe(401);
    const stolen = await receive(session, ctx.fixture.tokens.partnerB, 0);
    expect(stolen.status).toBe(403);
    expect(stolen.json?.error).toBe('This sync session belongs to another member.');
    expect((await open(ctx.fixture.tokens.partnerB, { room: ctx.fixture.roomB, session })).status).toBe(403);
    expect((await receive('no-such-session', ctx.fixture.tokens.partnerA, 0)).status).toBe(404);
    await healthy();
  });

  it('refuses a write to another partner’s room exactly as over websockets: permission denied, nothing stored', async () => {
    const owner = ctx.client(ctx.fixture.roomA, ctx.fixture.tokens.partnerA);
    await owner.synced();
    owner.doc.getText('owned').insert(0, 'by the owner');
    await owner.stored();

    const opened = await open(ctx.fixture.tokens.partnerB, { room: ctx.fixture.roomA, ack: true });
    expect(opened.status).toBe(200);
    const session = String(opened.json?.session);
    const forged = new Y.Doc();
    forged.getText('owned').insert(0, 'forged over HTTPS ');
    const step2 = encoding.createEncoder();
    encoding.writeVarUint(step2, MESSAGE_TYPES.SYNC);
    syncProtocol.writeSyncStep2(step2, forged);
    const frames: HttpsFrame[] = [
      { kind: 'message', room: ctx.fixture.roomA, message: encoding.toUint8Array(step2) },
      { kind: 'message', room: ctx.fixture.roomA, message: encodeSyncUpdate(Y.encodeStateAsUpdate(forged)) },
    ];
    expect((await send(session, ctx.fixture.tokens.partnerB, encodeHttpsFrames(frames))).status).toBe(204);
    const denials = (received: HttpsFrame[]): string[] =>
      messagesOf(received, ctx.fixture.roomA).flatMap((message) => {
        const decoder = decoding.createDecoder(message);
        if (decoding.readVarUint(decoder) !== MESSAGE_TYPES.AUTH || decoding.readVarUint(decoder) !== 0) return [];
        return [decoding.readVarString(decoder)];
      });
    const received = await receiveUntil(session, ctx.fixture.tokens.partnerB, (got) => denials(got).length >= 2);
    expect(denials(received)).toHaveLength(2);
    expect(denials(received)[0]).toMatch(/not change it/);
    // The room stays open for reading: no close frame.
    expect(received.some((frame) => frame.kind === 'close')).toBe(false);

    const reader = ctx.client(ctx.fixture.roomA, ctx.fixture.tokens.reviewer);
    await reader.synced();
    expect(reader.doc.getText('owned').toString()).toBe('by the owner');
    expect(owner.doc.getText('owned').toString()).toBe('by the owner');
  });

  it('answers a malformed body with a clear 400, a damaged message with the websocket’s close code, and stays up', async () => {
    const opened = await open(ctx.fixture.tokens.partnerA, { room: ctx.fixture.roomA, ack: true });
    const session = String(opened.json?.session);
    const token = ctx.fixture.tokens.partnerA;

    const garbage = await send(session, token, new Uint8Array([0, 200, 1, 2, 3]));
    expect(garbage.status).toBe(400);
    expect(garbage.json?.error).toMatch(
      /^The relay could not read the messages sent: frame 1 is cut short or damaged\. Nothing in them was applied\.$/,
    );
    const unknownKind = await send(session, token, new Uint8Array([7, 0]));
    expect(unknownKind.status).toBe(400);
    expect(unknownKind.json?.error).toMatch(/unknown kind/);
    for (const body of ['not json', '[]', '{"room": 3}', '{"room": "x", "ack": "yes"}']) {
      const answer = await open(token, body);
      expect(answer.status, body).toBe(400);
      expect(String(answer.json?.error), body).toMatch(/^(The request to open a room|"ack")/);
    }
    expect(
      (await call(`${ctx.relay.url}${HTTPS_SYNC_PATHS.sessions}${session}/receive`, token, { method: 'DELETE' }))
        .status,
    ).toBe(405);

    // The session survived the bad requests; a well-framed message the relay cannot read closes that room
    // with 4400, as a websocket would be closed.
    const damaged = encodeHttpsFrames([
      { kind: 'message', room: ctx.fixture.roomA, message: new Uint8Array([MESSAGE_TYPES.SYNC, 9, 9]) },
    ]);
    expect((await send(session, token, damaged)).status).toBe(204);
    const closes = (
      await receiveUntil(session, token, (frames) => frames.some((frame) => frame.kind === 'close'))
    ).filter((frame) => frame.kind === 'close');
    expect(closes).toEqual([
      {
        kind: 'close',
        room: ctx.fixture.roomA,
        code: CLOSE_CODES.MALFORMED,
        reason: 'The relay could not read a message; reload the app and reconnect.',
      },
    ]);
    await healthy();
    // A new session works as before.
    expect((await open(token, { room: ctx.fixture.roomA, ack: true })).status).toBe(200);
  });

  it('holds a receive request open until there is something to deliver', async () => {
    const opened = await open(ctx.fixture.tokens.partnerA, { room: ctx.fixture.roomA, ack: true });
    const session = String(opened.json?.session);
    await receiveUntil(session, ctx.fixture.tokens.partnerA, (frames) => frames.length > 0);
    const started = Date.now();
    const waiting = receive(session, ctx.fixture.tokens.partnerA, 20);
    // A websocket writer's change arrives on the waiting request.
    const writer = ctx.client(ctx.fixture.roomA, ctx.fixture.tokens.partnerA2);
    await writer.synced();
    writer.doc.getText('contribution').insert(0, 'from a websocket');
    const answer = await waiting;
    expect(answer.status).toBe(200);
    expect(messagesOf(answer.frames, ctx.fixture.roomA).length).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(19_000);
  });

  it('ends the rooms of a client that stops asking (the keep-alive), as it drops a silent websocket', async () => {
    await ctx.relay.stop();
    ctx.relay = await startRelayProcess(ctx.fixture.dbFile, ['--keepalive-ms', '300']);
    const connections = async (): Promise<number> => {
      const response = await fetch(`${ctx.relay.url}/healthz`, {
        headers: { Authorization: `Bearer ${ctx.relay.statusToken}` },
      });
      return Number(((await response.json()) as { connections: number }).connections);
    };
    const opened = await open(ctx.fixture.tokens.partnerA, { room: ctx.fixture.roomA, ack: true });
    const session = String(opened.json?.session);
    // A client that keeps a receive request waiting is there: its room stays open across keep-alives.
    for (let i = 0; i < 3; i++) expect((await receive(session, ctx.fixture.tokens.partnerA, 1)).status).toBe(200);
    expect(await connections()).toBe(1);
    // Then it stops asking: within a few keep-alives the room is closed and no longer counted.
    const deadline = Date.now() + 20_000;
    while ((await connections()) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await connections()).toBe(0);
    await healthy();
  });
});
