/**
 * Opening a named version read-only in the app (issue 16) on the 100-page sample, against opening the app
 * itself, in one run: the relay as a real process serving the web build (`soa-relay serve --web`) on the
 * demo's database (`soa-relay demo`: the sample SOA), real Chromium, the coordinator signed in with the
 * invite token as the e2e tests do (tests/e2e/demoOnRelay.ts). The coordinator records a named version over
 * HTTP, so it holds every room of the sample. Then, RUNS times (default 5, after one warm-up run that is
 * printed but not counted), each run in a fresh browser context signed in afresh, its service worker
 * installed, one page open at a time, each timed in the page's own clock from navigation start until the
 * screen is usable (the frame in which it is first complete, laid out and painted):
 * - (a) the version, first time: a new page at `#/version/<id>`; the app opens the SOA from IndexedDB and
 *   fetches the version from the relay (`GET /api/soas/<soaId>/versions/<versionId>`), decodes its rooms and
 *   lays it out; complete once the banner says "You are looking at the version …" and the version
 *   document's last chapter is in the page (React commits the whole document at once, so then every chapter
 *   is);
 * - (b) the version again, in a new page of the same context: the version kept in IndexedDB
 *   (renderer/src/versions/versionContentCache.ts); the run fails if it is fetched again;
 * - (c) the reference: the app to its dashboard in a new page of the same context, from IndexedDB, until
 *   the page title "Progress and what is missing" and the sync status "Up to date".
 * The order alternates between runs ((c) first, then last). There is no goal for this view in the issue;
 * its nearest ("rebuilding a version at most 1 s") is printed beside (a) and (b) for information.
 *
 * Run: npm run bench:version-view  (RUNS=5; PROFILE=<folder> also writes a Chromium trace of one (a) there)
 */
import { mkdirSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { versionRecordSchema, type VersionRecord } from '../shared/api/versions';
import { joinAs } from '../tests/e2e/demoOnRelay';
import { DIST, ensureWebBuild, launchBrowser, screenshot, tempDir } from '../tests/e2e/harness';
import { createDemoDb, type Demo, type DemoMember } from '../tests/support/relayCli';
import { startRelayProcess, type RelayProcess } from '../tests/support/relayProcess';
import { kb, ms, printTable, ratio } from './lib/net/table';

const RUNS = Number(process.env.RUNS ?? 5);
const PROFILE_DIR = process.env.PROFILE ?? null;
const VERSION_NAME = 'Draft submitted to the Scottish Government';
const NEAREST_GOAL_MS = 1_000;
const TIMEOUT_MS = 120_000;

interface Opening {
  /** Milliseconds from navigation start (the page's own clock) until the screen was usable: the frame in
   * which it was first complete laid out and painted. */
  readonly ms: number;
  /** ... until the shell showed the SOA (its page title), and until the screen was first complete in the DOM. */
  readonly shellMs: number;
  readonly seenMs: number;
  /** The version's content requests this opening made: when each left and was answered, and its bytes. */
  readonly fetched: ReadonlyArray<{
    readonly sentMs: number;
    readonly answeredMs: number;
    readonly bodyBytes: number;
    readonly wireBytes: number;
  }>;
  /** Elements in the version document (0 for the dashboard). */
  readonly elements: number;
}

interface Run {
  readonly first: Opening;
  readonly again: Opening;
  readonly app: Opening;
}

const loads = (): string =>
  os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(', ');

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

/** What a coordinator does in the app's Versions page: POST with their Bearer token. */
async function recordVersion(relay: RelayProcess, soaId: string, coordinator: DemoMember): Promise<VersionRecord> {
  const response = await fetch(`${relay.url}/api/soas/${encodeURIComponent(soaId)}/versions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${coordinator.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: VERSION_NAME }),
  });
  if (!response.ok) throw new Error(`recording the version: the relay answered ${response.status}`);
  return versionRecordSchema.parse(await response.json());
}

/** The version's answer gzipped, for information: the relay sends it as it is. */
async function gzippedContent(
  relay: RelayProcess,
  soaId: string,
  versionId: string,
  member: DemoMember,
): Promise<number> {
  const response = await fetch(
    `${relay.url}/api/soas/${encodeURIComponent(soaId)}/versions/${encodeURIComponent(versionId)}`,
    { headers: { Authorization: `Bearer ${member.token}` } },
  );
  if (!response.ok) throw new Error(`fetching the version: the relay answered ${response.status}`);
  return gzipSync(Buffer.from(await response.arrayBuffer())).length;
}

interface Screen {
  /** The version's banner and its document's last chapter (the notes on gaps), or the dashboard up to date. */
  readonly kind: 'version' | 'dashboard';
  readonly versionName: string;
}

interface Marks {
  shell?: number;
  seen?: number;
  usable?: number;
}

/**
 * Runs in the page every frame (before the frame's layout): notes when the shell and the whole screen are
 * first in the DOM; a task queued from that frame runs once the frame is laid out and painted, and notes the
 * screen usable then. Answers the marks once usable.
 */
function watchScreen(screen: Screen): Marks | false {
  const marks = ((window as unknown as { benchMarks?: Marks }).benchMarks ??= {});
  if (marks.usable !== undefined) return marks;
  if (marks.shell === undefined && document.querySelector('h1.page-title')) marks.shell = performance.now();
  if (marks.seen !== undefined) return false;
  let complete: boolean;
  if (screen.kind === 'version') {
    const banner = document.getElementById('version-banner-title')?.textContent;
    const chapters = document.querySelectorAll('.version-document > article.version-section');
    const last = chapters[chapters.length - 1]?.querySelector('h2');
    complete =
      banner === `You are looking at the version "${screen.versionName}"` && last?.id === 'version-narrative-gapNotes';
  } else {
    complete =
      document.querySelector('h1.page-title')?.textContent === 'Progress and what is missing' &&
      document.querySelector('.sync-text')?.textContent === 'Up to date';
  }
  if (complete) {
    marks.seen = performance.now();
    setTimeout(() => (marks.usable = performance.now()));
  }
  return false;
}

/**
 * A new page of `context` at `url`, timed in the page's own clock from navigation start until `screen` is
 * usable, with the version's content requests it made. The page is closed afterwards unless `keep`.
 */
async function open(
  context: BrowserContext,
  url: string,
  screen: Screen,
  versionPath: string,
  errors: string[],
  options: { readonly keep?: boolean; readonly trace?: string } = {},
): Promise<{ opening: Opening; page: Page }> {
  const page = await context.newPage();
  page.on('pageerror', (error) => errors.push(error.message));
  const browser = context.browser() as Browser;
  if (options.trace) await browser.startTracing(page, { path: options.trace, screenshots: false });
  await page.goto(url, { waitUntil: 'commit', timeout: TIMEOUT_MS });
  const marks = (await (
    await page.waitForFunction(watchScreen, screen, { polling: 'raf', timeout: TIMEOUT_MS })
  ).jsonValue()) as Required<Marks>;
  if (options.trace) await browser.stopTracing();
  const fetched = await page.evaluate(
    (path) =>
      (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .filter((entry) => new URL(entry.name).pathname === path)
        .map((entry) => ({
          sentMs: entry.startTime,
          answeredMs: entry.responseEnd,
          bodyBytes: entry.decodedBodySize,
          wireBytes: entry.encodedBodySize,
        })),
    versionPath,
  );
  const elements = await page.evaluate(() => document.querySelectorAll('.version-document *').length);
  if (!options.keep) await page.close();
  return {
    opening: { ms: marks.usable, shellMs: marks.shell, seenMs: marks.seen, fetched, elements },
    page,
  };
}

/** Resolves once the page's service worker is active (Workbox has precached the whole build by then). */
async function serviceWorkerReady(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      Promise.race([
        navigator.serviceWorker.ready.then(() => undefined),
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error('the service worker was not active within 60 s')), 60_000),
        ),
      ]),
    undefined,
  );
}

async function measure(
  browser: Browser,
  relay: RelayProcess,
  coordinator: DemoMember,
  demo: Demo,
  version: VersionRecord,
  run: number,
): Promise<Run> {
  const officer = await joinAs(browser, relay.url, coordinator);
  const errors = officer.errors;
  try {
    await serviceWorkerReady(officer.page);
    await officer.page.close();
    const versionPath = `/api/soas/${encodeURIComponent(demo.soaId)}/versions/${encodeURIComponent(version.versionId)}`;
    const versionUrl = `${relay.url}/#/version/${version.versionId}`;
    const versionScreen: Screen = { kind: 'version', versionName: version.name };
    const appFirst = run % 2 === 0;
    const app = async (): Promise<Opening> =>
      (await open(officer.context, `${relay.url}/`, { kind: 'dashboard', versionName: '' }, versionPath, errors))
        .opening;
    const reference = appFirst ? await app() : null;
    const trace = PROFILE_DIR && run === 1 ? path.join(PROFILE_DIR, 'version-view-first.json') : undefined;
    const first = (await open(officer.context, versionUrl, versionScreen, versionPath, errors, { trace })).opening;
    const last = run === RUNS;
    const againOpened = await open(officer.context, versionUrl, versionScreen, versionPath, errors, { keep: last });
    if (last) {
      await screenshot(againOpened.page, 'bench-version-view');
      await againOpened.page.close();
    }
    const again = againOpened.opening;
    if (first.fetched.length !== 1) throw new Error(`(a) fetched the version ${first.fetched.length} times, not once`);
    if (again.fetched.length !== 0) throw new Error('(b) fetched the version again instead of reading the kept copy');
    const appOpening = reference ?? (await app());
    if (errors.length > 0) throw new Error(`errors in the page: ${errors.join(' | ')}`);
    return { first, again, app: appOpening };
  } finally {
    await officer.context.close();
  }
}

async function main(): Promise<void> {
  ensureWebBuild();
  const dir = tempDir('soa-bench-version-view-');
  const db = path.join(dir, 'relay.sqlite');
  const demo = createDemoDb(db);
  const relay = await startRelayProcess(db, ['--web', DIST]);
  const browser = await launchBrowser();
  if (PROFILE_DIR) mkdirSync(PROFILE_DIR, { recursive: true });
  try {
    const coordinator = demo.members.find((member) => member.role === 'coordinator');
    if (!coordinator) throw new Error('the demo has no coordinator');
    const version = await recordVersion(relay, demo.soaId, coordinator);
    if (version.rooms.length !== demo.rooms.length)
      throw new Error(`the version holds ${version.rooms.length} rooms of the demo's ${demo.rooms.length}`);
    const gzipped = await gzippedContent(relay, demo.soaId, version.versionId, coordinator);
    console.log(
      `Version "${version.name}" of the demo SOA (the 100-page sample): ${version.rooms.length} rooms. Load average at the start: ${loads()}.`,
    );
    const runs: Run[] = [];
    for (let run = 0; run <= RUNS; run++) {
      const result = await measure(browser, relay, coordinator, demo, version, run);
      console.log(
        `${run === 0 ? 'warm-up (not counted)' : `run ${run}`}: (a) first ${ms(result.first.ms)}, (b) kept ${ms(result.again.ms)}, (c) app ${ms(result.app.ms)}; load ${loads()}`,
      );
      if (run > 0) runs.push(result);
    }
    const c = median(runs.map((run) => run.app.ms));
    const answer = runs[0]?.first.fetched[0] ?? { bodyBytes: NaN, wireBytes: NaN };
    const row = (name: string, values: readonly number[], reference: boolean): string[] => {
      const value = median(values);
      return [
        name,
        ms(value),
        ms(Math.min(...values)),
        ms(Math.max(...values)),
        reference ? '' : ratio(value, c),
        reference ? '' : `${ms(NEAREST_GOAL_MS)} (${value <= NEAREST_GOAL_MS ? 'within' : 'over'})`,
      ];
    };
    printTable(
      `Opening the version "${version.name}" of the 100-page sample, median of ${RUNS} runs (load average at the end ${loads()})`,
      ['', 'median', 'min', 'max', 'against (c)', "issue's nearest goal (rebuilding a version), for information"],
      [
        row(
          '(a) the version, first time (fetched)',
          runs.map((run) => run.first.ms),
          false,
        ),
        row(
          '(b) the version again (kept in IndexedDB)',
          runs.map((run) => run.again.ms),
          false,
        ),
        row(
          '(c) the app to its dashboard (reference)',
          runs.map((run) => run.app.ms),
          true,
        ),
      ],
    );
    const at = (values: readonly number[]) => ms(median(values));
    const request = (run: Run) => run.first.fetched[0] ?? { sentMs: NaN, answeredMs: NaN };
    console.log(
      [
        '',
        'Where the time goes (medians, from navigation start):',
        `(a) the shell showing the SOA at ${at(runs.map((run) => run.first.shellMs))}; the version asked of the relay at ${at(runs.map((run) => request(run).sentMs))} (once the kept copy is found missing) and answered at ${at(runs.map((run) => request(run).answeredMs))}; the whole version in the page at ${at(runs.map((run) => run.first.seenMs))} (validated, decoded, rendered) and laid out and painted at ${at(runs.map((run) => run.first.ms))}.`,
        `(b) the shell at ${at(runs.map((run) => run.again.shellMs))}; the whole version in the page at ${at(runs.map((run) => run.again.seenMs))} (read from IndexedDB, validated, decoded, rendered) and painted at ${at(runs.map((run) => run.again.ms))}.`,
        `(c) the shell at ${at(runs.map((run) => run.app.shellMs))}; "Up to date" in the page at ${at(runs.map((run) => run.app.seenMs))} and painted at ${at(runs.map((run) => run.app.ms))}.`,
      ].join('\n'),
    );
    console.log(
      `\nThe version's content: ${kb(answer.bodyBytes)} of JSON (${kb(answer.wireBytes)} on the wire; ${kb(gzipped)} if it were gzipped); ${runs[0]?.first.elements ?? 0} elements in the version document.`,
    );
    if (PROFILE_DIR) console.log(`Chromium trace of run 1's (a): ${path.join(PROFILE_DIR, 'version-view-first.json')}`);
  } finally {
    await browser.close();
    await relay.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
