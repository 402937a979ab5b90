/**
 * The editor against a real relay (a child process on a free port, serving the web build): a coordinator
 * and two partners in separate browser contexts. Edits travel between them; a partner edits offline,
 * reloads offline, comes back and everyone converges with the waiting count back to zero; a partner cannot
 * write the frame or another partner's contribution in the UI.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { type DemoMember, relayCli } from '../support/relayCli';
import { answerDialog, axeViolations, screenshot } from './harness';
import { demoOnRelayPerFile, type Officer } from './demoOnRelay';
import { decodeMuxFrame } from '../../shared/protocol/muxFrames';

const session = demoOnRelayPerFile('soa-e2e-relay-');

let dbFile = '';

let members: DemoMember[];
let coordinator: Officer;
let partnerA: Officer;
let partnerB: Officer;
const OUTCOME = 'Everyone lives longer, healthier lives';
/** The demo may already hold outcomes (it uses the sample generator), so the new one's number varies. */
const OUTCOME_HEADING = new RegExp(`^Outcome \\d+: ${OUTCOME}$`);
let outcomeNumber = 0;

async function syncText(page: Page): Promise<string> {
  return (await page.locator('.sync-text').textContent()) ?? '';
}

async function goOutcome(page: Page): Promise<void> {
  await page.getByRole('link', { name: new RegExp(OUTCOME) }).click();
  await page.getByRole('heading', { name: OUTCOME_HEADING, level: 1 }).waitFor();
}

/** The demo's partners may already have agreed their content; editing first returns them to draft (after the warning). */
async function ensureDraft(page: Page, partnerId: string): Promise<void> {
  const back = page.locator(`#contribution-${partnerId}`).getByRole('button', { name: 'Edit and return to draft' });
  if ((await back.count()) > 0) {
    await back.click();
    await answerDialog(page, 'Edit and return to draft');
    await back.waitFor({ state: 'detached' });
  }
}

beforeAll(async () => {
  dbFile = session.db;
  members = session.demo.members;
  coordinator = await session.joinAs(session.member('coordinator'));
  partnerA = await session.joinAs(session.member('partner', 0));
  partnerB = await session.joinAs(session.member('partner', 1));
}, 180_000);

describe('editing through the relay', () => {
  it('shows who I am, and an edit by one appears for the others', async () => {
    await expect(coordinator.page.locator('.who').innerText()).resolves.toContain('Coordinator');
    await expect(partnerA.page.locator('.who').innerText()).resolves.toContain(partnerA.member.partnerName);

    // The coordinator adds an outcome that both partners deliver.
    const page = coordinator.page;
    await page.getByRole('button', { name: '+ Add a local outcome' }).click();
    const title = page.getByLabel('Title of the local outcome');
    await title.fill(OUTCOME);
    await title.press('Enter');
    await page.getByRole('checkbox', { name: partnerA.member.partnerName, exact: true }).check();
    await page.getByRole('checkbox', { name: partnerB.member.partnerName, exact: true }).check();
    await page.getByRole('heading', { name: OUTCOME_HEADING, level: 1 }).waitFor();
    outcomeNumber = Number(/^Outcome (\d+)/.exec((await page.locator('h1.page-title').textContent()) ?? '')?.[1]);

    // Both partners see it in their outline and on their home page.
    for (const officer of [partnerA, partnerB]) {
      await officer.page.getByRole('link', { name: new RegExp(OUTCOME) }).waitFor({ timeout: 15_000 });
    }

    // Partner A writes its contribution; the coordinator and partner B see it. First every change of the
    // coordinator's must have arrived (partner B, checked last, shown as delivering): naming partner A as
    // delivering a new outcome turns its agreement into "agreed to an earlier version", which takes the
    // "Edit and return to draft" button away, and a click between the two waited for it in vain.
    await goOutcome(partnerA.page);
    await partnerA.page.locator(`#contribution-${partnerB.member.partnerId}`).waitFor({ timeout: 15_000 });
    await ensureDraft(partnerA.page, partnerA.member.partnerId);
    await partnerA.page.getByRole('button', { name: `Write ${partnerA.member.partnerName}’s contribution` }).click();
    const editor = partnerA.page.getByRole('textbox', {
      name: `${partnerA.member.partnerName}’s contribution to ${OUTCOME}`,
    });
    await editor.click();
    await partnerA.page.keyboard.type('We will fund three community link workers.');
    await goOutcome(partnerB.page);
    for (const officer of [coordinator, partnerB]) {
      await officer.page
        .locator(`#contribution-${partnerA.member.partnerId}`)
        .getByText('We will fund three community link workers.')
        .waitFor({ timeout: 15_000 });
    }
    await partnerA.page.waitForFunction(
      () => document.querySelector('.sync-text')?.textContent === 'Up to date',
      undefined,
      { timeout: 15_000 },
    );

    // Presence: the coordinator sees partner A online (names come from the relay) and where.
    await coordinator.page
      .locator('.presence')
      .getByText(`${partnerA.member.name} (${partnerA.member.partnerName}), in Outcome ${outcomeNumber}`, {
        exact: false,
      })
      .waitFor({ timeout: 20_000 });
    await screenshot(coordinator.page, '10-relay-outcome-coordinator');
    await screenshot(partnerB.page, '11-relay-outcome-partner');
    expect(await axeViolations(partnerB.page)).toEqual([]);
    expect(await axeViolations(coordinator.page)).toEqual([]);
  });

  it('does not let a partner write the frame or another partner’s contribution', async () => {
    const page = partnerB.page;
    await goOutcome(page);
    // Frame fields are shown as text, not inputs, and the frame's prose has no editor.
    await expect(page.getByLabel('Title of the local outcome').count()).resolves.toBe(0);
    await expect(page.getByRole('textbox', { name: 'Ten-year statement' }).count()).resolves.toBe(0);
    await expect(page.getByRole('combobox', { name: 'Lead partner' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: '+ Add a local outcome' }).count()).resolves.toBe(0);
    await expect(page.getByText('Written by the coordinators').first().isVisible()).resolves.toBe(true);
    // Partner A's contribution: shown with its owner, with nothing to type into.
    const other = page.locator(`#contribution-${partnerA.member.partnerId}`);
    await expect(other.getByText(`Written by ${partnerA.member.partnerName}`).isVisible()).resolves.toBe(true);
    await expect(other.locator('[contenteditable="true"]').count()).resolves.toBe(0);
    await expect(
      other.locator('textarea:not([readonly]), input:not([readonly]):not([disabled])').count(),
    ).resolves.toBe(0);
    // Its own contribution can be started.
    await ensureDraft(page, partnerB.member.partnerId);
    await expect(
      page.getByRole('button', { name: `Write ${partnerB.member.partnerName}’s contribution` }).isVisible(),
    ).resolves.toBe(true);
    // The narrative sections are the coordinators'.
    await page.getByRole('link', { name: /Our place/ }).click();
    await page.getByRole('heading', { name: 'Our place', level: 1 }).waitFor();
    await expect(page.locator('[contenteditable="true"]').count()).resolves.toBe(0);
    await expect(page.getByText('Written by the coordinators').isVisible()).resolves.toBe(true);
    await screenshot(page, '12-relay-readonly-narrative');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('keeps a partner’s offline edits through a reload and converges when it comes back', async () => {
    const page = partnerA.page;
    await goOutcome(page);
    // The app shell must be cached for an offline reload.
    // (An active Workbox worker has precached every file of the build.)
    await page.waitForFunction(
      async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        if (!registration?.active) return false;
        const precache = (await caches.keys()).find((name) => name.startsWith('workbox-precache'));
        return precache !== undefined && (await (await caches.open(precache)).keys()).length >= 3;
      },
      undefined,
      { timeout: 20_000 },
    );

    await partnerA.context.setOffline(true);
    await page.waitForFunction(
      () => document.querySelector('.sync')?.getAttribute('data-sync-link') === 'offline',
      undefined,
      { timeout: 20_000 },
    );
    const editor = page.getByRole('textbox', { name: `${partnerA.member.partnerName}’s contribution to ${OUTCOME}` });
    await editor.click();
    await page.keyboard.press('End');
    await page.keyboard.type(' Written on the train.');
    await page.waitForFunction(() => Number(document.querySelector('.sync')?.getAttribute('data-pending')) > 0);
    expect(await syncText(page)).toBe('Offline · Unsent: edits in 1 section');
    await screenshot(page, '13-offline-pending');

    // Wait until the edit is on disk here, then reload with no network.
    await page.waitForFunction(() => !document.querySelector('.sync-text')?.textContent?.includes('Saving'));
    await page.waitForTimeout(300);
    await page.reload();
    await page.getByRole('heading', { name: OUTCOME_HEADING, level: 1 }).waitFor({ timeout: 20_000 });
    const reloaded = page.getByRole('textbox', { name: `${partnerA.member.partnerName}’s contribution to ${OUTCOME}` });
    await expect(reloaded.innerText()).resolves.toContain('Written on the train.');
    expect(await syncText(page)).toBe('Offline · Unsent: edits in 1 section');
    // After an offline reload the bar still knows when it last synced (not "Not yet synced").
    await expect(page.locator('.sync-last').innerText()).resolves.toMatch(/^Last synced today at \d\d:\d\d$/);

    // Others have not seen it yet.
    await expect(
      coordinator.page.locator(`#contribution-${partnerA.member.partnerId}`).innerText(),
    ).resolves.not.toContain('Written on the train.');

    // Back online: it syncs by itself, the count returns to zero, everyone converges.
    await partnerA.context.setOffline(false);
    await page.waitForFunction(() => document.querySelector('.sync-text')?.textContent === 'Up to date', undefined, {
      timeout: 30_000,
    });
    expect(await page.locator('.sync').getAttribute('data-pending')).toBe('0');
    await expect(page.locator('.sync-last').innerText()).resolves.toMatch(/^Last synced today at \d\d:\d\d$/);
    await goOutcome(partnerB.page);
    for (const officer of [coordinator, partnerB]) {
      await officer.page
        .locator(`#contribution-${partnerA.member.partnerId}`)
        .getByText('Written on the train.', { exact: false })
        .waitFor({ timeout: 20_000 });
    }
    expect(coordinator.errors).toEqual([]);
    expect(partnerB.errors).toEqual([]);
  });

  it('gives a reviewer a read-only view, and says so plainly when their access is revoked', async () => {
    const member = members.find((candidate) => candidate.role === 'reviewer');
    if (!member) throw new Error('demo has no reviewer');
    const reviewer = await session.joinAs(member);
    const page = reviewer.page;
    await expect(page.locator('.who').innerText()).resolves.toContain('Read only');
    await goOutcome(page);
    await expect(page.locator('[contenteditable="true"]').count()).resolves.toBe(0);
    await expect(
      page.locator('main input:not([readonly]):not([disabled]), main textarea:not([readonly])').count(),
    ).resolves.toBe(0);
    await expect(page.getByRole('button', { name: '+ Add a local outcome' }).count()).resolves.toBe(0);
    await screenshot(page, '14-reviewer-outcome');
    expect(await axeViolations(page)).toEqual([]);

    relayCli(['member', 'revoke', '--member', member.memberId, '--db', dbFile]);
    await page.locator('[data-problem="revoked"]').waitFor({ timeout: 30_000 });
    await expect(page.locator('[data-problem="revoked"]').innerText()).resolves.toContain('revoked');
    // A reviewer has no changes of their own: the message says what they can still do instead.
    await expect(page.locator('[data-problem="revoked"]').innerText()).resolves.not.toContain(
      'Changes stay on this computer',
    );
    await expect(page.locator('[data-problem="revoked"]').innerText()).resolves.toContain(
      'You can still read the copy on this computer',
    );
    await expect(page.locator('.sync').getAttribute('data-sync-link')).resolves.toBe('stopped');
    await screenshot(page, '15-revoked');
    await reviewer.context.close();
  });

  it('asks for the invite token again in an in-page form when the browser no longer has it', async () => {
    // With the membership forgotten on this computer (the token vault gone), the SOA opens from this
    // computer unsynced.
    const page = await partnerB.context.newPage();
    await page.goto(`${session.relay.url}/api/session`);
    await page.evaluate(
      () =>
        new Promise((resolve) => {
          const request = indexedDB.deleteDatabase('soa-studio-membership');
          request.onsuccess = request.onerror = request.onblocked = resolve;
        }),
    );
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('dialog', (shown) => {
      errors.push(`native ${shown.type()} dialog`);
      void shown.dismiss();
    });
    await page.goto(`${session.relay.url}/`);
    const ask = page.getByRole('button', { name: 'Enter your invite token to sync' });
    await ask.waitFor({ timeout: 30_000 });
    await ask.click();
    const dialog = page.getByRole('dialog', { name: 'Enter your invite token' });
    await dialog.waitFor();
    await expect(dialog.getByLabel('This is a shared computer').isChecked()).resolves.toBe(false);
    await dialog.getByRole('button', { name: 'Sync with the partnership' }).click();
    await dialog.getByText('Enter your invite token.').waitFor();
    await screenshot(page, '16-token-dialog');
    expect(await axeViolations(page)).toEqual([]);
    // Escape closes it and focus returns to the button that opened it.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.activeElement?.textContent === 'Enter your invite token to sync');
    await ask.click();
    await dialog.getByLabel('Invite token').fill(partnerB.member.token);
    await dialog.getByRole('button', { name: 'Sync with the partnership' }).click();
    await page.waitForFunction(() => document.querySelector('.sync-text')?.textContent === 'Up to date', undefined, {
      timeout: 30_000,
    });
    await expect(ask.count()).resolves.toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('starts and joins under the relay’s strict CSP with no violation (zod validates without its eval probe)', async () => {
    // No bypassCSP here: the relay's own Content-Security-Policy (no 'unsafe-eval') applies.
    const context = await session.browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (event) =>
        seen.push(`${event.violatedDirective} ${event.blockedURI}`),
      );
    });
    await page.goto(`${session.relay.url}/`);
    await page.getByLabel('Invite token').fill(partnerB.member.token);
    await page.getByRole('button', { name: 'Join' }).click();
    await page.locator('h1.page-title').waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => document.querySelector('.sync-text')?.textContent === 'Up to date', undefined, {
      timeout: 30_000,
    });
    await expect(
      page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations),
    ).resolves.toEqual([]);
    await context.close();
  });

  it('coalesces keystrokes on the wire, and a remote edit never moves the caret or focus', async () => {
    const page = partnerA.page;
    await goOutcome(page);
    await goOutcome(partnerB.page);
    const editor = page.getByRole('textbox', { name: `${partnerA.member.partnerName}’s contribution to ${OUTCOME}` });
    await editor.click();
    await page.keyboard.press('Control+End');
    // Count sync messages (type 0) partner A sends while typing 60 characters.
    const sent: number[] = [];
    const session = await page.context().newCDPSession(page);
    await session.send('Network.enable');
    session.on('Network.webSocketFrameSent', (event: { response: { opcode: number; payloadData: string } }) => {
      if (event.response.opcode !== 2) return;
      // Every room rides one websocket, each message framed with its room's name (shared/protocol/muxFrames.ts).
      const frame = decodeMuxFrame(new Uint8Array(Buffer.from(event.response.payloadData, 'base64')));
      // Only A's own room, where the typing goes (every other room of the SOA shares the websocket, and
      // each pings the relay with a sync step 1 after 8 quiet seconds).
      if (frame.kind === 'message' && frame.room.endsWith(`/partner/${partnerA.member.partnerId}`))
        sent.push(frame.message[0] ?? -1);
    });
    const typed = ' Keystrokes travel in batches over a poor link.';
    await page.keyboard.type(typed, { delay: 15 });
    await page.waitForFunction(() => document.querySelector('.sync-text')?.textContent === 'Up to date', undefined, {
      timeout: 15_000,
    });
    const syncMessages = sent.filter((type) => type === 0).length;
    expect(syncMessages).toBeGreaterThan(0);
    expect(syncMessages).toBeLessThan(typed.length / 2);

    // Partner B edits its own contribution while A's caret is in A's editor: A keeps focus and caret.
    const before = await page.evaluate(() => ({
      active: document.activeElement?.getAttribute('aria-labelledby'),
      offset: window.getSelection()?.focusOffset,
    }));
    await partnerB.page.getByRole('button', { name: `Write ${partnerB.member.partnerName}’s contribution` }).click();
    const other = partnerB.page.getByRole('textbox', {
      name: `${partnerB.member.partnerName}’s contribution to ${OUTCOME}`,
    });
    await other.click();
    await partnerB.page.keyboard.type('Fire and rescue home safety visits for older people.');
    await page
      .locator(`#contribution-${partnerB.member.partnerId}`)
      .getByText('home safety visits', { exact: false })
      .waitFor({ timeout: 15_000 });
    const after = await page.evaluate(() => ({
      active: document.activeElement?.getAttribute('aria-labelledby'),
      offset: window.getSelection()?.focusOffset,
    }));
    expect(after).toEqual(before);
    await session.detach();
  });
});
