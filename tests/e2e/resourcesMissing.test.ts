/**
 * Issue 12 and 14 in Chromium: a partner's total resources left blank print "Not stated" in the export, so the
 * dashboard and the partner's home list them as missing, in the same words, and the item takes the officer to
 * the fields; once the amount, year and basis are stated the item is gone from both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ensureWebBuild, launchBrowser, newPage, screenshot, startStaticServer, type StaticServer } from './harness';

let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  ensureWebBuild();
  server = await startStaticServer();
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const MISSING =
  'Glenmore Council does not state the amount, year or basis of its total resources in Glenmore (the document prints "Not stated").';

describe('total resources left blank', () => {
  it('are listed as missing on the dashboard and the partner\u2019s home until they are stated', async () => {
    const { page, errors, context } = await newPage(browser);
    await page.goto(server.url);
    await page.getByLabel('Council area').fill('Glenmore');
    await page.getByRole('button', { name: 'Create SOA' }).click();
    await page.getByRole('heading', { name: 'Progress and what is missing', level: 1 }).waitFor();

    const onDashboard = page.getByRole('button', { name: MISSING, exact: true });
    await onDashboard.waitFor();
    await screenshot(page, 'resources-missing-dashboard');
    await onDashboard.click();
    // The item takes the officer to the partner's total resources, with focus there.
    await page.getByRole('heading', { name: 'Glenmore Council', level: 1 }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('partner-total-resources');
    await page.getByRole('button', { name: MISSING, exact: true }).waitFor();

    await page.getByLabel('Total resources of Glenmore Council in Glenmore (£)').fill('182400000');
    await page.getByLabel('Financial year of the total').fill('2013/14');
    await page
      .getByRole('button', {
        name: 'Glenmore Council does not state the basis of its total resources in Glenmore (the document prints "Not stated").',
        exact: true,
      })
      .waitFor();
    await page.getByLabel('Basis of the total').fill('Net revenue budget for services in Glenmore');
    await page.getByRole('button', { name: /of its total resources in Glenmore/ }).waitFor({ state: 'detached' });

    await page
      .locator('.outline')
      .getByRole('link', { name: /Progress and what is missing/ })
      .click();
    await page.getByRole('heading', { name: 'Progress and what is missing', level: 1 }).waitFor();
    await expect(page.getByRole('button', { name: /of its total resources in Glenmore/ }).count()).resolves.toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
