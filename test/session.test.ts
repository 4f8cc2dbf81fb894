import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VFile } from 'vfile';
import { withFrontPage, withPage } from '../src/browser.js';
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

test('the browser\'s own first page is the run\'s first idle page, hermetic; a large document\'s page is closed after', async () => {
  const run = new BrowserSession();
  try {
    const browser = await run.get();
    const [first] = await (browser as import('puppeteer').Browser).pages();
    assert.ok(first, 'Chromium opened a page of its own');
    const step = run.step();
    const used = await withPage(await step.get(), async (page) => {
      await page.setContent('<p id="p">static</p><script>document.getElementById("p").textContent = "ran"</script>');
      return { page, text: await page.$eval('#p', (p) => p.textContent) };
    });
    assert.equal(used.page, first, 'the first step prints in the browser\'s own page, opening none');
    assert.equal(used.text, 'static', 'and it runs no script, as a page guidepress opens');
    assert.equal((await (browser as import('puppeteer').Browser).pages()).length, 1);
    // Printed as a large document, the page (and its renderer's memory) goes.
    const printed = await printDocument(await step.get(), '<p>The whole book</p>', { large: true });
    assert.ok(printed.pdf.length > 500);
    assert.ok(first.isClosed(), 'the large document\'s page is closed, not kept idle');
    await step.close();
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

test('the run\'s page for pictures: one step at a time, kept in front, and a step that times out on it gives up its turn', async () => {
  const run = new BrowserSession();
  try {
    const [stuck, next, last] = [run.step(), run.step(), run.step()];
    const order: string[] = [];
    const picture = async (step: BrowserSession, name: string) => withFrontPage(await step.get(), async (page) => {
      order.push(name);
      await page.setContent(`<p>${name}</p>`);
      const visible = await page.evaluate('document.visibilityState');
      return { visible, png: await page.screenshot({ type: 'png', clip: { x: 0, y: 0, width: 50, height: 20 } }), page };
    });
    // Chromium and the page made first: neither is part of the stuck step's timeout.
    const first = await picture(next, 'first');
    const file = new VFile({ path: 'stuck.md' });
    let inside!: () => void;
    const entered = new Promise<void>((resolve) => {
      inside = resolve;
    });
    // A picture that never comes: the step times out, its page is closed, and the turn passes on.
    const given = guard(file, 'making the deck', async () =>
      withFrontPage(await stuck.get(), async (page) => {
        order.push('stuck');
        inside();
        await page.waitForSelector('#never', { timeout: 0 });
      }), { session: stuck, timeoutMs: 1000 });
    await Promise.race([entered, given.then(() => assert.fail('the stuck step never had its turn'))]);
    const [a, b] = await Promise.all([picture(next, 'next'), picture(last, 'last')]);
    assert.equal(await given, undefined);
    assert.match(file.messages.map(String).join('\n'), /Timed out making the deck/);
    assert.deepEqual(order, ['first', 'stuck', 'next', 'last']);
    for (const p of [first, a, b]) {
      assert.equal(p.visible, 'visible');
      assert.ok(p.png.length > 100);
    }
    assert.equal(a.page, b.page, 'the steps after it share one page');
    assert.notEqual(a.page, first.page, 'a new one: the stuck step\'s was closed');
    // Printing beside it in the background does not take the front from it.
    await withPage(await next.get(), (page) => page.setContent('<p>printing</p>'));
    assert.equal((await picture(next, 'again')).visible, 'visible');
    await Promise.all([stuck.close(), next.close(), last.close()]);
  } finally {
    await run.close();
  }
});
