/**
 * Review comments in Chromium against a real relay (issue 15): the reviewer (the Location Director) comments
 * on words of a partner's statement and on the partner's whole section; the partner sees both on its home
 * page, replies and resolves; the coordinator's dashboard count goes down. Then the same with the partner
 * offline: its reply and resolution wait with the pending count, and arrive when it is back online.
 * Keyboard only for the section comment; axe on every screen with comments.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { answerDialog, axeViolations, SCREENS, screenshot } from './harness';
import { demoOnRelayPerFile, type Officer } from './demoOnRelay';

const session = demoOnRelayPerFile('soa-e2e-comments-');

let reviewer: Officer;
let partner: Officer;
let coordinator: Officer;

/** The coordinator's dashboard count of open comments on the partner's sections. */
async function waitForPartnerCount(count: number): Promise<void> {
  const row = coordinator.page.locator(`tr[data-owner="${partner.member.partnerId}"] td`);
  await expect.poll(() => row.textContent(), { timeout: 30_000 }).toBe(String(count));
}

/** The words marked in the page's text as commented (the CSS highlight the app sets). */
async function markedPassages(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...(CSS.highlights.get('comment-passage') ?? [])].map((range) => (range as Range).toString()),
  );
}

async function goToPartnerPage(officer: Officer): Promise<void> {
  await officer.page
    .getByRole('link', { name: new RegExp(`^${partner.member.partnerName}`) })
    .first()
    .click();
  await officer.page.getByRole('heading', { name: partner.member.partnerName, level: 1 }).waitFor();
}

beforeAll(async () => {
  reviewer = await session.joinAs(session.member('reviewer'));
  partner = await session.joinAs(session.member('partner'));
  coordinator = await session.joinAs(session.member('coordinator'));
}, 180_000);

describe('review comments', () => {
  it('the reviewer comments, the partner sees it at home, replies and resolves, and the coordinator’s count goes down', async () => {
    await coordinator.page.getByRole('link', { name: 'Progress and what is missing' }).click();
    await coordinator.page.getByRole('heading', { name: /^Open comments \(\d+\)$/ }).waitFor();
    await waitForPartnerCount(0);

    // The reviewer selects words of the partner's statement (read-only for a reviewer) and comments on them.
    const page = reviewer.page;
    await goToPartnerPage(reviewer);
    const statement = page.locator('[data-comment-field*="\\"path\\":\\"statement\\""] .rich-view p').first();
    const paragraph = (await statement.textContent()) ?? '';
    const words = paragraph.split(' ').slice(0, 4).join(' ');
    expect(words.length).toBeGreaterThan(5);
    await statement.evaluate((element, length) => {
      const text =
        element.firstChild?.nodeType === Node.TEXT_NODE
          ? element.firstChild
          : document.createTreeWalker(element, NodeFilter.SHOW_TEXT).nextNode();
      if (!text) throw new Error('no text to select');
      const range = document.createRange();
      range.setStart(text, 0);
      range.setEnd(text, length);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
    }, words.length);
    await page.getByRole('button', { name: 'Add a comment' }).click();
    await expect(page.getByLabel('The words you are commenting on (optional)').inputValue()).resolves.toBe(words);
    await page.getByLabel('Your comment').fill('Is this achievable by 2020? Please give the evidence.');
    await page.getByRole('button', { name: 'Add comment' }).click();
    const passageThread = page.locator('.comment-thread', { hasText: 'Is this achievable by 2020?' });
    await passageThread.waitFor();
    await expect(passageThread.locator('.comment-passage').textContent()).resolves.toBe(`On the words “${words}”`);
    // The words are marked in the (read-only) text, and listed under it for keyboard and screen-reader users:
    // with the keyboard only, the reviewer selects them in the text, then goes to their comment.
    await expect.poll(() => markedPassages(page), { timeout: 10_000 }).toEqual([words]);
    await page.getByRole('button', { name: 'One passage of this text has an open comment' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: `Select in the text: “${words}”` }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toBe(words);
    await expect(
      page
        .getByRole('status')
        .filter({ hasText: `Selected in the text: “${words}”.` })
        .count(),
    ).resolves.toBe(1);
    await expect(
      page.evaluate(() => document.activeElement?.closest('[data-comment-field*="statement"]') !== null),
    ).resolves.toBe(true);
    await screenshot(page, 'comments-06-passage-selected');
    await page.locator('.passage-list').screenshot({ path: join(SCREENS, 'comments-07-passage-list.png') });
    await page.getByRole('link', { name: `Go to the comment on “${words}”` }).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent ?? ''))
      .toContain('Is this achievable by 2020?');
    // The words stay selected, and "Add a comment" would take them: the next comment is on the whole section.
    await page.evaluate(() => window.getSelection()?.removeAllRanges());

    // A second comment on the whole section, with the keyboard only.
    await page.getByRole('button', { name: 'Add a comment' }).focus();
    await page.keyboard.press('Enter');
    await expect(
      page.getByLabel('Your comment').evaluate((element) => element === document.activeElement),
    ).resolves.toBe(true);
    await page.keyboard.type('Please add your resources for 2014/15.');
    // Tab through: mention, Add comment.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Add comment');
    await page.keyboard.press('Enter');
    await page.locator('.comment-thread', { hasText: 'Please add your resources' }).waitFor();
    await expect(page.getByRole('heading', { name: /^Comments \(2 open\)$/ }).count()).resolves.toBe(1);
    await screenshot(page, 'comments-01-reviewer');
    expect(await axeViolations(page)).toEqual([]);

    // The coordinator's dashboard counts both; the outline shows them on the partner's entry.
    await waitForPartnerCount(2);
    await expect(coordinator.page.locator('.outline .outline-comments').first().textContent()).resolves.toContain('2');
    expect(await axeViolations(coordinator.page)).toEqual([]);
    await coordinator.page
      .locator('.comments-overview')
      .screenshot({ path: join(SCREENS, 'comments-04-dashboard-counts.png') });

    // The coordinator's review copy holds both comments as Word comments, by the reviewer.
    const [download] = await Promise.all([
      coordinator.page.waitForEvent('download', { timeout: 120_000 }),
      coordinator.page.getByRole('button', { name: 'Export a review copy with comments' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/ - review copy with comments\.docx$/);
    const comments = strFromU8(unzipSync(new Uint8Array(readFileSync(await download.path())))['word/comments.xml']!);
    expect(comments.split(`w:author="${reviewer.member.name} (`).length - 1).toBe(2);
    expect(comments).toContain('Is this achievable by 2020? Please give the evidence.');
    expect(comments).toContain('Please add your resources for 2014/15.');

    // The partner sees them on its home page, goes to the first one, replies and resolves it.
    const home = partner.page;
    await goToPartnerPage(partner);
    const list = home.getByRole('heading', { name: 'Open comments on your sections (2)' });
    await list.waitFor({ timeout: 30_000 });
    await screenshot(home, 'comments-02-partner-home');
    // In the partner's editor too, and the mark stays on the words while the partner types before them.
    await expect.poll(() => markedPassages(home), { timeout: 10_000 }).toEqual([words]);
    const backToDraft = home.getByRole('button', { name: 'Edit and return to draft' });
    if ((await backToDraft.count()) > 0) {
      await backToDraft.first().click();
      await answerDialog(home, 'Edit and return to draft');
    }
    const editor = home.locator('[data-comment-field*="\\"path\\":\\"statement\\""] .ProseMirror');
    await editor.click();
    await home.keyboard.press('Control+Home');
    await home.keyboard.type('In short: ');
    await expect.poll(() => markedPassages(home), { timeout: 10_000 }).toEqual([words]);
    // From the list under the editor, the words are selected in the editor, where they now are.
    await home.getByRole('button', { name: 'One passage of this text has an open comment' }).click();
    await home.getByRole('button', { name: `Select in the text: “${words}”` }).click();
    await expect.poll(() => home.evaluate(() => window.getSelection()?.toString())).toBe(words);
    await expect(home.evaluate(() => document.activeElement?.classList.contains('ProseMirror'))).resolves.toBe(true);
    await home
      .locator('[data-comment-field*="\\"path\\":\\"statement\\""]')
      .screenshot({ path: join(SCREENS, 'comments-05-passage-marked.png') });
    expect(await axeViolations(home)).toEqual([]);
    const thread = home.locator('.comment-thread', { hasText: 'Is this achievable by 2020?' });
    await thread.getByRole('button', { name: 'Reply' }).click();
    await thread.getByLabel('Your reply').fill('Yes: see the HEAT target in our plan.');
    await thread.getByRole('button', { name: 'Send reply' }).click();
    await thread.getByText('Yes: see the HEAT target in our plan.').waitFor();
    await thread.getByRole('button', { name: 'Resolve' }).click();
    await home.getByRole('heading', { name: 'Open comments on your sections (1)' }).waitFor();
    await waitForPartnerCount(1);
    // A resolved comment's words are no longer marked.
    await expect.poll(() => markedPassages(home), { timeout: 10_000 }).toEqual([]);

    // The reviewer sees the reply and that it was resolved by the partner.
    await page.getByRole('heading', { name: /^Comments \(1 open\)$/ }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Show resolved comments (1)' }).click();
    await page
      .locator('.comment-resolved', { hasText: 'Yes: see the HEAT target in our plan.' })
      .getByText(`Resolved by ${partner.member.name}`)
      .waitFor();
    for (const officer of [reviewer, partner, coordinator]) expect(officer.errors).toEqual([]);
  });

  it('keeps a partner’s offline reply and resolution, with the pending count, and sends them when it is back', async () => {
    const home = partner.page;
    await partner.context.setOffline(true);
    await home.waitForFunction(
      () => document.querySelector('.sync')?.getAttribute('data-sync-link') === 'offline',
      undefined,
      { timeout: 20_000 },
    );
    const thread = home.locator('.comment-thread', { hasText: 'Please add your resources' });
    await thread.getByRole('button', { name: 'Reply' }).click();
    await thread.getByLabel('Your reply').fill('Added on the train: £2.1 million.');
    await thread.getByRole('button', { name: 'Send reply' }).click();
    // As online: the reply is in the thread before it is resolved.
    await thread.getByText('Added on the train: £2.1 million.').waitFor();
    await thread.getByRole('button', { name: 'Resolve' }).click();
    await home.getByRole('heading', { name: 'Open comments on your sections (0)' }).waitFor({ timeout: 30_000 });
    await home.waitForFunction(() => Number(document.querySelector('.sync')?.getAttribute('data-pending')) > 0);
    await expect(home.locator('.sync-text').textContent()).resolves.toMatch(/^Offline · Unsent/);
    await screenshot(home, 'comments-03-partner-offline');

    // Nobody else has it yet.
    await coordinator.page.waitForTimeout(1_000);
    await waitForPartnerCount(1);

    await partner.context.setOffline(false);
    await home.waitForFunction(() => document.querySelector('.sync-text')?.textContent === 'Up to date', undefined, {
      timeout: 30_000,
    });
    expect(await home.locator('.sync').getAttribute('data-pending')).toBe('0');
    await waitForPartnerCount(0);
    await reviewer.page.getByRole('heading', { name: /^Comments \(0 open\)$/ }).waitFor({ timeout: 30_000 });
    for (const officer of [reviewer, partner, coordinator]) expect(officer.errors).toEqual([]);
  });

  it('takes a link to the 21st open comment of a section to that comment, past the first 20 shown', async () => {
    const page = reviewer.page;
    await goToPartnerPage(reviewer);
    for (let index = 1; index <= 21; index++) {
      await page.getByRole('button', { name: 'Add a comment' }).click();
      await page.getByLabel('Your comment').fill(`Question ${index} on the resources.`);
      await page.getByRole('button', { name: 'Add comment' }).click();
      await page.locator('.comment-status', { hasText: 'Your comment on this section was added.' }).waitFor();
    }
    const home = partner.page;
    await home.getByRole('heading', { name: 'Open comments on your sections (21)' }).waitFor({ timeout: 30_000 });
    // The section's panel shows the first 20; the home page's link to the 21st still lands on it.
    await home.getByRole('link', { name: /“Question 21 on the resources\.”/ }).click();
    await expect
      .poll(() => home.evaluate(() => document.activeElement?.textContent ?? ''))
      .toContain('Question 21 on the resources.');
    await expect(home.getByRole('button', { name: 'Show all 21 open comments' }).count()).resolves.toBe(0);
    for (const officer of [reviewer, partner]) expect(officer.errors).toEqual([]);
  });
});
