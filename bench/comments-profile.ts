/**
 * Where the time goes in bench/comments-open.ts: the same two cases (1,000 comments, none), opened
 * alternately, each with a CPU profile (Chromium's sampling profiler over CDP) from the start of the open to
 * the first usable screen, in an unminified build so functions keep their names. Prints each case's median
 * milestones and the functions whose self time differs most between the two, summed over the rounds, and
 * writes the profiles to bench/results/comments-profile/ (open them in Chromium's DevTools).
 *
 *   npx tsx bench/comments-profile.ts [ROUNDS=6]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { benchPage, buildHarnessPage, launch, median, ROOT, serve } from './editor-common';

const ROUNDS = Number(process.env.ROUNDS ?? 6);
const OUT = join(ROOT, 'bench/results/comments-profile-dist');
const PROFILES = join(ROOT, 'bench/results/comments-profile');

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}
interface Milestones {
  roomsReadMs: number;
  commentsStartMs: number;
  firstScreenMs: number;
  threads: number;
}
type Bench = {
  commentsBench: {
    seed(scope: string, count: number): Promise<unknown>;
    open(scope: string, profile: boolean): Promise<Milestones>;
  };
};

/** Self time (ms) per function, keyed "name file:line". */
function selfTimes(profile: CpuProfile): Map<string, number> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const times = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    // The first sample's time is the profiler starting, not the page.
    if (index === 0) return;
    const frame = byId.get(id)!.callFrame;
    const key = `${frame.functionName || '(anonymous)'} ${basename(frame.url.split('?')[0] ?? '')}:${frame.lineNumber + 1}`;
    times.set(key, (times.get(key) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
  });
  return times;
}

async function main(): Promise<void> {
  mkdirSync(PROFILES, { recursive: true });
  const server = await serve(
    await buildHarnessPage('comments-harness', 'Comments bench', OUT, { minify: false }),
    'comments-harness',
  );
  const url = server.url;
  const browser = await launch();
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  try {
    const seeding = await benchPage(browser, url, context);
    await seeding.evaluate(() => (window as unknown as Bench).commentsBench.seed('with', 1000));
    await seeding.evaluate(() => (window as unknown as Bench).commentsBench.seed('without', 0));
    await seeding.close();
    const totals = { with: new Map<string, number>(), without: new Map<string, number>() };
    const milestones = { with: [] as Milestones[], without: [] as Milestones[] };
    for (let round = 0; round <= ROUNDS; round++) {
      const order: ('with' | 'without')[] = round % 2 === 0 ? ['without', 'with'] : ['with', 'without'];
      for (const scope of order) {
        const page = await benchPage(browser, url, context);
        const cdp = await context.newCDPSession(page);
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
        const profiled = new Promise<CpuProfile>((resolve) =>
          cdp.on('Profiler.consoleProfileFinished', (event) => resolve(event.profile as unknown as CpuProfile)),
        );
        const result = await page.evaluate(
          (name) => (window as unknown as Bench).commentsBench.open(name, true),
          scope,
        );
        const profile = await profiled;
        await page.close();
        console.log(
          `round ${round} ${scope}: rooms read ${result.roomsReadMs.toFixed(0)} ms, first screen ${result.firstScreenMs.toFixed(0)} ms, comments started ${result.commentsStartMs.toFixed(0)} ms`,
        );
        if (round === 0) continue;
        writeFileSync(join(PROFILES, `${scope}-${round}.cpuprofile`), JSON.stringify(profile));
        milestones[scope].push(result);
        for (const [key, ms] of selfTimes(profile)) totals[scope].set(key, (totals[scope].get(key) ?? 0) + ms);
      }
    }
    for (const scope of ['without', 'with'] as const) {
      const runs = milestones[scope];
      console.log(
        `${scope}: median rooms read ${median(runs.map((run) => run.roomsReadMs)).toFixed(0)} ms, first screen ${median(runs.map((run) => run.firstScreenMs)).toFixed(0)} ms`,
      );
    }
    const keys = new Set([...totals.with.keys(), ...totals.without.keys()]);
    const diffs = [...keys]
      .map((key) => ({
        key,
        with: (totals.with.get(key) ?? 0) / ROUNDS,
        without: (totals.without.get(key) ?? 0) / ROUNDS,
      }))
      .map((row) => ({ ...row, diff: row.with - row.without }))
      .sort((a, b) => Math.abs(b.diff) - Math.abs(a.diff))
      .slice(0, 30);
    console.table(
      diffs.map((row) => ({
        function: row.key.slice(0, 90),
        'with ms/open': row.with.toFixed(1),
        'without ms/open': row.without.toFixed(1),
        diff: row.diff.toFixed(1),
      })),
    );
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
