import type { Browser } from 'puppeteer';
import { launchBrowser } from './browser.js';

/**
 * The run's one browser, launched on first use (a build with only content errors never starts
 * one) and closed by whoever made the session: the CLI, in `finally` and on SIGINT.
 */
export class BrowserSession {
  #browser: Promise<Browser> | undefined;
  readonly executablePath: string | undefined;

  constructor(executablePath?: string) {
    this.executablePath = executablePath;
  }

  get(): Promise<Browser> {
    this.#browser ??= launchBrowser({ executablePath: this.executablePath });
    return this.#browser;
  }

  async close(): Promise<void> {
    const pending = this.#browser;
    this.#browser = undefined;
    if (!pending) return;
    const browser = await pending.catch(() => undefined);
    await browser?.close().catch(() => undefined);
  }
}
