import type { VFile } from 'vfile';
import { GuidepressError } from './errors.js';

/** What a guarded step needs to know about the run's browser: whether it is gone, and how to stop its pages. */
export interface GuardSession {
  /** Set when Chromium crashed or was killed, or the run was interrupted: no later step can succeed. */
  readonly stopped: string | undefined;
  /** Close every open page, so that a step stuck in Chromium rejects and unwinds. */
  abortPages(): Promise<void>;
}

export interface GuardOptions {
  session?: GuardSession;
  /** Milliseconds the step may take; then its pages are closed and it is that guide's `timeout` error. */
  timeoutMs?: number;
}

/** The build cannot go on: Chromium is gone, or the user pressed Ctrl+C. The CLI says why and exits non-zero. */
export class BuildStopped extends GuidepressError {
  constructor(message: string, exitCode: 1 | 3 = 3) {
    super(message, exitCode);
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
  try {
    const running = step();
    if (!timeoutMs) return await running;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new StepTimeout()), timeoutMs);
    });
    // The step goes on after the race is lost: closing its pages makes it reject, not run on beside the next one.
    running.catch(() => undefined);
    return await Promise.race([running, expired]);
  } catch (error) {
    if (session?.stopped) throw new BuildStopped(session.stopped);
    if (error instanceof GuidepressError) throw error;
    if (error instanceof StepTimeout) {
      await session?.abortPages();
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

function fatal(file: VFile, reason: string, ruleId: string): void {
  const message = file.message(reason, { place: { line: 1, column: 1 }, ruleId, source: 'guidepress' });
  message.fatal = true;
}
