import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VFile } from 'vfile';
import { withPage } from '../src/browser.js';
import { guard } from '../src/fault.js';
import { BrowserSession } from '../src/session.js';
import { printDocument } from '../src/shared/pdf.js';

test('two guides side by side (--jobs 2): one times out, the other, printing in the same browser, is not harmed', async () => {
  const run = new BrowserSession();
  try {
    const slow = run.step();
    const fast = run.step();
    const slowFile = new VFile({ path: 'slow.md' });
    const fastFile = new VFile({ path: 'fast.md' });
    let timedOut!: () => void;
    const afterTimeout = new Promise<void>((resolve) => {
      timedOut = resolve;
    });
    // A render that never ends: its page waits for an element that never comes, until it is closed.
    const stuck = guard(slowFile, 'making the handout', async () => {
      try {
        await withPage(await slow.get(), (page) => page.waitForSelector('#never', { timeout: 0 }));
      } finally {
        timedOut();
      }
    }, { session: slow, timeoutMs: 300 });
    // Opened before the timeout, used after it: with one abortPages for the whole browser, this page was closed too.
    const printed = guard(fastFile, 'making the handout', async () => {
      return withPage(await fast.get(), async (page) => {
        await page.setContent('<p>Before</p>');
        await afterTimeout;
        const pdf = await page.pdf();
        return printDocument(await fast.get(), '<!doctype html><title>t</title><p>After</p>').then((p) => [pdf.length, p.pdf.length]);
      });
    }, { session: fast, timeoutMs: 60_000 });
    assert.equal(await stuck, undefined);
    assert.match(slowFile.messages.map(String).join('\n'), /Timed out making the handout/);
    const sizes = await printed;
    assert.ok(sizes && sizes.every((n) => n > 500), `the other guide printed: ${String(sizes)}`);
    assert.deepEqual(fastFile.messages, []);
    // The run goes on: the slow guide's session is closed, the run's browser is not.
    const again = run.step();
    assert.ok((await printDocument(await again.get(), '<p>Next</p>')).pdf.length > 500);
    await Promise.all([slow.close(), fast.close(), again.close()]);
  } finally {
    await run.close();
  }
});

test('a step shares the run\'s kept values and its stop', async () => {
  const run = new BrowserSession();
  const step = run.step();
  let made = 0;
  const create = async () => ({ value: ++made, close: async () => undefined });
  assert.equal(await step.keep('k', create), 1);
  assert.equal(await run.keep('k', create), 1);
  assert.equal(step.stopped, undefined);
  await run.close();
  await step.whenStopped;
  assert.match(step.stopped ?? '', /closed/);
  await assert.rejects(step.get());
});
