/**
 * The remembered comment counts (issue 15's open figure): the comment rooms are read after the first screen,
 * so the outline shows the open-comment counts this computer last read until then. In Chromium against a
 * real relay: the counts on the first screen after a reload are right after a comment arrives from another
 * member, after a comment written offline (reloaded offline), and after a resolution; once the rooms are
 * read the outline shows the same counts.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type DemoMember, relayCli } from '../support/relayCli';
import { startRelayProcess, type RelayProcess } from '../support/relayProcess';
import { ensureWebBuild, launchBrowser, newPage, screenshot, tempDir } from './harness';

interface Officer {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly errors: string[];
  readonly member: DemoMember;
}

/** What the outline showed the first time it appeared on a page load. */
interface FirstOutline {
  readonly comments: string | null;
  readonly counts: string;
}

/** Every different thing the page said about the comment counts, in order, from the page load on. */
interface CountsSeen {
  /** The outline's data-comments: 'counting', 'remembered' or 'read'. */
  readonly comments: string | null;
  /** The outline's counts, in order. */
  readonly counts: string;
  /** What the outline says in words about the counts (its status line), if anything. */
  readonly status: string;
  /** The dashboard's heading over its count tables, if it is shown. */
  readonly dashboard: string | null;
}

let relay: RelayProcess;
let browser: Browser;
let reviewer: Officer;
let coordinator: Officer;
let partnerMember: DemoMember;

async function joinAs(member: DemoMember): Promise<Officer> {
  const { context, page, errors } = await newPage(browser);
  // On every page load: the outline's comment counts at the moment it first appears.
  await context.addInitScript(() => {
    const record = () => {
      const outline = document.querySelector('.outline');
      if (!outline) return false;
      (window as unknown as { firstOutline: FirstOutline }).firstOutline = {
        comments: outline.getAttribute('data-comments'),
        counts: [...outline.querySelectorAll('[data-open-comments]')]
          .map((element) => element.getAttribute('data-open-comments'))
          .join(','),
      };
      return true;
    };
    const observer = new MutationObserver(() => {
      if (record()) observer.disconnect();
    });
    observer.observe(document, { childList: true, subtree: true });
    const seen: CountsSeen[] = [];
    (window as unknown as { countsSeen: CountsSeen[] }).countsSeen = seen;
    const note = () => {
      const outline = document.querySelector('.outline');
      if (!outline) return;
      const now: CountsSeen = {
        comments: outline.getAttribute('data-comments'),
        counts: [...outline.querySelectorAll('[data-open-comments]')]
          .map((element) => element.getAttribute('data-open-comments'))
          .join(','),
        status: outline.querySelector('.outline-comments-status')?.textContent ?? '',
        dashboard: document.getElementById('comment-counts-heading')?.textContent ?? null,
      };
      const last = seen[seen.length - 1];
      if (!last || JSON.stringify(last) !== JSON.stringify(now)) seen.push(now);
    };
    new MutationObserver(note).observe(document, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
    });
  });
  await page.goto(`${relay.url}/`);
  await page.getByLabel('Invite token').fill(member.token);
  await page.getByRole('button', { name: 'Join' }).click();
  await page.locator('h1.page-title').waitFor({ timeout: 30_000 });
  await upToDate(page);
  return { context, page, errors, member };
}

async function upToDate(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('.sync-text')?.textContent === 'Up to date', undefined, {
    timeout: 30_000,
  });
}

/** The outline's open-comment count on the partner's entry once the comment rooms are read. */
async function partnerCount(page: Page): Promise<string> {
  await page.locator('.outline[data-comments="read"]').waitFor({ timeout: 30_000 });
  const link = page.locator('.outline a', { hasText: partnerMember.partnerName }).first();
  const count = link.locator('[data-open-comments]');
  return (await count.count()) === 0 ? '0' : ((await count.getAttribute('data-open-comments')) ?? '');
}

/** The counts kept on this computer for the next open (localStorage). */
async function rememberedTotal(page: Page): Promise<number | null> {
  return page.evaluate(() => {
    for (let index = 0; index < localStorage.length; index++) {
      const key = localStorage.key(index) ?? '';
      if (key.endsWith('/comment-counts')) return (JSON.parse(localStorage.getItem(key)!) as { total: number }).total;
    }
    return null;
  });
}

async function firstOutline(page: Page): Promise<FirstOutline> {
  await page.waitForFunction(() => 'firstOutline' in window, undefined, { timeout: 30_000 });
  return page.evaluate(() => (window as unknown as { firstOutline: FirstOutline }).firstOutline);
}

/** Reloads, and returns what the outline showed first and what it shows once the rooms are read. */
async function reload(officer: Officer): Promise<{ first: FirstOutline; read: string }> {
  await officer.page.reload();
  const first = await firstOutline(officer.page);
  await officer.page.locator('.outline[data-comments="read"]').waitFor({ timeout: 30_000 });
  const read = await officer.page.evaluate(() =>
    [...document.querySelectorAll('.outline [data-open-comments]')]
      .map((element) => element.getAttribute('data-open-comments'))
      .join(','),
  );
  return { first, read };
}

async function commentOnPartner(officer: Officer, body: string): Promise<void> {
  const page = officer.page;
  await page.locator('.outline a', { hasText: partnerMember.partnerName }).first().click();
  await page.getByRole('heading', { name: partnerMember.partnerName, level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Add a comment' }).click();
  await page.getByLabel('Your comment').fill(body);
  await page.getByRole('button', { name: 'Add comment' }).click();
  await page.locator('.comment-thread', { hasText: body }).waitFor();
}

async function whenAppCached(page: Page): Promise<void> {
  await page.waitForFunction(
    async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      if (!registration?.active) return false;
      const precache = (await caches.keys()).find((name) => name.startsWith('workbox-precache'));
      return precache !== undefined && (await (await caches.open(precache)).keys()).length >= 3;
    },
    undefined,
    { timeout: 20_000 },
  );
}

beforeAll(async () => {
  ensureWebBuild();
  const db = join(tempDir('soa-e2e-comment-counts-'), 'relay.sqlite');
  const demo = relayCli(['demo', '--db', db]) as { members: DemoMember[] };
  relay = await startRelayProcess(db);
  browser = await launchBrowser();
  const find = (role: string) => {
    const member = demo.members.find((candidate) => candidate.role === role);
    if (!member) throw new Error(`the demo has no ${role}`);
    return member;
  };
  partnerMember = find('partner');
  reviewer = await joinAs(find('reviewer'));
  coordinator = await joinAs(find('coordinator'));
}, 180_000);

/** What the page said about the counts from its load until now. */
async function countsSeen(page: Page): Promise<CountsSeen[]> {
  return page.evaluate(() => (window as unknown as { countsSeen: CountsSeen[] }).countsSeen);
}

afterAll(async () => {
  await browser?.close();
  await relay?.stop();
});

describe('the comment counts on the first screen', () => {
  it('are the ones last read, and right after a comment from another member, offline, and after a resolution', async () => {
    expect(await partnerCount(coordinator.page)).toBe('0');

    // Another member comments: the coordinator's counts follow, and are remembered.
    await commentOnPartner(reviewer, 'Please give the evidence for this target.');
    await expect.poll(() => partnerCount(coordinator.page), { timeout: 30_000 }).toBe('1');
    await expect.poll(() => rememberedTotal(coordinator.page), { timeout: 10_000 }).toBe(1);
    const online = await reload(coordinator);
    // The first screen shows the count before the comment rooms are read, and the rooms agree.
    expect(online.first).toEqual({ comments: 'remembered', counts: online.read });
    expect(await partnerCount(coordinator.page)).toBe('1');
    await upToDate(coordinator.page);

    // A comment written offline counts at once, and through a reload with no network.
    await whenAppCached(reviewer.page);
    await reviewer.context.setOffline(true);
    await reviewer.page.waitForFunction(
      () => document.querySelector('.sync')?.getAttribute('data-sync-link') === 'offline',
      undefined,
      { timeout: 20_000 },
    );
    await commentOnPartner(reviewer, 'And the baseline year, written offline.');
    expect(await partnerCount(reviewer.page)).toBe('2');
    await expect.poll(() => rememberedTotal(reviewer.page), { timeout: 10_000 }).toBe(2);
    await reviewer.page.waitForFunction(() => !document.querySelector('.sync-text')?.textContent?.includes('Saving'));
    await reviewer.page.waitForTimeout(300);
    const offline = await reload(reviewer);
    expect(offline.first).toEqual({ comments: 'remembered', counts: offline.read });
    expect(await partnerCount(reviewer.page)).toBe('2');
    await screenshot(reviewer.page, 'comment-counts-01-offline-reload');

    // Back online: the coordinator gets it, and remembers 2.
    await reviewer.context.setOffline(false);
    await upToDate(reviewer.page);
    await expect.poll(() => partnerCount(coordinator.page), { timeout: 30_000 }).toBe('2');
    await expect.poll(() => rememberedTotal(coordinator.page), { timeout: 10_000 }).toBe(2);

    // The reviewer resolves its first comment: one open is left, on the coordinator's next first screen too.
    const thread = reviewer.page.locator('.comment-thread', { hasText: 'Please give the evidence' });
    await thread.getByRole('button', { name: 'Resolve' }).click();
    await expect.poll(() => partnerCount(coordinator.page), { timeout: 30_000 }).toBe('1');
    await expect.poll(() => rememberedTotal(coordinator.page), { timeout: 10_000 }).toBe(1);
    const resolved = await reload(coordinator);
    expect(resolved.first).toEqual({ comments: 'remembered', counts: resolved.read });
    expect(await partnerCount(coordinator.page)).toBe('1');
    await screenshot(coordinator.page, 'comment-counts-02-after-resolution');
    for (const officer of [reviewer, coordinator]) expect(officer.errors).toEqual([]);
  });

  it('on a computer that never read them, say they are being counted, never zero, until the rooms arrive', async () => {
    // The reviewer's comment from the test above is open: another member has commented. The coordinator
    // opens the SOA in a fresh browser profile, where no comment room has ever been read.
    const fresh = await joinAs(coordinator.member);
    await fresh.page.locator('.outline[data-comments="read"]').waitFor({ timeout: 30_000 });
    await expect.poll(() => partnerCount(fresh.page), { timeout: 30_000 }).toBe('1');
    const seen = await countsSeen(fresh.page);
    const final = seen[seen.length - 1]!;
    // Until the counts are known the outline says so, in words a screen reader announces.
    expect(seen[0]).toMatchObject({ comments: 'counting', counts: '', status: 'Counting comments…' });
    await screenshot(fresh.page, 'comment-counts-03-first-open-read');
    // Nothing the page showed as a count was other than the real counts: no zero before the rooms arrived.
    for (const state of seen) {
      if (state.comments !== 'counting') expect(state.counts).toBe(final.counts);
      if (state.dashboard !== null) expect(state.dashboard).toMatch(/^Open comments \((1|counting…)\)$/);
    }
    expect(fresh.errors).toEqual([]);
    await fresh.context.close();
  });
});
