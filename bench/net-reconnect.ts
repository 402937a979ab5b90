/**
 * Reconnect after an offline day, under each link profile.
 *
 * Partner A's app holds three rooms (the frame, its own room, partner B's room), each over the shaping proxy.
 * A goes offline; during the "day" A types about 5,000 characters and deletes about 1,000 in its own room,
 * while partner B types in B's room and the coordinator in the frame. Then A's link comes up and A's app
 * reconnects at once (as the app does on the browser's online event).
 *
 * Measured in the same run, per profile:
 * - bytes on A's wire both ways (everything: HTTP upgrades, websocket framing, sync, awareness, ACKs);
 * - the Yjs theoretical minimum: per room both state vectors plus both missing-update diffs;
 * - a full snapshot: the final state of the three rooms as full updates;
 * - time from link up to "everything on the server" (the relay's ACK covers A's own edits) and to A holding
 *   everything the others wrote.
 * Goals (issue 7): wire <= 1.2x the minimum, <= 0.1x a snapshot, under 2 s on rural 4G edge.
 *
 * Run: npm run bench:net-reconnect  (SOA_SEED to repeat a run).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { NetClient, PROFILES, SHAPED_PROFILES, createDemo, RelayProcess, createRng, seedFromEnv, ShapingProxy, Typist } from './lib/net/harness';
import type { LinkProfile } from './lib/net/harness';
import { kb, ms, printTable, ratio } from './lib/net/table';

const seed = seedFromEnv();
const TYPED = 5_000;
const DELETED = 1_000;
/** Earlier work already in each room before the day (a partnership's months of writing), in keystrokes. */
const PRIOR = Number(process.env.SOA_BENCH_PRIOR ?? 40_000);

interface Row {
  profile: string;
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
}

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const started = performance.now();
  while (!condition()) {
    if (performance.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
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
  return svClient.length + svServer.length + Y.encodeStateAsUpdate(client, svServer).length + Y.encodeStateAsUpdate(server, svClient).length;
}

async function runProfile(profile: LinkProfile): Promise<Row> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'soa-bench-net-'));
  const dbPath = path.join(dir, 'relay.db');
  const demo = createDemo(dbPath);
  const relay = new RelayProcess(dbPath);
  await relay.start();
  const direct = `ws://127.0.0.1:${relay.port}/sync`;
  const rng = createRng(seed).fork(profile.name);
  const proxy = await ShapingProxy.start({ targetPort: relay.port, profile, seed: rng.seed });
  const [a, b] = demo.partners;
  if (!a || !b) throw new Error('demo needs two partners');
  const clients: NetClient[] = [];
  const client = (serverUrl: string, room: string, token: string, connect = true): NetClient => {
    const c = new NetClient({ serverUrl, room, token, presence: true, connect });
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
    new Typist(coordinator.doc, coordinator.doc.getXmlFragment('narrative.purpose'), rng.fork('c-prior')).session(PRIOR, PRIOR / 10);
    for (const c of [aEarlier, bWriter, coordinator]) c.connect();
    await until(() => [aEarlier, bWriter, coordinator].every((c) => c.synced && c.everythingOnServer()), 60_000, 'earlier work stored');
    const aClients = rooms.map((room) => client(proxy.wsUrl('/sync'), room, a.token));
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
      () => aClients.every((c) => c.synced) && frameText((aClients[0] as NetClient).doc) === frameText(coordinator.doc) && (aClients[2] as NetClient).doc.getXmlFragment('statement').toString() === bWriter.doc.getXmlFragment('statement').toString(),
      60_000,
      'A holds everything',
    );
    const convergedMs = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 500));
    const stats = proxy.stats();
    const syncKinds = ['sync-step1', 'sync-step2', 'sync-update'] as const;
    const syncWire = syncKinds.reduce((sum, k) => sum + (stats.up.byKind[k]?.wireBytes ?? 0) + (stats.down.byKind[k]?.wireBytes ?? 0), 0);
    return {
      profile: profile.name,
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
    await proxy.close();
    await relay.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  console.log(`net-reconnect: seed=${seed}; ${PRIOR} keystrokes of earlier work per room; offline day = ${TYPED} characters typed and ${DELETED} deleted by A, 2,000/300 by B, 800/100 by the coordinator; 3 rooms over the proxy`);
  const rows: Row[] = [];
  for (const profile of [PROFILES.loopback, ...SHAPED_PROFILES]) {
    rows.push(await runProfile(profile));
    console.log(`  ${profile.name}: done`);
  }
  printTable(
    'Reconnect after an offline day (A\'s wire, both directions)',
    ['profile', 'wire', 'sync msgs only', 'Yjs minimum', 'wire/min (goal <=1.2x)', 'sync/min', 'full snapshot', 'wire/snapshot (goal <=0.1x)', 'link up -> on server', 'link up -> converged', 'msgs up/down'],
    rows.map((r) => [r.profile, kb(r.wire), kb(r.syncWire), kb(r.minimum), ratio(r.wire, r.minimum), ratio(r.syncWire, r.minimum), kb(r.snapshot), ratio(r.wire, r.snapshot), ms(r.storedMs), ms(r.convergedMs), `${r.messagesUp}/${r.messagesDown}`]),
  );
  printTable(
    'Where the bytes above the minimum go',
    ['profile', 'wire - sync msgs', 'ACKs (relay to A)', 'HTTP upgrades', 'awareness'],
    rows.map((r) => [r.profile, kb(r.wire - r.syncWire), kb(r.ackWire), kb(r.handshakeWire), kb(r.awarenessWire)]),
  );
  const edge = rows.find((r) => r.profile === PROFILES.rural4gEdge.name);
  console.log(`\nGoal on rural 4G edge: everything on the server in under 2 s: ${edge ? `${Math.round(edge.storedMs)} ms (${edge.storedMs < 2000 ? 'met' : 'NOT met'})` : 'not measured'}`);
}

await main();
