/**
 * Outcomes and what hangs off them, on the sample SOA (one author who writes everything): reordering outcomes
 * (the outline follows, and it survives a reload), tags, a partner's links to its own plans, withdrawing a
 * contribution, and deleting an outcome, whose contributions then show on the dashboard as orphans to tidy.
 * Every question is an in-page dialog (labelled, Escape closes, focus returns); axe-core runs with them open.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { answerDialog, axeViolations, ROOT, screenshot, sampleSoaPerFile } from './harness';

const session = sampleSoaPerFile();
let page: Page;
let errors: string[];
beforeAll(() => {
  ({ page, errors } = session);
});

const outcomeLinks = () => page.locator('.outline a[href^="#/outcome/"]');

async function outlineOrder(): Promise<string[]> {
  return outcomeLinks().evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
}

async function saved(): Promise<void> {
  await page.waitForFunction(
    () => document.querySelector('.sync-text')?.textContent === 'Saved on this computer',
    undefined,
    { timeout: 20_000 },
  );
}

async function openOutcome(index: number): Promise<void> {
  const href = (await outcomeLinks().nth(index).getAttribute('href')) ?? '';
  const already = new URL(page.url()).hash === href;
  await outcomeLinks().nth(index).click();
  await page.getByRole('heading', { name: new RegExp(`^Outcome ${index + 1}:`), level: 1 }).waitFor();
  // Navigation moves focus to the new page's heading; wait for it, so it does not land after our next click.
  if (!already)
    await page.waitForFunction(() => document.activeElement?.id === 'main-heading', undefined, { timeout: 10_000 });
}

describe('outcomes and their loose ends', () => {
  it('has no window.prompt, window.confirm or window.alert left in the editor', () => {
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.(ts|tsx)$/.test(name) && /window\.(prompt|confirm|alert)\s*\(/.test(readFileSync(path, 'utf8')))
          found.push(path);
      }
    };
    walk(join(ROOT, 'renderer/src'));
    expect(found).toEqual([]);
  });

  it('reorders outcomes: the outline follows and the order survives a reload', async () => {
    const before = await outlineOrder();
    expect(before.length).toBeGreaterThan(2);
    await openOutcome(1);
    await page.getByRole('button', { name: /^Move earlier/ }).click();
    await expect.poll(outlineOrder).toEqual([before[1], before[0], ...before.slice(2)]);
    await page.getByRole('heading', { name: /^Outcome 1:/, level: 1 }).waitFor();
    // From the keyboard: the move-later button of the (now first) outcome, with Enter.
    await page.getByRole('button', { name: /^Move later/ }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(outlineOrder).toEqual(before);
    await page.getByRole('button', { name: /^Move earlier/ }).click();
    await expect.poll(outlineOrder).toEqual([before[1], before[0], ...before.slice(2)]);
    await saved();
    await page.reload();
    await outcomeLinks().first().waitFor();
    await expect.poll(outlineOrder).toEqual([before[1], before[0], ...before.slice(2)]);
  });

  it('adds and removes a tag on an outcome', async () => {
    await openOutcome(0);
    await page.getByLabel('Add a tag').fill('Fairer Scotland Fund');
    await page.getByRole('button', { name: 'Add tag' }).click();
    const tags = page.getByRole('list', { name: 'Tags of this outcome' });
    await tags.getByText('Fairer Scotland Fund', { exact: true }).waitFor();
    await page.getByLabel('Add a tag').fill('Early years');
    await page.getByLabel('Add a tag').press('Enter');
    await tags.getByText('Early years', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Remove tag Early years', exact: true }).click();
    await expect.poll(() => tags.getByText('Early years', { exact: true }).count()).toBe(0);
    await expect(tags.getByText('Fairer Scotland Fund', { exact: true }).count()).resolves.toBe(1);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('adds a link to a partner’s own plan (an NHS HEAT target), which shows on its home', async () => {
    await page.locator('.outline a[href^="#/partner/"]').first().click();
    await page.getByRole('heading', { name: /^Links to .* own plans$/, level: 2 }).waitFor();
    await page.getByLabel('Plan', { exact: true }).selectOption({ label: 'NHS HEAT target' });
    await page.getByLabel('Reference in the plan').fill('HEAT H4');
    await page.getByLabel('SOA outcome it serves').selectOption({ index: 1 });
    await page
      .getByRole('form', { name: /^Add a link to / })
      .getByRole('button', { name: 'Add plan link' })
      .click();
    const reference = page.getByLabel('Reference of link HEAT H4');
    await reference.waitFor();
    await expect(reference.inputValue()).resolves.toBe('HEAT H4');
    await expect(page.getByLabel('Plan of link HEAT H4').inputValue()).resolves.toBe('heat');
    await page.getByLabel('What link HEAT H4 measures').fill('Reduce suicide rates by 20% by 2013');
    await page.getByLabel('What link HEAT H4 measures').press('Enter');
    await saved();
    await page.reload();
    await expect(page.getByLabel('What link HEAT H4 measures').inputValue()).resolves.toBe(
      'Reduce suicide rates by 20% by 2013',
    );
    await page.getByRole('heading', { name: /^Links to .* own plans$/, level: 2 }).scrollIntoViewIfNeeded();
    await screenshot(page, '30-partner-plan-links');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('lets a partner withdraw its contribution, after an in-page confirmation that Escape closes', async () => {
    // The first outcome that has a written contribution.
    let withdraw = page.getByRole('button', { name: /^Withdraw .*contribution$/ }).first();
    for (let index = 0; index < (await outcomeLinks().count()); index += 1) {
      await openOutcome(index);
      withdraw = page.getByRole('button', { name: /^Withdraw .*contribution$/ }).first();
      if ((await withdraw.count()) > 0) break;
    }
    const section = withdraw.locator('xpath=ancestor::section[contains(@class, "contribution")]');
    const sectionId = (await section.getAttribute('id')) ?? '';
    const label = (await withdraw.innerText()).trim();
    await withdraw.click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await expect(dialog.getAttribute('aria-labelledby')).resolves.toBeTruthy();
    await expect(dialog.getByRole('heading', { level: 2 }).innerText()).resolves.toMatch(
      /^Withdraw .* contribution\?$/,
    );
    // Focus starts inside the dialog, on the safe choice, and stays inside while tabbing.
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Keep it');
    for (let press = 0; press < 4; press += 1) {
      await page.keyboard.press('Tab');
      await expect(page.evaluate(() => Boolean(document.activeElement?.closest('dialog')))).resolves.toBe(true);
    }
    await page.keyboard.press('Shift+Tab');
    await expect(page.evaluate(() => Boolean(document.activeElement?.closest('dialog')))).resolves.toBe(true);
    await screenshot(page, '31-withdraw-dialog');
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    // Escape kept the contribution, and focus went back to the button that opened the dialog.
    await page.waitForFunction((name) => document.activeElement?.textContent?.trim() === name, label);
    await withdraw.click();
    await answerDialog(page, 'Withdraw contribution');
    await expect
      .poll(() =>
        page
          .locator(`#${sectionId}`)
          .getByRole('button', { name: /^Withdraw / })
          .count(),
      )
      .toBe(0);
  });

  it('deletes an outcome after warning that contributions become orphans, which the dashboard lists and tidies', async () => {
    let title = '';
    for (let index = 0; index < (await outcomeLinks().count()); index += 1) {
      await openOutcome(index);
      if ((await page.getByRole('button', { name: /^Withdraw .*contribution$/ }).count()) > 0) {
        title = await page.getByLabel('Title of the local outcome').inputValue();
        break;
      }
    }
    expect(title).not.toBe('');
    const count = await outcomeLinks().count();
    await page.getByRole('button', { name: 'Delete this outcome' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await expect(dialog.innerText()).resolves.toContain('become orphans');
    await screenshot(page, '32-delete-outcome-dialog');
    expect(await axeViolations(page)).toEqual([]);
    await answerDialog(page, 'Delete outcome');
    await page.getByRole('heading', { name: 'Progress and what is missing', level: 1 }).waitFor();
    await expect.poll(() => outcomeLinks().count()).toBe(count - 1);
    const orphans = page.locator('[data-orphan="contribution-to-missing-outcome"]');
    await orphans.first().waitFor();
    const orphanCount = await orphans.count();
    await expect(orphans.first().innerText()).resolves.toContain(
      'has a contribution to a local outcome that has been deleted',
    );
    await page.getByRole('heading', { name: 'To tidy up', level: 2 }).scrollIntoViewIfNeeded();
    await screenshot(page, '33-dashboard-orphans');
    expect(await axeViolations(page)).toEqual([]);
    // The owner tidies one: remove the dangling contribution.
    await orphans.first().getByRole('button', { name: 'Remove this contribution' }).click();
    await screenshot(page, '34-tidy-orphan-dialog');
    await answerDialog(page, 'Remove contribution');
    await expect.poll(() => orphans.count()).toBe(orphanCount - 1);
    expect(errors).toEqual([]);
  });

  it('asks for a link address in an in-page form, checks it, and puts focus back in the text', async () => {
    await page.getByRole('link', { name: /Our vision/ }).click();
    await page.getByRole('heading', { name: 'Our vision', level: 1 }).waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'main-heading', undefined, { timeout: 10_000 });
    const editor = page.getByRole('textbox', { name: 'Our vision', exact: true });
    await editor.click();
    await page.keyboard.press('End');
    await page.keyboard.type(' See the plan');
    for (let index = 0; index < 'the plan'.length; index += 1) await page.keyboard.press('Shift+ArrowLeft');
    await page
      .getByRole('toolbar', { name: 'Formatting for Our vision' })
      .getByRole('button', { name: 'Add link' })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Add a link' });
    await dialog.waitFor();
    await expect(page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).resolves.toBe('url');
    await page.keyboard.type('javascript:alert(1)');
    await page.keyboard.press('Enter');
    await dialog.getByText('Enter an address that starts with https://, http:// or mailto:.').waitFor();
    await screenshot(page, '35-link-dialog-error');
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByLabel('Link address').fill('https://www.gov.scot/');
    await dialog.getByRole('button', { name: 'Add link' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => editor.locator('a[href="https://www.gov.scot/"]').innerText()).toBe('the plan');
    await page.waitForFunction(() => document.activeElement?.getAttribute('contenteditable') === 'true');
    expect(errors).toEqual([]);
  });
});
