import assert from 'node:assert/strict';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { findBrowser, launchBrowser, withPage } from '../src/browser.js';
import { EnvironmentError, ExitCode } from '../src/errors.js';
import { tempDir } from './helpers/tmp.js';

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

test('without any setting, a system browser is found', () => {
  const found = findBrowser(undefined, { PATH: process.env.PATH });
  assert.match(found, /chrom/i);
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
