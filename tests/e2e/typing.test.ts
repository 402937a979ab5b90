/**
 * Nothing typed is lost (issue 12, "Typing"), in Chromium against a real relay: text typed into each kind
 * of field is on this computer the moment it is typed (a reload straight after typing keeps it) and reaches
 * the other members; figures are kept as typed ("£120,000", "about 20%") and the export prints them; a
 * local indicator's direction is a choice the targets can contradict; limits show as people type; a
 * reader's outcome page is text, not a column of read-only inputs (far fewer Tab stops), and passes axe.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { relayCli } from '../support/relayCli';
import { answerDialog, axeViolations, screenshot } from './harness';
import { demoOnRelayPerFile, type Officer } from './demoOnRelay';

const session = demoOnRelayPerFile('soa-e2e-typing-');
let coordinator: Officer;
let partner: Officer;
let outcomeHref = '';
let relayLog = '';
/** The demo partnership's council area: what an officer would type about (never another partnership's). */
let area = '';

/** A laptop's screen: the tests below count what fits on it. */
const LAPTOP = { width: 1366, height: 768 };

async function upToDate(page: Page): Promise<void> {
  try {
    await page.waitForFunction(() => document.querySelector('.sync-text')?.textContent === 'Up to date', undefined, {
      timeout: 30_000,
    });
  } catch (error) {
    throw new Error(
      `The status bar says "${(await page.locator('.status-bar').innerText()).replace(/\s+/g, ' ')}", not "Up to date". The relay said: ${relayLog.slice(-3000)}`,
      { cause: error },
    );
  }
}

async function openOutcome(page: Page): Promise<void> {
  await page.goto(`${session.relay.url}/${outcomeHref}`);
  await page
    .locator('h1.page-title')
    .filter({ hasText: /^Outcome 1:/ })
    .waitFor({ timeout: 30_000 });
}

/** Reloads the moment typing stops: no blur, no Enter, no wait for the relay. */
async function reloadNow(page: Page): Promise<void> {
  await page.reload();
  await page.locator('h1.page-title').waitFor({ timeout: 30_000 });
}

/** Elements the Tab key stops at, in the whole window, leaving out those inside `except` (a section the officer writes). */
async function tabStops(page: Page, except = ''): Promise<number> {
  return page.evaluate((skip) => {
    const candidates = document.querySelectorAll<HTMLElement>(
      'a[href], button, input, select, textarea, summary, [tabindex], [contenteditable="true"]',
    );
    return [...candidates].filter((element) => {
      if ((element as HTMLButtonElement).disabled || element.tabIndex < 0) return false;
      if (skip && element.closest(skip)) return false;
      if (element.closest('[hidden], [inert]')) return false;
      const box = element.getBoundingClientRect();
      return box.width > 0 && box.height > 0;
    }).length;
  }, except);
}

async function exportedText(): Promise<string> {
  const out = join(session.dir, `export-${Date.now()}.docx`);
  relayCli(['export', '--db', session.db, '--soa', session.demo.soaId, '--out', out]);
  const zip = await JSZip.loadAsync(readFileSync(out));
  const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  return xml
    .replace(/<w:tab\/>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&');
}

beforeAll(async () => {
  session.relay.child.stdout?.on('data', (chunk: Buffer) => (relayLog += chunk.toString()));
  session.relay.child.stderr?.on('data', (chunk: Buffer) => (relayLog += chunk.toString()));
  const coordinatorMember = session.member('coordinator');
  area = coordinatorMember.name.replace(/ community planning team$/, '');
  coordinator = await session.joinAs(coordinatorMember, { viewport: LAPTOP });
  partner = await session.joinAs(session.member('partner'), { viewport: LAPTOP });
  outcomeHref = (await coordinator.page.locator('.outline a[href^="#/outcome/"]').first().getAttribute('href')) ?? '';
  expect(outcomeHref).toMatch(/^#\/outcome\//);
}, 180_000);

describe('typing', () => {
  it('keeps what a coordinator types in titles, notes and targets through an immediate reload, and the partner sees it', async () => {
    const page = coordinator.page;
    await openOutcome(page);
    const title = page.getByLabel('Title of the local outcome');
    await title.click();
    await title.press('End');
    await page.keyboard.type(` across ${area}`);
    const gaps = page.getByLabel('Notes on gaps still to be filled');
    await gaps.click();
    await gaps.press('ControlOrMeta+End');
    await page.keyboard.type(' Survey results arrive in June.');
    const equality = page.getByLabel('Equality outcome');
    await equality.click();
    await equality.press('ControlOrMeta+End');
    await page.keyboard.type(' Closing the gap for disabled people.');
    const target = page.getByLabel(/^Year 1 target of /).first();
    await target.fill('');
    await target.pressSequentially('about 20%');
    await expect(page.getByText('Read as 20%.').first().isVisible()).resolves.toBe(true);
    const target10 = page.getByLabel(/^Year 10 target of /).first();
    await target10.fill('');
    await target10.pressSequentially('Below the Scottish average');
    await page
      .getByText('Not a number: kept as written, with no trend chart or progress status for this target.')
      .first()
      .waitFor();
    const typedTitle = await title.inputValue();
    expect(typedTitle.endsWith(` across ${area}`)).toBe(true);
    // Still focused in the last field: reload at once.
    await reloadNow(page);
    await expect(page.getByLabel('Title of the local outcome').inputValue()).resolves.toBe(typedTitle);
    await expect(page.getByLabel('Notes on gaps still to be filled').inputValue()).resolves.toMatch(
      / Survey results arrive in June\.$/,
    );
    await expect(page.getByLabel('Equality outcome').inputValue()).resolves.toMatch(
      / Closing the gap for disabled people\.$/,
    );
    await expect(
      page
        .getByLabel(/^Year 1 target of /)
        .first()
        .inputValue(),
    ).resolves.toBe('about 20%');
    await expect(
      page
        .getByLabel(/^Year 10 target of /)
        .first()
        .inputValue(),
    ).resolves.toBe('Below the Scottish average');
    // What reached the relay before the reload is counted as sent, not "Unsent" for good.
    await upToDate(page);
    await screenshot(page, '60-typing-coordinator-outcome');

    // The partner reads the same, as text.
    await openOutcome(partner.page);
    await partner.page.locator('h1.page-title').getByText(` across ${area}`).waitFor({ timeout: 20_000 });
    await partner.page.getByText('Survey results arrive in June.', { exact: false }).waitFor({ timeout: 20_000 });
    await partner.page.locator('.indicator-table').getByText('about 20%').first().waitFor();
    await partner.page.locator('.indicator-table').getByText('Below the Scottish average').first().waitFor();
    expect(coordinator.errors).toEqual([]);
  });

  it('keeps what a partner types in its notes, actions and resources, and "£120,000" reaches the coordinator and the export', async () => {
    const page = partner.page;
    const section = page.locator(`#contribution-${partner.member.partnerId}`);
    await openOutcome(page);
    const back = section.getByRole('button', { name: 'Edit and return to draft' }).first();
    if ((await back.count()) > 0) {
      await back.click();
      await answerDialog(page, 'Edit and return to draft');
    }
    const write = section.getByRole('button', { name: `Write ${partner.member.partnerName}’s contribution` });
    if ((await write.count()) > 0) await write.click();
    await section.getByRole('button', { name: 'Add a commitment' }).click();
    const actions = section.getByLabel(/^Action of .* commitment \d+$/);
    const action = actions.last();
    await action.click();
    await page.keyboard.type('Fund a money advice worker in every GP practice');
    const pounds = section.getByLabel(/^Resource in pounds for .* commitment \d+$/).last();
    await pounds.pressSequentially('£120,000');
    await section.getByText('Read as £120,000.').waitFor();
    const notes = section.getByLabel(`${partner.member.partnerName}: notes on gaps`);
    await notes.click();
    await notes.press('ControlOrMeta+End');
    await page.keyboard.type(' Costs for 2014 follow in May.');
    await reloadNow(page);
    await expect(
      section
        .getByLabel(/^Action of .* commitment \d+$/)
        .last()
        .inputValue(),
    ).resolves.toBe('Fund a money advice worker in every GP practice');
    await expect(
      section
        .getByLabel(/^Resource in pounds for .* commitment \d+$/)
        .last()
        .inputValue(),
    ).resolves.toBe('£120,000');
    await expect(section.getByLabel(`${partner.member.partnerName}: notes on gaps`).inputValue()).resolves.toMatch(
      / Costs for 2014 follow in May\.$/,
    );
    await upToDate(page);
    await coordinator.page.goto(`${session.relay.url}/${outcomeHref}`);
    await coordinator.page
      .locator(`#contribution-${partner.member.partnerId}`)
      .getByText('£120,000')
      .waitFor({ timeout: 20_000 });

    // A commitment with no resources is listed as missing and exported as "Not stated".
    await section.getByRole('button', { name: 'Add a commitment' }).click();
    await section
      .getByLabel(/^Action of .* commitment \d+$/)
      .last()
      .fill('Train reception staff in money advice referrals');
    await upToDate(page);

    // The coordinator sees the figure as typed, not a blank.
    const other = coordinator.page.locator(`#contribution-${partner.member.partnerId}`);
    await openOutcome(coordinator.page);
    await other.getByText('£120,000').waitFor({ timeout: 20_000 });
    await other.getByText('Fund a money advice worker in every GP practice').waitFor();
    await other.getByText('Train reception staff in money advice referrals').waitFor({ timeout: 20_000 });
    await coordinator.page.goto(`${session.relay.url}/#/dashboard`);
    await coordinator.page
      .getByText(
        /commitment “Train reception staff in money advice referrals” to outcome 1 .*does not state its resources/,
      )
      .first()
      .waitFor({ timeout: 20_000 });

    const text = await exportedText();
    expect(text).toContain('Fund a money advice worker in every GP practice');
    expect(text).toContain('£120,000');
    expect(text).toContain('about 20%');
    expect(text).toContain('Below the Scottish average');
    expect(text).toMatch(/Train reception staff in money advice referrals.{0,120}Not stated/);
    expect(partner.errors).toEqual([]);
  });

  it('keeps the SOA title typed on the details page through a reload, and shows the limit as it nears', async () => {
    const page = coordinator.page;
    await page.goto(`${session.relay.url}/#/details`);
    const title = page.getByLabel('Title', { exact: true });
    await title.waitFor();
    await title.click();
    await title.press('End');
    await page.keyboard.type(' (draft)');
    const typed = await title.inputValue();
    await reloadNow(page);
    await expect(page.getByLabel('Title', { exact: true }).inputValue()).resolves.toBe(typed);
    await upToDate(page);

    // Near the limit a count shows; a paste that would pass it is refused, and nothing is cut.
    const contact = page.getByLabel('Contact for other formats and languages');
    await contact.fill('x'.repeat(1_850));
    await page.getByText('1,850 of 2,000 characters (150 left).').waitFor();
    await contact.focus();
    await contact.press('ControlOrMeta+End');
    await contact.evaluate((element, extra) => {
      // What a paste does to a text area: insert at the caret, then an input event (React listens for it).
      const area = element as HTMLTextAreaElement;
      const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set;
      setter?.call(area, area.value + extra);
      area.dispatchEvent(new Event('input', { bubbles: true }));
    }, 'y'.repeat(300));
    await page
      .getByText(/That would make it 2,150 characters; the most it can be is 2,000\. Nothing was added/)
      .first()
      .waitFor();
    await expect(contact.inputValue()).resolves.toHaveLength(1_850);
    await screenshot(page, '61-typing-limit');
    await contact.fill('');
    await upToDate(page);
  });

  it('makes a local indicator’s direction a choice, proposed from its targets, and flags a contradiction', async () => {
    const page = coordinator.page;
    await openOutcome(page);
    await page.getByRole('button', { name: 'Define a local indicator' }).click();
    const row = page.locator('.indicator-table tbody tr').last();
    const direction = row.getByLabel(/^Better when, for /);
    await expect(direction.inputValue()).resolves.toBe('');
    await row.getByLabel(/^Name of indicator \d+$/).fill('Households in fuel poverty (local survey)');
    await row.getByLabel(/^Baseline value of /).fill('31%');
    await row.getByLabel(/^Year 1 target of /).fill('29%');
    await row.getByLabel(/^Year 10 target of /).fill('20%');
    await row.getByText('Not chosen yet. The targets fall, so probably lower.').waitFor();
    await direction.selectOption('higher');
    await row.getByText('The targets fall: check this.').waitFor();
    await page.goto(`${session.relay.url}/#/dashboard`);
    await page
      .getByText(
        /Indicator "Households in fuel poverty \(local survey\)" \(outcome 1 .*\) is marked better when higher, but its targets fall/,
      )
      .first()
      .waitFor({ timeout: 20_000 });
    await openOutcome(page);
    await page
      .locator('.indicator-table tbody tr')
      .last()
      .getByLabel(/^Better when, for /)
      .selectOption('lower');
    await upToDate(page);
    // Once the partner sees it, the relay has it.
    await openOutcome(partner.page);
    await partner.page
      .locator('.indicator-table tbody tr')
      .last()
      .getByRole('cell', { name: 'Lower', exact: true })
      .waitFor({ timeout: 20_000 });
    const text = await exportedText();
    expect(text).toMatch(/Households in fuel poverty \(local survey\).{0,400}Better when.{0,5}lower/);
  });

  it('fits the outcome page at 1366 by 768, shows a reader text rather than inputs, and passes axe', async () => {
    for (const officer of [coordinator, partner]) {
      await openOutcome(officer.page);
      await upToDate(officer.page);
      const overflow = await officer.page.evaluate(() =>
        [...document.querySelectorAll('.table-scroll')].map((element) => element.scrollWidth - element.clientWidth),
      );
      expect(
        overflow.every((pixels) => pixels <= 1),
        `tables scroll sideways by ${overflow.join(', ')} px`,
      ).toBe(true);
      const page = await officer.page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(page, 'the page itself scrolls sideways').toBeLessThanOrEqual(0);
      expect(await axeViolations(officer.page)).toEqual([]);
    }
    await partner.page.locator('.indicator-table').scrollIntoViewIfNeeded();
    await screenshot(partner.page, '62-typing-reader-indicators');
    await coordinator.page.locator('.indicator-table').scrollIntoViewIfNeeded();
    await screenshot(coordinator.page, '63-typing-coordinator-indicators');
    // The partner reads the frame: no inputs for it, only its own contribution's.
    // What the partner only reads: everything but its own contribution (the outline, the frame, other partners).
    const readerStops = await tabStops(partner.page, `#contribution-${partner.member.partnerId}`);
    const frameInputs = await partner.page
      .locator('.indicator-table input, .indicator-table select, .indicator-table textarea')
      .count();
    expect(frameInputs).toBe(0);
    console.log(
      `Tab stops on outcome 1: ${readerStops} outside the partner's own contribution (it reads the rest), ${await tabStops(partner.page)} in all for the partner, ${await tabStops(coordinator.page)} for the coordinator who writes the frame`,
    );
    expect(readerStops).toBeLessThan(60);
  });
});
