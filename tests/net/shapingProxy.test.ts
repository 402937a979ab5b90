/**
 * The shaping proxy itself: bandwidth and latency within tolerance, jitter keeps order, half-open really
 * stops both ways without closing, offline/stall/reset/cut behave, and the counters are exact.
 */
import net from 'node:net';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { ShapingProxy, type DirectionStats } from './shapingProxy';
import { PROFILES, type LinkProfile } from './profiles';
import { createRng, seedFromEnv } from '../support/random';

const seed = seedFromEnv();
console.log(`[shapingProxy.test] seed=${seed} (set SOA_SEED to repeat)`);

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

/** A TCP server on a free port; returns its port. */
async function tcpServer(onSocket: (socket: net.Socket) => void): Promise<number> {
  const server = net.createServer({ allowHalfOpen: true }, onSocket);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const sockets = new Set<net.Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
  });
  cleanups.push(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return (server.address() as net.AddressInfo).port;
}

async function wsServer(): Promise<{ port: number; server: WebSocketServer; sockets: WebSocket[] }> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(server, 'listening');
  const sockets: WebSocket[] = [];
  server.on('connection', (socket) => {
    sockets.push(socket);
    socket.on('error', () => undefined);
  });
  cleanups.push(async () => {
    for (const client of server.clients) client.terminate();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { port: (server.address() as net.AddressInfo).port, server, sockets };
}

async function proxyTo(
  port: number,
  profile: LinkProfile,
  extra: { burstBytes?: number; sharedLine?: boolean } = {},
): Promise<ShapingProxy> {
  const proxy = await ShapingProxy.start({ targetPort: port, profile, seed, ...extra });
  cleanups.push(() => proxy.close());
  return proxy;
}

async function wsClient(url: string): Promise<WebSocket> {
  const client = new WebSocket(url, { perMessageDeflate: false });
  client.on('error', () => undefined);
  cleanups.push(() => client.terminate());
  await once(client, 'open');
  return client;
}

function shape(bitsPerSecond: number, latencyMs: number, jitterMs = 0): LinkProfile {
  const s = { bitsPerSecond, latencyMs, jitterMs };
  return { name: 'test', up: s, down: s };
}

/** Resolves when `bytes` have arrived on a socket; returns the elapsed ms since `from`. */
function receiveAll(socket: net.Socket, bytes: number, from: () => number): Promise<number> {
  return new Promise((resolve) => {
    let got = 0;
    socket.on('data', (chunk: Buffer) => {
      got += chunk.length;
      if (got >= bytes) resolve(performance.now() - from());
    });
  });
}

describe('shaping proxy', () => {
  it('holds each direction to its bandwidth, never faster and not much slower (rural ADSL: 0.5 Mbit/s up, 2 Mbit/s down)', async () => {
    const upBytes = 96 * 1024;
    const downBytes = 384 * 1024;
    let serverGotUp: Promise<number> = Promise.resolve(0);
    let startedAt = 0;
    const port = await tcpServer((socket) => {
      serverGotUp = receiveAll(socket, upBytes, () => startedAt);
      socket.write(Buffer.alloc(downBytes, 7));
    });
    const burst = 16 * 1024;
    const proxy = await proxyTo(
      port,
      {
        ...PROFILES.ruralAdsl,
        up: { ...PROFILES.ruralAdsl.up, latencyMs: 0 },
        down: { ...PROFILES.ruralAdsl.down, latencyMs: 0 },
      },
      { burstBytes: burst },
    );
    const client = net.connect(proxy.port, '127.0.0.1');
    cleanups.push(() => void client.destroy());
    await once(client, 'connect');
    startedAt = performance.now();
    const clientGotDown = receiveAll(client, downBytes, () => startedAt);
    client.write(Buffer.alloc(upBytes, 3));
    const downMs = await clientGotDown;
    const upMs = await serverGotUp;
    const expectedUp = ((upBytes - burst) * 8) / 500;
    const expectedDown = ((downBytes - burst) * 8) / 2000;
    console.log(
      `bandwidth: up ${upMs.toFixed(0)} ms (expected ${expectedUp.toFixed(0)}), down ${downMs.toFixed(0)} ms (expected ${expectedDown.toFixed(0)})`,
    );
    // Never faster than the rate allows; slower only by what a busy machine adds (CI runs tests side by side).
    expect(upMs).toBeGreaterThan(expectedUp * 0.85);
    expect(upMs).toBeLessThan(expectedUp * 1.5);
    expect(downMs).toBeGreaterThan(expectedDown * 0.85);
    expect(downMs).toBeLessThan(expectedDown * 1.5);
    const stats = proxy.stats();
    expect(stats.up.bytesDelivered).toBe(upBytes);
    expect(stats.down.bytesDelivered).toBe(downBytes);
  });

  it('shares one line among parallel links with sharedLine (a browser’s connections on one ADSL line), and not without', async () => {
    const linkBytes = 128 * 1024;
    const links = 3;
    const burst = 16 * 1024;
    const port = await tcpServer((socket) => socket.write(Buffer.alloc(linkBytes, 5)));
    const noLatency = {
      ...PROFILES.ruralAdsl,
      down: { ...PROFILES.ruralAdsl.down, latencyMs: 0 },
      up: { ...PROFILES.ruralAdsl.up, latencyMs: 0 },
    };
    const timeAll = async (sharedLine: boolean): Promise<number> => {
      const proxy = await proxyTo(port, noLatency, { burstBytes: burst, sharedLine });
      const startedAt = performance.now();
      const clients = Array.from({ length: links }, () => {
        const client = net.connect(proxy.port, '127.0.0.1');
        cleanups.push(() => void client.destroy());
        return receiveAll(client, linkBytes, () => startedAt);
      });
      return Math.max(...(await Promise.all(clients)));
    };
    const sharedMs = await timeAll(true);
    const separateMs = await timeAll(false);
    const expectedShared = ((links * linkBytes - burst) * 8) / 2000;
    const expectedSeparate = ((linkBytes - burst) * 8) / 2000;
    console.log(
      `three links: one shared line ${sharedMs.toFixed(0)} ms (expected ${expectedShared.toFixed(0)}), a line each ${separateMs.toFixed(0)} ms (expected ${expectedSeparate.toFixed(0)})`,
    );
    expect(sharedMs).toBeGreaterThan(expectedShared * 0.85);
    expect(sharedMs).toBeLessThan(expectedShared * 1.5);
    expect(separateMs).toBeLessThan(expectedShared * 0.85);
  });

  it('adds the latency each way (never less, the median near it) and keeps order under jitter', async () => {
    const { port } = await wsServer().then((s) => {
      s.server.on('connection', (socket) => socket.on('message', (data) => socket.send(data as Buffer)));
      return s;
    });
    const plain = await proxyTo(port, shape(Infinity, 100));
    const client = await wsClient(plain.wsUrl('/'));
    const rtts: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      client.send(Buffer.from([i]));
      await once(client, 'message');
      rtts.push(performance.now() - t0);
    }
    console.log(`latency 100 ms each way: round trips ${rtts.map((r) => r.toFixed(0)).join(', ')} ms`);
    // Never less than the latency; the median near it (a busy CPU can only make samples late).
    for (const rtt of rtts) expect(rtt).toBeGreaterThan(195);
    expect([...rtts].sort((x, y) => x - y)[2]).toBeLessThan(300);

    const jittery = await proxyTo(port, shape(Infinity, 150, 100));
    const client2 = await wsClient(jittery.wsUrl('/'));
    const received: number[] = [];
    const arrivals: number[] = [];
    const sentAt: number[] = [];
    const done = new Promise<void>((resolve) =>
      client2.on('message', (data: Buffer) => {
        received.push(data[0] as number);
        arrivals.push(performance.now());
        if (received.length === 40) resolve();
      }),
    );
    for (let i = 0; i < 40; i++) {
      sentAt.push(performance.now());
      client2.send(Buffer.from([i]));
      await new Promise((r) => setTimeout(r, 25));
    }
    await done;
    expect(received).toEqual([...Array(40).keys()]);
    // Measured from each message's real send time: on a busy machine the 25 ms timers drift.
    const trips = arrivals.map((arrival, i) => arrival - (sentAt[i] ?? 0));
    console.log(
      `jitter 150±100 ms each way: round trips min ${Math.min(...trips).toFixed(0)} max ${Math.max(...trips).toFixed(0)} ms`,
    );
    // Each way is 50-250 ms, so a round trip is 100-500 ms (keeping order can only hold a message back to its
    // predecessor's arrival). The proxy cannot deliver early; late is bounded loosely, as load can only add.
    expect(Math.min(...trips)).toBeGreaterThanOrEqual(95);
    expect(Math.max(...trips)).toBeLessThan(800);
    expect(Math.max(...trips) - Math.min(...trips)).toBeGreaterThan(60);
  });

  it('counts websocket messages and bytes exactly, by y-websocket kind, including long and fragmented frames', async () => {
    const { port, sockets } = await wsServer();
    const proxy = await proxyTo(port, PROFILES.loopback);
    const client = await wsClient(proxy.wsUrl('/'));
    const server = sockets[0];
    if (!server) throw new Error('no server socket');
    const rng = createRng(seed).fork('counts');
    const serverGot: Buffer[] = [];
    const clientGot: Buffer[] = [];
    server.on('message', (d: Buffer) => serverGot.push(d));
    client.on('message', (d: Buffer) => clientGot.push(d));
    // Sizes cover the 7-bit, 16-bit and 64-bit length forms.
    const sizes = [2, 125, 126, 65535, 65536, 200_000, ...Array.from({ length: 20 }, () => rng.int(2, 3000))];
    let expectedUpWire = 0;
    const header = (n: number, masked: boolean): number => (n < 126 ? 2 : n < 65536 ? 4 : 10) + (masked ? 4 : 0);
    const kinds = [
      { prefix: [0, 0], kind: 'sync-step1' },
      { prefix: [0, 1], kind: 'sync-step2' },
      { prefix: [0, 2], kind: 'sync-update' },
      { prefix: [1, 5], kind: 'awareness' },
      { prefix: [100, 3], kind: 'ack' },
    ] as const;
    const expectedKinds: Record<string, number> = {};
    for (const [i, size] of sizes.entries()) {
      const k = kinds[i % kinds.length] as (typeof kinds)[number];
      const payload = Buffer.alloc(size, 9);
      payload[0] = k.prefix[0];
      payload[1] = k.prefix[1];
      client.send(payload);
      expectedUpWire += header(size, true) + size;
      expectedKinds[k.kind] = (expectedKinds[k.kind] ?? 0) + 1;
    }
    // One message in three fragments from the server: counts once.
    server.send(Buffer.from([0, 2, 1]), { fin: false });
    server.send(Buffer.alloc(300, 1), { fin: false });
    server.send(Buffer.alloc(10, 1), { fin: true });
    for (let i = 0; i < 7; i++) server.send(Buffer.from([1, i]));
    server.ping();
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (serverGot.length === sizes.length && clientGot.length === 8) {
          clearInterval(check);
          resolve();
        }
      }, 10);
    });
    await new Promise((r) => setTimeout(r, 50));
    const stats = proxy.stats();
    expect(stats.up.messages).toBe(sizes.length);
    expect(stats.down.messages).toBe(8);
    expect(stats.down.frames).toBe(3 + 7 + 1);
    expect(stats.down.controlFrames).toBe(1);
    expect(stats.up.controlFrames).toBe(1); // the pong
    expect(stats.down.byKind['sync-update']?.messages).toBe(1);
    expect(stats.down.byKind['sync-update']?.wireBytes).toBe(2 + 3 + 4 + 300 + 2 + 10);
    expect(stats.down.byKind.awareness?.messages).toBe(7);
    for (const [kind, count] of Object.entries(expectedKinds))
      expect(stats.up.byKind[kind as keyof typeof stats.up.byKind]?.messages).toBe(count);
    const upDataWire = Object.entries(stats.up.byKind)
      .filter(([k]) => k !== 'pong')
      .reduce((sum, [, v]) => sum + (v?.wireBytes ?? 0), 0);
    expect(upDataWire).toBe(expectedUpWire);
    expect(stats.up.bytesIn).toBe(stats.up.handshakeBytes + expectedUpWire + (stats.up.byKind.pong?.wireBytes ?? 0));
    expect(stats.up.bytesDelivered).toBe(stats.up.bytesIn);
    expect(stats.down.bytesDelivered).toBe(stats.down.bytesIn);
    expect(stats.up.handshakeBytes).toBeGreaterThan(100);
  });

  it('half-open links stop forwarding both ways and stay open; new links still work', async () => {
    const { port, sockets } = await wsServer();
    const proxy = await proxyTo(port, PROFILES.loopback);
    const client = await wsClient(proxy.wsUrl('/'));
    const server = sockets[0];
    if (!server) throw new Error('no server socket');
    let serverGot = 0;
    let clientGot = 0;
    server.on('message', () => serverGot++);
    client.on('message', () => clientGot++);
    client.send(Buffer.from([1]));
    server.send(Buffer.from([2]));
    await new Promise((r) => setTimeout(r, 100));
    expect([serverGot, clientGot]).toEqual([1, 1]);
    proxy.halfOpen();
    for (let i = 0; i < 10; i++) {
      client.send(Buffer.alloc(100));
      server.send(Buffer.alloc(100));
    }
    client.ping();
    await new Promise((r) => setTimeout(r, 1_000));
    expect([serverGot, clientGot]).toEqual([1, 1]);
    expect(client.readyState).toBe(WebSocket.OPEN);
    expect(server.readyState).toBe(WebSocket.OPEN);
    expect(proxy.linksOpen).toBe(1);
    expect(proxy.stats().up.bytesDropped).toBeGreaterThan(1000);
    // A client closing a half-open link: the close frame is swallowed too, the server never hears it.
    client.close();
    await new Promise((r) => setTimeout(r, 300));
    expect(server.readyState).toBe(WebSocket.OPEN);
    const fresh = await wsClient(proxy.wsUrl('/'));
    const freshServer = sockets[1];
    const got = new Promise((resolve) => freshServer?.once('message', resolve));
    fresh.send(Buffer.from([3]));
    await got;
  });

  it('goes offline (reset: open links drop, new ones refused; stall: data waits) and back online', async () => {
    const { port, sockets } = await wsServer();
    const proxy = await proxyTo(port, PROFILES.office);
    const client = await wsClient(proxy.wsUrl('/'));
    const closed = once(client, 'close');
    proxy.goOffline('reset');
    await closed;
    const refused = new WebSocket(proxy.wsUrl('/'));
    cleanups.push(() => refused.terminate());
    const [err] = (await once(refused, 'error')) as [Error];
    expect(String(err.message)).toMatch(/ECONNRESET|socket hang up/);
    expect(proxy.stats().linksRefused).toBe(1);
    proxy.goOnline();
    const again = await wsClient(proxy.wsUrl('/'));
    const server = sockets.at(-1);
    if (!server) throw new Error('no server socket');
    let got = 0;
    server.on('message', () => got++);
    proxy.goOffline('stall');
    again.send(Buffer.from([1]));
    again.send(Buffer.from([2]));
    await new Promise((r) => setTimeout(r, 500));
    expect(got).toBe(0);
    expect(again.readyState).toBe(WebSocket.OPEN);
    const t0 = performance.now();
    proxy.goOnline();
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (got === 2) {
          clearInterval(check);
          resolve();
        }
      }, 5);
    });
    expect(performance.now() - t0).toBeLessThan(200);
  });

  it('cuts a websocket message in the middle and resets the link; reset() sends RST both ways', async () => {
    const { port, sockets } = await wsServer();
    const proxy = await proxyTo(port, PROFILES.loopback);
    const client = await wsClient(proxy.wsUrl('/'));
    const server = sockets[0];
    if (!server) throw new Error('no server socket');
    let serverGot = 0;
    server.on('message', () => serverGot++);
    const serverClosed = once(server, 'close');
    proxy.cutMidMessage('up');
    client.send(Buffer.alloc(10_000, 1));
    await serverClosed;
    expect(serverGot).toBe(0);
    const stats = proxy.stats();
    expect(stats.cuts).toBe(1);
    expect(stats.up.bytesDelivered).toBe(stats.up.handshakeBytes + 4 + 4 + 5000);
    const c2 = await wsClient(proxy.wsUrl('/'));
    const closedBoth = Promise.all([once(c2, 'close'), once(sockets[1] as WebSocket, 'close')]);
    proxy.reset();
    await closedBoth;
    expect(proxy.linksOpen).toBe(0);
  });

  it('is repeatable: the same seed gives the same jitter, another seed does not', async () => {
    const { port, server } = await wsServer();
    server.on('connection', (socket) => socket.on('message', (data) => socket.send(data as Buffer)));
    const latencyMs = 150;
    const run = async (
      proxySeed: number,
    ): Promise<{ trips: number[]; up: Map<number, number>; down: Map<number, number>; planned: number[] }> => {
      const proxy = await ShapingProxy.start({
        targetPort: port,
        profile: shape(Infinity, latencyMs, 100),
        seed: proxySeed,
      });
      cleanups.push(() => proxy.close());
      const client = await wsClient(proxy.wsUrl('/'));
      const trips: number[] = [];
      for (let i = 0; i < 12; i++) {
        const t0 = performance.now();
        client.send(Buffer.from([i]));
        await once(client, 'message');
        trips.push(performance.now() - t0);
        // Wait out the previous delivery so order-keeping never couples two samples.
        await new Promise((r) => setTimeout(r, 10));
      }
      const stats = proxy.stats();
      const byOffset = (direction: DirectionStats): Map<number, number> =>
        new Map(direction.jitter.map((draw) => [draw.streamOffset, draw.jitterMs]));
      // Each one-byte message is one piece each way, after the upgrade handshake.
      const messageJitter = (direction: DirectionStats): number[] =>
        direction.jitter.filter((draw) => draw.streamOffset >= direction.handshakeBytes).map((draw) => draw.jitterMs);
      const [upJitter, downJitter] = [messageJitter(stats.up), messageJitter(stats.down)];
      expect(upJitter).toHaveLength(12);
      expect(downJitter).toHaveLength(12);
      const planned = upJitter.map((up, i) => 2 * latencyMs + up + (downJitter[i] as number));
      return { trips, up: byOffset(stats.up), down: byOffset(stats.down), planned };
    };
    const [a, b, c] = [await run(seed), await run(seed), await run(seed + 1)];
    console.log(
      `repeatability: planned round trips ${a.planned.map((v) => v.toFixed(0)).join(' ')}; measured ${a.trips.map((v) => v.toFixed(0)).join(' ')} / ` +
        `${b.trips.map((v) => v.toFixed(0)).join(' ')}; another seed planned ${c.planned.map((v) => v.toFixed(0)).join(' ')}`,
    );
    // The jitter itself, compared exactly: the same seed and traffic draw the same delay for every byte
    // position both runs saw, and another seed draws others. (Measured times also carry the CPU's noise.)
    const compare = (x: Map<number, number>, y: Map<number, number>): { common: number; equal: number } => {
      let common = 0;
      let equal = 0;
      for (const [offset, jitter] of x) {
        const other = y.get(offset);
        if (other === undefined) continue;
        common++;
        if (Math.abs(other - jitter) < 1e-9) equal++;
      }
      return { common, equal };
    };
    for (const direction of ['up', 'down'] as const) {
      const same = compare(a[direction], b[direction]);
      expect(same.common).toBeGreaterThanOrEqual(13);
      expect(same.equal).toBe(same.common);
      const other = compare(a[direction], c[direction]);
      expect(other.common).toBeGreaterThanOrEqual(13);
      expect(other.equal).toBeLessThan(other.common / 2);
    }
    // And the drawn jitter is really applied: no round trip beats its plan (less the proxy's half-millisecond
    // timer slack each way); a busy CPU can only make one later.
    for (const { trips, planned } of [a, b, c])
      trips.forEach((trip, i) => expect(trip).toBeGreaterThanOrEqual((planned[i] as number) - 1));
  });

  it('flaps up and down on a seeded schedule and close() leaves no timers or sockets', async () => {
    const { port } = await wsServer();
    const flapping: LinkProfile = {
      ...shape(Infinity, 5),
      name: 'fast flap',
      flap: { upMs: [150, 250], downMs: [100, 150], resetProbability: 1 },
    };
    const proxy = await ShapingProxy.start({ targetPort: port, profile: flapping, seed });
    const transitions: string[] = [];
    const t0 = performance.now();
    const watcher = setInterval(() => {
      const state = proxy.isOffline ? 'down' : 'up';
      if (transitions.at(-1) !== state) transitions.push(state);
    }, 10);
    await new Promise((r) => setTimeout(r, 1_200));
    clearInterval(watcher);
    console.log(`flapping: ${transitions.join(' ')} in ${(performance.now() - t0).toFixed(0)} ms`);
    expect(transitions.filter((t) => t === 'down').length).toBeGreaterThanOrEqual(2);
    const before = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    await proxy.close();
    const after = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    expect(after).toBeLessThan(before);
  });

  it('refuses websocket upgrades with 403 in refuseUpgrades mode while plain HTTP passes, and lets them through again', async () => {
    const http = await import('node:http');
    const server = http.createServer((_request, response) => response.end('plain ok'));
    const sockets = new WebSocketServer({ server });
    sockets.on('connection', (socket) => socket.send('hello'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          sockets.close();
          server.close(() => resolve());
        }),
    );
    const proxy = await ShapingProxy.start({
      targetPort: (server.address() as net.AddressInfo).port,
      seed,
      refuseUpgrades: true,
    });
    cleanups.push(() => proxy.close());
    const outcome = (): Promise<string> =>
      new Promise((resolve) => {
        const socket = new WebSocket(`ws://127.0.0.1:${proxy.port}/`);
        socket.on('message', (data: Buffer) => {
          resolve(`message ${data.toString()}`);
          socket.close();
        });
        socket.on('unexpected-response', (_request, response) => resolve(`refused ${response.statusCode}`));
        socket.on('error', () => undefined);
      });
    expect(await outcome()).toBe('refused 403');
    expect(proxy.stats().upgradesRefused).toBe(1);
    const plain = await fetch(`http://127.0.0.1:${proxy.port}/`);
    expect(await plain.text()).toBe('plain ok');
    proxy.refuseUpgrades(false);
    expect(await outcome()).toBe('message hello');
    expect(proxy.stats().upgradesRefused).toBe(1);
  });
});
