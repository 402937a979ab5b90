#!/usr/bin/env node
// Before the tests: the end-to-end and export tests drive real programs (Chromium, LibreOffice, poppler).
// Installs what is missing with apt-get when this machine allows it (Debian, as root), otherwise says
// exactly what to install, so `npm test` is the whole story on a fresh machine.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const needs = [
  { program: '/usr/bin/chromium', debian: 'chromium', why: 'the editor tests run in headless Chromium' },
  {
    program: '/usr/bin/soffice',
    debian: 'libreoffice-writer-nogui',
    why: 'the Word export is checked by opening it in LibreOffice',
  },
  { program: '/usr/bin/pdftotext', debian: 'poppler-utils', why: 'the exported document is read back from PDF' },
  {
    program: '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
    debian: 'fonts-liberation',
    why: 'Arial-compatible fonts for page layout',
  },
];

const missing = needs.filter((need) => !existsSync(need.program));
if (missing.length === 0) process.exit(0);

const packages = missing.map((need) => need.debian);
const canInstall = process.getuid?.() === 0 && spawnSync('which', ['apt-get']).status === 0;
if (!canInstall) {
  console.error('Some programs the tests need are not installed:');
  for (const need of missing) console.error(`  ${need.debian}: ${need.why}`);
  console.error(
    `Install them with:\n  sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}\nthen run npm test again.`,
  );
  process.exit(1);
}
console.log(`Installing ${packages.join(', ')} for the tests (apt-get)...`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: ['ignore', 'ignore', 'inherit'], env });
const still = missing.filter((need) => !existsSync(need.program));
if (still.length > 0) {
  console.error(`apt-get finished but these are still missing: ${still.map((need) => need.debian).join(', ')}.`);
  process.exit(1);
}
