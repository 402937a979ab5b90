/**
 * Tab and Shift-Tab in the rich-text editor's lists (issue 12): Tab nests a list item, Shift-Tab brings it
 * back, and a keyboard user is never trapped: Escape then Tab leaves the editor.
 */
import { describe, expect, it } from 'vitest';
import { sampleSoaPerFile } from './harness';

const session = sampleSoaPerFile();

describe('lists in the rich-text editor', () => {
  it('indents with Tab, outdents with Shift-Tab, and lets Escape then Tab leave the text', async () => {
    const { page } = session;
    await page.getByRole('link', { name: /Our place/ }).click();
    await page.getByRole('heading', { name: 'Our place', level: 1 }).waitFor();
    const editor = page.getByRole('textbox', { name: 'Our place' });
    await editor.click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Bulleted list' }).click();
    await page.keyboard.type('Fuel poverty');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Child poverty');
    const nested = editor.locator('ul > li > ul > li', { hasText: 'Child poverty' });
    await expect(nested.count()).resolves.toBe(0);

    await page.keyboard.press('Tab');
    await nested.waitFor();
    const inEditor = () => page.evaluate(() => document.activeElement?.closest('.rich-editor-content') !== null);
    await expect(inEditor()).resolves.toBe(true);

    await page.keyboard.press('Shift+Tab');
    await nested.waitFor({ state: 'detached' });
    await expect(inEditor()).resolves.toBe(true);

    // The first item cannot nest: Tab keeps the caret in the list rather than throwing it out of the text.
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Tab');
    await expect(inEditor()).resolves.toBe(true);

    // Escape, then Tab: out of the editor, to the next thing on the page.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    await expect(inEditor()).resolves.toBe(false);
    expect(session.errors).toEqual([]);
  });
});
