// Issue 13, item 5: nobody can make the relay hold a half-sent message bigger than a whole one it accepts,
// a socket the relay refused is dropped rather than left open for a close handshake, and the number of
// sockets that have not authenticated is bounded.
import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '../../shared/protocol/messages';
import { MAX_MESSAGE_BYTES, MAX_UNAUTHENTICATED_SOCKETS } from '../../server/relay/limits';
import { connectClient } from './harness/clients';
import { waitUntil } from '../support/wait';
import { makeFixture, type Fixture } from './harness/fixture';
import { openFrameSocket, residentBytes, type FrameSocket } from './harness/rawFrames';
import { startRelayProcess, type RelayProcess } from '../support/relayProcess';

const MiB = 1024 * 1024;

describe('half-sent messages and unauthenticated sockets', () => {
  let fixture: Fixture;
  let relay: RelayProcess;
  beforeEach(async () => {
    fixture = makeFixture();
    relay = await startRelayProcess(fixture.dbFile);
  });
  afterEach(async () => {
    await relay.stop();
    fixture.cleanup();
  });

  it('refuses a message declared larger than the limit as soon as its header arrives (1009)', async () => {
    const writer = await openFrameSocket(
      relay.url,
      `/sync/${fixture.roomA}?token=${encodeURIComponent(fixture.tokens.partnerA)}`,
    );
    expect(writer.status).toContain(' 101 ');
    writer.sendFrameStart(MAX_MESSAGE_BYTES + 1, new Uint8Array(1024));
    await waitUntil(() => writer.closeCodes.length > 0, 'the relay to refuse the frame', 5_000);
    expect(writer.closeCodes).toEqual([CLOSE_CODES.MESSAGE_TOO_BIG]);
    await waitUntil(writer.isGone, 'the relay to drop the socket', 5_000);
    writer.socket.destroy();
  });

  it('drops refused sockets at once, even while they keep sending half a message', async () => {
    const pid = relay.child.pid ?? 0;
    const before = residentBytes(pid);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, residentBytes(pid))), 50);
    const sockets: FrameSocket[] = [];
    try {
      for (let i = 0; i < 10; i++) sockets.push(await openFrameSocket(relay.url, `/sync/${fixture.roomA}`)); // no token
      const chunk = new Uint8Array(256 * 1024);
      for (const socket of sockets) socket.sendFrameStart(MAX_MESSAGE_BYTES - 1024, chunk);
      const started = Date.now();
      // Each keeps sending the rest of its message, slowly, and never answers the close.
      const feeding = setInterval(() => {
        for (const socket of sockets) if (!socket.isGone()) socket.sendRaw(chunk);
      }, 50);
      try {
        await waitUntil(
          () => sockets.every((socket) => socket.isGone()),
          'the relay to drop every refused socket',
          10_000,
        );
      } finally {
        clearInterval(feeding);
      }
      const took = Date.now() - started;
      console.log(
        `10 refused sockets sending half a message: dropped within ${took} ms, RSS +${((peak - before) / MiB).toFixed(1)} MiB`,
      );
      for (const socket of sockets) expect(socket.closeCodes).toEqual([CLOSE_CODES.UNAUTHENTICATED]);
      expect(took).toBeLessThan(8_000); // ws alone would wait 30 s for the close handshake
      expect(peak - before).toBeLessThan(100 * MiB);
    } finally {
      clearInterval(sampler);
      for (const socket of sockets) socket.socket.destroy();
    }
  });

  it(`drops sockets beyond ${MAX_UNAUTHENTICATED_SOCKETS} that have not authenticated, and serves members again once they go`, async () => {
    const { hostname, port } = new URL(relay.url);
    const idle: net.Socket[] = [];
    const connect = (): Promise<net.Socket> =>
      new Promise((resolve, reject) => {
        const socket = net.connect(Number(port), hostname, () => resolve(socket));
        socket.on('error', () => undefined);
        socket.once('close', () => reject(new Error('closed before connecting')));
      });
    try {
      for (let i = 0; i < MAX_UNAUTHENTICATED_SOCKETS; i++) {
        const socket = await connect();
        socket.write('GET /sync/'); // an upgrade request that never finishes
        idle.push(socket);
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(idle.filter((socket) => socket.destroyed).length).toBe(0);
      const extra = await connect();
      const closed = await new Promise<boolean>((resolve) => {
        extra.once('close', () => resolve(true));
        setTimeout(() => resolve(false), 3_000);
      });
      expect(closed).toBe(true);
      extra.destroy();
    } finally {
      for (const socket of idle) socket.destroy();
    }
    const member = connectClient(relay.syncUrl, fixture.roomA, fixture.tokens.partnerA);
    await member.synced();
    member.destroy();
  }, 60_000);
});
