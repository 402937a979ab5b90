/**
 * A local SOA, with no relay: create it, edit it (narrative rich text, an outcome with an indicator), reload,
 * and everything is still there, read back from IndexedDB. Also checks axe-core on the main screens and
 * keeps screenshots of them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  axeViolations,
  ensureWebBuild,
  launchBrowser,
  newPage,
  screenshot,
  startStaticServer,
  type StaticServer,
} from './harness';

let server: StaticServer;

/**
 * Holds the frame's IndexedDB store busy with a long read-write transaction of its own (as a slow disk
 * would), so the app's next writes to it wait behind it and are not on disk for `ms`.
 */
async function holdFrameStoreBusy(page: Page, ms: number): Promise<void> {
  await page.evaluate(async (holdMs) => {
    const name = (await indexedDB.databases())
      .map((db) => db.name ?? '')
      .find((candidate) => candidate.endsWith('/frame'));
    if (!name) throw new Error('no frame store');
    await new Promise<void>((resolve) => {
      const open = indexedDB.open(name);
      open.onsuccess = () => {
        const tx = open.result.transaction(['updates'], 'readwrite');
        const store = tx.objectStore('updates');
        const until = performance.now() + holdMs;
        const spin = () => {
          if (performance.now() < until) store.count().onsuccess = spin;
        };
        spin();
        tx.oncomplete = () => open.result.close();
        resolve();
      };
    });
  }, ms);
}
let browser: Browser;

beforeAll(async () => {
  ensureWebBuild();
  server = await startStaticServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a local SOA', () => {
  it('is created, edited, and still there after a reload', async () => {
    const { page, errors, context } = await newPage(browser);
    await page.goto(server.url);
    await expect(page.getByRole('heading', { name: 'SOA Studio', level: 1 }).isVisible()).resolves.toBe(true);
    await screenshot(page, '01-welcome');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Council area').fill('Glenmore');
    await page.getByRole('button', { name: 'Create SOA' }).click();
    await page.getByRole('heading', { name: 'Progress and what is missing', level: 1 }).waitFor();
    await expect(page.locator('.who').innerText()).resolves.toContain('On this computer only');
    await screenshot(page, '02-dashboard-new');

    // Narrative: rich text with a heading, bold and a list.
    await page.getByRole('link', { name: /Our place/ }).click();
    await page.getByRole('heading', { name: 'Our place', level: 1 }).waitFor();
    const editor = page.getByRole('textbox', { name: 'Our place' });
    await editor.click();
    await page.keyboard.type('Glenmore is a rural area of 20,000 people.');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Bulleted list' }).click();
    await page.keyboard.type('Ageing population');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Long travel times');
    await expect(editor.locator('ul li').count()).resolves.toBe(2);

    // An outcome with an indicator from the catalogue.
    await page.getByRole('button', { name: '+ Add a local outcome' }).click();
    await page.getByRole('heading', { name: /^Outcome 1:/, level: 1 }).waitFor();
    const title = page.getByLabel('Title of the local outcome');
    await title.fill('Older people live independently at home');
    await title.press('Enter');
    // A 2013-2023 SOA picks from the catalogue of its day, named as the export names it.
    await page.getByLabel('Add an indicator from the Menu of Local Outcome Indicators').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Add from catalogue' }).click();
    await page.locator('.indicator-table tbody tr').first().waitFor();
    // The targets are headed by the SOA's own years and the indicator's source named as in 2013, as the export does.
    await expect(page.locator('.indicator-table thead').innerText()).resolves.toMatch(/2013\/14\s+\(year 1\)/);
    await expect(page.locator('.indicator-table tbody tr').first().innerText()).resolves.toContain(
      'Menu of Local Outcome Indicators',
    );
    const baseline = page.getByLabel(/^Baseline value of /).first();
    await baseline.fill('42.5');
    await baseline.press('Enter');
    await page.getByRole('heading', { name: 'Outcome 1: Older people live independently at home', level: 1 }).waitFor();
    await screenshot(page, '03-outcome-local');
    expect(await axeViolations(page)).toEqual([]);

    // Let IndexedDB settle, then reload.
    await page.waitForFunction(() => document.querySelector('.sync-text')?.textContent === 'Saved on this computer');
    await page.reload();
    await page.getByRole('heading', { name: 'Outcome 1: Older people live independently at home', level: 1 }).waitFor();
    await expect(
      page
        .getByLabel(/^Baseline value of /)
        .first()
        .inputValue(),
    ).resolves.toBe('42.5');
    await page.getByRole('link', { name: /Our place/ }).click();
    const again = page.getByRole('textbox', { name: 'Our place' });
    await again.waitFor();
    await expect(again.innerText()).resolves.toContain('Glenmore is a rural area of 20,000 people.');
    await expect(again.locator('ul li').count()).resolves.toBe(2);
    await screenshot(page, '04-narrative-local');
    expect(await axeViolations(page)).toEqual([]);

    // Keyboard only: tab to an outline entry, follow it with Enter, and focus lands on the new page's heading.
    await page.locator('.skip-link').focus();
    let presses = 0;
    while (
      !(await page.evaluate(() => document.activeElement?.textContent ?? '')).includes(
        'Progress and what is missing',
      ) &&
      presses < 8
    ) {
      await page.keyboard.press('Tab');
      presses += 1;
    }
    expect(presses).toBeLessThan(8);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Progress and what is missing', level: 1 }).waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'main-heading');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps what was typed when the page reloads before IndexedDB has written it', async () => {
    const { page, errors, context } = await newPage(browser);
    await page.goto(server.url);
    await page.getByLabel('Council area').fill('Kinross Vale');
    await page.getByRole('button', { name: 'Create SOA' }).click();
    await page.getByRole('link', { name: /Our vision/ }).click();
    const editor = page.getByRole('textbox', { name: 'Our vision' });
    await editor.click();
    await page.waitForFunction(() => document.querySelector('.sync-text')?.textContent === 'Saved on this computer');
    // A slow disk: the keystrokes' writes wait, and the reload comes before they are made.
    await holdFrameStoreBusy(page, 10_000);
    await page.keyboard.type('Every child has the best start.');
    await page.waitForFunction(() => document.querySelector('.sync-text')?.textContent === 'Saving on this computer…');
    await page.reload();

    await page.getByRole('link', { name: /Our vision/ }).click();
    const again = page.getByRole('textbox', { name: 'Our vision' });
    await again.waitFor();
    await expect(again.innerText()).resolves.toContain('Every child has the best start.');
    // Stored properly now: the journal has handed it to IndexedDB, and a second reload still has it.
    await page.waitForFunction(() => document.querySelector('.sync-text')?.textContent === 'Saved on this computer');
    await page.reload();
    await page.getByRole('link', { name: /Our vision/ }).click();
    await expect(page.getByRole('textbox', { name: 'Our vision' }).innerText()).resolves.toContain(
      'Every child has the best start.',
    );
    await expect(
      page.evaluate(() => Object.keys(localStorage).filter((key) => key.endsWith(':unsaved'))),
    ).resolves.toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('warns before closing while a change is not yet safe on this computer', async () => {
    const { page, context } = await newPage(browser);
    await page.goto(server.url);
    await page.getByLabel('Council area').fill('Strathmore');
    await page.getByRole('button', { name: 'Create SOA' }).click();
    await page.getByRole('link', { name: /Our vision/ }).click();
    const editor = page.getByRole('textbox', { name: 'Our vision' });
    await editor.click();
    await page.waitForFunction(() => document.querySelector('.sync-text')?.textContent === 'Saved on this computer');
    // Hold the frame's store busy, so the next edit cannot reach the disk yet.
    await holdFrameStoreBusy(page, 4_000);
    await page.keyboard.type('A vision.');
    await page.waitForFunction(() => document.querySelector('.sync-text')?.textContent === 'Saving on this computer…');
    const dialog = new Promise<string>((resolve) => {
      page.removeAllListeners('dialog');
      page.once('dialog', (shown) => {
        resolve(shown.type());
        void shown.dismiss();
      });
    });
    await page.close({ runBeforeUnload: true });
    await expect(dialog).resolves.toBe('beforeunload');
    await context.close().catch(() => undefined);
  });
});
