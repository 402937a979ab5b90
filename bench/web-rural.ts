/**
 * The browser version on a rural line (issue 19): the web build served by the relay's own static file code
 * (server/http/staticFiles.ts: gzip, CSP), through the shaping proxy's rural ADSL profile (2 Mbit/s down,
 * 0.5 up, 60 ms each way; one line shared by all of the browser's connections), in headless Chromium.
 *
 * Two builds of the same sources, made in this run:
 * - lazy:      the app as shipped: the Word export, the sample generator and the prose editor load on demand;
 * - reference: the same build without lazy loading (everything in the entry script), as before issue 19.
 * For each, SOA_BENCH_RUNS times (default 3), each in a fresh browser profile:
 * - first visit: from navigation to the welcome screen's heading, nothing cached;
 * - return online: once the service worker has precached the build, the page reloaded: from navigation to
 *   the heading (the service worker answers; the line is not needed);
 * - return offline: the same with the network off.
 * Goals: first screen at most 3 s; offline return at most 1 s.
 *
 * Run: npm run bench:web-rural
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium, type Browser, type Page } from 'playwright-core';
import { StaticFiles } from '../server/http/staticFiles';
import { listenOnLoopback, serveAsTheRelay, type StaticServer } from '../tests/support/staticServer';
import { PROFILES, ShapingProxy } from './lib/net/harness';
import { ms, printTable, ratio } from './lib/net/table';
import { CHROMIUM_LAUNCH } from '../tests/support/chromium';

const ROOT = path.resolve(import.meta.dirname, '..');
const RUNS = Number(process.env.SOA_BENCH_RUNS ?? 3);
const FIRST_SCREEN_GOAL_MS = 3_000;
const OFFLINE_RETURN_GOAL_MS = 1_000;

interface FirstScreenModule {
  firstScreenFiles(dist: string): Array<{ path: string; bytes: number; gzipBytes: number }>;
}
// tests/e2e is not part of the bench TypeScript project (see bench/lib/net/harness.ts): loaded at run time.
const { firstScreenFiles } = (await import(
  new URL('../tests/e2e/firstScreen.ts', import.meta.url).href
)) as FirstScreenModule;

interface Variant {
  readonly name: string;
  readonly dir: string;
}

interface Run {
  readonly firstVisitMs: number;
  readonly offlineReturnMs: number;
  readonly onlineReturnMs: number;
}

function build(name: string, flags: readonly string[]): Variant {
  const dir = mkdtempSync(path.join(os.tmpdir(), `soa-web-${name}-`));
  console.log(`building ${name} into ${dir}`);
  execFileSync(process.execPath, [path.join(ROOT, 'tests/e2e/buildWebVariant.mjs'), dir, ...flags], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return { name, dir };
}

/** The relay's own web serving of one build (gzip, cache headers, CSP), alone. */
function serve(dir: string): Promise<StaticServer> {
  const files = new StaticFiles(dir);
  return listenOnLoopback(serveAsTheRelay(() => files));
}

/** The files the service worker precaches (source maps aside). */
function precachedCount(dir: string): number {
  return 1 + readdirSync(path.join(dir, 'assets')).filter((name) => !name.endsWith('.map')).length;
}

/** From navigation (to `url`, or a reload) to the welcome screen's heading. */
async function timeToFirstScreen(page: Page, url: string | null): Promise<number> {
  const started = performance.now();
  if (url) await page.goto(url, { waitUntil: 'commit', timeout: 60_000 });
  else await page.reload({ waitUntil: 'commit', timeout: 60_000 });
  await page.getByRole('heading', { name: 'SOA Studio', level: 1 }).waitFor({ timeout: 60_000 });
  return performance.now() - started;
}

async function measure(browser: Browser, variant: Variant, url: string): Promise<Run> {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1366, height: 900 } });
  try {
    const first = await context.newPage();
    const firstVisitMs = await timeToFirstScreen(first, url);
    const expected = precachedCount(variant.dir);
    // (page.waitForFunction does not wait for a promise, so poll.)
    const precached = (): Promise<boolean> =>
      first.evaluate(async (count) => {
        const name = (await caches.keys()).find((key) => key.startsWith('workbox-precache'));
        return (
          name !== undefined &&
          (await (await caches.open(name)).keys()).length === count &&
          navigator.serviceWorker.controller !== null
        );
      }, expected);
    const deadline = performance.now() + 120_000;
    while (!(await precached())) {
      if (performance.now() > deadline)
        throw new Error(`${variant.name}: the service worker did not precache the build within 2 minutes`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    // A return visit is timed as a reload of the tab: under Playwright's network emulation the worker does
    // not answer a navigation typed into a tab while offline, though it answers a reload (in Chromium
    // itself it answers both).
    const onlineReturnMs = await timeToFirstScreen(first, null);
    await context.setOffline(true);
    const offlineReturnMs = await timeToFirstScreen(first, null);
    return { firstVisitMs, offlineReturnMs, onlineReturnMs };
  } finally {
    await context.close();
  }
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

const variants = [build('lazy', []), build('reference', ['--no-lazy'])];
const browser = await chromium.launch({ ...CHROMIUM_LAUNCH, args: [...CHROMIUM_LAUNCH.args] });
const results = new Map<string, Run[]>();
try {
  for (const variant of variants) {
    const server = await serve(variant.dir);
    const proxy = await ShapingProxy.start({
      targetPort: server.port,
      profile: PROFILES.ruralAdsl,
      seed: 19,
      sharedLine: true,
    });
    try {
      const runs: Run[] = [];
      for (let run = 0; run < RUNS; run++) {
        runs.push(await measure(browser, variant, `http://127.0.0.1:${proxy.port}/`));
        console.log(
          `${variant.name} run ${run + 1}: first visit ${ms(runs[run]?.firstVisitMs ?? NaN)}, return offline ${ms(runs[run]?.offlineReturnMs ?? NaN)}, return online ${ms(runs[run]?.onlineReturnMs ?? NaN)}`,
        );
      }
      results.set(variant.name, runs);
    } finally {
      await proxy.close();
      await server.close();
    }
  }
} finally {
  await browser.close();
}

const figures = variants.map((variant) => {
  const runs = results.get(variant.name) ?? [];
  const files = firstScreenFiles(variant.dir);
  return {
    name: variant.name,
    bytes: files.reduce((total, file) => total + file.bytes, 0),
    gzipBytes: files.reduce((total, file) => total + file.gzipBytes, 0),
    first: median(runs.map((run) => run.firstVisitMs)),
    offline: median(runs.map((run) => run.offlineReturnMs)),
    online: median(runs.map((run) => run.onlineReturnMs)),
  };
});
const [lazy, reference] = figures as [(typeof figures)[number], (typeof figures)[number]];
const kib = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KiB`;
printTable(
  `Web app on rural ADSL (${PROFILES.ruralAdsl.down.bitsPerSecond / 1e6} Mbit/s down, ${PROFILES.ruralAdsl.down.latencyMs} ms each way, one line), median of ${RUNS} runs`,
  ['build', 'first screen', 'gzipped', 'first visit', 'return offline', 'return online'],
  figures.map((figure) => [
    figure.name,
    kib(figure.bytes),
    kib(figure.gzipBytes),
    ms(figure.first),
    ms(figure.offline),
    ms(figure.online),
  ]),
);
printTable(
  'lazy against the reference (same run)',
  ['', 'gzipped', 'first visit', 'return offline', 'return online'],
  [
    [
      'lazy / reference',
      ratio(lazy.gzipBytes, reference.gzipBytes),
      ratio(lazy.first, reference.first),
      ratio(lazy.offline, reference.offline),
      ratio(lazy.online, reference.online),
    ],
  ],
);
console.log(
  `\nGoals: first visit <= ${FIRST_SCREEN_GOAL_MS} ms: ${lazy.first <= FIRST_SCREEN_GOAL_MS ? 'met' : 'NOT met'} (${ms(lazy.first)}); return offline <= ${OFFLINE_RETURN_GOAL_MS} ms: ${lazy.offline <= OFFLINE_RETURN_GOAL_MS ? 'met' : 'NOT met'} (${ms(lazy.offline)}); first screen <= 250 KiB gzipped: ${lazy.gzipBytes <= 250 * 1024 ? 'met' : 'NOT met'} (${kib(lazy.gzipBytes)})`,
);
for (const variant of variants) rmSync(variant.dir, { recursive: true, force: true });
