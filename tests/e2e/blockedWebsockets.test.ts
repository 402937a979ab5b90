/**
 * A partner on a network whose proxy refuses websocket upgrades (the shaping proxy's refuseUpgrades mode,
 * on the rural ADSL profile) uses the web app served through that proxy; the coordinator uses websockets
 * straight to the relay. The partner's app moves to the HTTPS link, says "Connected (slower link)", and
 * edits travel both ways with its waiting count back to zero.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PROFILES } from '../net/profiles';
import { ShapingProxy } from '../net/shapingProxy';
import { answerDialog, screenshot } from './harness';
import { demoOnRelayPerFile, type Officer } from './demoOnRelay';

const session = demoOnRelayPerFile('soa-e2e-blocked-');
let proxy: ShapingProxy;
let coordinator: Officer;
let partner: Officer;
const OUTCOME = 'Fewer people wait for a home';
const SLOWER_UP_TO_DATE = 'Connected (slower link) · Up to date';

/** Waits until the sync status reads `text`. */
async function upToDate(page: Page, text: string): Promise<void> {
  await page.waitForFunction((expected) => document.querySelector('.sync-text')?.textContent === expected, text, {
    timeout: 60_000,
  });
}

async function syncText(page: Page): Promise<string> {
  return (await page.locator('.sync-text').textContent()) ?? '';
}

beforeAll(async () => {
  proxy = await ShapingProxy.start({
    targetPort: session.relay.port,
    profile: PROFILES.ruralAdsl,
    seed: 1917,
    refuseUpgrades: true,
  });
  coordinator = await session.joinAs(session.member('coordinator'));
  partner = await session.joinAs(session.member('partner'), {
    url: `http://127.0.0.1:${proxy.port}`,
    upToDate: SLOWER_UP_TO_DATE,
  });
}, 240_000);

afterAll(async () => {
  await proxy?.close();
});

describe('behind a proxy that refuses websockets', () => {
  it('syncs over HTTPS with a member on websockets, says so, and sends everything', async () => {
    expect(proxy.stats().upgradesRefused).toBeGreaterThan(0);
    expect(await syncText(partner.page)).toBe(SLOWER_UP_TO_DATE);
    await screenshot(partner.page, '60-slower-link-up-to-date');

    // The coordinator (websocket) adds an outcome the partner delivers; it reaches the partner (HTTPS).
    const page = coordinator.page;
    await page.getByRole('button', { name: '+ Add a local outcome' }).click();
    const title = page.getByLabel('Title of the local outcome');
    await title.fill(OUTCOME);
    await title.press('Enter');
    await page.getByRole('checkbox', { name: partner.member.partnerName, exact: true }).check();
    await partner.page.getByRole('link', { name: new RegExp(OUTCOME) }).waitFor({ timeout: 30_000 });

    // The partner writes its contribution over HTTPS; the coordinator sees it.
    await partner.page.getByRole('link', { name: new RegExp(OUTCOME) }).click();
    // The contribution can show "Edit and return to draft" for a moment (the partner's agreement before the
    // new outcome is folded in) and then "Write …": a click on the first was on a button already gone. So
    // return to draft only while that button stays, until the write button is there.
    const back = partner.page
      .locator(`#contribution-${partner.member.partnerId}`)
      .getByRole('button', { name: 'Edit and return to draft' });
    const write = partner.page.getByRole('button', { name: `Write ${partner.member.partnerName}’s contribution` });
    await expect
      .poll(
        async () => {
          if (await write.isVisible()) return true;
          if (await back.isVisible()) {
            const clicked = await back.click({ timeout: 2_000 }).then(
              () => true,
              () => false,
            );
            if (clicked) await answerDialog(partner.page, 'Edit and return to draft');
          }
          return false;
        },
        { timeout: 60_000 },
      )
      .toBe(true);
    await write.click();
    const editor = partner.page.getByRole('textbox', {
      name: `${partner.member.partnerName}’s contribution to ${OUTCOME}`,
    });
    await editor.click();
    await partner.page.keyboard.type('We will open two housing advice surgeries a week.');
    await page.getByRole('link', { name: new RegExp(OUTCOME) }).click();
    await page
      .locator(`#contribution-${partner.member.partnerId}`)
      .getByText('We will open two housing advice surgeries a week.')
      .waitFor({ timeout: 30_000 });

    // Every change acknowledged: the waiting count is back to zero, still on the slower link.
    await upToDate(partner.page, SLOWER_UP_TO_DATE);
    expect(await partner.page.locator('.sync').getAttribute('data-pending')).toBe('0');
    await screenshot(partner.page, '61-slower-link-after-edit');
    await screenshot(coordinator.page, '62-coordinator-sees-https-edit');
    expect(partner.errors).toEqual([]);
    expect(coordinator.errors).toEqual([]);
  });
});
