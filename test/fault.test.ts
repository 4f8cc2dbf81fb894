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
  const session = { stopped: 'Chromium crashed', abortPages: () => Promise.resolve() };
  await assert.rejects(guard(file, 'x', () => Promise.reject(new Error('Target closed')), { session }), (e: unknown) => e instanceof BuildStopped && e.exitCode === 3 && /Chromium crashed/.test(e.message));
  assert.equal(file.messages.length, 0);
});

test('guard: a step that outlives its time is a `timeout` error, and its pages are closed', async () => {
  const file = new VFile({ path: 'a.md' });
  let aborted = 0;
  const session = { stopped: undefined, abortPages: () => { aborted++; return Promise.resolve(); } };
  const never = new Promise<number>(() => undefined);
  assert.equal(await guard(file, 'printing the book', () => never, { session, timeoutMs: 20 }), undefined);
  assert.equal(aborted, 1);
  assert.equal(file.messages[0]?.ruleId, 'timeout');
  assert.match(file.messages[0]!.reason, /^Timed out printing the book after 0\.02 s/);
});
