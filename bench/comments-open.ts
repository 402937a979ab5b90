/**
 * Benchmark of opening an SOA with review comments (issue 15): the 100-page sample from IndexedDB to an
 * editable screen with every comment read, with 1,000 comments in ten members' comment rooms against the
 * same SOA with empty comment rooms, alternately, each a fresh page load, in one run.
 * Goal: at most 1.1x the time without comments.
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

type Bench = {
  commentsBench: {
    seed(scope: string, count: number): Promise<unknown>;
    open(scope: string): Promise<{ ms: number; threads: number }>;
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
    const withMs: number[] = [];
    const withoutMs: number[] = [];
    let threads = 0;
    for (let run = 0; run < RUNS + 1; run++) {
      const a = await benchPage(browser, url, context);
      const without = await a.evaluate(() => (window as unknown as Bench).commentsBench.open('without'));
      await a.close();
      const b = await benchPage(browser, url, context);
      const withComments = await b.evaluate(() => (window as unknown as Bench).commentsBench.open('with'));
      await b.close();
      if (without.threads !== 0 || withComments.threads !== 1000)
        throw new Error(`expected 0 and 1000 threads, read ${without.threads} and ${withComments.threads}`);
      threads = withComments.threads;
      if (run === 0) continue; // warm-up
      withoutMs.push(without.ms);
      withMs.push(withComments.ms);
    }
    const ref = median(withoutMs);
    const ours = median(withMs);
    table([
      { case: 'no comments (reference)', 'median ms': ref.toFixed(0), 'p90 ms': percentile(withoutMs, 90).toFixed(0) },
      { case: `${threads} comments`, 'median ms': ours.toFixed(0), 'p90 ms': percentile(withMs, 90).toFixed(0) },
    ]);
    console.log(`ratio ${(ours / ref).toFixed(2)}x; goal at most 1.1x: ${ours <= ref * 1.1 ? 'met' : 'NOT met'}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
