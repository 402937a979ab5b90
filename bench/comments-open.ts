/**
 * Benchmark of opening an SOA with review comments (issue 15): the 100-page sample from IndexedDB to the
 * first usable screen (the section's text editable, the outline with its comment counts), with 1,000
 * comments in ten members' comment rooms against the same SOA with empty comment rooms, alternately, each a
 * fresh page load, in one run. Goal: at most 1.1x the time without comments.
 * The comment rooms are read after the first screen; the benchmark also prints the time until every comment
 * is read, the longest main-thread task in that time, and checks that the counts on the first screen (the
 * ones this computer last read) are the counts once the rooms are read.
 *
 *   npx tsx bench/comments-open.ts [RUNS=7]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { benchPage, launch, median, percentile, ROOT, serve, table } from './editor-common';

const RUNS = Number(process.env.RUNS ?? 7);
const WORK = join(ROOT, 'bench/results/comments-harness');
const OUT = join(ROOT, 'bench/results/comments-harness-dist');

interface OpenResult {
  firstScreenMs: number;
  allReadMs: number;
  longestTaskBeforeMs: number;
  longestTaskAfterMs: number;
  threads: number;
  shown: { total: number; outline: string; loaded: boolean };
  after: { total: number; outline: string };
}

type Bench = {
  commentsBench: {
    seed(scope: string, count: number): Promise<unknown>;
    open(scope: string): Promise<OpenResult>;
  };
};

async function main(): Promise<void> {
  mkdirSync(WORK, { recursive: true });
  writeFileSync(
    join(WORK, 'index.html'),
    '<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Comments bench</title></head><body><div id="root"></div><script type="module" src="../../comments-harness.ts"></script></body></html>',
  );
  await build({
    root: ROOT,
    configFile: false,
    mode: 'production',
    logLevel: 'warn',
    base: './',
    plugins: [react()],
    build: {
      outDir: OUT,
      emptyOutDir: true,
      chunkSizeWarningLimit: 5000,
      rollupOptions: { input: join(WORK, 'index.html') },
    },
  });
  const server = await serve(OUT);
  const url = server.url.replace('editor-harness', 'comments-harness');
  const browser = await launch();
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  try {
    const seeding = await benchPage(browser, url, context);
    await seeding.evaluate(() => (window as unknown as Bench).commentsBench.seed('with', 1000));
    await seeding.evaluate(() => (window as unknown as Bench).commentsBench.seed('without', 0));
    await seeding.close();
    const withRuns: OpenResult[] = [];
    const withoutRuns: OpenResult[] = [];
    for (let run = 0; run < RUNS + 1; run++) {
      // Which case goes first alternates, so neither always follows the other's page closing.
      const openOne = async (scope: 'with' | 'without') => {
        const page = await benchPage(browser, url, context);
        const result = await page.evaluate((name) => (window as unknown as Bench).commentsBench.open(name), scope);
        await page.close();
        return result;
      };
      const [without, withComments] =
        run % 2 === 0
          ? [await openOne('without'), await openOne('with')]
          : await openOne('with').then(async (first) => [await openOne('without'), first] as const);
      console.log(
        `run ${run}${run === 0 ? ' (warm-up)' : ''}: first screen ${without.firstScreenMs.toFixed(0)} ms without, ${withComments.firstScreenMs.toFixed(0)} ms with comments`,
      );
      if (without.threads !== 0 || withComments.threads !== 1000)
        throw new Error(`expected 0 and 1000 threads, read ${without.threads} and ${withComments.threads}`);
      if (run === 0) continue; // warm-up (and the first read of the counts this computer then remembers)
      const { shown, after } = withComments;
      if (shown.total !== after.total || shown.outline !== after.outline || after.total === 0)
        throw new Error(
          `the first screen showed ${JSON.stringify(shown)}, the comment rooms hold ${JSON.stringify(after)}`,
        );
      withoutRuns.push(without);
      withRuns.push(withComments);
    }
    const pick = (
      runs: OpenResult[],
      key: 'firstScreenMs' | 'allReadMs' | 'longestTaskBeforeMs' | 'longestTaskAfterMs',
    ) => runs.map((result) => result[key]);
    const ref = median(pick(withoutRuns, 'firstScreenMs'));
    const ours = median(pick(withRuns, 'firstScreenMs'));
    const row = (name: string, runs: OpenResult[]) => ({
      case: name,
      'first screen median ms': median(pick(runs, 'firstScreenMs')).toFixed(0),
      'first screen p90 ms': percentile(pick(runs, 'firstScreenMs'), 90).toFixed(0),
      'all comments read median ms': median(pick(runs, 'allReadMs')).toFixed(0),
      'longest task before, median ms': median(pick(runs, 'longestTaskBeforeMs')).toFixed(0),
      'longest task after first screen, median ms': median(pick(runs, 'longestTaskAfterMs')).toFixed(0),
    });
    table([row('no comments (reference)', withoutRuns), row('1000 comments', withRuns)]);
    console.log(
      `first screen with the counts shown: ${withRuns.filter((result) => !result.shown.loaded).length} of ${withRuns.length} runs before the comment rooms were read, counts right in all`,
    );
    console.log(
      `all comments read: ${(median(pick(withRuns, 'allReadMs')) / median(pick(withoutRuns, 'allReadMs'))).toFixed(2)}x`,
    );
    console.log(`ratio ${(ours / ref).toFixed(2)}x; goal at most 1.1x: ${ours <= ref * 1.1 ? 'met' : 'NOT met'}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
