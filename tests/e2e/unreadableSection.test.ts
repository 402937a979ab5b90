/**
 * Issue 13, item 4, in Chromium against a real relay: one partner room that already holds 6,000 nested
 * quotes (written into the relay's SQLite database directly, as a relay without the nesting limit stored it)
 * shows as "This section could not be read" with what to do next; every other section reads, the bar tells
 * the truth, and the app's Word export works with that section marked. The partner's own officer repairs it
 * from the app, and the repair reaches the other member through the session.relay.
 */
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DemoMember } from '../support/relayCli';
import { documentText } from '../support/docxText';
import { writeNestedQuotes } from '../richtext/deepNesting';
import { axeViolations, screenshot } from './harness';
import { demoOnRelayPerFile, type Officer } from './demoOnRelay';

let victim: DemoMember;
let coordinator: DemoMember;
let other: DemoMember;
let reader: Officer;

async function openPartner(page: Page, partnerId: string): Promise<void> {
  await page.locator(`.outline a[href="#/partner/${partnerId}"]`).click();
  await page.waitForFunction((id) => location.hash === `#/partner/${id}`, partnerId);
}

// Before the relay opens the demo's database: rooms that already hold 6,000 nested quotes.
const session = demoOnRelayPerFile('soa-e2e-unreadable-', {
  prepare: (db, demo) => {
    const partners = demo.members.filter((member) => member.role === 'partner');
    victim = partners[0]!;
    other = partners.find((member) => member.partnerId !== victim.partnerId)!;
    const author = new Y.Doc();
    writeNestedQuotes(author.getXmlFragment('statement'));
    const sqlite = new Database(db);
    sqlite
      .prepare('INSERT INTO room_updates (room, data, member_id, stored_at) VALUES (?, ?, NULL, ?)')
      .run(`soa/${demo.soaId}/partner/${victim.partnerId}`, Y.encodeStateAsUpdate(author), Date.now());
    // The frame's vision too: it reads as a note in its place, and a coordinator repairs it from the dashboard.
    const frameAuthor = new Y.Doc();
    writeNestedQuotes(frameAuthor.getXmlFragment('narrative.vision'));
    sqlite
      .prepare('INSERT INTO room_updates (room, data, member_id, stored_at) VALUES (?, ?, NULL, ?)')
      .run(`soa/${demo.soaId}/frame`, Y.encodeStateAsUpdate(frameAuthor), Date.now());
    coordinator = demo.members.find((member) => member.role === 'coordinator')!;
    sqlite.close();
  },
});

describe('a partner section that cannot be read', () => {
  it('is marked for another member, while every other section, the bar and the export work', async () => {
    reader = await session.joinAs(other);
    const { page } = reader;
    await openPartner(page, victim.partnerId);
    const notice = page.locator(`[data-unreadable-partner="${victim.partnerId}"]`);
    await notice.getByText('This section could not be read.').waitFor();
    await expect(notice.innerText()).resolves.toContain(
      `Ask ${victim.partnerName}’s officers to open their section in SOA Studio and repair it.`,
    );
    // Opening the section starts its room's sync, so the bar may say "Syncing…" for a moment; it must then
    // settle on "Up to date", not on a problem, though one room's content could not be read.
    await page.locator('.sync-text', { hasText: /^Up to date$/ }).waitFor({ timeout: 30_000 });
    // The outline says so too, for that partner only.
    await expect(page.locator('.outline').getByText('Could not be read', { exact: true }).count()).resolves.toBe(1);
    await screenshot(page, 'unreadable-section-reader');

    // The member's own section reads as usual, with its statement from the demo.
    await openPartner(page, other.partnerId);
    await page.getByRole('heading', { name: 'Statement of support' }).waitFor();
    await expect(page.locator(`[data-unreadable-partner]`).count()).resolves.toBe(0);
    const statement = `${other.partnerName}’s statement of support`;
    await expect(
      page
        .getByRole('textbox', { name: statement })
        .or(page.getByRole('region', { name: statement }))
        .innerText(),
    ).resolves.not.toBe('');

    // The dashboard lists the problem once, not as missing contributions.
    await page.locator('.outline a[href="#/dashboard"]').click();
    await page.getByText(`${victim.partnerName}'s section could not be read.`).first().waitFor();

    const download = page.waitForEvent('download', { timeout: 90_000 });
    await page.getByRole('button', { name: 'Export to Word' }).click();
    const file = await download;
    const text = await documentText((await file.path())!);
    expect(text).toContain(`${victim.partnerName}'s section could not be read`);
    expect(text).not.toContain(`${other.partnerName}'s section could not be read`);
    expect(text).toContain(other.partnerName);
    expect(text).not.toContain('Words at the bottom of the quotes');
    expect(reader.errors).toEqual([]);
  }, 180_000);

  it("is repaired by the partner's own officer, and the repair reaches the other member", async () => {
    const owner = await session.joinAs(victim);
    const { page } = owner;
    await openPartner(page, victim.partnerId);
    const notice = page.locator(`[data-unreadable-partner="${victim.partnerId}"]`);
    await notice.getByText('This section could not be read.').waitFor();
    await screenshot(page, 'unreadable-section-owner');
    await notice.getByRole('button', { name: `Repair ${victim.partnerName}’s section` }).click();
    await page.getByRole('heading', { name: 'Statement of support' }).waitFor({ timeout: 60_000 });
    try {
      await page.waitForFunction(() => document.querySelector('.sync-text')?.textContent === 'Up to date', undefined, {
        timeout: 60_000,
      });
    } catch (error) {
      await screenshot(page, 'unreadable-section-repair-stuck');
      throw new Error(
        `${String(error)}; bar: ${await page.locator('.sync-text').textContent()}; errors: ${owner.errors.join(' | ')}`,
      );
    }
    await screenshot(page, 'unreadable-section-repaired');

    // The other member, still open, now reads the section.
    await openPartner(reader.page, other.partnerId);
    await openPartner(reader.page, victim.partnerId);
    await reader.page.getByRole('heading', { name: 'Statement of support' }).waitFor({ timeout: 60_000 });
    await expect(reader.page.locator('[data-unreadable-partner]').count()).resolves.toBe(0);
    expect(owner.errors).toEqual([]);
    expect(reader.errors).toEqual([]);
  }, 180_000);

  it('says so on the dashboard when the shared text cannot be read, and a coordinator repairs it for everyone', async () => {
    // The reader (a partner) is told who can repair it, with no button.
    await reader.page.locator('.outline a[href="#/dashboard"]').click();
    const readerNotice = reader.page.locator('[data-unreadable-frame]');
    await readerNotice.getByText('Some of the SOA’s shared text could not be read.').waitFor();
    await expect(readerNotice.innerText()).resolves.toContain('Ask your partnership’s coordinator');
    await expect(readerNotice.getByRole('button').count()).resolves.toBe(0);

    const lead = await session.joinAs(coordinator);
    const { page } = lead;
    await page.locator('.outline a[href="#/dashboard"]').click();
    const notice = page.locator('[data-unreadable-frame]');
    await notice.getByText('Some of the SOA’s shared text could not be read.').waitFor();
    await screenshot(page, 'unreadable-frame-coordinator');
    expect(await axeViolations(page)).toEqual([]);
    await notice.getByRole('button', { name: 'Repair the shared text' }).click();
    await notice.waitFor({ state: 'detached', timeout: 60_000 });
    await page.waitForFunction(() => document.querySelector('.sync-text')?.textContent === 'Up to date', undefined, {
      timeout: 60_000,
    });

    // The repair went through the relay: the reader's dashboard no longer shows the notice.
    await readerNotice.waitFor({ state: 'detached', timeout: 60_000 });
    expect(lead.errors).toEqual([]);
    expect(reader.errors).toEqual([]);
  }, 180_000);
});
