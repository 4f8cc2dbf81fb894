import type { VFile } from 'vfile';
import { ExitCode, GuidepressError } from './errors.js';

/** What a guarded step needs to know about the run's browser: whether it is gone, and how to stop its pages. */
export interface GuardSession {
  /** Set when Chromium crashed or was killed, or the run was interrupted: no later step can succeed. */
  readonly stopped: string | undefined;
  /** Settles when `stopped` is set. */
  readonly whenStopped: Promise<void>;
  /** Close every open page, and those opened until `resume()`, so that a step stuck in Chromium rejects and unwinds. */
  abortPages(): Promise<void>;
  resume(): void;
}

export interface GuardOptions {
  session?: GuardSession;
  /** Milliseconds the step may take; then its pages are closed and it is that guide's `timeout` error. */
  timeoutMs?: number;
}

/** The build cannot go on: Chromium is gone, or the user pressed Ctrl+C. The CLI says why and exits non-zero. */
export class BuildStopped extends GuidepressError {
  constructor(message: string) {
    super(message, ExitCode.environment);
    this.name = 'BuildStopped';
  }
}

class StepTimeout extends Error {}

/**
 * Run one step of one guide (reading, transforming, extracting, printing) so that a fault in it is
 * that guide's error and the other guides still build. Our own errors (usage, environment) pass
 * through; a step that outlives `timeoutMs` is a `timeout` error; anything else is a bug of ours,
 * recorded as an `internal` error on `file` with a hint to report it. Returns undefined on failure.
 */
export async function guard<T>(file: VFile, what: string, step: () => Promise<T>, options: GuardOptions = {}): Promise<T | undefined> {
  const { session, timeoutMs } = options;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<T> | undefined;
  try {
    running = step();
    running.catch(() => undefined);
    const expired = new Promise<never>((_, reject) => {
      if (timeoutMs) timer = setTimeout(() => reject(new StepTimeout()), timeoutMs);
    });
    // Puppeteer does not reject every call when Chromium dies (a navigation waits out its own 30 s):
    // once the run is stopped, give the step a moment to finish what it was writing, then leave it.
    const stopped = session?.whenStopped.then(async () => {
      await settle(running!, 2000);
      throw new BuildStopped(session.stopped ?? 'Stopped');
    });
    // Handled here: when the session closes after this step has long ended, nobody is racing it.
    stopped?.catch(() => undefined);
    return await Promise.race([running, expired, ...(stopped ? [stopped] : [])]);
  } catch (error) {
    if (error instanceof StepTimeout && running) {
      // The step goes on after losing the race: closing its pages makes it reject, rather than run
      // on beside the next guide. Wait for it to end, so that nothing of it is written afterwards.
      await session?.abortPages();
      // At least 10 s: a step busy outside Chromium (writing its files) ends on its own soon.
      const ended = await settle(running, Math.max(timeoutMs!, 10_000));
      session?.resume();
      // Finished after all (it was writing its files when time ran out): it is done.
      if (ended.ok) return ended.value;
    }
    if (session?.stopped) throw new BuildStopped(session.stopped);
    if (error instanceof GuidepressError) throw error;
    if (error instanceof StepTimeout) {
      fatal(file, `Timed out ${what} after ${(timeoutMs! / 1000).toFixed(timeoutMs! < 1000 ? 2 : 0)} s; nothing of it was written. Raise the limit with --timeout SECONDS (or "timeout" in the config) if the guide is just long`, 'timeout');
      return undefined;
    }
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    fatal(file, `Internal error ${what}: ${reason.split('\n')[0]}. This is a guidepress bug: please report it with this file attached`, 'internal');
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

/** How `running` ended, waiting at most `ms`; a step still running then is given up (not ok). */
async function settle<T>(running: Promise<T>, ms: number): Promise<{ ok: true; value: T } | { ok: false }> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ ok: false }>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false }), ms);
  });
  try {
    return await Promise.race([running.then((value) => ({ ok: true as const, value }), () => ({ ok: false as const })), late]);
  } finally {
    clearTimeout(timer);
  }
}

function fatal(file: VFile, reason: string, ruleId: string): void {
  const message = file.message(reason, { place: { line: 1, column: 1 }, ruleId, source: 'guidepress' });
  message.fatal = true;
}
