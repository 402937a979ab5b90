/**
 * Reconnect after an offline day, under each link profile.
 *
 * Partner A's app holds three rooms (the frame, its own room, partner B's room), each over the shaping proxy.
 * A goes offline; during the "day" A types about 5,000 characters and deletes about 1,000 in its own room,
 * while partner B types in B's room and the coordinator in the frame. Then A's link comes up and A's app
 * reconnects at once (as the app does on the browser's online event).
 *
 * A's links share one line (the proxy's sharedLine): per room, its three websockets share the profile's
 * bandwidth, as a browser's parallel connections share one rural line.
 *
 * Measured in the same run, per profile:
 * - bytes on A's wire both ways (everything: HTTP upgrades, websocket framing, sync, awareness, ACKs);
 * - the Yjs theoretical minimum: per room both state vectors plus both missing-update diffs;
 * - a full snapshot: the final state of the three rooms as full updates;
 * - time from link up to "everything on the server" (the relay's ACK covers A's own edits) and to A holding
 *   everything the others wrote.
 * Goals (issue 7): wire <= 1.2x the minimum, <= 0.1x a snapshot, under 2 s on rural 4G edge.
 *
 * Each profile runs three times: A's rooms over one websocket each (the stock way, per room) and over the
 * app's one multiplexed websocket per SOA (renderer/src/sync/linkChooser.ts and muxLink.ts, the app's own
 * code), both with compression off, then multiplexed with compression on; the tables count connections
 * (TCP links through the proxy), handshake bytes, and the time from link up to "Up to date", per room
 * against multiplexed as a ratio.
 *
 * The multiplexed link asks for catch-ups and ACKs in Yjs's V2 encoding (shared/protocol/v2Messages.ts), as
 * the app does; per-room stock clients get V1.
 *
 * Compression: the relay's websocket compression (server/relay/compression.ts) on and off
 * (the Node clients offer permessage-deflate and, once agreed, compress every message they send, as
 * Chromium does). Then the relay's CPU per delivered message,
 * compression on and off: a writer types in a room read by eight clients, who each drop off and catch up
 * five times; the relay's CPU time (from /proc) over the messages its readers received (issue 17: at most
 * 1.3x with compression), with the writer's keystrokes in synchronous bursts and paced (see Pace), on the
 * stock per-room endpoint with `--compression on`, and paced with each client on its own multiplexed
 * websocket as the app connects, with `--compression app` (on the multiplexed websocket only).
 *
 * Run: npm run bench:net-reconnect  (SOA_SEED to repeat a run).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import {
  NetClient,
  PROFILES,
  SHAPED_PROFILES,
  createDemo,
  RestartableRelay,
  createRng,
  seedFromEnv,
  ShapingProxy,
  Typist,
} from './lib/net/harness';
import type { LinkProfile } from './lib/net/harness';
import { LinkChooser } from '../renderer/src/sync/linkChooser';
import { kb, ms, printTable, ratio } from './lib/net/table';
import { processCpuMs as cpuMs } from './lib/stats';
import { until } from './lib/until';

const seed = seedFromEnv();
const TYPED = 5_000;
const DELETED = 1_000;
/** Earlier work already in each room before the day (a partnership's months of writing), in keystrokes. */
const PRIOR = Number(process.env.SOA_BENCH_PRIOR ?? 40_000);

type Transport = 'per room' | 'multiplexed';

interface Row {
  profile: string;
  compression: boolean;
  transport: Transport;
  wire: number;
  syncWire: number;
  minimum: number;
  snapshot: number;
  storedMs: number;
  convergedMs: number;
  messagesUp: number;
  messagesDown: number;
  ackWire: number;
  handshakeWire: number;
  awarenessWire: number;
  compressedWire: number;
  /** Handshakes on A's three links (the reconnect opens one per room). */
  linksOpened: number;
}

function stateOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

/** Both state vectors plus both missing-update diffs (what an ideal sync exchange must carry). */
function yjsMinimum(client: Y.Doc, server: Y.Doc): number {
  const svClient = Y.encodeStateVector(client);
  const svServer = Y.encodeStateVector(server);
  return (
    svClient.length +
    svServer.length +
    Y.encodeStateAsUpdate(client, svServer).length +
    Y.encodeStateAsUpdate(server, svClient).length
  );
}

/**
 * A client that compresses as Chromium does when permessage-deflate is agreed: every message it sends,
 * however small (ws's own default skips messages under 1 KiB, which would flatter the relay's CPU).
 */
class BrowserLikeWebSocket extends WebSocket {
  constructor(url: string, protocols?: string | string[]) {
    super(url, protocols, { perMessageDeflate: { threshold: 0 } });
  }
}

/**
 * A client that compresses only messages of 1 KiB or more, to tell the relay's costs apart. ws applies its
 * threshold only without context takeover, so it asks for none (client_no_context_takeover); without that
 * (as in this benchmark's runs before 3 December 2026, later) it compressed every message after all.
 */
class ThresholdWebSocket extends WebSocket {
  constructor(url: string, protocols?: string | string[]) {
    super(url, protocols, { perMessageDeflate: { threshold: 1024, clientNoContextTakeover: true } });
  }
}

/** `--compression on` (every endpoint) or `off`; `app` agrees it only on the multiplexed websocket (measured, not the default). */
function relayFor(dbPath: string, compression: boolean | 'app'): RestartableRelay {
  const mode = compression === 'app' ? 'app' : compression ? 'on' : 'off';
  return new RestartableRelay(dbPath, () => undefined, {}, ['--compression', mode]);
}

async function runProfile(profile: LinkProfile, compression: boolean, transport: Transport): Promise<Row> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'soa-bench-net-'));
  const dbPath = path.join(dir, 'relay.db');
  const demo = createDemo(dbPath);
  const relay = relayFor(dbPath, compression);
  await relay.start();
  const direct = `ws://127.0.0.1:${relay.port}/sync`;
  const rng = createRng(seed).fork(profile.name);
  // One line for all of A's links, as a browser's parallel connections share one rural line: per room, the
  // three websockets would otherwise each get the profile's whole bandwidth.
  const proxy = await ShapingProxy.start({ targetPort: relay.port, profile, seed: rng.seed, sharedLine: true });
  const [a, b] = demo.partners;
  if (!a || !b) throw new Error('demo needs two partners');
  const clients: NetClient[] = [];
  const disposers: Array<() => void> = [];
  const client = (serverUrl: string, room: string, token: string, connect = true): NetClient => {
    const c = new NetClient({ serverUrl, room, token, presence: true, connect, webSocketClass: BrowserLikeWebSocket });
    clients.push(c);
    return c;
  };
  try {
    const rooms = [demo.frameRoom, a.room, b.room];
    // Earlier work in every room, written before this run's clients first connect (one upload each).
    const bWriter = client(direct, b.room, b.token, false);
    const coordinator = client(direct, demo.frameRoom, demo.coordinatorToken, false);
    const aEarlier = client(direct, a.room, a.token, false);
    new Typist(aEarlier.doc, aEarlier.doc.getXmlFragment('statement'), rng.fork('a-prior')).session(PRIOR, PRIOR / 10);
    new Typist(bWriter.doc, bWriter.doc.getXmlFragment('statement'), rng.fork('b-prior')).session(PRIOR, PRIOR / 10);
    new Typist(coordinator.doc, coordinator.doc.getXmlFragment('narrative.purpose'), rng.fork('c-prior')).session(
      PRIOR,
      PRIOR / 10,
    );
    for (const c of [aEarlier, bWriter, coordinator]) c.connect();
    await until(
      () => [aEarlier, bWriter, coordinator].every((c) => c.synced && c.everythingOnServer()),
      60_000,
      'earlier work stored',
    );
    // The app's link chooser gives every room of the SOA one multiplexed websocket; per room, the stock way.
    const chooser =
      transport === 'multiplexed'
        ? new LinkChooser({
            relayUrl: `http://127.0.0.1:${proxy.port}`,
            token: a.token,
            webSocket: BrowserLikeWebSocket as never,
          })
        : null;
    disposers.push(() => chooser?.dispose());
    const aClients = rooms.map((room) => {
      const c = new NetClient({
        serverUrl: proxy.wsUrl('/sync'),
        room,
        token: a.token,
        presence: true,
        webSocketClass: chooser?.socketClass ?? BrowserLikeWebSocket,
      });
      clients.push(c);
      return c;
    });
    await until(() => clients.every((c) => c.synced), 60_000, 'initial sync');
    const aOwn = aClients[1] as NetClient;
    // A's app takes over A's room from the earlier session.
    aEarlier.destroy();
    clients.splice(clients.indexOf(aEarlier), 1);

    // The offline day.
    proxy.goOffline('reset');
    await until(() => aClients.every((c) => !c.connected), 10_000, 'offline');
    const dayTypist = new Typist(aOwn.doc, aOwn.doc.getXmlFragment('statement'), rng.fork('a-day'));
    dayTypist.session(TYPED, DELETED);
    new Typist(bWriter.doc, bWriter.doc.getXmlFragment('statement'), rng.fork('b')).session(2_000, 300);
    new Typist(coordinator.doc, coordinator.doc.getXmlFragment('narrative.purpose'), rng.fork('c')).session(800, 100);
    await until(() => bWriter.everythingOnServer() && coordinator.everythingOnServer(), 30_000, 'others stored');

    // The server's state per room: the coordinator's frame, B's room, and A's room as A left it.
    const serverDocs = [stateOf(coordinator.doc), null, stateOf(bWriter.doc)];
    const observerA = client(direct, a.room, b.token);
    await until(() => observerA.synced, 10_000, 'observer synced');
    serverDocs[1] = stateOf(observerA.doc);
    observerA.destroy();
    clients.splice(clients.indexOf(observerA), 1);
    let minimum = 0;
    for (const [i, c] of aClients.entries()) minimum += yjsMinimum(c.doc, serverDocs[i] as Y.Doc);
    let snapshot = 0;
    for (const [i, c] of aClients.entries()) {
      const merged = stateOf(serverDocs[i] as Y.Doc);
      Y.applyUpdate(merged, Y.encodeStateAsUpdate(c.doc));
      snapshot += Y.encodeStateAsUpdate(merged).length;
    }

    // Link up; the app reconnects at once.
    await new Promise((r) => setTimeout(r, 300));
    proxy.resetStats();
    const t0 = performance.now();
    proxy.goOnline();
    for (const c of aClients) c.connect();
    await until(() => aOwn.everythingOnServer() && aOwn.synced, 60_000, 'everything on the server');
    const storedMs = performance.now() - t0;
    const frameText = (d: Y.Doc): string => d.getXmlFragment('narrative.purpose').toString();
    await until(
      () =>
        aClients.every((c) => c.synced) &&
        frameText((aClients[0] as NetClient).doc) === frameText(coordinator.doc) &&
        (aClients[2] as NetClient).doc.getXmlFragment('statement').toString() ===
          bWriter.doc.getXmlFragment('statement').toString(),
      60_000,
      'A holds everything',
    );
    const convergedMs = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 500));
    const stats = proxy.stats();
    const syncKinds = ['sync-step1', 'sync-step2', 'sync-update'] as const;
    const syncWire = syncKinds.reduce(
      (sum, k) => sum + (stats.up.byKind[k]?.wireBytes ?? 0) + (stats.down.byKind[k]?.wireBytes ?? 0),
      0,
    );
    return {
      profile: profile.name,
      compression,
      transport,
      compressedWire: (stats.up.byKind.compressed?.wireBytes ?? 0) + (stats.down.byKind.compressed?.wireBytes ?? 0),
      linksOpened: stats.linksAccepted,
      wire: stats.up.bytesIn + stats.down.bytesIn,
      syncWire,
      minimum,
      snapshot,
      storedMs,
      convergedMs,
      messagesUp: stats.up.messages,
      messagesDown: stats.down.messages,
      ackWire: stats.down.byKind.ack?.wireBytes ?? 0,
      handshakeWire: stats.up.handshakeBytes + stats.down.handshakeBytes,
      awarenessWire: (stats.up.byKind.awareness?.wireBytes ?? 0) + (stats.down.byKind.awareness?.wireBytes ?? 0),
    };
  } finally {
    for (const c of clients) c.destroy();
    for (const dispose of disposers) dispose();
    await proxy.close();
    await relay.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

interface CpuRow {
  compression: boolean;
  /** What the clients compress once it is agreed: every message (as Chromium), or 1 KiB and more. */
  clients: 'every message' | '1 KiB and more';
  /** How the writer's keystrokes leave: in synchronous bursts, or each on its own turn (see relayCpu). */
  pace: Pace;
  /** Each client on the stock per-room endpoint, or on its own multiplexed websocket as the app connects. */
  transport: Transport;
  cpuMs: number;
  delivered: number;
  deliveredBytes: number;
}

/**
 * `bursts`: the stock provider sends each keystroke as its own message, 20 (and a 1,500-character page)
 * in one synchronous burst; the relay reads such a burst in a few TCP reads and stores it in a few
 * transactions, but with compression each message waits for its own inflate on zlib's thread pool (three
 * round trips in ws), so the burst is stored as about as many transactions as messages. `paced`: each
 * keystroke leaves on its own timer turn (a 300-character page), as the app's messages do (it sends at most
 * one merged update per 500 ms, renderer/src/sync/roomConnection.ts), so neither run can batch them.
 */
type Pace = 'bursts' | 'paced';

/**
 * A writer typing in a room read by eight clients, each dropping off and catching up five times. Multiplexed,
 * each client has its own link chooser (its own app), and compression on is `--compression app`.
 */
async function relayCpu(
  compression: boolean,
  clients: CpuRow['clients'],
  pace: Pace = 'bursts',
  transport: Transport = 'per room',
): Promise<CpuRow> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'soa-bench-cpu-'));
  const dbPath = path.join(dir, 'relay.db');
  const demo = createDemo(dbPath);
  const relay = relayFor(dbPath, compression && transport === 'multiplexed' ? 'app' : compression);
  await relay.start();
  const proxy = await ShapingProxy.start({ targetPort: relay.port, profile: PROFILES.loopback, seed });
  const [a] = demo.partners;
  if (!a || relay.pid === undefined) throw new Error('demo needs a partner and the relay a pid');
  const choosers: LinkChooser[] = [];
  const baseClass = clients === 'every message' ? BrowserLikeWebSocket : ThresholdWebSocket;
  const socketClassFor = (port: number) => {
    if (transport === 'per room') return baseClass;
    const chooser = new LinkChooser({
      relayUrl: `http://127.0.0.1:${port}`,
      token: a.token,
      webSocket: baseClass as never,
    });
    choosers.push(chooser);
    return chooser.socketClass;
  };
  const rng = createRng(seed).fork(`cpu-${compression}`);
  const opened: NetClient[] = [];
  try {
    const writer = new NetClient({
      serverUrl: `ws://127.0.0.1:${relay.port}/sync`,
      room: a.room,
      token: a.token,
      webSocketClass: socketClassFor(relay.port),
    });
    opened.push(writer);
    const readers = Array.from(
      { length: 8 },
      () =>
        new NetClient({
          serverUrl: proxy.wsUrl('/sync'),
          room: a.room,
          token: a.token,
          webSocketClass: socketClassFor(proxy.port),
        }),
    );
    opened.push(...readers);
    await until(() => opened.every((c) => c.synced), 60_000, 'cpu: initial sync');
    const typist = new Typist(writer.doc, writer.doc.getXmlFragment('statement'), rng.fork('typing'));
    proxy.resetStats();
    const before = cpuMs(relay.pid);
    const same = (): boolean =>
      readers.every(
        (r) =>
          r.synced &&
          r.doc.getXmlFragment('statement').length === writer.doc.getXmlFragment('statement').length &&
          Y.encodeStateVector(r.doc).join() === Y.encodeStateVector(writer.doc).join(),
      );
    for (let round = 0; round < 5; round++) {
      // Everyone online: 200 keystrokes, each one message to eight readers.
      for (let key = 0; key < 200; key++) {
        typist.keystroke(0.1);
        if (pace === 'paced') await new Promise((r) => setTimeout(r, 1));
        else if (key % 20 === 19) await new Promise((r) => setTimeout(r, 5));
      }
      await until(() => writer.everythingOnServer() && same(), 60_000, 'cpu: readers caught up');
      // The readers drop off; the writer types a page; they come back and catch up.
      for (const reader of readers) reader.disconnect();
      if (pace === 'bursts') typist.session(1_500, 200);
      else
        for (let key = 0; key < 340; key++) {
          typist.keystroke(0.12);
          await new Promise((r) => setTimeout(r, 1));
        }
      await until(() => writer.everythingOnServer(), 60_000, 'cpu: page stored');
      for (const reader of readers) reader.connect();
      await until(same, 60_000, 'cpu: readers caught up after the page');
    }
    await new Promise((r) => setTimeout(r, 300));
    const cpu = cpuMs(relay.pid) - before;
    const stats = proxy.stats();
    return {
      compression,
      clients,
      pace,
      transport,
      cpuMs: cpu,
      delivered: stats.down.messages,
      deliveredBytes: stats.down.bytesIn,
    };
  } finally {
    for (const c of opened) c.destroy();
    for (const chooser of choosers) chooser.dispose();
    await proxy.close();
    await relay.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  console.log(
    `net-reconnect: seed=${seed}; ${PRIOR} keystrokes of earlier work per room; offline day = ${TYPED} characters typed and ${DELETED} deleted by A, 2,000/300 by B, 800/100 by the coordinator; 3 rooms over the proxy; relay compression on and off`,
  );
  const rows: Row[] = [];
  // SOA_BENCH_ONLY=cpu measures only the relay's CPU per delivered message.
  // SOA_BENCH_PROFILES='rural ADSL,rural 4G edge' runs only those; SOA_BENCH_COMPRESSION=off skips compression on.
  const only = process.env.SOA_BENCH_PROFILES?.split(',');
  const profiles = (process.env.SOA_BENCH_ONLY === 'cpu' ? [] : [PROFILES.loopback, ...SHAPED_PROFILES]).filter(
    (profile) => !only || only.includes(profile.name),
  );
  const runs: Array<[boolean, Transport]> = [
    [false, 'per room'],
    [false, 'multiplexed'],
    ...(process.env.SOA_BENCH_COMPRESSION === 'off' ? [] : [[true, 'multiplexed'] as [boolean, Transport]]),
  ];
  for (const profile of profiles) {
    for (const [compression, transport] of runs) {
      rows.push(await runProfile(profile, compression, transport));
      console.log(`  ${profile.name}, ${transport}, compression ${compression ? 'on' : 'off'}: done`);
    }
  }
  const label = (r: Row): string => `${r.profile} (${r.transport}, ${r.compression ? 'on' : 'off'})`;
  printTable(
    "Reconnect after an offline day (A's wire, both directions), per room and multiplexed, relay compression off and on",
    [
      'profile (rooms, compression)',
      'wire',
      'sync msgs only',
      'Yjs minimum',
      'wire/min (goal <=1.2x)',
      'sync/min',
      'full snapshot',
      'wire/snapshot (goal <=0.1x)',
      'link up -> on server',
      'link up -> converged',
      'msgs up/down',
      'connections',
    ],
    rows.map((r) => [
      label(r),
      kb(r.wire),
      r.compression ? '(compressed)' : r.transport === 'multiplexed' ? '(framed)' : kb(r.syncWire),
      kb(r.minimum),
      ratio(r.wire, r.minimum),
      r.compression || r.transport === 'multiplexed' ? '' : ratio(r.syncWire, r.minimum),
      kb(r.snapshot),
      ratio(r.wire, r.snapshot),
      ms(r.storedMs),
      ms(r.convergedMs),
      `${r.messagesUp}/${r.messagesDown}`,
      String(r.linksOpened),
    ]),
  );
  printTable(
    'Where the bytes go',
    [
      'profile (rooms, compression)',
      'wire - sync msgs',
      'compressed msgs',
      'ACKs (relay to A)',
      'HTTP upgrades',
      'awareness',
    ],
    rows.map((r) => [
      label(r),
      r.compression ? '' : kb(r.wire - r.syncWire),
      kb(r.compressedWire),
      kb(r.ackWire),
      kb(r.handshakeWire),
      kb(r.awarenessWire),
    ]),
  );
  printTable(
    'Multiplexed against per room, compression off, same profile (issue 17: one connection per SOA)',
    [
      'profile',
      'connections per room / multiplexed',
      'handshake bytes per room / multiplexed',
      'ratio',
      'wire multiplexed/per room',
      'link up -> Up to date, per room / multiplexed',
      'ratio',
    ],
    rows
      .filter((r) => r.transport === 'multiplexed' && !r.compression)
      .map((mux) => {
        const perRoom = rows.find((r) => r.profile === mux.profile && r.transport === 'per room') as Row;
        const upToDate = (r: Row): number => Math.max(r.storedMs, r.convergedMs);
        return [
          mux.profile,
          `${perRoom.linksOpened} / ${mux.linksOpened}`,
          `${kb(perRoom.handshakeWire)} / ${kb(mux.handshakeWire)}`,
          ratio(mux.handshakeWire, perRoom.handshakeWire),
          ratio(mux.wire, perRoom.wire),
          `${ms(upToDate(perRoom))} / ${ms(upToDate(mux))}`,
          ratio(upToDate(mux), upToDate(perRoom)),
        ];
      }),
  );
  printTable(
    'Compression on against off, same profile (multiplexed)',
    ['profile', 'wire on/off', 'wire/snapshot on', 'on server on/off'],
    rows
      .filter((r) => r.compression)
      .map((on) => {
        const off = rows.find((r) => r.profile === on.profile && !r.compression && r.transport === on.transport) as Row;
        return [on.profile, ratio(on.wire, off.wire), ratio(on.wire, on.snapshot), ratio(on.storedMs, off.storedMs)];
      }),
  );
  const cpu: CpuRow[] = [];
  // SOA_BENCH_ONLY=reconnect skips the CPU part.
  if (process.env.SOA_BENCH_ONLY !== 'reconnect') {
    for (let run = 0; run < 2; run++) {
      for (const pace of ['bursts', 'paced'] as const) {
        cpu.push(await relayCpu(false, 'every message', pace));
        cpu.push(await relayCpu(true, 'every message', pace));
      }
      // As the app connects, with `--compression app` (on the multiplexed websocket only).
      cpu.push(await relayCpu(false, 'every message', 'paced', 'multiplexed'));
      cpu.push(await relayCpu(true, 'every message', 'paced', 'multiplexed'));
    }
    cpu.push(await relayCpu(true, '1 KiB and more', 'bursts'));
  }
  if (cpu.length > 0) {
    const perMessage = (r: CpuRow): number => (r.cpuMs * 1000) / Math.max(1, r.delivered);
    printTable(
      'Relay CPU per delivered message (a writer, eight readers each catching up five times)',
      [
        'writer',
        'link',
        'relay compression',
        'clients compress',
        'relay CPU',
        'messages delivered',
        'bytes delivered',
        'CPU per message',
      ],
      cpu.map((r) => [
        r.pace,
        r.transport,
        r.compression ? (r.transport === 'multiplexed' ? 'app' : 'on') : 'off',
        r.compression ? r.clients : '',
        ms(r.cpuMs),
        String(r.delivered),
        kb(r.deliveredBytes),
        `${perMessage(r).toFixed(1)} µs`,
      ]),
    );
    const mean = (
      pace: Pace,
      compression: boolean,
      clients: CpuRow['clients'] = 'every message',
      transport: Transport = 'per room',
    ): number => {
      const chosen = cpu.filter(
        (r) =>
          r.pace === pace &&
          r.transport === transport &&
          r.compression === compression &&
          (!compression || r.clients === clients),
      );
      return (chosen.reduce((sum, r) => sum + r.cpuMs, 0) * 1000) / chosen.reduce((sum, r) => sum + r.delivered, 0);
    };
    for (const pace of ['paced', 'bursts'] as const) {
      const browsers = mean(pace, true) / mean(pace, false);
      console.log(
        `\nRelay CPU per delivered message, compression on / off, writer ${pace}, clients compressing every message (as Chromium): ${browsers.toFixed(2)}x (goal at most 1.3x: ${browsers <= 1.3 ? 'met' : 'NOT met'})`,
      );
    }
    console.log(
      `Relay CPU per delivered message, compression on / off, writer in bursts, clients compressing 1 KiB and more: ${(mean('bursts', true, '1 KiB and more') / mean('bursts', false)).toFixed(2)}x`,
    );
    const muxRatio =
      mean('paced', true, 'every message', 'multiplexed') / mean('paced', false, 'every message', 'multiplexed');
    console.log(
      `Relay CPU per delivered message, --compression app (on the multiplexed websocket only) / off, each client on its own multiplexed websocket, writer paced: ${muxRatio.toFixed(2)}x (goal at most 1.3x: ${muxRatio <= 1.3 ? 'met' : 'NOT met'})`,
    );
  }
  for (const compression of [false, true]) {
    const edge = rows.find(
      (r) => r.profile === PROFILES.rural4gEdge.name && r.compression === compression && r.transport === 'multiplexed',
    );
    if (!edge) continue;
    console.log(
      `Compression ${compression ? 'on' : 'off'}, rural 4G edge: on the server in ${Math.round(edge.storedMs)} ms (goal under 2 s: ${edge.storedMs < 2000 ? 'met' : 'NOT met'}); wire ${ratio(edge.wire, edge.snapshot)} a full snapshot (goal at most 0.1x: ${edge.wire <= 0.1 * edge.snapshot ? 'met' : 'NOT met'})`,
    );
  }
}

await main();
