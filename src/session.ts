import { rmSync } from 'node:fs';
import { basename } from 'node:path';
import type { Browser, CreatePageOptions, Page, Target } from 'puppeteer';
import { type PageHost, hermetic, launchBrowser, openPage } from './browser.js';
import type { GuardSession } from './fault.js';

/**
 * At most this many idle pages are kept for reuse. Opening a page costs Chromium a renderer and
 * its start-up, most of it on the browser's one main thread: reusing them made a 30-guide site's
 * handouts and decks twice as fast (18 s -> 10 s on two cores).
 */
const idlePages = 6;
/** Puppeteer's viewport for a new page. */
const defaultViewport = { width: 800, height: 600 };

const crashed = 'Chromium crashed or was killed during the build; what it was printing was not written. Build again';

/** A value kept for the run, and how to let it go when the session closes. */
export interface Kept<T> {
  value: T;
  close: () => Promise<void>;
}

/**
 * The run's one browser, launched on first use or ahead of it (`warm`: a clean build starts it
 * while it reads the guides; an incremental one only once something is to be printed, so one with
 * nothing to do never starts it) and closed by whoever made the session: the CLI, in `finally`
 * and on SIGINT.
 */
export class BrowserSession implements GuardSession {
  #browser: Promise<Browser> | undefined;
  #kept = new Map<string, Promise<Kept<unknown>>>();
  #memos = new Map<string, unknown>();
  #stopped: string | undefined;
  #live: Browser | undefined;
  #aborting = false;
  #onStop: () => void = () => undefined;
  /** Set on a step's session (`step()`): the run's session, which owns the browser. */
  #run: BrowserSession | undefined;
  /** A step's open pages (with what forgets each when it closes): those its `abortPages` closes. */
  #pages = new Map<Page, () => void>();
  /** The run's idle pages, each set up as `openPage` does, for the steps to reuse. */
  #idle: Page[] = [];
  /** The run's page for pictures (`PageHost.front`), in front, and the turns for it. */
  #front: Page | undefined;
  #frontTurns: Promise<void> = Promise.resolve();
  #closing: Promise<void> | undefined;
  /** Settles once the run cannot go on (see `stopped`). */
  readonly whenStopped: Promise<void>;
  readonly executablePath: string | undefined;

  constructor(executablePath?: string) {
    this.executablePath = executablePath;
    this.whenStopped = new Promise<void>((resolve) => {
      this.#onStop = resolve;
    });
  }

  /**
   * A session for one step of one guide (its handout and deck, or the book), for a build that runs
   * several at once: it keeps count of the pages it opens, so that a step given up (timeout) closes
   * its own pages and not those of the guides printing beside it. It shares the run's browser (and
   * so its renderer processes: a browser context a step would start its own), what the run keeps
   * (the diagram page) and its stop; `close()` it when the step ends.
   */
  step(): BrowserSession {
    const step = new BrowserSession(this.executablePath);
    const run = this.#run ?? this;
    step.#run = run;
    void run.whenStopped.then(() => step.#onStop());
    return step;
  }

  /** Why the run cannot go on (Chromium crashed or was killed, or the run was interrupted), once it cannot. */
  get stopped(): string | undefined {
    if (this.#run) return this.#run.stopped;
    // `connected` turns false before Puppeteer rejects the calls in flight, so a step that fails
    // because Chromium died sees it here even before the 'disconnected' event has run.
    if (!this.#stopped && this.#live && !this.#live.connected) this.#stopped = crashed;
    return this.#stopped;
  }

  /**
   * Where the step opens its pages: the browser, for the run's session; for a step's, the browser
   * with the step keeping count of its pages, and the run's idle pages to reuse (`PageHost.reuse`).
   */
  get(): Promise<PageHost> {
    if (this.stopped) return Promise.reject(new Error(this.stopped));
    if (this.#aborting) return Promise.reject(new Error('The step was given up (timeout)'));
    const run = this.#run;
    if (run) {
      // The step forgets a page when it closes, or when it goes back to the run's idle pages.
      const own = (page: Page) => {
        const forget = () => this.#pages.delete(page);
        this.#pages.set(page, forget);
        page.once('close', forget);
      };
      const disown = (page: Page) => {
        const forget = this.#pages.get(page);
        if (forget) page.off('close', forget);
        this.#pages.delete(page);
      };
      return run.#launched().then((browser) => {
        const newPage = async (options?: CreatePageOptions) => {
          const page = await browser.newPage(options);
          // A page that was being opened as the step was given up is closed as soon as it exists.
          if (this.#aborting) {
            await page.close().catch(() => undefined);
            throw new Error('The step was given up (timeout)');
          }
          own(page);
          return page;
        };
        return {
        newPage,
        reuse: {
          take: () => {
            if (this.#aborting) return undefined;
            const page = run.#takeIdle();
            if (page) own(page);
            return page;
          },
          giveBack: async (page: Page) => {
            if (this.#aborting || run.stopped || page.isClosed() || run.#idle.length >= idlePages) return false;
            // As a new page is: an empty document (whose memory goes), its own viewport, screen
            // media. The document goes first: a new viewport or media lays out what the page holds.
            await page.setContent('');
            await page.setViewport(defaultViewport);
            await page.emulateMediaType();
            disown(page);
            run.#idle.push(page);
            return true;
          },
        },
        front: {
          take: async () => {
            // One step at a time: wait for the turn, then the page (made on first use, or anew
            // after a step that failed on it), the step's until it gives it back.
            let release!: () => void;
            const turn = new Promise<void>((resolve) => {
              release = resolve;
            });
            const before = run.#frontTurns;
            run.#frontTurns = before.then(() => turn);
            await before;
            try {
              if (this.#aborting || run.stopped) throw new Error(run.stopped ?? 'The step was given up (timeout)');
              let page = run.#front;
              if (!page || page.isClosed()) {
                // An idle page (the browser's own first one, on a run's first picture) saves opening one.
                const idle = run.#takeIdle();
                if (idle) own(idle);
                page = idle ?? (await openPage({ newPage }));
                run.#front = page;
              } else own(page);
              // Given up while the page was made: the step's timeout did not see it to close it.
              if (this.#aborting) {
                await page.close().catch(() => undefined);
                throw new Error('The step was given up (timeout)');
              }
              // Closed under the step (its timeout closes its pages), the page passes the turn on at
              // once: the step's own work may take Puppeteer's protocol timeout to fail.
              page.once('close', release);
              // No other page of a build comes to the front (they open in the background): this keeps it there.
              await page.bringToFront();
              return { page, giveBack: (ok: boolean) => {
                page.off('close', release);
                disown(page);
                if (!ok) {
                  if (run.#front === page) run.#front = undefined;
                  void page.close().catch(() => undefined);
                }
                release();
              } };
            } catch (error) {
              release();
              throw error;
            }
          },
        },
        };
      });
    }
    return this.#launched();
  }

  /**
   * Start Chromium now, without waiting for it: it takes a few hundred milliseconds, which the
   * caller spends making the first document. Its failure, if it fails, is the first `get()`'s.
   */
  warm(): void {
    if (this.#run) return this.#run.warm();
    if (!this.stopped) this.#launched().catch(() => undefined);
  }

  /** One of the run's idle pages that is still open, taken off the list; undefined when there is none. */
  #takeIdle(): Page | undefined {
    let page = this.#idle.pop();
    while (page?.isClosed()) page = this.#idle.pop();
    return page;
  }

  #launched(): Promise<Browser> {
    this.#browser ??= launchBrowser({ executablePath: this.executablePath }).then(async (browser) => {
      this.#live = browser;
      browser.once('disconnected', () => this.#stop(crashed));
      browser.on('targetcreated', (target: Target) => {
        if (this.#aborting) void target.page().then((page) => page?.close()).catch(() => undefined);
      });
      // Chromium opens with a blank page of its own: made hermetic, it is the run's first idle page,
      // rather than a renderer (some 30 MB) left open beside the build's for nothing.
      const [first] = await browser.pages().catch(() => []);
      if (first) {
        await hermetic(first).then((page) => this.#idle.push(page), () => first.close().catch(() => undefined));
      }
      return browser;
    });
    return this.#browser;
  }

  /**
   * Something made once for the run and kept until the session closes (the page mermaid draws
   * every diagram in): `create` runs on the first call for `key`, later calls get the same value.
   */
  keep<T>(key: string, create: (browser: Browser) => Promise<Kept<T>>): Promise<T> {
    if (this.#run) return this.#run.keep(key, create);
    let kept = this.#kept.get(key) as Promise<Kept<T>> | undefined;
    if (!kept) {
      kept = (this.stopped ? Promise.reject(new Error(this.stopped)) : this.#launched()).then(create);
      this.#kept.set(key, kept);
      // A failed creation is not kept: the next call tries again.
      kept.catch(() => this.#kept.delete(key));
    }
    return kept.then((k) => k.value);
  }

  /**
   * A value made once for the run that needs no browser (the scaled images, by hash): `make` runs
   * on the first call for `key`, later calls, the run's steps' too, get the same value.
   */
  memo<T>(key: string, make: () => T): T {
    if (this.#run) return this.#run.memo(key, make);
    if (!this.#memos.has(key)) this.#memos.set(key, make());
    return this.#memos.get(key) as T;
  }

  #stop(reason: string): void {
    this.#stopped ??= reason;
    this.#onStop();
  }

  /**
   * Close every open page, and every page opened until `resume()`: a step stuck in Chromium (a
   * render that never ends) then rejects, and one that had not reached Chromium yet fails there.
   */
  async abortPages(): Promise<void> {
    this.#aborting = true;
    // A step closes the pages it opened and leaves the other steps' pages open.
    if (this.#run) {
      await Promise.all([...this.#pages.keys()].map((page) => page.close().catch(() => undefined)));
      return;
    }
    const browser = await this.#browser?.catch(() => undefined);
    if (!browser?.connected) return;
    const pages = await browser.pages().catch(() => []);
    await Promise.all(pages.map((page) => page.close().catch(() => undefined)));
    // What was kept for the run (the diagram page) and the idle pages are among the closed pages:
    // make them anew on next use.
    this.#kept.clear();
    this.#idle = [];
    this.#front = undefined;
  }

  /** Pages may be opened again: the aborted step has ended. */
  resume(): void {
    this.#aborting = false;
  }

  /** Stop the run (Ctrl+C, SIGTERM): close the browser, so that the step in progress fails and the build unwinds. */
  async interrupt(signal: string): Promise<void> {
    if (this.#run) return this.#run.interrupt(signal);
    this.#stop(`Interrupted (${signal}); what was being built was not written`);
    await this.close();
  }

  /** The run's session: close the browser. A step's: close the pages it left open (the browser stays for the others). */
  async close(): Promise<void> {
    if (this.#run) {
      await Promise.all([...this.#pages.keys()].map((page) => page.close().catch(() => undefined)));
      return;
    }
    // Closed once: a second call (the CLI's `finally` after an interrupt's) waits for the first.
    this.#closing ??= this.#closeBrowser();
    return this.#closing;
  }

  async #closeBrowser(): Promise<void> {
    const kept = [...this.#kept.values()];
    this.#kept.clear();
    this.#idle = [];
    for (const pending of kept) await pending.then((k) => k.close(), () => undefined).catch(() => undefined);
    const pending = this.#browser;
    this.#browser = undefined;
    this.#live = undefined;
    this.#stop('The browser session is closed');
    if (!pending) return;
    const browser = await pending.catch(() => undefined);
    const child = browser?.process();
    if (child?.pid && process.platform !== 'win32') {
      // Everything is written: Chromium is killed, not asked to close. A graceful close took
      // 120 ms of every build (Chromium saving a profile that is thrown away), and one busy
      // printing can take 30 s to answer it (measured on an interrupted book build). Chromium runs
      // in a process group of its own (Puppeteer launches it detached): the whole group goes, so no
      // helper process stays behind. Puppeteer removes its temporary profile once the process exits.
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([exited, new Promise<void>((resolve) => {
          timer = setTimeout(resolve, 3000);
        })]);
        clearTimeout(timer);
      }
      await browser?.close().catch(() => undefined);
      removeProfile(child.spawnargs);
      return;
    }
    // Elsewhere (Windows: no process groups), ask it to close; wait a little, then kill it.
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, 3000);
    });
    await Promise.race([browser?.close().catch(() => undefined), waited]);
    clearTimeout(timer);
    browser?.process()?.kill('SIGKILL');
    removeProfile(browser?.process()?.spawnargs ?? []);
  }
}

/**
 * Remove the temporary profile Puppeteer made for Chromium, once Chromium is gone. Puppeteer
 * removes it itself after a close, but not after Chromium crashed or was killed, nor when the run
 * exits at once (interrupted): each left 6 MB in the temporary folder.
 */
function removeProfile(args: string[]): void {
  const profile = args.find((arg) => arg.startsWith('--user-data-dir='))?.slice('--user-data-dir='.length);
  if (profile && basename(profile).startsWith('puppeteer_dev_chrome_profile-')) rmSync(profile, { recursive: true, force: true });
}
