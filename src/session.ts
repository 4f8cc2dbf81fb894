import type { Browser } from 'puppeteer';
import { launchBrowser } from './browser.js';

/** A value kept for the run, and how to let it go when the session closes. */
export interface Kept<T> {
  value: T;
  close: () => Promise<void>;
}

/**
 * The run's one browser, launched on first use (a build with only content errors never starts
 * one) and closed by whoever made the session: the CLI, in `finally` and on SIGINT.
 */
export class BrowserSession {
  #browser: Promise<Browser> | undefined;
  #kept = new Map<string, Promise<Kept<unknown>>>();
  readonly executablePath: string | undefined;

  constructor(executablePath?: string) {
    this.executablePath = executablePath;
  }

  get(): Promise<Browser> {
    this.#browser ??= launchBrowser({ executablePath: this.executablePath });
    return this.#browser;
  }

  /**
   * Something made once for the run and kept until the session closes (the page mermaid draws
   * every diagram in): `create` runs on the first call for `key`, later calls get the same value.
   */
  keep<T>(key: string, create: (browser: Browser) => Promise<Kept<T>>): Promise<T> {
    let kept = this.#kept.get(key) as Promise<Kept<T>> | undefined;
    if (!kept) {
      kept = this.get().then(create);
      this.#kept.set(key, kept);
      // A failed creation is not kept: the next call tries again.
      kept.catch(() => this.#kept.delete(key));
    }
    return kept.then((k) => k.value);
  }

  async close(): Promise<void> {
    const kept = [...this.#kept.values()];
    this.#kept.clear();
    for (const pending of kept) await pending.then((k) => k.close(), () => undefined).catch(() => undefined);
    const pending = this.#browser;
    this.#browser = undefined;
    if (!pending) return;
    const browser = await pending.catch(() => undefined);
    await browser?.close().catch(() => undefined);
  }
}
