/**
 * The browser version's service worker (renderer/sw/sw.ts, Workbox), served by the relay's own static file
 * code (server/http/staticFiles.ts: its CSP, its caching headers, gzip) in real Chromium, CSP enforced:
 * - after one visit the app opens with the network off, and so do the parts loaded on demand (the sample
 *   generator, the prose editor, the Word export and its worker) without having been used online;
 * - a new build revision replaces the old one: once no page of the old build is open, the new worker takes
 *   over, and the old build's files (and the hand-written worker's old cache) are gone from the cache.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StaticFiles } from '../../server/http/staticFiles';
import { listenOnLoopback, serveAsTheRelay, type StaticServer } from '../support/staticServer';
import { DIST, ROOT, ensureWebBuild, launchBrowser, screenshot, tempDir } from './harness';
import { removeTempDir } from '../support/tempDirs';

/** The relay's web serving alone, with the folder it serves switchable (a new build deployed). */
interface WebServer extends StaticServer {
  serveFrom(folder: string): void;
}

async function startWebServer(folder: string): Promise<WebServer> {
  let files = new StaticFiles(folder);
  const server = await listenOnLoopback(serveAsTheRelay(() => files));
  return {
    ...server,
    serveFrom: (next) => {
      files = new StaticFiles(next);
    },
  };
}

/** A page with the app's own CSP in force (no bypass), page errors collected. */
async function openPage(context: BrowserContext): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    // A browser asks for /favicon.ico by itself (the app has none); offline that fails, harmlessly.
    if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) errors.push(message.text());
  });
  page.on('requestfailed', (request) =>
    errors.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`),
  );
  return { page, errors };
}

/** The page's service worker registration: which workers it has, and whether one controls the page. */
function registrationState(
  page: Page,
): Promise<{ active: boolean; waiting: boolean; installing: boolean; controlled: boolean }> {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    return {
      active: registration?.active?.state === 'activated',
      waiting: Boolean(registration?.waiting),
      installing: Boolean(registration?.installing),
      controlled: navigator.serviceWorker.controller !== null,
    };
  });
}

/** Waits until the page's service worker is active, controls it, and has precached every file of the build. */
async function untilControlled(page: Page, files: readonly string[]): Promise<void> {
  await expect
    .poll(async () => registrationState(page), { timeout: 60_000 })
    .toMatchObject({ active: true, controlled: true });
  // Chromium reports the worker activated while Workbox may still be writing the last files.
  await expect.poll(async () => (await cached(page)).paths.sort(), { timeout: 30_000 }).toEqual([...files].sort());
}

/** Waits until the context's registration has no worker waiting (asked of whichever worker is running). */
async function untilNoneWaiting(context: BrowserContext): Promise<void> {
  await expect
    .poll(
      async () => {
        for (const worker of context.serviceWorkers()) {
          try {
            if (
              await worker.evaluate(
                () => (self as unknown as { registration: ServiceWorkerRegistration }).registration.waiting === null,
              )
            )
              return true;
          } catch {
            // A worker that has stopped meanwhile; ask the next.
          }
        }
        return false;
      },
      { timeout: 60_000 },
    )
    .toBe(true);
}

/** The URLs (paths) held in the Workbox precache, and the names of every cache. */
async function cached(page: Page): Promise<{ names: string[]; paths: string[] }> {
  return page.evaluate(async () => {
    const names = await caches.keys();
    const precache = names.find((name) => name.startsWith('workbox-precache'));
    const paths = precache
      ? (await (await caches.open(precache)).keys()).map((request) => new URL(request.url).pathname)
      : [];
    return { names, paths };
  });
}

/** The files of a build that the worker precaches (source maps aside). */
function buildFiles(folder: string): string[] {
  return [
    '/index.html',
    ...readdirSync(join(folder, 'assets'))
      .filter((name) => !name.endsWith('.map'))
      .map((name) => `/assets/${name}`),
  ];
}

describe('the service worker', () => {
  let browser: Browser;
  let web: WebServer;

  beforeAll(async () => {
    ensureWebBuild();
    web = await startWebServer(DIST);
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  it('serves the app offline after one visit, the sample, the editor and the Word export included', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-GB' });
    try {
      const { page, errors } = await openPage(context);
      await page.goto(web.url);
      await page.getByRole('heading', { name: 'SOA Studio', level: 1 }).waitFor();
      await untilControlled(page, buildFiles(DIST));

      await context.setOffline(true);
      await page.reload();
      await page.getByRole('heading', { name: 'SOA Studio', level: 1 }).waitFor({ timeout: 10_000 });
      // Never used online: each comes from the cache.
      await page.getByRole('button', { name: 'Open the sample SOA' }).click();
      await page.getByRole('heading', { name: 'Progress and what is missing', level: 1 }).waitFor({ timeout: 60_000 });
      await page.locator('.outline a[href^="#/outcome/"]').first().click();
      await page.locator('.main-pane [contenteditable="true"]').first().waitFor({ timeout: 20_000 });
      const download = page.waitForEvent('download', { timeout: 60_000 });
      await page.getByRole('button', { name: 'Export to Word' }).click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(/\.docx$/);
      const bytes = readFileSync((await file.path()) as string);
      expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
      expect(bytes.length).toBeGreaterThan(20_000);
      await page
        .locator('#export-status')
        .getByText(/^Downloaded /)
        .waitFor();
      await screenshot(page, '60-offline-export');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('replaces an old build revision in the cache once no page of it is open', async () => {
    const revisionB = tempDir('soa-web-revision-b-');
    try {
      execFileSync(process.execPath, [join(ROOT, 'tests/e2e/buildWebVariant.mjs'), revisionB, '--revision', 'B'], {
        cwd: ROOT,
        stdio: 'inherit',
      });
      const filesA = buildFiles(DIST);
      const filesB = buildFiles(revisionB);
      const onlyA = filesA.filter((file) => !filesB.includes(file));
      expect(onlyA.length).toBeGreaterThan(3);

      web.serveFrom(DIST);
      const context = await browser.newContext({ locale: 'en-GB' });
      try {
        const first = await openPage(context);
        await first.page.goto(web.url);
        await untilControlled(first.page, filesA);
        // The hand-written worker's cache, as an officer's browser may still hold it.
        await first.page.evaluate(async () =>
          (await caches.open('soa-studio-shell-v1')).put('./assets/index-OLD.js', new Response('old')),
        );

        // Revision B is deployed. The open page of A keeps A: B installs and waits.
        web.serveFrom(revisionB);
        await first.page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
        await expect
          .poll(async () => registrationState(first.page), { timeout: 60_000 })
          .toMatchObject({ waiting: true, installing: false });
        expect((await cached(first.page)).names).toContain('soa-studio-shell-v1');
        const stillA = await first.page.evaluate(
          () => (document.querySelector('script[type="module"]') as HTMLScriptElement).src,
        );
        expect(filesA.filter((file) => !filesB.includes(file))).toContain(new URL(stillA).pathname);
        await first.page.close();

        // With A's last page closed, B takes over; the next visit is B, and A's files are gone.
        await untilNoneWaiting(context);
        const second = await openPage(context);
        await second.page.goto(web.url);
        await second.page.getByRole('heading', { name: 'SOA Studio', level: 1 }).waitFor();
        expect(await registrationState(second.page)).toMatchObject({ active: true, waiting: false, controlled: true });
        await expect
          .poll(async () => (await cached(second.page)).paths.sort(), { timeout: 20_000 })
          .toEqual(filesB.sort());
        const { names } = await cached(second.page);
        expect(names).not.toContain('soa-studio-shell-v1');
        expect(names.filter((name) => name.startsWith('workbox-precache'))).toHaveLength(1);
        // And B works offline.
        await context.setOffline(true);
        await second.page.reload();
        await second.page.getByRole('heading', { name: 'SOA Studio', level: 1 }).waitFor({ timeout: 10_000 });
        const page = await second.page.evaluate(
          () => (document.querySelector('script[type="module"]') as HTMLScriptElement).src,
        );
        expect(filesB).toContain(new URL(page).pathname);
        expect(first.errors).toEqual([]);
        expect(second.errors).toEqual([]);
      } finally {
        await context.close();
      }
    } finally {
      removeTempDir(revisionB);
    }
  }, 180_000);
});
