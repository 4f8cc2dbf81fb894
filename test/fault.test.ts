import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VFile } from 'vfile';
import { UsageError } from '../src/errors.js';
import { BuildStopped, guard } from '../src/fault.js';

test('guard: an exception in a step is that file\'s fatal `internal` error, at line 1, with a hint to report it', async () => {
  const file = new VFile({ path: 'guides/a.md' });
  const result = await guard(file, 'making the deck', () => Promise.reject(new RangeError('Maximum call stack size exceeded')));
  assert.equal(result, undefined);
  const [message] = file.messages;
  assert.equal(message?.fatal, true);
  assert.equal(message?.ruleId, 'internal');
  assert.equal(message?.line, 1);
  assert.match(message!.reason, /^Internal error making the deck: RangeError: Maximum call stack size exceeded\. This is a guidepress bug: please report it/);
  assert.equal(await guard(file, 'x', () => Promise.resolve(42)), 42);
});

test('guard: our own errors pass through; a stopped session stops the build', async () => {
  const file = new VFile({ path: 'a.md' });
  await assert.rejects(guard(file, 'x', () => Promise.reject(new UsageError('bad'))), UsageError);
  const session = { stopped: 'Chromium crashed', whenStopped: new Promise<void>(() => undefined), abortPages: () => Promise.resolve(), resume: () => undefined };
  await assert.rejects(guard(file, 'x', () => Promise.reject(new Error('Target closed')), { session }), (e: unknown) => e instanceof BuildStopped && e.exitCode === 3 && /Chromium crashed/.test(e.message));
  assert.equal(file.messages.length, 0);
  // A step that never settles, as a Puppeteer navigation after Chromium died: the stop ends the wait.
  let stop: () => void = () => undefined;
  const stopping = { stopped: undefined as string | undefined, whenStopped: new Promise<void>((resolve) => { stop = resolve; }), abortPages: () => Promise.resolve(), resume: () => undefined };
  const waiting = guard(file, 'x', () => new Promise<never>(() => undefined), { session: stopping });
  stopping.stopped = 'Interrupted (SIGINT)';
  stop();
  await assert.rejects(waiting, /Interrupted \(SIGINT\)/);
});

test('guard: a step that outlives its time is a `timeout` error, and its pages are closed', async () => {
  const file = new VFile({ path: 'a.md' });
  let aborted = 0;
  let resumed = 0;
  let abort: (e: Error) => void = () => undefined;
  const session = { stopped: undefined, whenStopped: new Promise<void>(() => undefined), abortPages: () => { aborted++; abort(new Error('Target closed')); return Promise.resolve(); }, resume: () => { resumed++; } };
  // Like a print that never ends until its page is closed.
  const stuck = new Promise<number>((_, reject) => { abort = reject; });
  assert.equal(await guard(file, 'printing the book', () => stuck, { session, timeoutMs: 20 }), undefined);
  assert.deepEqual([aborted, resumed], [1, 1]);
  assert.equal(file.messages[0]?.ruleId, 'timeout');
  assert.match(file.messages[0]!.reason, /^Timed out printing the book after 0\.02 s/);
});
