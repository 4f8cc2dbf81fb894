import { existsSync } from 'node:fs';
import { basename, delimiter, join } from 'node:path';
import puppeteer, { type Browser, type CreatePageOptions, type Page } from 'puppeteer';
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

/** Where `findBrowser` looks when no browser is named. Tests pass their own, made of temporary files. */
export interface BrowserSearch {
  /** The browser Puppeteer downloaded itself, if it has one. */
  downloaded: () => string | undefined;
  /** Fixed install locations, tried in order. */
  system: readonly string[];
  /** Executable names looked for in each `PATH` folder, in order. */
  names: readonly string[];
}

// The headless shells first: Chromium's headless build without a browser's user interface
// (Debian's chromium-headless-shell, Puppeteer's chrome-headless-shell). It prints the same PDFs
// byte for byte, starts in about a third of the time (120 ms against 400 ms here) and, idle, takes
// about 200 MB where the full browser takes 390 MB: the full browser's headless mode runs its
// user interface too (the omnibox popup's WebUI renderer alone is some 80 MB).
const systemBrowsers = [
  '/usr/lib/chromium/chromium-headless-shell',
  '/usr/bin/chromium-headless-shell',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];
const pathNames = ['chromium-headless-shell', 'chrome-headless-shell', 'chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

export const defaultSearch: BrowserSearch = {
  downloaded: () => {
    // Puppeteer's own headless shell (`npx puppeteer browsers install chrome-headless-shell`), else its Chrome.
    for (const headless of ['shell', true] as const) {
      try {
        const path = puppeteer.executablePath({ headless });
        if (existsSync(path)) return path;
      } catch {
        // Puppeteer throws when it has no such browser of its own: go on.
      }
    }
    return undefined;
  },
  system: systemBrowsers,
  names: pathNames,
};

export const noBrowserMessage = [
  'No Chromium or Chrome browser was found.',
  'Install one, then build again:',
  '  Debian/Ubuntu:  sudo apt-get install chromium',
  '  or:             npx puppeteer browsers install chrome',
  'or point guidepress at a browser: PUPPETEER_EXECUTABLE_PATH=/path/to/chrome, or --browser /path/to/chrome.',
].join('\n');

/**
 * Where the browser comes from, in order: the environment, then the config, a browser Puppeteer
 * downloaded itself (its headless shell first), a system install (a headless shell first), then
 * the first browser on `PATH`.
 */
export function findBrowser(configured?: string, env: NodeJS.ProcessEnv = process.env, search: BrowserSearch = defaultSearch): string {
  const explicit = env.PUPPETEER_EXECUTABLE_PATH || configured;
  if (explicit) {
    if (existsSync(explicit)) return explicit;
    throw new EnvironmentError(`The browser ${explicit} does not exist.\n${noBrowserMessage}`);
  }
  const downloaded = search.downloaded();
  if (downloaded && existsSync(downloaded)) return downloaded;
  for (const candidate of search.system) if (existsSync(candidate)) return candidate;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    for (const name of search.names) {
      const candidate = join(dir, name);
      if (dir && existsSync(candidate)) return candidate;
    }
  }
  throw new EnvironmentError(noBrowserMessage);
}

export interface LaunchOptions {
  executablePath?: string;
}

/** A headless shell (chromium-headless-shell, chrome-headless-shell), by its file's name: it is started in its own mode. */
export function isHeadlessShell(executablePath: string): boolean {
  return /headless[-_]shell/i.test(basename(executablePath));
}

/** One browser per run: the caller closes it (the CLI does, in `finally` and on SIGINT). */
export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const executablePath = findBrowser(options.executablePath);
  try {
    return await puppeteer.launch({
      executablePath,
      // A full Chrome or Chromium runs in its new headless mode; a headless shell is that mode's old build, on its own.
      headless: isHeadlessShell(executablePath) ? 'shell' : true,
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

/**
 * Where pages are opened: the browser itself, or a guide's step of a build (`BrowserSession.step`),
 * which keeps count of its pages, so that giving the step up closes its pages and no other guide's.
 */
export interface PageHost {
  newPage(options?: CreatePageOptions): Promise<Page>;
  /**
   * Idle pages of the run to use again (a build's steps have them): `take` one, set up as
   * `openPage` sets up a page without options; `giveBack` one that did its work, false when it is
   * not taken back (then close it).
   */
  reuse?: { take(): Page | undefined; giveBack(page: Page): Promise<boolean> };
  /**
   * The run's page for pictures (a build's steps have it; see `withFrontPage`): a page kept in
   * front, which one step at a time `take`s (waiting for its turn) and gives back, `ok` false
   * when its work failed (then it is closed, and the next step gets a new one).
   */
  front?: { take(): Promise<{ page: Page; giveBack(ok: boolean): void }> };
}

/** What a guidepress page may load: the document's own inlined parts, nothing from anywhere else. */
export function isHermetic(url: string): boolean {
  return url.startsWith('data:') || url === 'about:blank';
}

/**
 * Where the pages fetch what guidepress serves them from memory (`serve`): a reserved name
 * (`.invalid` is never a real host), answered by the page's own request handler, never the network.
 */
export const servedOrigin = 'https://guidepress.invalid';
const served = new Map<string, { body: Uint8Array; type: string }>();

/**
 * Serve `body` to the run's pages at a URL under `servedOrigin`, cacheable for the run: Chromium
 * keeps a fetched resource, a font decoded, in its renderer's memory cache and gives it to the
 * next document that names the URL, which an inlined (data:) copy it decodes for every document.
 * Returns the URL.
 */
export function serve(path: string, body: Uint8Array, type: string): string {
  const url = `${servedOrigin}/${path}`;
  served.set(url, { body, type });
  return url;
}

export interface PageOptions {
  /** Hears each refused URL (tests use it; the build has already warned about them). */
  onBlocked?: (url: string) => void;
  /**
   * Let the page run scripts: only for guidepress's own code (mermaid drawing a diagram). The
   * requests are refused all the same, so a script that tries to reach out gets nothing.
   */
  script?: boolean;
  /**
   * The document is large (the whole book): the page is closed after its work, not kept idle for
   * the next. Chromium keeps a renderer's memory once it has laid out a document, after the
   * document is gone: the 60-guide book's renderer held some 270 MB to the end of the run, beside
   * the Node work that follows the print, when closing its page ends that renderer.
   */
  large?: boolean;
}

/**
 * Load every font face the page declares, and wait for them. Chromium loads a face only when
 * laid-out text uses it (the text of @page margin boxes does not count), and a background tab
 * (`openPage`) may not have laid its text out yet: measured or pictured then, text is set in a
 * fallback face, or drawn in part (an og.png with half its Arabic title). guidepress documents
 * declare only the faces and subsets their text needs (see fonts.ts), so loading them all is cheap.
 * Resolves to the families of the faces that did not load.
 */
export async function loadFonts(page: Page): Promise<string[]> {
  const failed = await page.evaluate(() =>
    Promise.all([...document.fonts].map((face) => face.load().then(() => '', () => face.family.replace(/^["']|["']$/g, '')))),
  );
  await page.evaluate('document.fonts.ready');
  return failed.filter(Boolean);
}

const fronts = new WeakMap<Browser, Promise<unknown>>();

/**
 * Run `fn` (which sets a document and takes pictures of it: `page.screenshot`) on a page that is
 * in front. Pages open as background tabs of the browser's one window, which Chromium lays out and
 * prints but does not draw, and a page that is not drawn gives no picture. So pictures are taken
 * in the run's page kept in front for them (`PageHost.front`), a step at a time, which saves
 * bringing a page to the front for each; for a host without one, in a new page brought to the
 * front, closed after. (A window of each page's own, or a browser context, would be drawn all the
 * time: either made a site's build twice as long.)
 */
export async function withFrontPage<T>(host: PageHost, fn: (page: Page) => Promise<T>): Promise<T> {
  if (host.front) {
    const { page, giveBack } = await host.front.take();
    let ok = false;
    try {
      const result = await fn(page);
      ok = true;
      return result;
    } finally {
      giveBack(ok);
    }
  }
  const page = await openPage(host);
  try {
    const browser = page.browser();
    const before = fronts.get(browser) ?? Promise.resolve();
    const turn = before.then(async () => {
      await page.bringToFront();
      return fn(page);
    });
    fronts.set(browser, turn.catch(() => undefined));
    return await turn;
  } finally {
    await page.close().catch(() => undefined);
  }
}

/**
 * A hermetic page: JavaScript is off unless `script` asks for it (every document guidepress prints
 * is static, with its fonts and images inlined) and every request for anything but a `data:` URL
 * is aborted before it leaves Chromium, so content that slipped past the sanitizer still cannot
 * reach the network or read a local file. The caller closes it; `withPage` does that for you.
 */
export async function openPage(browser: PageHost, options: PageOptions = {}): Promise<Page> {
  // In the background: opening a page does not take the front from one being pictured (`withFrontPage`).
  return hermetic(await browser.newPage({ background: true }), options);
}

/**
 * Make a page hermetic, as `openPage` makes a new one: the browser's first page, which it opens
 * with itself, is set up so and used (`BrowserSession`), rather than left open beside the others.
 */
export async function hermetic(page: Page, options: PageOptions = {}): Promise<Page> {
  try {
    await page.setJavaScriptEnabled(options.script === true);
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      if (request.isInterceptResolutionHandled()) return;
      const url = request.url();
      const resource = served.get(url);
      if (resource) {
        request
          .respond({
            status: 200,
            contentType: resource.type,
            // Fonts are fetched in CORS mode; the document's origin (about:blank) is opaque.
            headers: { 'cache-control': 'public, max-age=31536000, immutable', 'access-control-allow-origin': '*' },
            body: resource.body,
          })
          // Not answered (the page moved on, or the protocol refused): refused, so that the font
          // fails at once rather than waiting for the step's time to run out.
          .catch(() => request.abort('failed').catch(() => undefined));
      } else if (isHermetic(url)) {
        request.continue().catch(() => undefined);
      } else {
        options.onBlocked?.(url);
        // 'blockedbyclient' is what Chromium shows for a request a policy refused.
        request.abort('blockedbyclient').catch(() => undefined);
      }
    });
    return page;
  } catch (error) {
    await page.close().catch(() => undefined);
    throw error;
  }
}

/**
 * A hermetic page (`openPage`) for one artifact: one of the run's idle pages when the host has them
 * (`PageHost.reuse`) and `options` asks for nothing special, else a new one. Afterwards it goes back
 * to the idle pages, or is closed: always when its work failed, whatever state that left it in.
 */
export async function withPage<T>(browser: PageHost, fn: (page: Page) => Promise<T>, options: PageOptions = {}): Promise<T> {
  // A page set up as `openPage` sets one up without options can be an idle one, and idle again after.
  const reuse = options.script || options.onBlocked ? undefined : browser.reuse;
  const page = reuse?.take() ?? (await openPage(browser, options));
  let done = false;
  try {
    const result = await fn(page);
    done = true;
    return result;
  } finally {
    // A page whose work failed may be in any state: it is closed.
    const kept = done && reuse && !options.large ? await reuse.giveBack(page).catch(() => false) : false;
    if (!kept) await page.close().catch(() => undefined);
  }
}
