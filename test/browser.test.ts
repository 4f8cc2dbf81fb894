import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { test } from 'node:test';
import { findBrowser, isHeadlessShell, launchBrowser, withPage } from '../src/browser.js';
import { EnvironmentError, ExitCode } from '../src/errors.js';
import { setPdfMetadata } from '../src/shared/pdf.js';
import { tempDir } from './helpers/tmp.js';
import { trapServer } from './helpers/server.js';

test('PUPPETEER_EXECUTABLE_PATH comes first, then the configured path', () => {
  const dir = tempDir('browser');
  const fake = join(dir, 'chrome');
  writeFileSync(fake, '#!/bin/sh\n');
  chmodSync(fake, 0o755);
  assert.equal(findBrowser(undefined, { PUPPETEER_EXECUTABLE_PATH: fake }), fake);
  assert.equal(findBrowser(fake, {}), fake);
  assert.equal(findBrowser('/elsewhere/chrome', { PUPPETEER_EXECUTABLE_PATH: fake }), fake);
});

test('a named browser that does not exist is an environment error that says how to fix it', () => {
  assert.throws(() => findBrowser('/nonexistent/chrome', {}), (error: unknown) => {
    assert.ok(error instanceof EnvironmentError);
    assert.equal(error.exitCode, ExitCode.environment);
    assert.match(error.message, /apt-get install chromium/);
    assert.match(error.message, /PUPPETEER_EXECUTABLE_PATH/);
    return true;
  });
});

test('with no browser named: Puppeteer\'s own, then the system installs in order, then PATH folder by folder', () => {
  const dir = tempDir('browser-order');
  const file = (path: string) => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, '#!/bin/sh\n');
    chmodSync(path, 0o755);
    return path;
  };
  const downloaded = file(join(dir, 'puppeteer/chrome'));
  const [first, second] = [file(join(dir, 'system1/chromium')), file(join(dir, 'system2/chrome'))];
  const search = { downloaded: () => downloaded, system: [join(dir, 'missing/chromium'), first, second], names: ['chromium', 'google-chrome'] };
  const [early, late] = [join(dir, 'bin1'), join(dir, 'bin2')];
  const env = { PATH: ['', join(dir, 'empty'), early, late].join(delimiter) };
  file(join(late, 'chromium'));
  file(join(early, 'google-chrome'));
  // An empty PATH entry is not the working folder: a `chromium` there must not be picked.
  file(join(dir, 'cwd/chromium'));
  const cwd = process.cwd();
  process.chdir(join(dir, 'cwd'));
  try {
    assert.equal(findBrowser(first, env, search), first, 'a configured browser comes before Puppeteer\'s own');
    assert.equal(findBrowser(undefined, env, search), downloaded);
    rmSync(downloaded);
    assert.equal(findBrowser(undefined, env, search), first, 'system installs in their order, a missing one skipped');
    rmSync(first);
    assert.equal(findBrowser(undefined, env, search), second);
    rmSync(second);
    assert.equal(findBrowser(undefined, env, search), join(early, 'google-chrome'), 'an earlier PATH folder wins over a preferred name later');
    file(join(early, 'chromium'));
    assert.equal(findBrowser(undefined, env, search), join(early, 'chromium'), 'within a folder, names in their order');
    rmSync(early, { recursive: true });
    assert.equal(findBrowser(undefined, env, search), join(late, 'chromium'));
    rmSync(late, { recursive: true });
    assert.throws(() => findBrowser(undefined, env, search), EnvironmentError);
  } finally {
    process.chdir(cwd);
  }
});

test('a headless shell is known by its name, and found before the full browser', () => {
  assert.ok(isHeadlessShell('/usr/lib/chromium/chromium-headless-shell'));
  assert.ok(isHeadlessShell('/root/.cache/puppeteer/chrome-headless-shell/linux-1/chrome-headless-shell-linux64/chrome-headless-shell'));
  assert.ok(!isHeadlessShell('/usr/bin/chromium'));
  assert.ok(!isHeadlessShell('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'));
  // The setup installs Debian's headless shell beside chromium: it is the one a build starts.
  assert.equal(findBrowser(undefined, { PATH: process.env.PATH }), '/usr/lib/chromium/chromium-headless-shell');
});

test('a headless shell and the full browser start, each in its own mode, and print the same PDF', async () => {
  const html = '<!doctype html><html lang="en"><title>t</title><style>@page { size: A5; }</style><h1>Same</h1><p>bytes from either</p>';
  const pdfs: Uint8Array[] = [];
  for (const executablePath of ['/usr/lib/chromium/chromium-headless-shell', '/usr/bin/chromium']) {
    const browser = await launchBrowser({ executablePath });
    try {
      const agent = await browser.userAgent();
      assert.match(agent, /HeadlessChrome/);
      pdfs.push(await withPage(browser, async (page) => {
        await page.setContent(html);
        return page.pdf({ preferCSSPageSize: true, tagged: true, outline: true });
      }));
      assert.equal(browser.process()?.spawnargs.includes(isHeadlessShell(executablePath) ? '--headless' : '--headless=new'), true);
    } finally {
      await browser.close();
    }
  }
  // Chromium writes in the time of the print and the browser's user agent as the creator; the
  // build writes its own metadata over them, and then the two are the same, byte for byte.
  const [a, b] = await Promise.all(pdfs.map((pdf) => setPdfMetadata(pdf, { title: 't', lang: 'en', date: new Date(0) })));
  assert.ok(Buffer.from(a!).equals(Buffer.from(b!)), 'the same bytes from the headless shell and the full browser');
});

test('withPage closes its page even when the work fails', async () => {
  const browser = await launchBrowser();
  try {
    await assert.rejects(withPage(browser, async () => { throw new Error('boom'); }), /boom/);
    const title = await withPage(browser, async (page) => {
      await page.setContent('<title>ok</title>');
      return page.title();
    });
    assert.equal(title, 'ok');
    assert.equal((await browser.pages()).length, 1, 'only the initial blank page is left open');
  } finally {
    await browser.close();
  }
});

test('a page with scripts on (mermaid\'s) still refuses every request a script makes', async () => {
  const trap = await trapServer();
  const url = trap.origin;
  const browser = await launchBrowser();
  try {
    const blocked: string[] = [];
    const ran = await withPage(browser, async (page) => {
      await page.setContent('<p>x</p>');
      return page.evaluate(async (url) => {
        const img = new Image();
        const loaded = new Promise((resolve) => { img.onload = img.onerror = resolve; });
        img.src = `${url}/image.png`;
        await loaded;
        const fetched = await fetch(`${url}/fetch`).then(() => 'reached', () => 'refused');
        return { fetched, scripts: true };
      }, url);
    }, { script: true, onBlocked: (u) => blocked.push(u) });
    assert.deepEqual(ran, { fetched: 'refused', scripts: true });
    assert.deepEqual(trap.hits, []);
    assert.deepEqual(blocked.sort(), [`${url}/fetch`, `${url}/image.png`]);
    // And by default a page runs no script of its own.
    const off = await withPage(browser, async (page) => {
      await page.setContent('<p id="p">static</p><script>document.getElementById("p").textContent = "ran"</script>');
      return page.$eval('#p', (p) => p.textContent);
    });
    assert.equal(off, 'static');
  } finally {
    await browser.close();
    await trap.close();
  }
});
