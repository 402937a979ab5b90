/**
 * Issue 12, the damaged local copy: edits made in the same session just after the damaged row. Yjs numbers
 * one session's edits in sequence, so when one stored row cannot be read, every later edit of that session
 * waits for the missing piece. In headless Chromium with a real relay:
 * - offline, the salvaged copy shows those waiting edits at once, and counts them as unsent;
 * - when the relay holds the missing piece (it had acknowledged it), they take their place as it arrives;
 * - when nobody holds it (it was written offline), they take their place once the relay has answered, and
 *   reach the relay: the unsent count returns to 0 rather than waiting for good.
 */
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ensureWebBuild, launchBrowser, newPage, screenshot } from '../e2e/harness';
import { createWorld, type NetWorld } from './fixture';
import { relayUnavailableReason } from '../support/relayProcess';
import { onStore, storeNames } from './pageStore';

const reason =
  relayUnavailableReason() ??
  (existsSync('/usr/bin/chromium') ? null : 'Chromium is not installed at /usr/bin/chromium');
if (reason) console.log(`[salvageSameSession] not run: ${reason}`);

const BAD = [0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3, 4, 5, 6, 7, 8];
const upToDate = (page: Page) =>
  page.waitForFunction(() => document.querySelector('.sync-text')?.textContent === 'Up to date', undefined, {
    timeout: 30_000,
  });
const foreword = (page: Page) => page.getByRole('textbox', { name: 'Foreword and summary' });
const notice = (page: Page) => page.locator('[data-problem="local-store-salvaged"]');
const waiting = (page: Page) => page.locator('[data-problem="local-store-waiting"]');

async function goOffline(context: BrowserContext, page: Page): Promise<void> {
  await context.setOffline(true);
  await page.waitForFunction(
    () => document.querySelector('.sync')?.getAttribute('data-sync-link') === 'offline',
    undefined,
    { timeout: 20_000 },
  );
}

/** Types at the end of the foreword, and waits until every keystroke is on disk. */
async function typeAtEnd(page: Page, text: string): Promise<void> {
  await foreword(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text);
  await page.waitForFunction(() => !document.querySelector('.sync-text')?.textContent?.includes('Saving'));
  await page.waitForTimeout(400);
}

async function keys(page: Page, store: string): Promise<number[]> {
  return onStore<number[]>(page, store, 'updates', 'readonly', 'keys');
}

describe('edits made in the same session after a damaged row', () => {
  let world: NetWorld | null = null;
  let browser: Browser | null = null;
  afterAll(async () => {
    await browser?.close();
    await world?.dispose();
  });

  it.runIf(!reason)(
    'show at once offline, take their place from the relay, or without it when nobody has the missing piece',
    async () => {
      ensureWebBuild();
      world = await createWorld();
      const w = world;
      browser = await launchBrowser();
      const { context, page, errors } = await newPage(browser);
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.goto(`${w.relay.url}/`);
      await page.getByLabel('Invite token').fill(w.demo.coordinatorToken);
      await page.getByRole('button', { name: 'Join' }).click();
      await upToDate(page);
      await page.goto(`${w.relay.url}/#/narrative/foreword`);
      await foreword(page).waitFor();
      const store = (await storeNames(page)).find((name) => name.endsWith(w.demo.frameRoom)) as string;
      expect(store).toBeDefined();

      // 1. Edit A online (acknowledged), then, in the same session, edit B offline. A's last row is damaged.
      await typeAtEnd(page, ' Edit A went to the relay.');
      await upToDate(page);
      const lastOfA = Math.max(...(await keys(page, store)));
      await goOffline(context, page);
      await typeAtEnd(page, ' Edit B stayed here.');
      expect(
        (await keys(page, store)).filter((key) => key > lastOfA).length,
        'B is stored after the damaged row',
      ).toBeGreaterThan(0);
      await onStore(page, store, 'updates', 'readwrite', 'put', { key: lastOfA, bytes: BAD });
      await page.reload();
      await notice(page).waitFor({ timeout: 60_000 });
      // Offline, B shows at once (it is waiting for the piece before it), and counts as unsent.
      await expect(waiting(page).innerText()).resolves.toContain('“Edit B stayed here.”');
      await expect(page.locator('.sync-text').innerText()).resolves.toBe('Offline · Unsent: edits in 1 section');
      await screenshot(page, 'net-salvage-same-session-offline');
      // Back online, the relay sends the missing piece: A is whole, B is in its place after it, both sent.
      await context.setOffline(false);
      await upToDate(page);
      await expect
        .poll(() => foreword(page).innerText(), { timeout: 20_000 })
        .toContain('Edit A went to the relay. Edit B stayed here.');
      await expect(waiting(page).count()).resolves.toBe(0);

      // 2. Edits C and D both written offline; C's last row is damaged, so nobody has the piece D waits for.
      await goOffline(context, page);
      await typeAtEnd(page, ' Edit C was lost.');
      const lastOfC = Math.max(...(await keys(page, store)));
      await typeAtEnd(page, ' Edit D is kept.');
      await onStore(page, store, 'updates', 'readwrite', 'put', { key: lastOfC, bytes: BAD });
      await page.reload();
      await notice(page).waitFor({ timeout: 60_000 });
      await expect(waiting(page).innerText()).resolves.toContain('“Edit D is kept.”');
      await context.setOffline(false);
      // The relay answers without the missing piece: D takes its place and is sent; nothing stays unsent.
      await upToDate(page);
      await expect.poll(() => foreword(page).innerText(), { timeout: 20_000 }).toContain('Edit D is kept.');
      await expect(waiting(page).count()).resolves.toBe(0);
      await screenshot(page, 'net-salvage-same-session-placed');

      // Another member sees A, B and D.
      const other = await newPage(browser);
      await other.page.goto(`${w.relay.url}/`);
      await other.page.getByLabel('Invite token').fill(w.demo.coordinatorToken);
      await other.page.getByRole('button', { name: 'Join' }).click();
      await upToDate(other.page);
      await other.page.goto(`${w.relay.url}/#/narrative/foreword`);
      const seen = await foreword(other.page).innerText();
      expect(seen).toContain('Edit A went to the relay. Edit B stayed here.');
      expect(seen).toContain('Edit D is kept.');
      await other.context.close();
      // y-indexeddb rejects its own load promise, unhandled, when a row cannot be decoded: that is the damage itself.
      expect(errors.filter((error) => error !== 'Unexpected end of array')).toEqual([]);
    },
    240_000,
  );
});
