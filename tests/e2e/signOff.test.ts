/**
 * Sign-off that means what it says, in Chromium against a real relay: a partner agrees; the coordinator
 * then changes a frame section of an outcome that partner delivers; the partner's home and the
 * coordinator's dashboard both say "Agreed to an earlier version" and what changed; the partner confirms,
 * and both say "Agreed" again.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SIGN_OFF_LABELS } from '../../shared/model';
import { answerDialog, axeViolations, screenshot } from './harness';
import { demoOnRelayPerFile, type Officer } from './demoOnRelay';

const session = demoOnRelayPerFile('soa-e2e-signoff-');

let coordinator: Officer;
let partner: Officer;

async function goPartnerHome(officer: Officer, partnerId: string): Promise<void> {
  await officer.page.locator(`.outline a[href="#/partner/${partnerId}"]`).click();
  await officer.page.getByRole('heading', { name: 'Sign-off', level: 2, exact: true }).waitFor();
}

async function goDashboard(officer: Officer): Promise<void> {
  await officer.page
    .locator('.outline')
    .getByRole('link', { name: /Progress and what is missing/ })
    .click();
  await officer.page.getByRole('heading', { name: 'Progress and what is missing', level: 1 }).waitFor();
}

/** The partner's group on the dashboard: its heading is the name, then the sign-off state. */
function dashboardEntry(page: Page, name: string) {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const heading = page.getByRole('heading', {
    name: new RegExp(`^${escaped} (${Object.values(SIGN_OFF_LABELS).join('|')})$`),
    level: 3,
  });
  return page.locator('.dash-group').filter({ has: heading });
}

beforeAll(async () => {
  coordinator = await session.joinAs(session.member('coordinator'));
  partner = await session.joinAs(session.member('partner'));
}, 180_000);

describe('a partner’s agreement after the coordinator changes its outcome', () => {
  it('shows "Agreed to an earlier version" with what changed on both sides until the partner confirms', async () => {
    const name = partner.member.partnerName;
    const state = partner.page.locator('.sign-off-state');

    // The partner agrees the current version (from whatever state the demo left it in).
    await goPartnerHome(partner, partner.member.partnerId);
    if ((await state.getAttribute('data-state')) !== 'agreed') {
      if ((await state.getAttribute('data-state')) === 'agreed-earlier-version') {
        await partner.page.getByRole('button', { name: 'Return to draft' }).click();
        await answerDialog(partner.page, 'Return to draft');
      }
      if ((await state.getAttribute('data-state')) === 'draft')
        await partner.page.getByRole('button', { name: 'Mark ready for sign-off' }).click();
      await expect.poll(() => state.getAttribute('data-state')).toBe('ready');
      await partner.page.getByLabel('Officer’s name').fill('Morag Fraser');
      await partner.page.getByLabel('Position').fill('Chief Executive');
      await partner.page.getByRole('button', { name: 'Record agreement' }).click();
    }
    await expect.poll(() => state.getAttribute('data-state')).toBe('agreed');
    await partner.page.waitForFunction(
      () => document.querySelector('.sync-text')?.textContent === 'Up to date',
      undefined,
      { timeout: 15_000 },
    );

    // The coordinator sees it agreed, then retitles the first outcome the partner delivers.
    await goDashboard(coordinator);
    const entry = dashboardEntry(coordinator.page, name);
    await entry.locator('.state-pill').getByText('Agreed', { exact: true }).waitFor({ timeout: 15_000 });
    await goPartnerHome(coordinator, partner.member.partnerId);
    const outcomeLink = coordinator.page.locator('#partner-outcomes ~ ul .link-button').first();
    const outcomeNumber = /^Outcome (\d+)/.exec((await outcomeLink.textContent()) ?? '')?.[1];
    expect(outcomeNumber).toBeTruthy();
    await outcomeLink.click();
    await coordinator.page.getByRole('heading', { name: new RegExp(`^Outcome ${outcomeNumber}:`), level: 1 }).waitFor();
    const newTitle = 'People in every community live longer, healthier lives';
    const title = coordinator.page.getByLabel('Title of the local outcome');
    await title.fill(newTitle);
    await title.press('Enter');
    await coordinator.page.getByRole('heading', { name: `Outcome ${outcomeNumber}: ${newTitle}`, level: 1 }).waitFor();
    const change = `Outcome ${outcomeNumber} ("${newTitle}"): the title changed.`;

    // The partner's home says so, with what changed; so does the coordinator's dashboard.
    await expect.poll(() => state.getAttribute('data-state'), { timeout: 15_000 }).toBe('agreed-earlier-version');
    await expect(state.innerText()).resolves.toMatch(/^Agreed to an earlier version: agreed by /);
    const partnerChanges = partner.page.locator('#sign-off-section .sign-off-changes li');
    await expect(partnerChanges.allInnerTexts()).resolves.toEqual([change]);
    await expect(partner.page.locator('.statement-sign-off .state-pill').innerText()).resolves.toBe(
      'Agreed to an earlier version',
    );
    await partner.page.locator('#sign-off-section').scrollIntoViewIfNeeded();
    await screenshot(partner.page, '40-sign-off-earlier-version-partner');
    expect(await axeViolations(partner.page)).toEqual([]);

    await goDashboard(coordinator);
    await entry
      .locator('.state-pill')
      .getByText('Agreed to an earlier version', { exact: true })
      .waitFor({ timeout: 15_000 });
    await expect(entry.locator('.sign-off-changes li').allInnerTexts()).resolves.toEqual([change]);
    await expect(entry.locator('.missing-list').innerText()).resolves.toMatch(
      new RegExp(
        `${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} needs to confirm its agreement: one thing it agreed to on \\d{1,2} \\w+ \\d{4} has changed since\\.`,
      ),
    );
    await entry.scrollIntoViewIfNeeded();
    await screenshot(coordinator.page, '41-sign-off-earlier-version-dashboard');
    expect(await axeViolations(coordinator.page)).toEqual([]);

    // The partner confirms; both show "Agreed" again.
    await partner.page.getByRole('button', { name: 'Confirm agreement' }).click();
    await expect.poll(() => state.getAttribute('data-state')).toBe('agreed');
    await expect(partner.page.locator('#sign-off-section .sign-off-changes').count()).resolves.toBe(0);
    await entry.locator('.state-pill').getByText('Agreed', { exact: true }).waitFor({ timeout: 15_000 });
    await expect(entry.locator('.sign-off-changes').count()).resolves.toBe(0);
    await screenshot(coordinator.page, '42-sign-off-confirmed-dashboard');
    expect([...coordinator.errors, ...partner.errors]).toEqual([]);
  });
});
