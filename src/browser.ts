import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { EnvironmentError } from './errors.js';

/**
 * Flags for a headless Chromium in a container, offline: no sandbox as root, and none of the
 * background services that keep trying to reach the network.
 */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--font-render-hinting=none',
];

const systemBrowsers = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];
const pathNames = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

export const noBrowserMessage = [
  'No Chromium or Chrome browser was found.',
  'Install one, then build again:',
  '  Debian/Ubuntu:  sudo apt-get install chromium',
  '  or:             npx puppeteer browsers install chrome',
  'or point guidepress at a browser: PUPPETEER_EXECUTABLE_PATH=/path/to/chrome, or --browser /path/to/chrome.',
].join('\n');

/**
 * Where the browser comes from, in order: the environment or the config, a browser Puppeteer
 * downloaded itself, then a system install.
 */
export function findBrowser(configured?: string, env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env.PUPPETEER_EXECUTABLE_PATH || configured;
  if (explicit) {
    if (existsSync(explicit)) return explicit;
    throw new EnvironmentError(`The browser ${explicit} does not exist.\n${noBrowserMessage}`);
  }
  try {
    const downloaded = puppeteer.executablePath();
    if (downloaded && existsSync(downloaded)) return downloaded;
  } catch {
    // Puppeteer throws when it has no browser of its own: go on to the system's.
  }
  for (const candidate of systemBrowsers) if (existsSync(candidate)) return candidate;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    for (const name of pathNames) {
      const candidate = join(dir, name);
      if (dir && existsSync(candidate)) return candidate;
    }
  }
  throw new EnvironmentError(noBrowserMessage);
}

export interface LaunchOptions {
  executablePath?: string;
}

/** One browser per run: the caller closes it (the CLI does, in `finally` and on SIGINT). */
export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const executablePath = findBrowser(options.executablePath);
  try {
    return await puppeteer.launch({
      executablePath,
      headless: true,
      args: chromiumArgs,
      // Puppeteer's own handlers kill Chromium and exit at once, before guidepress can remove the
      // temporary files of the artifact in progress: the CLI handles the signals itself.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      // The PDFs must not depend on the machine's locale or time zone.
      env: { ...process.env, TZ: 'UTC', LANG: 'C.UTF-8' },
    });
  } catch (error) {
    throw new EnvironmentError(
      `Chromium at ${executablePath} did not start: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

/** A fresh page for one artifact, closed whatever happens. */
export async function withPage<T>(browser: Browser, fn: (page: Page) => Promise<T>): Promise<T> {
  const page = await browser.newPage();
  try {
    return await fn(page);
  } finally {
    await page.close().catch(() => undefined);
  }
}
