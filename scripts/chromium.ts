/**
 * Debian's Chromium driven by playwright-core, never a downloaded browser (a download fails on
 * this network). One launcher for the browser tests, the multisite test and the benchmark.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.GONGSHI_CHROMIUM ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. The browser tests and the benchmark need Debian's chromium package: ` +
        '`apt-get update && apt-get install -y chromium` (.ci/run does this), or set GONGSHI_CHROMIUM to its path.',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}
