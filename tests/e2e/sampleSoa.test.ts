/**
 * The sample SOA on this computer: the dashboard from checkCompleteness (clicking an item lands on the
 * place to fix it), an outcome page with real content, a partner's home and its sign-off (ready, agreed,
 * then editing warns and returns to draft), pasting from Word, and the Word export as a download.
 * Screenshots and axe-core on each main screen.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { answerDialog, axeViolations, screenshot, sampleSoaPerFile } from './harness';

const session = sampleSoaPerFile();
let page: Page;
let errors: string[];
beforeAll(() => {
  ({ page, errors } = session);
});

describe('the sample SOA', () => {
  it('shows the coordinator’s dashboard, and an item goes to the place to fix it', async () => {
    // Five figures sum up the SOA (missing, complete, yet to agree, two deadlines); the progress panel has its own.
    await expect(page.getByRole('region', { name: 'Summary' }).locator('.metric').count()).resolves.toBe(5);
    // Everything the sample wrote reaches IndexedDB: the status settles on "Saved".
    await page.waitForFunction(
      () => document.querySelector('.sync-text')?.textContent === 'Saved on this computer',
      undefined,
      { timeout: 20_000 },
    );
    await screenshot(page, '20-sample-dashboard');
    expect(await axeViolations(page)).toEqual([]);
    const item = page.locator('.missing-list .link-button').first();
    await item.waitFor();
    await item.click();
    // Focus lands on the page heading or the exact thing to fix, never left on the old page.
    await page.waitForFunction(() => document.activeElement !== null && document.activeElement !== document.body);
    const focused = await page.evaluate(() => document.activeElement?.id ?? document.activeElement?.tagName ?? '');
    expect(focused).not.toBe('');
    expect(page.url()).toMatch(/#\/(outcome|details|narrative|partner)\//);
  });

  it('shows an outcome with National Outcomes in canonical text and its indicator table', async () => {
    await page.locator('.outline a[href^="#/outcome/"]').first().click();
    await page.getByRole('heading', { name: /^Outcome 1:/, level: 1 }).waitFor();
    await expect(page.locator('.indicator-table tbody tr').count()).resolves.toBeGreaterThan(0);
    // Reorder: move the second indicator up.
    const rows = page.locator('.indicator-table tbody tr');
    if ((await rows.count()) > 1) {
      const second = (await rows.nth(1).getAttribute('id')) ?? '';
      await rows
        .nth(1)
        .getByRole('button', { name: /^Move .* up$/ })
        .click();
      await expect.poll(async () => rows.first().getAttribute('id')).toBe(second);
    }
    await screenshot(page, '21-sample-outcome');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('runs a partner’s sign-off: ready, agreed, and editing after agreement warns and returns to draft', async () => {
    await page.locator('.outline a[href^="#/partner/"]').first().click();
    await page.getByRole('heading', { name: 'Sign-off', level: 2, exact: true }).waitFor();
    const state = page.locator('.sign-off-state');
    if ((await state.getAttribute('data-state')) === 'agreed') {
      await page.getByRole('button', { name: 'Return to draft' }).click();
      await answerDialog(page, 'Return to draft');
    }
    if ((await state.getAttribute('data-state')) === 'draft')
      await page.getByRole('button', { name: 'Mark ready for sign-off' }).click();
    await expect.poll(() => state.getAttribute('data-state')).toBe('ready');
    await page.getByLabel('Officer’s name').fill('Morag Fraser');
    await page.getByLabel('Position').fill('Chief Executive');
    await page.getByRole('button', { name: 'Record agreement' }).click();
    await expect.poll(() => state.getAttribute('data-state')).toBe('agreed');
    await expect(state.innerText()).resolves.toMatch(
      /^Agreed by Morag Fraser, Chief Executive, on \d{1,2} [A-Z][a-z]+ \d{4}\.$/,
    );
    await screenshot(page, '22-sample-partner-home');
    expect(await axeViolations(page)).toEqual([]);
    // Agreed content is not editable until the officer accepts the warning.
    await expect(page.getByRole('textbox', { name: /statement of support/ }).count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Edit and return to draft' }).first().click();
    await answerDialog(page, 'Edit and return to draft');
    await expect.poll(() => state.getAttribute('data-state')).toBe('draft');
    await page.getByRole('textbox', { name: /statement of support/ }).waitFor();
  });

  it('dates the sample\u2019s round from today and shows the partner\u2019s total resources, which its writer can change', async () => {
    // The partner is back in draft after the sign-off test, so its page is editable.
    await page.getByRole('heading', { name: /^Total resources in /, level: 2 }).waitFor();
    const amount = page.getByLabel(/^Total resources of .* \(£\)$/);
    await expect(amount.inputValue()).resolves.toMatch(/^£\d+\.\dm$/);
    await expect(page.getByLabel('Financial year of the total').inputValue()).resolves.toBe('2013/14');
    await amount.fill('£200m');
    await expect(page.locator('#partner-total-resources ~ .field-figure .field-note').innerText()).resolves.toContain(
      '200,000,000',
    );
    await screenshot(page, '23-sample-total-resources');
    expect(await axeViolations(page)).toEqual([]);
    // What was typed is in the document: another page and back, and it is still there.
    await page.locator('.outline a[href^="#/outcome/"]').first().click();
    await page.getByRole('heading', { name: /^Outcome 1:/, level: 1 }).waitFor();
    await page.goBack();
    await page.getByRole('heading', { name: /^Total resources in /, level: 2 }).waitFor();
    await expect(page.getByLabel(/^Total resources of .* \(£\)$/).inputValue()).resolves.toBe('£200m');
    // The round's deadlines lie ahead of today, not years behind it.
    await page.locator('.outline a.outline-link').first().click();
    await page.locator('.metric').first().waitFor();
    const metrics = await page.locator('.metric').allInnerTexts();
    const draftDue = metrics.find((text) => text.includes('draft due')) ?? '';
    expect(draftDue).toMatch(/^\d+ days left/);
    expect(metrics.join('\n')).not.toMatch(/overdue/);
  });

  it('keeps structure and drops the rest when pasting from Word', async () => {
    await page.getByRole('link', { name: /Notes on gaps still to be filled/ }).click();
    await page.getByRole('heading', { name: 'Notes on gaps still to be filled', level: 1 }).waitFor();
    // Navigation moves focus to the page heading; wait for it, so it does not land after our click.
    await page.waitForFunction(() => document.activeElement?.id === 'main-heading', undefined, { timeout: 10_000 });
    const editor = page.getByRole('textbox', { name: 'Notes on gaps still to be filled', exact: true });
    await editor.click();
    // Replace the section's text with the pasted document (select all, then paste).
    await page.keyboard.press('Control+A');
    const wordHtml = [
      '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{font-family:Calibri}</style></head><body>',
      '<h2 style="mso-style-name:Heading2">Gaps in data</h2>',
      '<p class=MsoNormal><b><span style="font-family:Calibri;color:red">Baseline</span></b><span style="font-size:14pt"> data for two indicators is due in May.</span></p>',
      '<p class=MsoListParagraphCxSpFirst style="mso-list:l0 level1 lfo1"><span style="mso-list:Ignore">·<span>&nbsp;&nbsp; </span></span>Child poverty</p>',
      '<p class=MsoListParagraphCxSpLast style="mso-list:l0 level1 lfo1"><span style="mso-list:Ignore">·<span>&nbsp;&nbsp; </span></span>Fuel poverty</p>',
      '<table class=MsoTableGrid><tr><td><p>Indicator</p></td><td><p>Due</p></td></tr><tr><td><p>Fuel poverty</p></td><td><p>May</p></td></tr></table>',
      '</body></html>',
    ].join('');
    await editor.evaluate((element, html) => {
      const data = new DataTransfer();
      data.setData('text/html', html);
      data.setData('text/plain', 'Gaps in data');
      element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, wordHtml);
    await expect.poll(() => editor.locator('h2', { hasText: 'Gaps in data' }).count()).toBe(1);
    await expect(editor.locator('strong', { hasText: 'Baseline' }).count()).resolves.toBe(1);
    await expect(editor.locator('ul > li').filter({ hasText: 'Fuel poverty' }).count()).resolves.toBe(1);
    await expect(editor.locator('table td').filter({ hasText: 'May' }).count()).resolves.toBe(1);
    // Word's fonts, colours and classes are gone.
    await expect(
      editor.evaluate((element) => element.querySelectorAll('[style*="color"], [class*="Mso"], span[style]').length),
    ).resolves.toBe(0);
    await screenshot(page, '23-sample-narrative-paste');
  });

  it('exports the SOA to Word as a download, with progress, without freezing the window', async () => {
    const download = page.waitForEvent('download', { timeout: 60_000 });
    await page.getByRole('button', { name: 'Export to Word' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.docx$/);
    const path = await file.path();
    expect(path).toBeTruthy();
    await page
      .locator('#export-status')
      .getByText(/^Downloaded /)
      .waitFor();

    // One partner's part, for its board.
    await page.locator('.outline a[href^="#/partner/"]').nth(1).click();
    const partnerDownload = page.waitForEvent('download', { timeout: 60_000 });
    await page.getByRole('button', { name: /^Export .*’s part to Word$/ }).click();
    const partFile = await partnerDownload;
    expect(partFile.suggestedFilename()).toMatch(/\.docx$/);
    await page
      .locator('#partner-export-status')
      .getByText(/^Downloaded /)
      .waitFor();
    expect(errors).toEqual([]);
  });
});
