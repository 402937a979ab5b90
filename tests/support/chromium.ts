/**
 * How tests and benchmarks start Debian's Chromium headless through playwright-core: no sandbox (as root in
 * CI), no GPU, and none of the browser's own background traffic.
 */
export const CHROMIUM_LAUNCH = {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
} as const;
