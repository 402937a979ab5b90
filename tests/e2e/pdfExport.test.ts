/**
 * "Export PDF" in Chromium against a real relay (issue 14): where the relay has LibreOffice the button shows
 * progress while it works and downloads the SOA's PDF; offline, and where the relay has no LibreOffice, it says
 * so in words and downloads nothing.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startRelayProcess, type RelayProcess } from '../support/relayProcess';
import { type DemoMember, relayCli } from '../support/relayCli';
import { ensureWebBuild, launchBrowser, newPage, screenshot, tempDir } from './harness';

let browser: Browser;
const relays: RelayProcess[] = [];
let dir = '';
let members: DemoMember[] = [];

async function joinAs(relay: RelayProcess, member: DemoMember): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await newPage(browser);
  await page.goto(`${relay.url}/`);
  await page.getByLabel('Invite token').fill(member.token);
  await page.getByRole('button', { name: 'Join' }).click();
  await page.locator('h1.page-title').waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => document.querySelector('.sync-text')?.textContent === 'Up to date', undefined, {
    timeout: 30_000,
  });
  return { page, errors };
}

const status = (page: Page) => page.locator('#pdf-status');

beforeAll(async () => {
  ensureWebBuild();
  dir = tempDir('soa-e2e-pdf-');
  ({ members } = relayCli(['demo', '--db', join(dir, 'relay.sqlite')]) as { members: DemoMember[] });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  for (const relay of relays) await relay.stop();
});

describe('Export PDF', () => {
  it('shows progress while the relay\u2019s LibreOffice works, then downloads the PDF', async () => {
    const relay = await startRelayProcess(join(dir, 'relay.sqlite'));
    relays.push(relay);
    const { page, errors } = await joinAs(relay, members.find((member) => member.role === 'partner')!);
    const button = page.getByRole('button', { name: 'Export PDF' });
    const download = page.waitForEvent('download', { timeout: 300_000 });
    await button.click();
    await expect.poll(() => status(page).textContent(), { timeout: 30_000 }).toMatch(/making the PDF with LibreOffice/);
    await expect(page.getByRole('progressbar', { name: 'PDF progress' }).isVisible()).resolves.toBe(true);
    // Still focused and announced as unavailable while it works, so a second press does nothing.
    await expect(button.getAttribute('aria-disabled')).resolves.toBe('true');
    await screenshot(page, 'pdf-export-in-progress');
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/ SOA 2013-2023 \(.+\)\.pdf$/);
    const saved = join(dir, 'downloaded.pdf');
    await file.saveAs(saved);
    expect(readFileSync(saved).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [saved], { encoding: 'utf8' }))?.[1]);
    expect(pages).toBeGreaterThan(50);
    await expect.poll(() => status(page).textContent(), { timeout: 30_000 }).toMatch(/^Downloaded .+\.pdf\./);
    await screenshot(page, 'pdf-export-done');

    // Offline: said in words, nothing downloaded.
    await page.context().setOffline(true);
    let downloaded = false;
    page.on('download', () => (downloaded = true));
    await button.click();
    await expect
      .poll(() => status(page).textContent(), { timeout: 30_000 })
      .toMatch(/No PDF was made\. You are offline/);
    await screenshot(page, 'pdf-export-offline');
    expect(downloaded).toBe(false);
    await page.context().setOffline(false);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 400_000);

  it('says plainly that the relay cannot make PDFs where it has no LibreOffice', async () => {
    await relays[0]?.stop();
    const relay = await startRelayProcess(join(dir, 'relay.sqlite'), [], {
      PATH: join(dir, 'no-programs-here'),
      SOA_LIBREOFFICE: '',
    });
    relays.push(relay);
    const { page, errors } = await joinAs(relay, members.find((member) => member.role === 'coordinator')!);
    let downloaded = false;
    page.on('download', () => (downloaded = true));
    await page.getByRole('button', { name: 'Export PDF' }).click();
    await expect
      .poll(() => status(page).textContent(), { timeout: 30_000 })
      .toMatch(
        /No PDF was made\. This relay cannot make PDFs: LibreOffice is not installed on it\. Export to Word instead/,
      );
    await screenshot(page, 'pdf-export-no-libreoffice');
    expect(downloaded).toBe(false);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);
});
