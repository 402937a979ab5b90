/**
 * Issue 12, "the status bar tells the truth", for the relay's refusals, in Chromium against a real relay:
 * - the relay cannot store a change (its database is locked by another process, so the write fails and it
 *   closes with 4503): the bar says so in plain words, in the section concerned, that the change is safe and
 *   that the app tries again by itself; once the database is free again it does, and the bar is up to date;
 * - a paste larger than the relay accepts (closed with 1009 by the websocket layer): the app stops sending
 *   that section rather than sending it again and again, and says what to do; Undo, then "Reload SOA
 *   Studio", sends what is left (undo alone keeps the pasted text for redo, so it would still be too large).
 */
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { DemoMember } from '../support/relayCli';
import { screenshot } from './harness';
import { demoOnRelayPerFile } from './demoOnRelay';

const session = demoOnRelayPerFile('soa-e2e-refusals-');

let db = '';
let coordinator: DemoMember;

async function upToDate(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForFunction(() => document.querySelector('.sync-text')?.textContent === 'Up to date', undefined, {
    timeout,
  });
}

beforeAll(() => {
  db = session.db;
  coordinator = session.member('coordinator');
});

describe('the relay refuses a change', () => {
  it('because it cannot store it: plain words where the change is, nothing lost, and it is sent once the relay can store again', async () => {
    const { page, errors } = await session.joinAs(coordinator, { viewport: { width: 1366, height: 768 } });
    await page.goto(`${session.relay.url}/#/narrative/foreword`);
    const editor = page.getByRole('textbox', { name: 'Foreword and summary' });
    await editor.waitFor();
    // Another process holds the relay's database: the relay's write waits, then fails.
    const lock = new Database(db);
    lock.exec('BEGIN EXCLUSIVE');
    try {
      await editor.click();
      await page.keyboard.press('Control+End');
      await page.keyboard.type(' Written while the relay could not store it.');
      const problem = page.locator('[data-problem="storage"]');
      await problem.waitFor({ timeout: 30_000 });
      await expect(problem.innerText()).resolves.toBe(
        'The shared sections: The relay had a problem saving or loading changes. Yours are safe on this computer, and SOA Studio tries again by itself. If this lasts more than an hour, tell your relay administrator.',
      );
      await expect(page.locator('.sync-text').innerText()).resolves.toMatch(/Unsent: edits in 1 section$/);
      await screenshot(page, '70-relay-refused-storage');
    } finally {
      lock.exec('ROLLBACK');
      lock.close();
    }
    await upToDate(page, 60_000);
    await expect(page.locator('[data-problem="storage"]').count()).resolves.toBe(0);
    // It reached the relay: a fresh member reads it.
    const other = await session.joinAs(coordinator, { viewport: { width: 1366, height: 768 } });
    await other.page.goto(`${session.relay.url}/#/narrative/foreword`);
    await expect(other.page.getByRole('textbox', { name: 'Foreword and summary' }).innerText()).resolves.toContain(
      'Written while the relay could not store it.',
    );
    await other.page.context().close();
    expect(errors).toEqual([]);
  }, 180_000);

  it('because a paste is larger than it accepts: it stops sending that section, says what to do, and after Undo and a reload sends the rest', async () => {
    const { page, errors } = await session.joinAs(coordinator, { viewport: { width: 1366, height: 768 } });
    await page.goto(`${session.relay.url}/#/narrative/purpose`);
    const editor = page.getByRole('textbox', { name: 'Purpose and scope' });
    await editor.waitFor();
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Kept.');
    await upToDate(page);
    // Nine million characters pasted: more than the relay's 8 MiB message limit.
    await editor.evaluate((element) => {
      const data = new DataTransfer();
      data.setData('text/plain', 'Pasted from a very long report. '.repeat(290_000));
      element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    const problem = page.locator('[data-problem="too-large"]');
    await problem.waitFor({ timeout: 60_000 });
    await expect(problem.innerText()).resolves.toMatch(
      /^The shared sections: A change is larger than the relay accepts \(for example a very long paste\)\. It is safe on this computer, but this section is not being sent from here\. Undo the paste, then reload SOA Studio, and add the text in smaller parts\.\s*Reload SOA Studio$/,
    );
    // The other sections still sync; this one is counted as unsent.
    await expect(page.locator('.sync-text').innerText()).resolves.toBe('Unsent: edits in 1 section');
    await screenshot(page, '71-relay-refused-too-large');
    // It does not send it again and again: the section stays stopped, with its problem, until a reload.
    await page.waitForTimeout(3_000);
    await expect(problem.count()).resolves.toBe(1);
    await expect(page.locator('.sync-text').innerText()).resolves.toBe('Unsent: edits in 1 section');
    await editor.click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => editor.innerText().then((text) => text.length), { timeout: 20_000 }).toBeLessThan(100_000);
    await page.waitForFunction(() => !document.querySelector('.sync-text')?.textContent?.includes('Saving'));
    await problem.getByRole('button', { name: 'Reload SOA Studio' }).click();
    await page.waitForLoadState('load');
    await upToDate(page, 60_000);
    await expect(page.locator('[data-problem="too-large"]').count()).resolves.toBe(0);
    await expect(editor.innerText()).resolves.toContain('Kept.');
    expect(errors).toEqual([]);
  }, 180_000);
});
