// The renderer's real build, served with exactly the headers the desktop shell sends (the same CSP), in
// headless Chromium: it must render with no Content-Security-Policy violation, so a CSP that is too strict
// for the app (or an app that starts needing inline script) is caught here rather than in the desktop app.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appResponseHeaders, contentTypeFor } from '../../electron/main/appProtocol';
import { tempDir } from '../support/tempDirs';
import { listenOnLoopback, type StaticServer } from '../support/staticServer';

const root = path.resolve(import.meta.dirname, '../..');
const CHROMIUM = '/usr/bin/chromium';
const rendererReady =
  existsSync(path.join(root, 'renderer', 'index.html')) && existsSync(path.join(root, 'renderer', 'vite.config.ts'));
const runnable = rendererReady && existsSync(CHROMIUM);
if (!runnable) {
  console.warn(
    `[tests/electron] The renderer-under-CSP test was NOT run: ${rendererReady ? `no Chromium at ${CHROMIUM}` : 'renderer/ has no index.html or vite.config.ts yet'}.`,
  );
}

describe('the renderer build under the desktop CSP', () => {
  let server: StaticServer | null = null;
  let browser: Browser | null = null;
  let origin = '';

  beforeAll(async () => {
    if (!runnable) return;
    // Build into a temporary folder so renderer/dist (which others may be using) is left alone.
    const outDir = tempDir('soa-renderer-build-');
    const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
    const build = spawnSync(
      process.execPath,
      [
        vite,
        'build',
        '--config',
        'renderer/vite.config.ts',
        '--outDir',
        outDir,
        '--emptyOutDir',
        '--logLevel',
        'error',
      ],
      { cwd: root, encoding: 'utf8', timeout: 180_000 },
    );
    if (build.status !== 0) throw new Error(`renderer build failed: ${build.stderr || build.stdout}`);
    server = await listenOnLoopback((request, response) => {
      const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
      const relative = pathname === '/' || path.extname(pathname) === '' ? 'index.html' : pathname.slice(1);
      const file = path.resolve(outDir, relative);
      if (!file.startsWith(outDir + path.sep)) {
        response.writeHead(400).end();
        return;
      }
      readFile(file).then(
        (body) => response.writeHead(200, appResponseHeaders(contentTypeFor(file))).end(body),
        () => response.writeHead(404, appResponseHeaders('text/plain')).end('Not found'),
      );
    });
    origin = `http://127.0.0.1:${server.port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it.runIf(runnable)('renders the first screen with no CSP violation', async () => {
    const page = await (browser as Browser).newPage();
    const violations: string[] = [];
    await page.exposeFunction('__reportViolation', (text: string) => violations.push(text));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        (window as unknown as { __reportViolation(text: string): void }).__reportViolation(
          `${event.violatedDirective} blocked ${event.blockedURI} (${event.sourceFile}:${event.lineNumber})`,
        );
      });
    });
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    const response = await page.goto(`${origin}/index.html`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await expect
      .poll(() => page.evaluate(() => document.getElementById('root')?.childElementCount ?? 0), { timeout: 20_000 })
      .toBeGreaterThan(0);
    await page.waitForTimeout(1000);
    // zod 4 probes for eval support with a caught `new Function('')` (then falls back to its interpreter);
    // the CSP blocks it as it should, but Chromium still reports the probe. Setting `z.config({ jitless: true })`
    // in the renderer skips the probe; until the renderer does, that one eval report is tolerated and printed.
    const rendererIsJitless = spawnSync('grep', ['-rqs', 'jitless', path.join(root, 'renderer', 'src')]).status === 0;
    const tolerated = rendererIsJitless ? [] : violations.filter((text) => /^script-src blocked eval /.test(text));
    if (tolerated.length > 0)
      console.warn(
        `[tests/electron] tolerated zod's eval probe until renderer sets z.config({ jitless: true }): ${tolerated.join('; ')}`,
      );
    expect(violations.filter((text) => !tolerated.includes(text))).toEqual([]);
    await page.close();
  });
});
