/**
 * Signing in is remembered the way people expect, in real Chromium against a real relay: close the browser
 * and open it again (the same profile directory, a new browser process) and you are still signed in and
 * syncing; on a shared computer you are not, and the bar says so and how to fix it; Sign out removes the
 * membership. The token is kept encrypted with a key the page cannot export. The bar never says "Offline"
 * while the network is fine, and counts unsent edits by section with the exact count in a detail.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { type DemoMember, relayCli } from '../support/relayCli';
import { answerDialog, axeViolations, ensureWebBuild, screenshot, tempDir } from './harness';
import { startRelayProcess, type RelayProcess } from '../support/relayProcess';
import { CHROMIUM_LAUNCH } from '../support/chromium';

let relay: RelayProcess;
let coordinator: DemoMember;
const open: BrowserContext[] = [];

/** A browser process with its own profile directory, as a person's browser on their computer. */
async function launchProfile(profile: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await chromium.launchPersistentContext(profile, {
    ...CHROMIUM_LAUNCH,
    args: [...CHROMIUM_LAUNCH.args],
    viewport: { width: 1366, height: 768 },
    locale: 'en-GB',
    // axe-core is injected as an inline script; the relay's CSP (tested elsewhere) would refuse it.
    bypassCSP: true,
  });
  open.push(context);
  // Every text the sync status shows, so a test can check it never claimed "Offline".
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { syncTexts: string[] }).syncTexts = seen;
    new MutationObserver(() => {
      const text = document.querySelector('.sync-text')?.textContent;
      if (text && seen[seen.length - 1] !== text) seen.push(text);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('dialog', (dialog) => {
    if (dialog.type() !== 'beforeunload') errors.push(`native ${dialog.type()} dialog: ${dialog.message()}`);
    void dialog.accept();
  });
  return { context, page, errors };
}

async function closeProfile(context: BrowserContext): Promise<void> {
  await context.close();
  open.splice(open.indexOf(context), 1);
}

const syncTexts = (page: Page): Promise<string[]> =>
  page.evaluate(() => (window as unknown as { syncTexts: string[] }).syncTexts);

async function waitForText(page: Page, text: string): Promise<void> {
  await page.waitForFunction((wanted) => document.querySelector('.sync-text')?.textContent === wanted, text, {
    timeout: 30_000,
  });
}

async function joinAs(page: Page, member: DemoMember, sharedComputer: boolean): Promise<void> {
  await page.goto(`${relay.url}/`);
  // The page came from the relay: it does not ask for an address it cannot use.
  await expect(page.getByLabel('Relay address').count()).resolves.toBe(0);
  await page.getByLabel('Invite token').fill(member.token);
  if (sharedComputer) await page.getByLabel('This is a shared computer').check();
  await page.getByRole('button', { name: 'Join' }).click();
  await page.locator('h1.page-title').waitFor({ timeout: 30_000 });
  await waitForText(page, 'Up to date');
}

/** A frame edit: the coordinator adds a local outcome from the outline. */
async function addOutcome(page: Page): Promise<void> {
  await page.getByRole('button', { name: '+ Add a local outcome' }).click();
  await page.getByLabel('Title of the local outcome').waitFor();
}

beforeAll(async () => {
  ensureWebBuild();
  const dir = tempDir('soa-e2e-membership-');
  const db = join(dir, 'relay.sqlite');
  const demo = relayCli(['demo', '--db', db]) as { members: DemoMember[] };
  const found = demo.members.find((member) => member.role === 'coordinator');
  if (!found) throw new Error('demo has no coordinator');
  coordinator = found;
  relay = await startRelayProcess(db);
}, 120_000);

afterAll(async () => {
  for (const context of open.splice(0)) await context.close();
  await relay?.stop();
});

describe('signing in and the status bar', () => {
  it('remembers the membership after the browser is closed and reopened, until Sign out', async () => {
    const profile = tempDir('soa-profile-');
    const first = await launchProfile(profile);
    await joinAs(first.page, coordinator, false);
    // The token is kept encrypted: the stored record does not contain it, and the key cannot be exported.
    const vault = await first.page.evaluate(async (token) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('soa-studio-membership');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const read = (store: string) =>
        new Promise<unknown[]>((resolve) => {
          const request = db.transaction([store], 'readonly').objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result);
        });
      const records = (await read('tokens')) as Array<{ data: ArrayBuffer }>;
      const keys = (await read('keys')) as CryptoKey[];
      db.close();
      const bytes = records.map((record) => new TextDecoder('latin1').decode(record.data));
      let exported = true;
      try {
        await crypto.subtle.exportKey('raw', keys[0] as CryptoKey);
      } catch {
        exported = false;
      }
      return {
        records: records.length,
        containsToken: bytes.some((text) => text.includes(token)),
        extractable: keys[0]?.extractable,
        exported,
        inLocalStorage: JSON.stringify(localStorage).includes(token),
      };
    }, coordinator.token);
    expect(vault).toEqual({
      records: 1,
      containsToken: false,
      extractable: false,
      exported: false,
      inLocalStorage: false,
    });
    await closeProfile(first.context);

    // A new browser process on the same profile: straight back in, syncing.
    const second = await launchProfile(profile);
    await second.page.goto(`${relay.url}/`);
    await second.page.locator('h1.page-title').waitFor({ timeout: 30_000 });
    await waitForText(second.page, 'Up to date');
    await expect(second.page.getByRole('button', { name: 'Enter your invite token to sync' }).count()).resolves.toBe(0);
    // An edit reaches the relay (its acknowledgement brings the count back to zero).
    await addOutcome(second.page);
    await second.page.waitForFunction(
      () =>
        document.querySelector('.sync')?.getAttribute('data-pending') === '0' &&
        document.querySelector('.sync-text')?.textContent === 'Up to date',
      undefined,
      { timeout: 30_000 },
    );
    expect((await syncTexts(second.page)).filter((text) => text.startsWith('Offline'))).toEqual([]);
    await screenshot(second.page, '30-reopened-signed-in');

    // Sign out: asked first, then the token is gone from this computer.
    await second.page.getByRole('button', { name: 'Sign out' }).click();
    await screenshot(second.page, '31-sign-out-question');
    await answerDialog(second.page, 'Sign out');
    await second.page.getByRole('heading', { name: 'SOA Studio', level: 1 }).waitFor();
    const left = await second.page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const request = indexedDB.open('soa-studio-membership');
          request.onsuccess = () => {
            const count = request.result.transaction(['tokens'], 'readonly').objectStore('tokens').count();
            count.onsuccess = () => {
              request.result.close();
              resolve(count.result);
            };
          };
        }),
    );
    expect(left).toBe(0);
    expect(second.errors).toEqual([]);
    await closeProfile(second.context);

    // Reopened after signing out: the SOA is still on this computer, but the bar says it is not signed in.
    const third = await launchProfile(profile);
    await third.page.goto(`${relay.url}/`);
    await third.page.locator('.link-list button').first().click();
    await third.page.locator('h1.page-title').waitFor({ timeout: 30_000 });
    await waitForText(third.page, 'Not signed in: your work is saved on this computer only');
    await closeProfile(third.context);
  });

  it('on a shared computer keeps it for the session only, says so, and counts unsent edits by section', async () => {
    const profile = tempDir('soa-profile-shared-');
    const first = await launchProfile(profile);
    await joinAs(first.page, coordinator, true);
    await expect(first.page.locator('[data-token-storage="session"]').innerText()).resolves.toBe(
      'Signed in until the browser closes',
    );
    await closeProfile(first.context);

    const second = await launchProfile(profile);
    await second.page.goto(`${relay.url}/`);
    await second.page.locator('h1.page-title').waitFor({ timeout: 30_000 });
    await waitForText(second.page, 'Not signed in: your work is saved on this computer only');
    await expect(second.page.locator('[data-problem="signed-out"]').innerText()).resolves.toContain(
      'does not have your invite token',
    );
    const ask = second.page.getByRole('button', { name: 'Enter your invite token to sync' });
    await expect(ask.isVisible()).resolves.toBe(true);
    await expect(second.page.locator('.sync-last').first().innerText()).resolves.toMatch(
      /^Last synced today at \d\d:\d\d$/,
    );

    // Edits made while signed out are counted, by section, with the exact count in the detail.
    await addOutcome(second.page);
    await second.page.getByLabel('Title of the local outcome').fill('Older people live independently at home');
    await second.page.getByLabel('Title of the local outcome').press('Enter');
    await waitForText(second.page, 'Not signed in · Unsent: edits in 1 section');
    // A sentence in another section: two sections, however many keystrokes.
    const url = second.page.url();
    await second.page.goto(`${url.split('#')[0]}#/narrative/foreword`);
    await second.page.getByRole('textbox', { name: 'Foreword and summary' }).click();
    await second.page.keyboard.press('Control+End');
    await second.page.keyboard.type(' A sentence typed while signed out.');
    await waitForText(second.page, 'Not signed in · Unsent: edits in 2 sections');
    await second.page.locator('.sync-detail summary').click();
    const detail = await second.page.locator('.sync-detail').innerText();
    expect(detail).toContain('Local outcomes');
    expect(detail).toContain('Narrative: Foreword and summary');
    const exact = Number(await second.page.locator('.sync').getAttribute('data-pending'));
    expect(exact).toBeGreaterThan(2);
    expect(detail).toContain(`${exact} changes in all that the relay has not yet confirmed`);
    await screenshot(second.page, '32-signed-out-unsent');
    expect(await axeViolations(second.page)).toEqual([]);

    // Signing in again sends them.
    await ask.click();
    const dialog = second.page.getByRole('dialog', { name: 'Enter your invite token' });
    await dialog.getByLabel('Invite token').fill(coordinator.token);
    await dialog.getByRole('button', { name: 'Sync with the partnership' }).click();
    await waitForText(second.page, 'Up to date');
    expect(await second.page.locator('.sync').getAttribute('data-pending')).toBe('0');
    expect((await syncTexts(second.page)).filter((text) => text.startsWith('Offline'))).toEqual([]);
    expect(second.errors).toEqual([]);
    await closeProfile(second.context);
  });

  it('refuses another relay address in the browser, and says why', async () => {
    const profile = tempDir('soa-profile-other-');
    const { context, page, errors } = await launchProfile(profile);
    await page.goto(`${relay.url}/`);
    await page.getByRole('button', { name: 'My invite is for a different relay' }).click();
    await page.getByLabel('Relay address').fill('https://relay.elsewhere.example');
    await page.getByLabel('Invite token').fill(coordinator.token);
    await page.getByRole('button', { name: 'Join' }).click();
    const alert = page.getByRole('alert');
    await expect(alert.innerText()).resolves.toContain(
      `This page came from the relay at ${new URL(relay.url).host}, and the browser lets it connect only to that relay`,
    );
    await expect(alert.innerText()).resolves.toContain(
      'open https://relay.elsewhere.example in your browser, or use the SOA Studio desktop app',
    );
    expect(errors).toEqual([]);
    await closeProfile(context);
  });
});
