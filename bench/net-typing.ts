/**
 * Steady typing by three partners, each in its own room, each over its own rural ADSL link (2 Mbit/s down,
 * 0.5 up, 60 ms each way), at an officer's pace (one keystroke every 80-320 ms, about one in eight a
 * Backspace).
 *
 * Two clients are measured, one after the other, with the same seeded keystrokes:
 * - stock: y-websocket's WebsocketProvider as shipped (one message per Yjs update, i.e. per keystroke);
 * - app:   the renderer's RoomConnection (renderer/src/sync/roomConnection.ts), which coalesces local updates
 *          for COALESCE_MS and sends them merged.
 * Per client: wire bytes up per typed keystroke against the raw Yjs update bytes of the same keystrokes, all
 * wire bytes (both ways) per keystroke, messages sent against one per keystroke, and the time from a keystroke
 * to a peer seeing it (p50/p99), so "without making typing slower" is measured too.
 * Goals (issue 7): wire <= 3x the raw update bytes, <= half the messages, typing not slower.
 *
 * - coalesce-250 / coalesce-500: the same coalescing with a longer window (bench/lib/net/coalescer.ts), to show
 *   what the goal would take;
 * - throttle-500: the first keystroke after a pause is sent at once, then at most one message per 500 ms.
 *
 * Run: npm run bench:net-typing  (SOA_BENCH_SECONDS per client, default 180; SOA_BENCH_VARIANTS; SOA_SEED).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { COALESCE_MS } from '../renderer/src/sync/roomConnection';
import { appConnection } from './lib/net/appClient';
import { coalesce } from './lib/net/coalescer';
import {
  NetClient,
  PROFILES,
  createDemo,
  RestartableRelay,
  createRng,
  seedFromEnv,
  ShapingProxy,
  Typist,
} from './lib/net/harness';
import { ms, percentile, printTable, ratio } from './lib/net/table';
import { until } from './lib/until';

/** How often a wait asks: it bounds how late a measured moment is seen. */
const POLL_MS = 10;

const seed = seedFromEnv();
const SECONDS = Number(process.env.SOA_BENCH_SECONDS ?? 180);
const PARTNERS = 3;

/** 'stock', 'app' (the renderer's RoomConnection), `coalesce-<ms>` or `throttle-<ms>` (bench coalescer on the stock provider). */
type Variant = string;

interface Result {
  variant: Variant;
  keystrokes: number;
  typedChars: number;
  rawBytes: number;
  rawUpdates: number;
  wireUp: number;
  wireUpSync: number;
  wireDown: number;
  messagesUp: number;
  visibleMs: number[];
  localMs: number[];
}

interface Writer {
  doc: Y.Doc;
  synced(): boolean;
  stored(): boolean;
  dispose(): void;
}

async function run(variant: Variant): Promise<Result> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'soa-bench-typing-'));
  const dbPath = path.join(dir, 'relay.db');
  const demo = createDemo(dbPath);
  const relay = new RestartableRelay(dbPath);
  await relay.start();
  const partners = demo.partners.slice(0, PARTNERS);
  const proxies = await Promise.all(
    partners.map((_, i) =>
      ShapingProxy.start({
        targetPort: relay.port,
        profile: PROFILES.ruralAdsl,
        seed: createRng(seed).fork(`proxy-${i}`).seed,
      }),
    ),
  );
  const writers: Writer[] = partners.map((p, i) => {
    const proxy = proxies[i] as ShapingProxy;
    if (variant !== 'app') {
      const c = new NetClient({ serverUrl: proxy.wsUrl('/sync'), room: p.room, token: p.token, presence: true });
      const [kind, windowText] = variant.split('-');
      const window = Number(windowText ?? 0);
      const stop =
        kind === 'coalesce' || kind === 'throttle'
          ? coalesce(c.provider, c.doc, window, kind === 'throttle' ? 'leading' : 'trailing')
          : () => undefined;
      return {
        doc: c.doc,
        synced: () => c.synced,
        stored: () => c.everythingOnServer(),
        dispose: () => (stop(), c.destroy()),
      };
    }
    const doc = new Y.Doc();
    const connection = appConnection({ relayUrl: `http://127.0.0.1:${proxy.port}`, room: p.room, token: p.token, doc });
    connection.provider.awareness.setLocalStateField('user', { name: 'someone' });
    return {
      doc,
      synced: () => connection.snapshot.synced,
      stored: () => connection.snapshot.pending === 0,
      dispose: () => (connection.dispose(), doc.destroy()),
    };
  });
  const observers = partners.map(
    (p) => new NetClient({ serverUrl: `ws://127.0.0.1:${relay.port}/sync`, room: p.room, token: p.token }),
  );
  const result: Result = {
    variant,
    keystrokes: 0,
    typedChars: 0,
    rawBytes: 0,
    rawUpdates: 0,
    wireUp: 0,
    wireUpSync: 0,
    wireDown: 0,
    messagesUp: 0,
    visibleMs: [],
    localMs: [],
  };
  try {
    await until(() => writers.every((w) => w.synced()) && observers.every((o) => o.synced), 30_000, 'synced', POLL_MS);
    await new Promise((r) => setTimeout(r, 500));
    for (const p of proxies) p.resetStats();
    const pending: Array<Array<{ clock: number; at: number }>> = writers.map(() => []);
    writers.forEach((w, i) => {
      w.doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin !== 'local') return;
        result.rawBytes += update.length;
        result.rawUpdates++;
      });
      const observer = observers[i] as NetClient;
      observer.doc.on('update', () => {
        const seen = Y.getState(observer.doc.store, w.doc.clientID);
        const queue = pending[i] as Array<{ clock: number; at: number }>;
        while (queue.length > 0 && (queue[0] as { clock: number }).clock <= seen)
          result.visibleMs.push(performance.now() - (queue.shift() as { at: number }).at);
      });
    });
    const rng = createRng(seed).fork('typing');
    const typists = writers.map((w, i) => new Typist(w.doc, w.doc.getXmlFragment('statement'), rng.fork(`t${i}`)));
    const endAt = performance.now() + SECONDS * 1000;
    await Promise.all(
      typists.map(async (t, i) => {
        const w = writers[i] as Writer;
        const trng = rng.fork(`pace${i}`);
        while (performance.now() < endAt) {
          const before = Y.getState(w.doc.store, w.doc.clientID);
          const t0 = performance.now();
          t.keystroke(0.12);
          result.localMs.push(performance.now() - t0);
          result.keystrokes++;
          const after = Y.getState(w.doc.store, w.doc.clientID);
          if (after > before) (pending[i] as Array<{ clock: number; at: number }>).push({ clock: after, at: t0 });
          await new Promise((r) => setTimeout(r, trng.int(80, 320)));
        }
      }),
    );
    result.typedChars = typists.reduce((s, t) => s + t.counts.typed, 0);
    await until(
      () => writers.every((w) => w.stored()) && pending.every((q) => q.length === 0),
      30_000,
      'everything stored and seen',
      POLL_MS,
    );
    await new Promise((r) => setTimeout(r, 300));
    for (const p of proxies) {
      const s = p.stats();
      result.wireUp += s.up.bytesIn;
      result.wireDown += s.down.bytesIn;
      result.messagesUp += s.up.messages;
      result.wireUpSync +=
        (s.up.byKind['sync-update']?.wireBytes ?? 0) +
        (s.up.byKind['sync-step1']?.wireBytes ?? 0) +
        (s.up.byKind['sync-step2']?.wireBytes ?? 0);
    }
    return result;
  } finally {
    for (const w of writers) w.dispose();
    for (const o of observers) o.destroy();
    for (const p of proxies) await p.close();
    await relay.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  console.log(
    `net-typing: seed=${seed}; ${PARTNERS} partners on rural ADSL for ${SECONDS} s per client; app coalescing window ${COALESCE_MS} ms`,
  );
  const variants = (process.env.SOA_BENCH_VARIANTS ?? 'stock,app,coalesce-250,coalesce-500,throttle-500').split(',');
  const results: Result[] = [];
  for (const variant of variants) results.push(await run(variant));
  printTable(
    'Steady typing on rural ADSL (up = client to relay)',
    [
      'client',
      'keystrokes',
      'raw Yjs bytes',
      'wire up',
      'wire up/raw (goal <=3x)',
      'sync msgs up/raw',
      'wire both ways/raw',
      'wire up B/keystroke',
      'msgs up',
      'msgs/keystroke (goal <=0.5)',
      'seen by peer p50',
      'p99',
      'local keystroke p99',
    ],
    results.map((r) => [
      r.variant,
      String(r.keystrokes),
      String(r.rawBytes),
      String(r.wireUp),
      ratio(r.wireUp, r.rawBytes),
      ratio(r.wireUpSync, r.rawBytes),
      ratio(r.wireUp + r.wireDown, r.rawBytes),
      (r.wireUp / r.keystrokes).toFixed(1),
      String(r.messagesUp),
      (r.messagesUp / r.keystrokes).toFixed(2),
      ms(percentile(r.visibleMs, 50)),
      ms(percentile(r.visibleMs, 99)),
      `${percentile(r.localMs, 99).toFixed(2)} ms`,
    ]),
  );
}

await main();
