/**
 * Node side shared by the editor benchmarks: bundles bench/editor-harness.ts with the renderer (production
 * mode, like the app), serves it on a free port and drives headless Debian Chromium through playwright-core.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import react from '@vitejs/plugin-react';
import { listenOnLoopback, serveFolder } from '../tests/support/staticServer';
import { CHROMIUM_LAUNCH } from '../tests/support/chromium';

export const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'bench/results/editor-harness-dist');

/**
 * Builds a benchmark's page (`bench/<harness>.ts`, e.g. editor-harness or comments-harness) with the app's
 * production React into `outDir`, and returns it. `minify: false` keeps names readable in a CPU profile.
 */
export async function buildHarnessPage(
  harness: string,
  title: string,
  outDir: string,
  options: { readonly minify?: boolean } = {},
): Promise<string> {
  const work = join(ROOT, 'bench/results', harness);
  mkdirSync(work, { recursive: true });
  writeFileSync(
    join(work, 'index.html'),
    `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>${title}</title></head><body><div id="root"></div><script type="module" src="../../${harness}.ts"></script></body></html>`,
  );
  await build({
    root: ROOT,
    configFile: false,
    mode: 'production',
    logLevel: 'warn',
    base: './',
    plugins: [react()],
    build: {
      outDir,
      emptyOutDir: true,
      ...(options.minify === false ? { minify: false } : {}),
      chunkSizeWarningLimit: 5000,
      rollupOptions: { input: join(work, 'index.html') },
    },
  });
  return outDir;
}

export function buildHarness(): Promise<string> {
  return buildHarnessPage('editor-harness', 'Editor bench', OUT);
}

/** Serves a built harness page (and the files it loads) on a free loopback port. */
export async function serve(
  dir: string,
  harness = 'editor-harness',
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = await listenOnLoopback(serveFolder(dir));
  return { url: `${server.url}bench/results/${harness}/index.html`, close: server.close };
}

export async function launch(): Promise<Browser> {
  return chromium.launch({ ...CHROMIUM_LAUNCH, args: [...CHROMIUM_LAUNCH.args] });
}

export async function benchPage(
  browser: Browser,
  url: string,
  storageContext?: Awaited<ReturnType<Browser['newContext']>>,
): Promise<Page> {
  const context = storageContext ?? (await browser.newContext({ viewport: { width: 1366, height: 900 } }));
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await page.goto(url);
  await page.waitForFunction(() => document.body.dataset.benchReady === 'true');
  return page;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

export function table(rows: ReadonlyArray<Record<string, string | number>>): void {
  console.table(rows);
}
