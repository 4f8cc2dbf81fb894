import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import * as api from '../src/index.js';

test('the package exports its public API', () => {
  for (const name of ['build', 'buildHandout', 'loadGuide', 'findGuides', 'parseGuide', 'toHtml', 'resolveConfig', 'BrowserSession', 'findBrowser', 'withPage', 'printHtml', 'GuidepressError', 'ExitCode', 'version']) {
    assert.ok(name in api, `missing export ${name}`);
  }
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  assert.equal(api.version, pkg.version);
  assert.equal(pkg.name, 'guidepress');
  assert.equal(pkg.type, 'module');
  assert.equal(pkg.bin.guidepress, 'bin/guidepress.js');
  assert.equal(pkg.engines.node, '>=20.19');
});
