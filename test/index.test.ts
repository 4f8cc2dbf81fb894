import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import * as api from '../src/index.js';

test('the package exports its public API, each stage and nothing else', () => {
  const kinds = Object.fromEntries(Object.entries(api).map(([name, value]) => [name, typeof value]));
  const fn = 'function';
  assert.deepEqual(kinds, {
    // The whole run, and the stages a caller can drive one by one.
    build: fn, check: fn, dev: fn, resolveConfig: fn, defaults: 'object', findGuides: fn, loadGuide: fn,
    parseGuide: fn, toHast: fn, toHtml: fn,
    buildHandout: fn, renderHandoutHtml: fn,
    buildDeck: fn, extractDeck: fn, toMarp: fn, renderMarp: fn, presenterHtml: fn,
    buildBook: fn, parseManifest: fn, paginate: fn,
    buildEpub: fn, buildBookEpub: fn,
    printHtml: fn, setPdfMetadata: fn,
    // The browser, and the errors a caller tells apart by exit code.
    BrowserSession: fn, findBrowser: fn, launchBrowser: fn, withPage: fn,
    GuidepressError: fn, UsageError: fn, EnvironmentError: fn, ExitCode: 'object', hasErrors: fn,
    version: 'string',
  });
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  assert.equal(api.version, pkg.version);
  assert.equal(pkg.name, 'guidepress');
  assert.equal(pkg.type, 'module');
  assert.equal(pkg.bin.guidepress, 'bin/guidepress.js');
  assert.equal(pkg.engines.node, '>=20.19');
});
