/**
 * A damaged local store in the browser: bad bytes in the IndexedDB copy of a room (y-indexeddb's `updates`
 * store: auto-increment keys, one Yjs update per row). The web app, served by a real relay and running in
 * headless Chromium, must salvage the copy from the store itself: apply every readable row, set aside only
 * the damaged ones (kept byte for byte in a quarantine store, and offered as a file for support), rebuild
 * the store, send what the relay lacks, never loop and never show an empty SOA as if it were real. An
 * unrelated error in the page never condemns a healthy copy.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ensureWebBuild, launchBrowser, newPage, screenshot } from '../e2e/harness';
import { createWorld, type NetWorld } from './fixture';
import { relayUnavailableReason } from '../support/relayProcess';
import { createRng, seedFromEnv } from '../support/random';

const seed = seedFromEnv();
const reason =
  relayUnavailableReason() ??
  (existsSync('/usr/bin/chromium') ? null : 'Chromium is not installed at /usr/bin/chromium');
if (reason) console.log(`[corruptLocalStore] not run: ${reason}`);

/** Records, in the page, whether a local-store problem or notice was ever shown and how often the page loaded. */
const WATCH = `
  sessionStorage.setItem('soaLoads', String(Number(sessionStorage.getItem('soaLoads') ?? '0') + 1));
  window.__sawLocalStoreProblem = false;
  new MutationObserver(() => {
    if (document.querySelector('[data-problem^="local-store"]')) window.__sawLocalStoreProblem = true;
  }).observe(document, { subtree: true, childList: true });
`;

/** Unrelated failures while the SOA loads: an unhandled rejection and a window error, every 20 ms for 3 s. */
const UNRELATED_ERRORS = `
  const started = Date.now();
  const noise = setInterval(() => {
    if (Date.now() - started > 3000) return clearInterval(noise);
    Promise.reject(new Error('unrelated failure'));
    setTimeout(() => { throw new Error('unrelated window error'); }, 0);
  }, 20);
`;

async function storeNames(page: Page): Promise<string[]> {
  return page.evaluate(async () =>
    (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('soa-studio:')),
  );
}

/** Runs one request on object store `store` of database `name` in the page, and returns its result. */
async function onStore<T>(
  page: Page,
  name: string,
  store: string,
  mode: 'readonly' | 'readwrite',
  action: string,
  arg: unknown = null,
): Promise<T> {
  return page.evaluate(
    ({ name, store, mode, action, arg }) =>
      new Promise<T>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction([store], mode);
          const objects = tx.objectStore(store);
          const input = arg as { key?: number; bytes?: number[] } | null;
          let request: IDBRequest;
          if (action === 'add') request = objects.add(new Uint8Array(input?.bytes ?? []));
          else if (action === 'put') request = objects.put(new Uint8Array(input?.bytes ?? []), input?.key);
          else if (action === 'keys') request = objects.getAllKeys();
          else request = objects.getAll();
          tx.oncomplete = () => {
            db.close();
            const result = request.result as unknown;
            resolve(
              (action === 'all'
                ? (result as unknown[]).map((row) =>
                    row instanceof Uint8Array
                      ? Array.from(row)
                      : (row as { bytes?: Uint8Array }).bytes
                        ? Array.from((row as { bytes: Uint8Array }).bytes)
                        : row,
                  )
                : result) as T,
            );
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { name, store, mode, action, arg },
  );
}

const same = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((byte, index) => byte === b[index]);

async function storeHolds(page: Page, name: string, bytes: number[]): Promise<boolean> {
  return (await onStore<number[][]>(page, name, 'updates', 'readonly', 'all')).some((row) => same(row, bytes));
}

async function quarantineHolds(page: Page, bytes: number[]): Promise<boolean> {
  return (await onStore<number[][]>(page, 'soa-studio-quarantine', 'rows', 'readonly', 'all')).some((row) =>
    same(row, bytes),
  );
}

const syncText = (page: Page): Promise<string> => page.locator('.sync-text').innerText();
const upToDate = (page: Page) =>
  page.waitForFunction(() => document.querySelector('.sync-text')?.textContent === 'Up to date', undefined, {
    timeout: 30_000,
  });
const sawProblem = (page: Page) =>
  page.evaluate(() => (window as unknown as { __sawLocalStoreProblem: boolean }).__sawLocalStoreProblem);

describe('damaged local store in the browser', () => {
  let world: NetWorld | null = null;
  let browser: Browser | null = null;
  afterAll(async () => {
    await browser?.close();
    await world?.dispose();
  });

  it.runIf(!reason)(
    'salvages a damaged copy, sends the unsent edits after the damage, keeps the damaged row, and ignores unrelated errors',
    async () => {
      ensureWebBuild();
      world = await createWorld();
      const w = world;
      browser = await launchBrowser();
      const { context, page, errors } = await newPage(browser);
      await page.goto(`${w.relay.url}/`);
      await page.getByLabel('Invite token').fill(w.demo.coordinatorToken);
      await page.getByRole('button', { name: 'Join' }).click();
      await page.locator('h1.page-title').waitFor({ timeout: 30_000 });
      await upToDate(page);
      const url = page.url();
      const frameStore = (await storeNames(page)).find((n) => n.endsWith(w.demo.frameRoom));
      expect(frameStore, 'the frame room has an IndexedDB copy').toBeDefined();
      const store = frameStore as string;
      const rng = createRng(seed);
      const badBytes = () => [0xff, 0xff, 0xff, 0xff, 0x0f, ...Array.from({ length: 59 }, () => rng.int(0, 255))];
      console.log(`[corruptLocalStore] seed=${seed}; frame store ${store}`);

      // 1. Unrelated errors during a slow load never condemn a healthy copy.
      await page.addInitScript(WATCH);
      await page.addInitScript(UNRELATED_ERRORS);
      await page.reload();
      await upToDate(page);
      await page.waitForTimeout(3_500);
      expect(await sawProblem(page)).toBe(false);
      expect(errors.filter((error) => !/unrelated/.test(error))).toEqual([]);
      errors.length = 0;

      // 2. Edit A, online and acknowledged, then a new session (a new Yjs client) that goes offline and
      //    writes edit B. Then the last row holding A is damaged: B comes after it in the store.
      await page.getByRole('button', { name: '+ Add a local outcome' }).click();
      await page.getByLabel('Title of the local outcome').waitFor();
      await upToDate(page);
      await page.waitForTimeout(500);
      const keysAfterA = await onStore<number[]>(page, store, 'updates', 'readonly', 'keys');
      const damagedKey = Math.max(...keysAfterA);
      await page.goto(`${url.split('#')[0]}#/narrative/foreword`);
      await page.reload();
      await upToDate(page);
      await context.setOffline(true);
      await page.waitForFunction(
        () => document.querySelector('.sync')?.getAttribute('data-sync-link') === 'offline',
        undefined,
        { timeout: 20_000 },
      );
      const editor = page.getByRole('textbox', { name: 'Foreword and summary' });
      await editor.click();
      await page.keyboard.press('Control+End');
      const unsent = ' Written offline after the damaged row.';
      await page.keyboard.type(unsent);
      await page.waitForFunction(() => Number(document.querySelector('.sync')?.getAttribute('data-pending')) > 0);
      await page.waitForFunction(() => !document.querySelector('.sync-text')?.textContent?.includes('Saving'));
      await page.waitForTimeout(500);
      const keysAfterB = await onStore<number[]>(page, store, 'updates', 'readonly', 'keys');
      expect(keysAfterB.includes(damagedKey), 'the row holding edit A is still its own row').toBe(true);
      expect(keysAfterB.filter((key) => key > damagedKey).length, 'rows after the damaged one').toBeGreaterThan(0);
      const bad = badBytes();
      await onStore(page, store, 'updates', 'readwrite', 'put', { key: damagedKey, bytes: bad });

      // Reload while still offline: salvaged from this computer alone, B is there, unsent and counted.
      const t0 = Date.now();
      await page.reload();
      const notice = page.locator('[data-problem="local-store-salvaged"]');
      await notice.waitFor({ timeout: 60_000 });
      console.log(`[corruptLocalStore] salvaged ${Date.now() - t0} ms after loading`);
      await expect(notice.innerText()).resolves.toContain('1 stored change could not be read and was set aside');
      await expect(page.getByRole('textbox', { name: 'Foreword and summary' }).innerText()).resolves.toContain(
        unsent.trim(),
      );
      expect(await syncText(page)).toBe('Offline · Unsent: edits in 1 section');
      expect(await storeHolds(page, store, bad)).toBe(false);
      expect(await quarantineHolds(page, bad)).toBe(true);
      await screenshot(page, 'net-corrupt-store-salvaged');

      // The damaged copy as a file for support: the damaged row, byte for byte.
      const download = page.waitForEvent('download');
      await notice.getByRole('button', { name: 'Save the damaged copy to a file' }).click();
      const file = await (await download).path();
      const saved = JSON.parse(readFileSync(file, 'utf8')) as {
        format: string;
        rows: Array<{ room: string; bytesBase64: string }>;
      };
      expect(saved.format).toBe('soa-studio-damaged-copy');
      expect(
        saved.rows.some(
          (row) => row.room === w.demo.frameRoom && same(Array.from(Buffer.from(row.bytesBase64, 'base64')), bad),
        ),
      ).toBe(true);
      await notice.getByRole('status').waitFor();

      // Back online: B reaches the relay (acknowledged), and a fresh member's browser sees it.
      await context.setOffline(false);
      await upToDate(page);
      expect(await page.locator('.sync').getAttribute('data-pending')).toBe('0');
      const other = await newPage(browser);
      await other.page.goto(`${w.relay.url}/`);
      await other.page.getByLabel('Invite token').fill(w.demo.coordinatorToken);
      await other.page.getByRole('button', { name: 'Join' }).click();
      await upToDate(other.page);
      await other.page.goto(`${w.relay.url}/#/narrative/foreword`);
      await expect(other.page.getByRole('textbox', { name: 'Foreword and summary' }).innerText()).resolves.toContain(
        unsent.trim(),
      );
      await other.context.close();

      // The rebuilt copy reads cleanly: a reload shows the SOA and reports nothing, loaded once.
      await page.evaluate(() => sessionStorage.setItem('soaLoads', '0'));
      await page.reload();
      await upToDate(page);
      await page.waitForTimeout(1_000);
      expect(await sawProblem(page)).toBe(false);
      expect(await page.evaluate(() => sessionStorage.getItem('soaLoads'))).toBe('1');
      console.log(
        `[corruptLocalStore] page errors (y-indexeddb rejects its own load promise unhandled): ${JSON.stringify(errors.filter((error) => !/unrelated/.test(error)))}`,
      );

      // 3. The relay unreachable and every stored row of the frame damaged: nothing real can be shown yet, and
      //    the app says so rather than presenting an empty SOA as the partnership's.
      await w.relay.stop();
      const keys = await onStore<number[]>(page, store, 'updates', 'readonly', 'keys');
      const firstBad = badBytes();
      for (const [index, key] of keys.entries())
        await onStore(page, store, 'updates', 'readwrite', 'put', { key, bytes: index === 0 ? firstBad : badBytes() });
      await page.evaluate(() => sessionStorage.setItem('soaLoads', '0'));
      await page.goto(url);
      await page.waitForFunction(
        () => (window as unknown as { __sawLocalStoreProblem: boolean }).__sawLocalStoreProblem,
        undefined,
        { timeout: 60_000 },
      );
      await page.waitForTimeout(1_000);
      await screenshot(page, 'net-corrupt-store-offline');
      await expect(page.locator('[data-problem="local-store-salvaged"]').innerText()).resolves.toContain('set aside');
      expect(await quarantineHolds(page, firstBad)).toBe(true);
      expect(await page.locator('main h1, h1.page-title').first().innerText()).toMatch(
        /fetching|could not|cannot|not available/i,
      );
      expect(await page.locator('.soa-title').innerText()).not.toMatch(/untitled/i);
      expect(await page.locator('.outline, nav[aria-label*="utline"]').count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Export to Word' }).isDisabled()).toBe(true);
      expect(await page.evaluate(() => sessionStorage.getItem('soaLoads'))).toBe('1');
    },
    240_000,
  );
});
