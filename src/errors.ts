import type { Point, Position } from 'unist';
import type { VFile } from 'vfile';

/** Exit codes of the command line, also carried by the errors the library throws. */
export const ExitCode = { ok: 0, content: 1, usage: 2, environment: 3, interrupted: 130 } as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * An error guidepress expects and explains: bad usage, bad content, a missing browser.
 * Anything else that reaches the CLI is a bug and is shown with its stack.
 */
export class GuidepressError extends Error {
  readonly exitCode: ExitCodeValue;
  constructor(message: string, exitCode: ExitCodeValue, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GuidepressError';
    this.exitCode = exitCode;
  }
}

export class UsageError extends GuidepressError {
  constructor(message: string) {
    super(message, ExitCode.usage);
    this.name = 'UsageError';
  }
}

export class EnvironmentError extends GuidepressError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ExitCode.environment, options);
    this.name = 'EnvironmentError';
  }
}

/** True when any message on the file is an error (fatal), not a warning. */
export function hasErrors(file: VFile): boolean {
  return file.messages.some((m) => m.fatal === true);
}

/**
 * Record a positioned error on a file without throwing (unlike `file.fail`), so that one run
 * reports every problem of a guide at once.
 */
export function contentError(
  file: VFile,
  reason: string,
  place: Point | Position | undefined,
  ruleId: string,
): void {
  const message = file.message(reason, { place, ruleId, source: 'guidepress' });
  message.fatal = true;
}
