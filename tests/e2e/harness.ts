/**
 * End-to-end harness: the web build (built once per run when stale), a tiny static server for local-only
 * tests, and headless Debian Chromium through playwright-core.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { listenOnLoopback, serveFolder, type StaticServer } from '../support/staticServer';
import { CHROMIUM_LAUNCH } from '../support/chromium';

// The e2e files (and a benchmark) take tempDir from here; it is the one in tests/support/tempDirs.ts.
export { tempDir } from '../support/tempDirs';

export type { StaticServer };

export const ROOT = resolve(import.meta.dirname, '../..');
export const DIST = join(ROOT, 'renderer/dist');
export const SCREENS = join(ROOT, 'test-artifacts/screens');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'dist' || entry.name === 'node_modules') continue;
      newest = Math.max(newest, newestMtime(path));
    } else newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function isStale(): boolean {
  const index = join(DIST, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return newestMtime(join(ROOT, 'renderer')) > built || newestMtime(join(ROOT, 'shared')) > built;
}

/** Builds renderer/dist when any renderer or shared source is newer than it; one build at a time. */
export function ensureWebBuild(): void {
  if (!isStale()) return;
  // Test files run in parallel: flock serialises them and the build re-checks staleness inside the lock,
  // so a second file never empties dist/ under a first file's pages.
  execFileSync(
    'flock',
    ['/tmp/soa-studio-web-build.lock', process.execPath, join(ROOT, 'tests/e2e/buildWebIfStale.mjs')],
    {
      cwd: ROOT,
      stdio: 'inherit',
      // vitest sets NODE_ENV=test, which would make Vite build React's development bundle.
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
}

/** The web build as files, for tests of the app on this computer alone. */
export function startStaticServer(): Promise<StaticServer> {
  return listenOnLoopback(serveFolder(DIST));
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ ...CHROMIUM_LAUNCH, args: [...CHROMIUM_LAUNCH.args] });
}

export async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 900 },
    locale: 'en-GB',
    bypassCSP: true,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // The app asks in in-page dialogs; a native prompt/confirm/alert is a failure (beforeunload is the one allowed).
  page.on('dialog', (dialog) => {
    if (dialog.type() !== 'beforeunload') errors.push(`native ${dialog.type()} dialog: ${dialog.message()}`);
    void dialog.accept();
  });
  return { context, page, errors };
}

/** Answers the in-page dialog that is open (role dialog, modal) by pressing one of its buttons; waits for it to close. */
export async function answerDialog(page: Page, button: string | RegExp): Promise<void> {
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await dialog.getByRole('button', { name: button, exact: typeof button === 'string' }).click();
  await dialog.waitFor({ state: 'detached' });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: join(SCREENS, `${name}.png`), fullPage: false });
}

/** Runs axe-core on the page and returns its violations (id, impact, the first nodes). */
export async function axeViolations(
  page: Page,
): Promise<Array<{ id: string; impact: string | null; help: string; nodes: string[] }>> {
  const axePath = join(ROOT, 'node_modules/axe-core/axe.min.js');
  await page.addScriptTag({ content: readFileSync(axePath, 'utf8') });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            context: Document,
            options: object,
          ) => Promise<{
            violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }>;
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.slice(0, 5).map((node) => JSON.stringify(node.target)),
    }));
  });
}

/** A browser page on the sample SOA's dashboard, opened once for a test file. */
export interface SampleSession {
  page: Page;
  /** Page errors seen so far (tests assert it stays empty). */
  errors: string[];
}

/**
 * Opens the sample SOA on this computer before the file's tests (static server, Chromium, "Open the sample
 * SOA", the dashboard showing) and closes everything after them. Read `page` and `errors` inside tests or
 * hooks, once the file's beforeAll has run.
 */
export function sampleSoaPerFile(): SampleSession {
  const session = {} as SampleSession;
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  beforeAll(async () => {
    ensureWebBuild();
    server = await startStaticServer();
    browser = await launchBrowser();
    const opened = await newPage(browser);
    context = opened.context;
    session.page = opened.page;
    session.errors = opened.errors;
    await session.page.goto(server.url);
    await session.page.getByRole('button', { name: 'Open the sample SOA' }).click();
    await session.page
      .getByRole('heading', { name: 'Progress and what is missing', level: 1 })
      .waitFor({ timeout: 60_000 });
  }, 120_000);
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });
  return session;
}
