/**
 * The set-up most e2e files share: the demo partnership on a fresh relay database, the relay as a real process,
 * Chromium, and officers signed in with their invite tokens, each on a page of their own.
 */
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { createDemoDb, type Demo, type DemoMember } from '../support/relayCli';
import { startRelayProcess, type RelayProcess } from '../support/relayProcess';
import { ensureWebBuild, launchBrowser, newPage, screenshot, tempDir } from './harness';

/** An officer signed in on a page of their own. */
export interface Officer {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Page errors seen so far (tests assert it stays empty). */
  readonly errors: string[];
  readonly member: DemoMember;
}

export interface JoinOptions {
  /** The address to open (the relay's unless given, e.g. through a shaping proxy). */
  readonly url?: string;
  /** The sync status that says the officer is up to date ("Up to date" unless given). */
  readonly upToDate?: string;
  readonly viewport?: { readonly width: number; readonly height: number };
  /** Runs on the new page before the app loads (e.g. an init script, or listening for its websockets). */
  readonly beforeLoad?: (context: BrowserContext, page: Page) => void | Promise<void>;
}

/**
 * Opens a new page at the relay, joins with `member`'s invite token and waits for the first page and the sync
 * status to say it is up to date. On a failure it keeps a screenshot and says what the page showed.
 */
export async function joinAs(
  browser: Browser,
  relayUrl: string,
  member: DemoMember,
  options: JoinOptions = {},
): Promise<Officer> {
  const { context, page, errors } = await newPage(browser);
  if (options.viewport) await page.setViewportSize(options.viewport);
  await options.beforeLoad?.(context, page);
  await page.goto(`${options.url ?? relayUrl}/`);
  await page.getByLabel('Invite token').fill(member.token);
  await page.getByRole('button', { name: 'Join' }).click();
  try {
    await page.locator('h1.page-title').waitFor({ timeout: 60_000 });
    await page.waitForFunction(
      (text) => document.querySelector('.sync-text')?.textContent === text,
      options.upToDate ?? 'Up to date',
      { timeout: 60_000 },
    );
  } catch (error) {
    await screenshot(page, `join-failed-${member.role}`);
    throw new Error(
      `${String(error)}; errors: ${errors.join(' | ')}; page: ${(await page.locator('body').innerText()).slice(0, 500)}`,
    );
  }
  return { context, page, errors, member };
}

export interface DemoOnRelay {
  readonly dir: string;
  readonly db: string;
  readonly demo: Demo;
  readonly relay: RelayProcess;
  readonly browser: Browser;
  /** The demo's `index`th member (from 0) with `role`. */
  member(role: 'coordinator' | 'partner' | 'reviewer', index?: number): DemoMember;
  /** An officer signed in at this relay. */
  joinAs(member: DemoMember, options?: JoinOptions): Promise<Officer>;
}

/**
 * Before the file's tests: the web build, the demo in a fresh database (`prepare` may change it before the
 * relay opens it), the relay and Chromium; after them, all closed. Read the fields inside tests or hooks.
 */
export function demoOnRelayPerFile(
  prefix: string,
  options: { readonly prepare?: (db: string, demo: Demo) => void } = {},
): DemoOnRelay {
  const state: { dir?: string; db?: string; demo?: Demo; relay?: RelayProcess; browser?: Browser } = {};
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is set up in beforeAll`);
    return value;
  };
  const session: DemoOnRelay = {
    get dir() {
      return ready(state.dir, 'the folder');
    },
    get db() {
      return ready(state.db, 'the database');
    },
    get demo() {
      return ready(state.demo, 'the demo');
    },
    get relay() {
      return ready(state.relay, 'the relay');
    },
    get browser() {
      return ready(state.browser, 'the browser');
    },
    member(role, index = 0) {
      const found = session.demo.members.filter((member) => member.role === role)[index];
      if (!found) throw new Error(`the demo has no ${role} number ${index + 1}`);
      return found;
    },
    joinAs: (member, joinOptions) => joinAs(session.browser, session.relay.url, member, joinOptions),
  };
  beforeAll(async () => {
    ensureWebBuild();
    state.dir = tempDir(prefix);
    state.db = join(state.dir, 'relay.sqlite');
    state.demo = createDemoDb(state.db);
    options.prepare?.(state.db, state.demo);
    state.relay = await startRelayProcess(state.db);
    state.browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await state.browser?.close();
    await state.relay?.stop();
  });
  return session;
}
