import type { Browser } from 'puppeteer';
import { launchBrowser } from './browser.js';
import type { GuardSession } from './fault.js';

const crashed = 'Chromium crashed or was killed during the build; what it was printing was not written. Build again';

/**
 * The run's one browser, launched on first use (a build with only content errors never starts
 * one) and closed by whoever made the session: the CLI, in `finally` and on SIGINT.
 */
export class BrowserSession implements GuardSession {
  #browser: Promise<Browser> | undefined;
  #stopped: string | undefined;
  #live: Browser | undefined;
  readonly executablePath: string | undefined;

  constructor(executablePath?: string) {
    this.executablePath = executablePath;
  }

  /** Why the run cannot go on (Chromium crashed or was killed, or the run was interrupted), once it cannot. */
  get stopped(): string | undefined {
    // `connected` turns false before Puppeteer rejects the calls in flight, so a step that fails
    // because Chromium died sees it here even before the 'disconnected' event has run.
    if (!this.#stopped && this.#live && !this.#live.connected) this.#stopped = crashed;
    return this.#stopped;
  }

  get(): Promise<Browser> {
    if (this.stopped) return Promise.reject(new Error(this.stopped));
    this.#browser ??= launchBrowser({ executablePath: this.executablePath }).then((browser) => {
      this.#live = browser;
      browser.once('disconnected', () => {
        this.#stopped ??= crashed;
      });
      return browser;
    });
    return this.#browser;
  }

  /** Close every open page: a step stuck in Chromium (a render that never ends) then rejects. */
  async abortPages(): Promise<void> {
    const browser = await this.#browser?.catch(() => undefined);
    if (!browser?.connected) return;
    const pages = await browser.pages().catch(() => []);
    await Promise.all(pages.map((page) => page.close().catch(() => undefined)));
  }

  /** Stop the run (Ctrl+C, SIGTERM): close the browser, so that the step in progress fails and the build unwinds. */
  async interrupt(signal: string): Promise<void> {
    this.#stopped ??= `Interrupted (${signal}); what was being built was not written`;
    await this.close();
  }

  async close(): Promise<void> {
    const pending = this.#browser;
    this.#browser = undefined;
    this.#live = undefined;
    this.#stopped ??= 'The browser session is closed';
    if (!pending) return;
    const browser = await pending.catch(() => undefined);
    await browser?.close().catch(() => undefined);
    // Chromium runs in a process group of its own (Puppeteer launches it detached): after a crash,
    // or a `close` it did not answer, kill the whole group so that no helper process stays behind.
    const pid = browser?.process()?.pid;
    if (pid && process.platform !== 'win32') {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }
}
