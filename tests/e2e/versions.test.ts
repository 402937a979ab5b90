/**
 * Versions in the app, against a real relay serving the web build: the coordinator records a named version,
 * a partner edits its statement, the reviewer opens "Changes since …" from the dashboard and sees the change
 * with its author's name; the coordinator then renames an outcome and changes an indicator's target; the
 * reviewer views the version read-only (with its banner), laid out as the SOA with the old title and the old
 * target in the indicator table, and the partner copies its old statement back as a new edit. Every page is checked with axe and reached with the keyboard.
 */
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { displayFigure } from '../../shared/text/figures';
import { answerDialog, axeViolations, screenshot } from './harness';
import { demoOnRelayPerFile, type Officer } from './demoOnRelay';

const session = demoOnRelayPerFile('soa-e2e-versions-');

const VERSION = 'Draft submitted to the Scottish Government';
const ADDED = 'We will also fund a youth worker in every secondary school.';
const NEW_TITLE = 'Renamed after the draft went to the Scottish Government';
const NEW_TARGET = '987654';

/** What the first outcome and its first indicator said when the version was recorded. */
const before = { title: '', indicator: '', target1: '' };

let coordinator: Officer;
let partner: Officer;
let reviewer: Officer;

async function upToDate(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('.sync-text')?.textContent === 'Up to date', undefined, {
    timeout: 30_000,
  });
}

/** Presses Tab until the focused element matches, at most `max` times; fails when it is never reached. */
async function tabTo(
  page: Page,
  matches: (element: { tag: string; text: string }) => boolean,
  max = 80,
): Promise<void> {
  for (let presses = 0; presses < max; presses += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => ({
      tag: document.activeElement?.tagName ?? '',
      text: (document.activeElement?.textContent ?? '').trim(),
    }));
    if (matches(focused)) return;
  }
  throw new Error(`not reached with ${max} presses of Tab`);
}

/** Clicks the button and returns the downloaded Word file's document part. */
async function downloadedDocument(page: Page, button: string): Promise<{ name: string; xml: string }> {
  const download = page.waitForEvent('download', { timeout: 90_000 });
  await page.getByRole('button', { name: button }).click();
  const file = await download;
  const xml = strFromU8(
    unzipSync(new Uint8Array(readFileSync((await file.path()) ?? '')))['word/document.xml'] ?? new Uint8Array(),
  );
  return { name: file.suggestedFilename(), xml };
}

/** The tracked-changes export of the first session, to compare later sessions' with. */
let firstTracked = '';

/** What the page's IndexedDB keeps of versions' documents (renderer/src/versions/keptVersionDocuments.ts). */
function keptDocuments(page: Page): Promise<{ hasDocument: boolean; hasDiffs: boolean }[]> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('soa-studio-version-documents');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('documents')) return resolve([]);
          const all = db.transaction('documents').objectStore('documents').getAll();
          all.onsuccess = () => {
            db.close();
            resolve(
              (all.result as { xml?: unknown; diffs?: unknown }[]).map((entry) => ({
                hasDocument: typeof entry.xml === 'string' && entry.xml.includes('<w:body>'),
                hasDiffs: typeof entry.diffs === 'string' && entry.diffs.length > 2,
              })),
            );
          };
        };
      }),
  );
}

declare global {
  /** Rewrites every kept document's XML in the page's IndexedDB (null: deletes them). */
  function editKept(edit: (xml: string) => string | null): Promise<void>;
}

/** Installs editKept in every page of the reviewer's context. */
async function installEditKept(page: Page): Promise<void> {
  await page.context().addInitScript(() => {
    globalThis.editKept = (edit) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('soa-studio-version-documents');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const transaction = db.transaction('documents', 'readwrite');
          const store = transaction.objectStore('documents');
          const cursor = store.openCursor();
          cursor.onsuccess = () => {
            const at = cursor.result;
            if (!at) return;
            const entry = at.value as { xml: string; diffs: string | null };
            const xml = edit(entry.xml);
            if (xml === null) at.delete();
            else at.update({ ...entry, xml, diffs: null });
            at.continue();
          };
          transaction.oncomplete = () => {
            db.close();
            resolve();
          };
          transaction.onerror = () => reject(transaction.error);
        };
      });
  });
}

async function expectAxeClean(page: Page): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
}

beforeAll(async () => {
  const viewport = { width: 1366, height: 768 };
  coordinator = await session.joinAs(session.member('coordinator'), { viewport });
  partner = await session.joinAs(session.member('partner'), { viewport });
  reviewer = await session.joinAs(session.member('reviewer'), { viewport });
  await installEditKept(reviewer.page);
}, 180_000);

describe('versions in the app', () => {
  it('lets the coordinator record a named version from the keyboard', async () => {
    const page = coordinator.page;
    await page.locator('#main-heading').focus();
    await page.getByRole('navigation', { name: 'Outline of the SOA' }).getByRole('link', { name: 'Versions' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Versions', level: 1 }).waitFor();
    await page.getByText('No version has been recorded yet.').waitFor({ timeout: 15_000 });
    await tabTo(page, (element) => element.tag === 'INPUT');
    await page.keyboard.type(VERSION);
    await page.keyboard.press('Enter');
    await page.getByRole('rowheader', { name: VERSION }).waitFor({ timeout: 15_000 });
    await page.getByText(`"${VERSION}" has been recorded.`).waitFor();
    await expectAxeClean(page);
    await screenshot(page, '60-versions-recorded');
  });

  it('shows the reviewer, one click from the dashboard, what the partner changed and who changed it', async () => {
    // The partner adds a sentence to its statement of support.
    const page = partner.page;
    const name = partner.member.partnerName;
    const back = page.getByRole('button', { name: 'Edit and return to draft' }).first();
    if ((await back.count()) > 0) {
      await back.click();
      await answerDialog(page, 'Edit and return to draft');
    }
    const editor = page.getByRole('textbox', { name: `${name}’s statement of support` });
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(` ${ADDED}`);
    await upToDate(page);

    const view = reviewer.page;
    // Once the reviewer sees the sentence, the relay has stored it (typing is sent when the editor is idle).
    const outline = view.getByRole('navigation', { name: 'Outline of the SOA' });
    await outline.locator(`a[href="#/partner/${partner.member.partnerId}"]`).click();
    await view.getByText(ADDED, { exact: false }).first().waitFor({ timeout: 20_000 });
    // The timeline lists the partner's edit (the relay's audit), then the dashboard opens afresh.
    await outline.getByRole('link', { name: 'Who changed what' }).click();
    await view.getByRole('heading', { name: 'Who changed what', level: 1 }).waitFor();
    await view.getByLabel('Partner').selectOption(name);
    const timeline = view.getByRole('region', { name: 'Timeline' });
    const statementEntry = timeline.getByText(/changed .*partner statement/);
    // The page fetched when it opened; under load the relay may have answered before the last keystrokes were stored.
    if ((await statementEntry.count()) === 0)
      await view.getByRole('button', { name: 'Fetch the latest history' }).click();
    await statementEntry.first().waitFor({ timeout: 15_000 });
    await expect(timeline.innerText()).resolves.toContain(`${partner.member.name} (${name})`);
    // The section filter lists sections under the part of the SOA they belong to, with how many entries each has.
    const sectionFilter = view.getByLabel('Section');
    const statementOption = sectionFilter.locator(
      'optgroup[label="Partners’ contributions"] > option[value="partner statement"]',
    );
    await expect(statementOption.textContent()).resolves.toMatch(/^partner statement \((1 entry|\d+ entries)\)$/);
    await sectionFilter.selectOption('partner statement');
    // Every partner's entries, the relay administrator's first ones (the SOA as created) among them.
    await view.getByLabel('Partner').selectOption('');
    const entryItems = timeline.locator('ul.timeline > li');
    const shownEntries = await entryItems.allInnerTexts();
    expect(shownEntries.length).toBeGreaterThan(1);
    // The section filtered by comes first in each entry's sentence, so it is always in view.
    expect(shownEntries.filter((entry) => !/ changed partner statement\b/.test(entry))).toEqual([]);
    // An entry that changed dozens of sections names five; the rest are one keypress away.
    const seeded = entryItems.filter({ hasText: 'The relay administrator' }).first();
    await expect(seeded.innerText()).resolves.toMatch(/ and \d+ more sections\n/);
    const disclosure = seeded.getByText(/^Every section this entry changed \(\d+\)$/);
    const total = Number(/\((\d+)\)/.exec(await disclosure.innerText())?.[1]);
    expect(total).toBeGreaterThan(5);
    await expect(seeded.locator('details li:visible').count()).resolves.toBe(0);
    await disclosure.focus();
    await view.keyboard.press('Enter');
    await expect.poll(() => seeded.locator('details li:visible').count()).toBe(total);
    await expectAxeClean(view);
    await screenshot(view, '63-versions-timeline');
    // Each section says who changed it last (from the same history).
    await outline.locator(`a[href="#/partner/${partner.member.partnerId}"]`).click();
    await expect(view.locator('.last-changed').innerText()).resolves.toMatch(
      new RegExp(`^Last changed by ${partner.member.name} \\(${name}\\), \\d{1,2} \\w+ \\d{4}, \\d\\d:\\d\\d$`),
    );
    await screenshot(view, '63b-versions-last-changed');
    await outline.getByRole('link', { name: 'Progress and what is missing' }).click();
    const link = view.getByRole('link', { name: `Changes since "${VERSION}"` });
    await link.waitFor({ timeout: 15_000 });
    await view.locator('#main-heading').focus();
    await tabTo(view, (element) => element.tag === 'A' && element.text === `Changes since "${VERSION}"`);
    await view.keyboard.press('Enter');
    await view.getByRole('heading', { name: 'What changed', level: 1 }).waitFor();
    const section = view.getByRole('article', { name: `${name}: statement` });
    await section.waitFor({ timeout: 20_000 });
    await expect(section.innerText()).resolves.toContain(`Changed by ${partner.member.name} (${name})`);
    const inserted = section.locator('ins.change-inserted');
    await expect(inserted.first().getAttribute('title')).resolves.toBe(`Inserted by ${partner.member.name} (${name})`);
    await expect(inserted.allInnerTexts()).resolves.toEqual(
      expect.arrayContaining([expect.stringContaining('youth worker')]),
    );
    await expectAxeClean(view);
    await screenshot(view, '61-versions-compare-reviewer');
    await inserted.first().scrollIntoViewIfNeeded();
    await screenshot(view, '61b-versions-compare-change');

    // The same changes as Word tracked changes, each by its author.
    const tracked = await downloadedDocument(view, `Export changes since "${VERSION}" to Word`);
    expect(tracked.name).toMatch(/changes since Draft submitted to the Scottish Government\.docx$/);
    const insertion = /<w:ins [^>]*w:author="([^"]+)"[^>]*>(?:(?!<\/w:ins>).)*youth worker/s.exec(tracked.xml);
    expect(insertion?.[1]).toBe(`${partner.member.name} (${name})`);
    firstTracked = tracked.xml;
  });

  it("keeps the version's document on this computer: the next session's export starts from it, same file", async () => {
    const view = reviewer.page;
    // The version's document for today's export is kept in IndexedDB, with the paragraph differences it used.
    await expect
      .poll(() => keptDocuments(view), { timeout: 15_000 })
      .toEqual([expect.objectContaining({ hasDocument: true, hasDiffs: true })]);
    // A new session (nothing kept in the page's memory) exports the same file from what is kept.
    await view.reload();
    await upToDate(view);
    const again = await downloadedDocument(view, `Export changes since "${VERSION}" to Word`);
    expect(again.xml).toBe(firstTracked);
    // And it is what the export reads: a word planted in the kept document comes out as deleted since then.
    await view.evaluate(() =>
      editKept((xml) => xml.replace(/(<w:t(?: [^>]*)?>)([^<]*[A-Za-z][^<]*)/, '$1KeptMarker $2')),
    );
    await view.reload();
    await upToDate(view);
    const planted = await downloadedDocument(view, `Export changes since "${VERSION}" to Word`);
    expect(planted.xml).toMatch(/<w:delText[^>]*>[^<]*KeptMarker/);
    await view.evaluate(() => editKept(() => null));
  });

  it('lets the coordinator rename an outcome and change an indicator target after the version', async () => {
    const page = coordinator.page;
    const outline = page.getByRole('navigation', { name: 'Outline of the SOA' });
    await outline.locator('a[href^="#/outcome/"]').first().click();
    const title = page.getByLabel('Title of the local outcome');
    await title.waitFor();
    before.title = await title.inputValue();
    const target = page.getByLabel(/^Year 1 target of /).first();
    before.indicator = (
      (await target.getAttribute('aria-label')) ??
      (await target.evaluate((input) => (input as HTMLInputElement).labels?.[0]?.textContent ?? ''))
    ).replace(/^Year 1 target of /, '');
    before.target1 = await target.inputValue();
    expect(before.title).not.toBe('');
    expect(before.indicator).not.toBe('');
    expect(before.target1.trim()).not.toBe('');
    await title.fill(NEW_TITLE);
    await target.fill(NEW_TARGET);
    await target.press('Tab');
    await upToDate(page);
    // Once the reviewer's outline shows the new title, the relay has stored the changes.
    await reviewer.page
      .getByRole('navigation', { name: 'Outline of the SOA' })
      .getByText(NEW_TITLE)
      .first()
      .waitFor({ timeout: 20_000 });
  });

  it('shows the version read-only with its banner, laid out as the SOA, without the later edits', async () => {
    const view = reviewer.page;
    await view.getByRole('navigation', { name: 'Outline of the SOA' }).getByRole('link', { name: 'Versions' }).click();
    await view.getByRole('link', { name: `View "${VERSION}"` }).click();
    await view
      .getByRole('heading', { name: `You are looking at the version "${VERSION}"` })
      .waitFor({ timeout: 20_000 });
    await expect(view.getByRole('note').innerText()).resolves.toMatch(/nothing here can be changed/);
    const statement = view.getByRole('group', { name: `${partner.member.partnerName}: statement` });
    await expect(statement.innerText()).resolves.toMatch(/\w/);
    await expect(statement.innerText()).resolves.not.toContain('youth worker');
    // Landmarks stay few: the contents is one; the dozens of fields and tables are named groups, not regions.
    await expect(view.getByRole('main').getByRole('navigation').count()).resolves.toBe(1);
    await expect(view.getByRole('main').getByRole('region').count()).resolves.toBe(0);
    // The contents reaches any chapter by keyboard: Enter on an outcome's entry moves the focus to its heading.
    const contents = view.getByRole('navigation', { name: 'Contents of this version' });
    const entry = contents.getByRole('button', { name: `Outcome 1: ${before.title}` });
    await entry.focus();
    await view.keyboard.press('Enter');
    await expect(view.evaluate(() => document.activeElement?.textContent ?? '')).resolves.toBe(
      `Outcome 1: ${before.title}`,
    );
    // The vision chapter's matrix names the outcome as it was, and says "Yes" in words where it is linked.
    const matrix = view.getByRole('table', { name: 'Which policy priorities each local outcome contributes to' });
    const matrixRow = matrix
      .getByRole('row')
      .filter({ has: view.getByRole('rowheader', { name: `1. ${before.title}` }) });
    await expect(matrixRow.count()).resolves.toBe(1);
    await expect(matrixRow.locator('td').allInnerTexts()).resolves.toEqual(expect.arrayContaining(['Yes']));
    // The first outcome under its old title, with the old target in its indicator table's row.
    const outcome = view.getByRole('article', { name: `Outcome 1: ${before.title}` });
    await outcome.getByRole('heading', { name: `Outcome 1: ${before.title}`, level: 2 }).waitFor();
    // The outline beside the version is the current SOA's; the version itself has only the old title.
    await expect(view.getByRole('main').getByText(NEW_TITLE).count()).resolves.toBe(0);
    await expect(outcome.locator('dt').allInnerTexts()).resolves.toEqual(
      expect.arrayContaining(['Lead partner', 'Partners delivering', 'National Outcomes']),
    );
    const table = outcome.getByRole('table', { name: 'Indicators and targets of outcome 1' });
    await expect(table.getByRole('columnheader').allInnerTexts()).resolves.toEqual([
      'Indicator',
      'Source',
      'Baseline (year)',
      expect.stringMatching(/^Target .*\(year 1\)$/),
      expect.stringMatching(/^Target .*\(year 3\)$/),
      expect.stringMatching(/^Target .*\(year 10\)$/),
      'Better when',
      'Lead partner',
    ]);
    // The first indicator, as the coordinator's first row had it.
    const row = table.locator('tbody tr').first();
    await expect(row.locator('.indicator-name').innerText()).resolves.toBe(before.indicator);
    const year1 = (await row.locator('td').nth(2).innerText()).trim();
    const typed = before.target1.trim();
    const number = Number(typed);
    expect(year1).toMatch(
      new RegExp(`^${escapeRegExp(displayFigure(Number.isFinite(number) ? number : null, typed, ''))}%?$`),
    );
    await expect(table.innerText()).resolves.not.toContain(NEW_TARGET);
    await expect(table.innerText()).resolves.not.toContain('987,654');
    // A reviewer writes nothing, so nothing can be copied from the version either.
    await expect(view.getByRole('button', { name: /into the current SOA/ }).count()).resolves.toBe(0);
    const exported = await downloadedDocument(view, 'Export this version to Word');
    expect(exported.xml).toContain('Balmuir');
    expect(exported.xml).not.toContain('youth worker');
    await expectAxeClean(view);
    await screenshot(view, '62-versions-view-readonly');
    const toTop = (element: Element) => element.scrollIntoView({ block: 'start' });
    await outcome.getByRole('heading', { name: `Outcome 1: ${before.title}` }).evaluate(toTop);
    await screenshot(view, '62a-versions-view-outcome');
    await outcome.getByRole('heading', { name: 'Indicators and targets' }).evaluate(toTop);
    await screenshot(view, '62b-versions-view-indicator-table');
    await outcome.getByRole('heading', { name: 'What partners will contribute' }).evaluate(toTop);
    await screenshot(view, '62c-versions-view-contributions');
    await matrix.evaluate(toTop);
    await screenshot(view, '62d-versions-view-matrix');
    // The table scrolls on its own when wider than the page, and the keyboard reaches it.
    await view.locator('#main-heading').focus();
    let reached = false;
    for (let presses = 0; presses < 60 && !reached; presses += 1) {
      await view.keyboard.press('Tab');
      reached = await view.evaluate(
        () => document.activeElement?.getAttribute('aria-label') === 'Indicators and targets of outcome 1',
      );
    }
    expect(reached).toBe(true);
  });

  it('lets the partner copy one paragraph of its statement from the version by keyboard, and says where it went', async () => {
    const page = partner.page;
    const name = partner.member.partnerName;
    await page.getByRole('navigation', { name: 'Outline of the SOA' }).getByRole('link', { name: 'Versions' }).click();
    await page.getByRole('link', { name: `View "${VERSION}"` }).click();
    const statement = page.getByRole('group', { name: `${name}: statement` });
    const copyButtons = statement.getByRole('button', {
      name: /^Copy this paragraph into the current SOA: paragraph \d+ of /,
    });
    await copyButtons.first().waitFor();
    await statement.evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await screenshot(page, '64a-versions-view-copy-buttons');
    // Its contributions, in their outcomes' chapters, can be copied too, under the outcome's name then.
    const contributions = page.getByRole('group', { name: new RegExp(`^${escapeRegExp(name)}: contribution to "`) });
    expect(await contributions.count()).toBeGreaterThan(0);
    for (const contribution of await contributions.all())
      await expect(
        contribution.getByRole('button', { name: /^Copy this section into the current SOA/ }).count(),
      ).resolves.toBe(1);
    await expect(page.getByRole('group', { name: `${name}: contribution to "${NEW_TITLE}"` }).count()).resolves.toBe(0);
    // Nothing the partner does not write can be copied: the coordinators' chapters have no copy buttons.
    await expect(page.getByRole('group', { name: 'Our vision' }).getByRole('button').count()).resolves.toBe(0);
    // The version's last paragraph: the one the partner has since added a sentence to.
    const last = (await copyButtons.count()) - 1;
    const lastBlock = statement.locator('.version-block').nth(last);
    const versionText = (await lastBlock.locator('p').allInnerTexts()).join('\n').trim();
    expect(versionText).not.toContain('youth worker');
    const button = copyButtons.nth(last);
    await expect(button.getAttribute('aria-label')).resolves.toBeNull();
    await expect(button.textContent()).resolves.toContain(`paragraph ${last + 1} of "${name}: statement"`);
    await button.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await expect(dialog.innerText()).resolves.toMatch(
      /is added to the current text of that section (after the paragraph "|at the start)/,
    );
    await expect(dialog.innerText()).resolves.toContain('Nothing in the current text is removed or replaced.');
    await expectAxeClean(page);
    await screenshot(page, '64-versions-copy-paragraph-dialog');
    // The dialog's first button is focused: Tab to the confirming one and press it, all by keyboard.
    await tabTo(page, (element) => element.tag === 'BUTTON' && element.text === 'Copy the paragraph', 5);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await page
      .getByText(
        new RegExp(
          `^The paragraph ".*" was copied into "${name}: statement" (after the paragraph ".*"|at the start of the section), as a new edit\\.$`,
        ),
      )
      .waitFor();
    await upToDate(page);
    await page
      .getByRole('navigation', { name: 'Outline of the SOA' })
      .locator(`a[href="#/partner/${partner.member.partnerId}"]`)
      .click();
    const editor = page.getByRole('textbox', { name: `${name}’s statement of support` });
    const paragraphsNow = async (): Promise<string[]> =>
      (await editor.locator(':scope > *').allInnerTexts()).map((text) => text.trim());
    const restoredText = versionText.split('\n')[0] ?? '';
    // The page opens after the click and its editor fills in then: read at once, under a loaded CI run, the
    // version's paragraph was not found. Wait for it to be there, then check what surrounds it.
    await expect
      .poll(async () => (await paragraphsNow()).indexOf(restoredText), { timeout: 15_000 })
      .toBeGreaterThanOrEqual(0);
    const paragraphs = await paragraphsNow();
    // The version's paragraph is back, and the current one with the added sentence is still there.
    const restored = paragraphs.indexOf(restoredText);
    expect(restored).toBeGreaterThanOrEqual(0);
    expect(paragraphs.some((text) => text.includes(ADDED))).toBe(true);
    expect(paragraphs.findIndex((text) => text.includes(ADDED))).toBe(restored + 1);
  });

  it('lets the partner copy its statement from the version back into the current SOA as a new edit', async () => {
    const page = partner.page;
    const name = partner.member.partnerName;
    await page.getByRole('navigation', { name: 'Outline of the SOA' }).getByRole('link', { name: 'Versions' }).click();
    await page.getByRole('link', { name: `View "${VERSION}"` }).click();
    await page
      .getByRole('group', { name: `${name}: statement` })
      .getByRole('button', { name: /^Copy this section into the current SOA/ })
      .click();
    await answerDialog(page, 'Copy into the current SOA');
    await page.getByText(`"${name}: statement" was copied into the current SOA as a new edit.`).waitFor();
    await upToDate(page);
    await page
      .getByRole('navigation', { name: 'Outline of the SOA' })
      .locator(`a[href="#/partner/${partner.member.partnerId}"]`)
      .click();
    await expect(
      page.getByRole('textbox', { name: `${name}’s statement of support` }).innerText(),
    ).resolves.not.toContain('youth worker');
  });

  it('records the version a partner agreed to, and links "Agreed to an earlier version" to the comparison', async () => {
    const page = partner.page;
    await page.getByRole('button', { name: 'Mark ready for sign-off' }).click();
    await page.getByRole('form', { name: 'Record agreement' }).getByLabel('Position').fill('Chief Executive');
    await page.getByRole('button', { name: 'Record agreement' }).click();
    await page.locator('.sign-off-state[data-state="agreed"]').waitFor();
    await upToDate(page);

    // The coordinator changes what the agreement covers: a new outcome the partner delivers.
    const coord = coordinator.page;
    await coord.getByRole('button', { name: '+ Add a local outcome' }).click();
    const title = coord.getByLabel('Title of the local outcome');
    await title.fill('Older people live independently at home');
    await title.press('Enter');
    await coord.getByRole('checkbox', { name: partner.member.partnerName, exact: true }).check();
    await upToDate(coord);

    const link = page.getByRole('link', {
      name: `What changed since "${VERSION}", the latest version when ${partner.member.partnerName} agreed`,
    });
    await link.waitFor({ timeout: 20_000 });
    await link.click();
    await page.getByRole('heading', { name: new RegExp(`^Changes since "${VERSION}"`) }).waitFor({ timeout: 20_000 });
    await screenshot(page, '64-versions-agreed-earlier');
  });

  it('keeps a version asked for offline on this computer, says so, and records it when the connection is back', async () => {
    const page = coordinator.page;
    const offlineName = 'Approved by the NHS board';
    await page.getByRole('navigation', { name: 'Outline of the SOA' }).getByRole('link', { name: 'Versions' }).click();
    await page.getByRole('rowheader', { name: VERSION }).waitFor();
    await coordinator.context.setOffline(true);
    await page.getByLabel('Name of the version').fill(offlineName);
    await page.getByRole('button', { name: 'Record this version' }).click();
    await page.getByText(`"${offlineName}" is waiting on this computer`).waitFor();
    const waiting = page.getByRole('heading', { name: 'Waiting to be recorded' });
    await waiting.waitFor();
    await page.getByText(/You are offline or the relay cannot be reached: this is the list fetched/).waitFor();
    await expect(page.getByRole('rowheader', { name: offlineName }).count()).resolves.toBe(0);
    await expectAxeClean(page);
    await screenshot(page, '65-versions-offline-waiting');
    await coordinator.context.setOffline(false);
    await page.getByRole('rowheader', { name: offlineName }).waitFor({ timeout: 30_000 });
    await waiting.waitFor({ state: 'detached' });
    // The relay holds it, once: the reviewer's list shows it after the two before it.
    const listed = (await (
      await fetch(`${session.relay.url}/api/soas/${await soaId()}/versions`, {
        headers: { Authorization: `Bearer ${reviewer.member.token}` },
      })
    ).json()) as { versions: { name: string }[] };
    expect(listed.versions.map((version) => version.name)).toEqual([VERSION, offlineName]);
    for (const officer of [coordinator, partner, reviewer]) expect(officer.errors).toEqual([]);
  });

  it('opens offline a version this computer has opened, and says plainly when one was never fetched here', async () => {
    const view = reviewer.page;
    const listed = (await (
      await fetch(`${session.relay.url}/api/soas/${await soaId()}/versions`, {
        headers: { Authorization: `Bearer ${reviewer.member.token}` },
      })
    ).json()) as { versions: { versionId: string; name: string }[] };
    const opened = listed.versions.find((version) => version.name === VERSION)!;
    const never = listed.versions.find((version) => version.name !== VERSION)!;
    // The app itself must be cached for an offline reload.
    await view.waitForFunction(
      async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        if (!registration?.active) return false;
        const precache = (await caches.keys()).find((name) => name.startsWith('workbox-precache'));
        return precache !== undefined && (await (await caches.open(precache)).keys()).length >= 3;
      },
      undefined,
      { timeout: 20_000 },
    );
    await reviewer.context.setOffline(true);
    await view.evaluate((hash) => (window.location.hash = hash), `#/version/${opened.versionId}`);
    await view.reload();
    await view
      .getByRole('heading', { name: `You are looking at the version "${VERSION}"` })
      .waitFor({ timeout: 20_000 });
    const statement = view.getByRole('group', { name: `${partner.member.partnerName}: statement` });
    await expect(statement.innerText()).resolves.toMatch(/\w/);
    await expect(statement.innerText()).resolves.not.toContain('youth worker');
    await expect(view.getByRole('heading', { name: `Outcome 1: ${before.title}`, level: 2 }).count()).resolves.toBe(1);
    await screenshot(view, '66-versions-view-offline');

    await view.evaluate((hash) => (window.location.hash = hash), `#/version/${never.versionId}`);
    await view.getByRole('alert').filter({ hasText: 'has not been opened on this computer yet' }).waitFor();
    await expect(view.getByRole('alert').innerText()).resolves.toBe(
      'The version could not be shown: You are offline, so the relay cannot be asked now. This version has not been opened on this computer yet, so it is not here to read offline. Open it once while connected to the relay, and it will be kept on this computer.',
    );
    await expectAxeClean(view);
    await screenshot(view, '67-versions-never-fetched-offline');
    await reviewer.context.setOffline(false);
    expect(reviewer.errors).toEqual([]);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The demo's one SOA, as the relay tells its members. */
async function soaId(): Promise<string> {
  const answer = (await (
    await fetch(`${session.relay.url}/api/session`, {
      headers: { Authorization: `Bearer ${coordinator.member.token}` },
    })
  ).json()) as { soas: { id: string }[] };
  return answer.soas[0]?.id ?? '';
}
