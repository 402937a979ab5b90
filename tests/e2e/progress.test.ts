/**
 * Indicator values in Chromium against a real relay (issue 18): a lead partner records a year's value on
 * its outcome's page, and the coordinator's dashboard changes that indicator's status (the off-track count
 * and list follow); the outcome page's progress section and the dashboard pass axe.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { axeViolations, screenshot } from './harness';
import { demoOnRelayPerFile, type Officer } from './demoOnRelay';

const session = demoOnRelayPerFile('soa-e2e-progress-');

let coordinator: Officer;
let partner: Officer;

async function goDashboard(officer: Officer): Promise<void> {
  await officer.page
    .locator('.outline')
    .getByRole('link', { name: /Progress and what is missing/ })
    .click();
  await officer.page.getByRole('heading', { name: 'Progress and what is missing', level: 1 }).waitFor();
  await officer.page.locator('#dash-progress').waitFor();
}

/** Opens the outcome page's progress section (closed by default) unless it is open already. */
async function openProgress(page: Page): Promise<void> {
  await page.locator('#outcome-progress').waitFor();
  const closed = page.locator('.progress-details:not([open]) > summary');
  if ((await closed.count()) > 0) await closed.click();
  await page.locator('.progress-details[open]').waitFor();
}

const offTrackCount = async (page: Page) =>
  Number(await page.locator('[data-count="off-track"] .metric-value').innerText());
const offTrackNames = (page: Page) => page.locator('.off-track-list .link-button').allInnerTexts();

beforeAll(async () => {
  coordinator = await session.joinAs(session.member('coordinator'));
  partner = await session.joinAs(session.member('partner'));
}, 180_000);

describe('a lead partner records an indicator value', () => {
  it('changes the status on the coordinator\u2019s dashboard', async () => {
    await goDashboard(coordinator);
    const heading = await coordinator.page.locator('#dash-progress').innerText();
    const year = /Indicators in (\d{4}\/\d{2})/.exec(heading)?.[1];
    expect(year).toBeTruthy();
    const offBefore = await offTrackCount(coordinator.page);

    // The partner finds, among the outcomes, an indicator it records values for.
    const outcomeLinks = partner.page.locator('.outline a[href^="#/outcome/"]');
    const outcomes = await outcomeLinks.count();
    let article = partner.page
      .locator('article.indicator-progress')
      .filter({ has: partner.page.locator('form.value-form') })
      .first();
    for (let index = 0; index < outcomes; index++) {
      await outcomeLinks.nth(index).click();
      await openProgress(partner.page);
      if ((await article.count()) > 0) break;
    }
    expect(await article.count()).toBe(1);
    const indicatorId = await article.getAttribute('data-indicator');
    article = partner.page.locator(`article.indicator-progress[data-indicator="${indicatorId}"]`);
    const name = (await article.locator('h3').innerText())
      .replace(
        /\s*\S*\s*(On track|Some way to go|Off track|No data|Target not a number|Direction not set|Values conflict)\s*$/,
        '',
      )
      .trim();
    const before = await article.locator('h3 [data-status]').getAttribute('data-status');
    const baseline = Number(await article.getAttribute('data-baseline'));
    const target10 = Number(await article.getAttribute('data-target10'));
    const higherIsBetter = (await article.getAttribute('data-higher-is-better')) === 'true';
    // Off track now: record the ten-year target (on track). Otherwise: a value worse than the baseline (off track).
    const value =
      before === 'off-track'
        ? target10
        : higherIsBetter
          ? Math.round((baseline - Math.abs(baseline) * 0.5 - 1) * 10) / 10
          : Math.round((baseline * 1.5 + 1) * 10) / 10;
    const expected = before === 'off-track' ? 'on-track' : 'off-track';

    // Keyboard only: the year, then the value, then Enter submits the form.
    const form = article.locator('form.value-form');
    await form.getByLabel('Reporting year').selectOption(year as string);
    const field = form.getByLabel(`Value for ${year}`);
    await field.focus();
    await field.press('Control+a');
    await field.pressSequentially(String(value));
    // Typed but not saved: a reload keeps it on this computer and says it is not saved yet.
    await partner.page.reload();
    await partner.page.locator('h1.page-title').waitFor();
    await openProgress(partner.page);
    await form.getByLabel('Reporting year').selectOption(year as string);
    await expect.poll(() => field.inputValue()).toBe(String(value));
    await form.getByText('Not saved yet: what you typed is kept on this computer until you save it.').waitFor();
    await field.focus();
    await field.press('Enter');
    await form.getByRole('status').getByText(`Saved the value for ${year}: ${value}.`).waitFor();
    await expect.poll(() => article.locator('h3 [data-status]').getAttribute('data-status')).toBe(expected);
    await partner.page.waitForFunction(
      () => document.querySelector('.sync-text')?.textContent === 'Up to date',
      undefined,
      { timeout: 15_000 },
    );
    await article.scrollIntoViewIfNeeded();
    await screenshot(partner.page, '60-progress-value-recorded');
    expect(await axeViolations(partner.page)).toEqual([]);

    // The coordinator's dashboard follows, without a reload.
    const offAfter = expected === 'off-track' ? offBefore + 1 : offBefore - 1;
    await expect.poll(() => offTrackCount(coordinator.page), { timeout: 15_000 }).toBe(offAfter);
    const names = await offTrackNames(coordinator.page);
    if (expected === 'off-track') expect(names).toContain(name);
    else expect(names).not.toContain(name);
    await coordinator.page.locator('#dash-progress').scrollIntoViewIfNeeded();
    await screenshot(coordinator.page, '61-progress-dashboard');
    expect(await axeViolations(coordinator.page)).toEqual([]);
    expect([...coordinator.errors, ...partner.errors]).toEqual([]);
  });

  it('imports values from a CSV file only after a preview with no bad rows, and only for indicators it records', async () => {
    // An indicator the partner records, and one it does not, from the partner's own outcome pages.
    const outcomeLinks = partner.page.locator('.outline a[href^="#/outcome/"]');
    let mine = '';
    let theirs = '';
    for (let index = 0; index < (await outcomeLinks.count()) && (!mine || !theirs); index++) {
      await outcomeLinks.nth(index).click();
      await openProgress(partner.page);
      for (const article of await partner.page.locator('article.indicator-progress').all()) {
        const heading =
          (await article.locator('h3').innerText())
            .split('\n')[0]
            ?.replace(
              /\s*\S\s*(On track|Some way to go|Off track|No data|Target not a number|Direction not set|Values conflict)\s*$/,
              '',
            )
            .trim() ?? '';
        if ((await article.locator('form.value-form').count()) > 0) mine ||= heading;
        else theirs ||= heading;
      }
    }
    expect(mine).not.toBe('');
    expect(theirs).not.toBe('');
    await goDashboard(partner);
    const panel = partner.page.locator('.import-values');
    const csv = (rows: string[]) => ({
      name: 'cpop.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(['Indicator,Year,Value', ...rows].join('\r\n')),
    });
    const quoted = (text: string) => `"${text.replace(/"/g, '""')}"`;

    // A row for someone else's indicator: listed with its line, and nothing can be imported.
    await panel
      .getByLabel('CSV file')
      .setInputFiles(csv([`${quoted(mine)},2017/18,"1,234.5"`, `${quoted(theirs)},2017/18,12`]));
    await panel.getByText('Rows to correct before anything is imported').waitFor();
    const problems = await panel.locator('.notice li').allInnerTexts();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`Line 3: "${theirs}": you do not record its values`);
    await expect(panel.getByRole('button', { name: /^Import 1 value$/ }).isDisabled()).resolves.toBe(true);
    expect(await axeViolations(partner.page)).toEqual([]);

    // The corrected file: previewed, then imported on request.
    await panel.getByLabel('CSV file').setInputFiles(csv([`${quoted(mine)},2017-18,"1,234.5"`]));
    await panel.locator('.import-preview').getByText('1 new and 0 changed values.').waitFor();
    await panel.locator('.import-values, .import-preview').first().scrollIntoViewIfNeeded();
    await screenshot(partner.page, '62-progress-csv-preview');
    await panel.getByRole('button', { name: 'Import 1 value' }).click();
    await panel.getByRole('status').getByText('Imported 1 new value and changed 0 from cpop.csv.').waitFor();
    await partner.page.waitForFunction(
      () => document.querySelector('.sync-text')?.textContent === 'Up to date',
      undefined,
      { timeout: 15_000 },
    );
    // The coordinator's dashboard moves on to the newest year with a value: one value recorded, the rest owed.
    await coordinator.page
      .getByRole('heading', { name: 'Indicators in 2017/18', level: 2 })
      .waitFor({ timeout: 15_000 });
    const section = coordinator.page.locator('section[aria-labelledby="dash-progress"]');
    const owed = Number(await section.locator('[data-count="missing"] .metric-value').innerText());
    const judged = await Promise.all(
      ['on-track', 'some-way-to-go', 'off-track'].map(async (state) =>
        Number(await section.locator(`[data-count="${state}"] .metric-value`).innerText()),
      ),
    );
    expect(owed).toBeGreaterThan(0);
    expect(judged.reduce((sum, count) => sum + count, 0)).toBeGreaterThan(0);
    expect([...coordinator.errors, ...partner.errors]).toEqual([]);
  });

  it('exports the Annual Report from the dashboard as a Word file with native charts', async () => {
    await goDashboard(coordinator);
    const page = coordinator.page;
    const year = /Indicators in (\d{4}\/\d{2})/.exec(await page.locator('#dash-progress').innerText())?.[1];
    expect(year).toBeTruthy();
    const exportButton = page.getByRole('button', { name: `Export Annual Report ${year}` });
    await exportButton.focus();
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const said = page.locator('section[aria-labelledby="dash-progress"] > p[role="status"]');
    await expect.poll(() => said.innerText()).toMatch(/^Downloaded .+\.docx\.$/);
    const zip = await JSZip.loadAsync(readFileSync(await download.path()));
    const charts = Object.keys(zip.files).filter((name) => /^word\/charts\/chart\d+\.xml$/.test(name));
    expect(charts.length).toBeGreaterThan(0);
    const text = ((await zip.file('word/document.xml')?.async('string')) ?? '').replace(/<[^>]+>/g, '');
    expect(text).toContain(`Annual Report ${year}`);
    expect([...coordinator.errors]).toEqual([]);
  });
});
