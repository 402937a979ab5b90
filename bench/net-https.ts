/**
 * Edit latency over the HTTPS link against the websocket, on the same link profile, in one run.
 *
 * Partner A's room has three members' clients: one on a websocket through a shaping proxy, one through a
 * second proxy with the same profile that refuses websocket upgrades (so the app's link chooser puts it on
 * the HTTPS link), and a peer straight on the relay. Turn by turn (so both transports see the same machine
 * load): the websocket client types a character, then the HTTPS client does, each time measuring
 * - up: from the keystroke to the peer holding it (the relay stored it before broadcasting);
 * - stored: from the keystroke to the relay's ACK covering it on the typing client;
 * and then the peer types one, measuring
 * - down: from the peer's keystroke to each of the two clients holding it.
 * Goal (issue 17): HTTPS edit latency p50 at most 2x the websocket's on the same profile.
 *
 * Run: npm run bench:net-https  (SOA_SEED to repeat; SOA_BENCH_EDITS for the number of turns, default 40).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { LinkChooser } from '../renderer/src/sync/linkChooser';
import { HttpsSocket } from '../renderer/src/sync/httpsSocket';
import {
  NetClient,
  PROFILES,
  createDemo,
  RestartableRelay,
  createRng,
  seedFromEnv,
  ShapingProxy,
} from './lib/net/harness';
import type { LinkProfile } from './lib/net/harness';
import { ms, percentile, printTable, ratio } from './lib/net/table';
import { until } from './lib/until';

/** How often a wait asks: it bounds how late a measured moment is seen. */
const POLL_MS = 2;

const seed = seedFromEnv();
const EDITS = Number(process.env.SOA_BENCH_EDITS ?? 40);

interface Samples {
  up: number[];
  stored: number[];
  down: number[];
}

interface Row {
  profile: string;
  ws: Samples;
  https: Samples;
}

const sleep = (delay: number): Promise<void> => new Promise((r) => setTimeout(r, delay));

async function runProfile(profile: LinkProfile): Promise<Row> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'soa-bench-https-'));
  const dbPath = path.join(dir, 'relay.db');
  const demo = createDemo(dbPath);
  const relay = new RestartableRelay(dbPath);
  await relay.start();
  const rng = createRng(seed).fork(profile.name);
  const wsProxy = await ShapingProxy.start({ targetPort: relay.port, profile, seed: rng.fork('ws').seed });
  const httpsProxy = await ShapingProxy.start({
    targetPort: relay.port,
    profile,
    seed: rng.fork('https').seed,
    refuseUpgrades: true,
  });
  const [a] = demo.partners;
  if (!a) throw new Error('demo needs a partner');
  const chooser = new LinkChooser({
    relayUrl: `http://127.0.0.1:${httpsProxy.port}`,
    token: a.token,
    webSocket: WebSocket as never,
  });
  const clients: NetClient[] = [];
  try {
    const wsClient = new NetClient({ serverUrl: wsProxy.wsUrl('/sync'), room: a.room, token: a.token });
    const httpsClient = new NetClient({
      serverUrl: httpsProxy.wsUrl('/sync'),
      room: a.room,
      token: a.token,
      webSocketClass: chooser.socketClass,
    });
    const peer = new NetClient({ serverUrl: `ws://127.0.0.1:${relay.port}/sync`, room: a.room, token: a.token });
    clients.push(wsClient, httpsClient, peer);
    await until(() => clients.every((c) => c.synced), 60_000, 'initial sync', POLL_MS);
    if (!(httpsClient.provider.ws instanceof HttpsSocket)) throw new Error('the HTTPS client is not on the HTTPS link');
    if (wsClient.provider.ws instanceof HttpsSocket) throw new Error('the websocket client is on the HTTPS link');
    // Settle: the first requests open their TCP connections through the proxy.
    await sleep(1_000);

    const samples = {
      ws: { up: [], stored: [], down: [] } as Samples,
      https: { up: [], stored: [], down: [] } as Samples,
    };
    const length = (client: NetClient, name: string): number => client.doc.getText(name).length;
    for (let turn = 0; turn < EDITS; turn++) {
      for (const [kind, writer] of [
        ['ws', wsClient],
        ['https', httpsClient],
      ] as const) {
        const name = `typed-${kind}`;
        const want = length(writer, name) + 1;
        const t0 = performance.now();
        writer.doc.getText(name).insert(want - 1, 'x');
        let seenAt = 0;
        let storedAt = 0;
        await until(
          () => {
            if (!seenAt && length(peer, name) >= want) seenAt = performance.now();
            if (!storedAt && writer.everythingOnServer()) storedAt = performance.now();
            return seenAt > 0 && storedAt > 0;
          },
          30_000,
          `${kind} edit ${turn}`,
          POLL_MS,
        );
        samples[kind].up.push(seenAt - t0);
        samples[kind].stored.push(storedAt - t0);
        await sleep(100 + rng.int(0, 200));
      }
      const want = length(peer, 'typed-peer') + 1;
      const t0 = performance.now();
      peer.doc.getText('typed-peer').insert(want - 1, 'y');
      const seen: Partial<Record<'ws' | 'https', number>> = {};
      await until(
        () => {
          if (seen.ws === undefined && length(wsClient, 'typed-peer') >= want) seen.ws = performance.now() - t0;
          if (seen.https === undefined && length(httpsClient, 'typed-peer') >= want)
            seen.https = performance.now() - t0;
          return seen.ws !== undefined && seen.https !== undefined;
        },
        30_000,
        `peer edit ${turn}`,
        POLL_MS,
      );
      samples.ws.down.push(seen.ws as number);
      samples.https.down.push(seen.https as number);
      await sleep(100 + rng.int(0, 200));
    }
    // Both copies agree at the end.
    if (Y.encodeStateVector(httpsClient.doc).join() !== Y.encodeStateVector(peer.doc).join())
      throw new Error('the HTTPS client did not converge');
    return { profile: profile.name, ...samples };
  } finally {
    for (const c of clients) c.destroy();
    chooser.dispose();
    chooser.https.endAll(1000, 'benchmark over');
    await wsProxy.close();
    await httpsProxy.close();
    await relay.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  console.log(
    `net-https: seed=${seed}; ${EDITS} turns per profile (a keystroke by the websocket client, one by the HTTPS client, one by a peer on the relay)`,
  );
  const rows: Row[] = [];
  for (const profile of [PROFILES.office, PROFILES.ruralAdsl, PROFILES.rural4gEdge]) {
    rows.push(await runProfile(profile));
    console.log(`  ${profile.name}: done`);
  }
  const p50 = (values: number[]): number => percentile(values, 50);
  const p90 = (values: number[]): number => percentile(values, 90);
  printTable(
    'Edit latency, HTTPS link against websocket, same link profile (p50 / p90)',
    [
      'profile',
      'up ws',
      'up https',
      'up p50 ratio (goal <=2x)',
      'stored ws',
      'stored https',
      'stored p50 ratio',
      'down ws',
      'down https',
      'down p50 ratio (goal <=2x)',
    ],
    rows.map((r) => [
      r.profile,
      `${ms(p50(r.ws.up))} / ${ms(p90(r.ws.up))}`,
      `${ms(p50(r.https.up))} / ${ms(p90(r.https.up))}`,
      ratio(p50(r.https.up), p50(r.ws.up)),
      `${ms(p50(r.ws.stored))} / ${ms(p90(r.ws.stored))}`,
      `${ms(p50(r.https.stored))} / ${ms(p90(r.https.stored))}`,
      ratio(p50(r.https.stored), p50(r.ws.stored)),
      `${ms(p50(r.ws.down))} / ${ms(p90(r.ws.down))}`,
      `${ms(p50(r.https.down))} / ${ms(p90(r.https.down))}`,
      ratio(p50(r.https.down), p50(r.ws.down)),
    ]),
  );
  for (const r of rows) {
    const worst = Math.max(p50(r.https.up) / p50(r.ws.up), p50(r.https.down) / p50(r.ws.down));
    console.log(
      `Goal on ${r.profile}: HTTPS edit latency p50 at most 2x the websocket's: ${worst.toFixed(2)}x at worst (${worst <= 2 ? 'met' : 'NOT met'})`,
    );
  }
}

await main();
