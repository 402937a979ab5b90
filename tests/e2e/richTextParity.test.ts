/**
 * Issue 12: rich text looks the same for everyone. A partner writes headings, lists, a quote, a table and
 * bold, italic, underlined and linked words in its statement (pasted into the editor, as officers do); another
 * member reads the statement read-only. In Chromium against a real relay, each kind of node and mark the
 * author sees in the editor is in the reader's view with the same computed look (a heading is a heading of
 * the same size, not a small bold label).
 */
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DemoMember } from '../support/relayCli';
import { answerDialog, screenshot } from './harness';
import { demoOnRelayPerFile } from './demoOnRelay';

const session = demoOnRelayPerFile('soa-e2e-richtext-');

let author: DemoMember;
let reader: DemoMember;

const PASTED = [
  '<h1>Our part in the plan</h1>',
  '<h2>What we will change</h2>',
  '<h3>In the first year</h3>',
  '<p>Plain words, <strong>bold words</strong>, <em>italic words</em>, <u>underlined words</u> and <a href="https://www.gov.scot/">a linked page</a>.</p>',
  '<ul><li><p>First bullet</p></li><li><p>Second bullet</p></li></ul>',
  '<ol><li><p>First step</p></li><li><p>Second step</p></li></ol>',
  '<blockquote><p>Quoted words from a resident</p></blockquote>',
  '<table><tbody><tr><th><p>Ward</p></th><th><p>Homes</p></th></tr><tr><td><p>Glenmore North</p></td><td><p>1,200</p></td></tr></tbody></table>',
].join('');

/** What each kind of node or mark is, found by its words, in the editor and in the view alike. */
const PROBES: readonly {
  readonly name: string;
  readonly selector: (text: string) => string;
  readonly text: string;
  readonly styles: readonly string[];
}[] = [
  {
    name: 'heading 1',
    selector: () => 'h1, h2, h3, h4, h5, h6',
    text: 'Our part in the plan',
    styles: ['font-size', 'font-weight', 'line-height', 'margin-top', 'margin-bottom'],
  },
  {
    name: 'heading 2',
    selector: () => 'h1, h2, h3, h4, h5, h6',
    text: 'What we will change',
    styles: ['font-size', 'font-weight', 'line-height', 'margin-top', 'margin-bottom'],
  },
  {
    name: 'heading 3',
    selector: () => 'h1, h2, h3, h4, h5, h6',
    text: 'In the first year',
    styles: ['font-size', 'font-weight', 'line-height', 'margin-top', 'margin-bottom'],
  },
  {
    name: 'paragraph',
    selector: () => 'p',
    text: 'Plain words,',
    styles: ['font-size', 'font-weight', 'margin-bottom'],
  },
  { name: 'bold', selector: () => 'strong', text: 'bold words', styles: ['font-weight'] },
  { name: 'italic', selector: () => 'em', text: 'italic words', styles: ['font-style'] },
  { name: 'underline', selector: () => 'u', text: 'underlined words', styles: ['text-decoration-line'] },
  { name: 'link', selector: () => 'a', text: 'a linked page', styles: ['color', 'text-decoration-line'] },
  { name: 'bulleted list', selector: () => 'ul > li', text: 'First bullet', styles: ['list-style-type', 'display'] },
  { name: 'numbered list', selector: () => 'ol > li', text: 'First step', styles: ['list-style-type', 'display'] },
  {
    name: 'quote',
    selector: () => 'blockquote',
    text: 'Quoted words',
    styles: ['padding-left', 'border-left-width', 'border-left-style', 'margin-left'],
  },
  {
    name: 'header cell',
    selector: () => 'th',
    text: 'Ward',
    styles: ['font-weight', 'background-color', 'border-top-width', 'text-align'],
  },
  {
    name: 'cell',
    selector: () => 'td',
    text: 'Glenmore North',
    styles: ['font-weight', 'border-top-width', 'padding-left'],
  },
];

async function openPartner(page: Page, partnerId: string): Promise<void> {
  await page.locator(`.outline a[href="#/partner/${partnerId}"]`).click();
  await page.waitForFunction((id) => location.hash === `#/partner/${id}`, partnerId);
  await page.getByRole('heading', { name: 'Statement of support' }).waitFor();
}

async function looks(container: Locator): Promise<Record<string, Record<string, string> | null>> {
  const result: Record<string, Record<string, string> | null> = {};
  for (const probe of PROBES) {
    const element = container.locator(probe.selector(probe.text)).filter({ hasText: probe.text }).first();
    if ((await element.count()) === 0) {
      result[probe.name] = null;
      continue;
    }
    result[probe.name] = await element.evaluate((node, names) => {
      const style = getComputedStyle(node);
      return Object.fromEntries(names.map((name) => [name, style.getPropertyValue(name)]));
    }, probe.styles as string[]);
  }
  return result;
}

beforeAll(() => {
  author = session.member('partner', 0);
  reader = session.demo.members.find((member) => member.role === 'partner' && member.partnerId !== author.partnerId)!;
});

describe('rich text for the author and for readers', () => {
  it('renders every node and mark the editor writes, with the same look, in the read-only view', async () => {
    const writer = await session.joinAs(author);
    await openPartner(writer.page, author.partnerId);
    // The demo may have agreed the partner's content: editing it first returns it to draft.
    const back = writer.page.getByRole('button', { name: 'Edit and return to draft' }).first();
    if ((await back.count()) > 0) {
      await back.click();
      await answerDialog(writer.page, 'Edit and return to draft');
    }
    const label = `${author.partnerName}’s statement of support`;
    const editor = writer.page.getByRole('textbox', { name: label, exact: true });
    await editor.click();
    await writer.page.keyboard.press('Control+A');
    await editor.evaluate((element, html) => {
      const data = new DataTransfer();
      data.setData('text/html', html);
      data.setData('text/plain', 'Our part in the plan');
      element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, PASTED);
    await expect.poll(() => editor.locator('blockquote', { hasText: 'Quoted words' }).count()).toBe(1);
    await writer.page.waitForFunction(
      () => document.querySelector('.sync-text')?.textContent === 'Up to date',
      undefined,
      { timeout: 60_000 },
    );
    const authorLooks = await looks(editor);
    await screenshot(writer.page, 'richtext-parity-author');

    const other = await session.joinAs(reader);
    await openPartner(other.page, author.partnerId);
    const view = other.page.getByRole('region', { name: label, exact: true });
    await view.getByText('Quoted words from a resident').waitFor({ timeout: 30_000 });
    await view.scrollIntoViewIfNeeded();
    await screenshot(other.page, 'richtext-parity-reader');
    const readerLooks = await looks(view);

    for (const probe of PROBES) {
      expect(authorLooks[probe.name], `${probe.name} in the editor`).not.toBeNull();
      expect(readerLooks[probe.name], `${probe.name} for a reader`).toEqual(authorLooks[probe.name]);
    }
    // The reader's headings are real headings (for screen readers), continuing the page's outline.
    await expect(view.getByRole('heading', { name: 'What we will change' }).count()).resolves.toBe(1);
    expect(writer.errors).toEqual([]);
    expect(other.errors).toEqual([]);
  }, 240_000);
});
