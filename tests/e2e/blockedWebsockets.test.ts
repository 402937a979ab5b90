/**
 * A partner on a network whose proxy refuses websocket upgrades (the shaping proxy's refuseUpgrades mode,
 * on the rural ADSL profile) uses the web app served through that proxy; the coordinator uses websockets
 * straight to the relay. The partner's app moves to the HTTPS link, says "Connected (slower link)", and
 * edits travel both ways with its waiting count back to zero.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type DemoMember, relayCli } from '../support/relayCli';
import { PROFILES } from '../net/profiles';
import { ShapingProxy } from '../net/shapingProxy';
import { answerDialog, ensureWebBuild, launchBrowser, newPage, screenshot, tempDir } from './harness';
import { startRelayProcess, type RelayProcess } from '../support/relayProcess';

interface Officer {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly errors: string[];
  readonly member: DemoMember;
}

let relay: RelayProcess;
let proxy: ShapingProxy;
let browser: Browser;
let coordinator: Officer;
let partner: Officer;
const OUTCOME = 'Fewer people wait for a home';
const SLOWER_UP_TO_DATE = 'Connected (slower link) · Up to date';

async function syncText(page: Page): Promise<string> {
  return (await page.locator('.sync-text').textContent()) ?? '';
}

async function joinAs(member: DemoMember, url: string, upToDate: string): Promise<Officer> {
  const { context, page, errors } = await newPage(browser);
  await page.goto(`${url}/`);
  await page.getByLabel('Invite token').fill(member.token);
  await page.getByRole('button', { name: 'Join' }).click();
  await page.locator('h1.page-title').waitFor({ timeout: 60_000 });
  await page.waitForFunction((text) => document.querySelector('.sync-text')?.textContent === text, upToDate, {
    timeout: 60_000,
  });
  return { context, page, errors, member };
}

beforeAll(async () => {
  ensureWebBuild();
  const db = join(tempDir('soa-e2e-blocked-'), 'relay.sqlite');
  const demo = relayCli(['demo', '--db', db]) as { members: DemoMember[] };
  relay = await startRelayProcess(db);
  proxy = await ShapingProxy.start({
    targetPort: Number(new URL(relay.url).port),
    profile: PROFILES.ruralAdsl,
    seed: 1917,
    refuseUpgrades: true,
  });
  browser = await launchBrowser();
  const coordinatorMember = demo.members.find((member) => member.role === 'coordinator');
  const partnerMember = demo.members.find((member) => member.role === 'partner');
  if (!coordinatorMember || !partnerMember) throw new Error('demo did not create a coordinator and a partner');
  coordinator = await joinAs(coordinatorMember, relay.url, 'Up to date');
  partner = await joinAs(partnerMember, `http://127.0.0.1:${proxy.port}`, SLOWER_UP_TO_DATE);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await proxy?.close();
  await relay?.stop();
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
    const back = partner.page
      .locator(`#contribution-${partner.member.partnerId}`)
      .getByRole('button', { name: 'Edit and return to draft' });
    if ((await back.count()) > 0) {
      await back.click();
      await answerDialog(partner.page, 'Edit and return to draft');
    }
    await partner.page.getByRole('button', { name: `Write ${partner.member.partnerName}’s contribution` }).click();
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
    await partner.page.waitForFunction(
      (text) => document.querySelector('.sync-text')?.textContent === text,
      SLOWER_UP_TO_DATE,
      { timeout: 30_000 },
    );
    expect(await partner.page.locator('.sync').getAttribute('data-pending')).toBe('0');
    await screenshot(partner.page, '61-slower-link-after-edit');
    await screenshot(coordinator.page, '62-coordinator-sees-https-edit');
    expect(partner.errors).toEqual([]);
    expect(coordinator.errors).toEqual([]);
  });
});
