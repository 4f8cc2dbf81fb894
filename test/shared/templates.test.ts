import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { cssString, readTemplate } from '../../src/shared/templates.js';
import { tempDir } from '../helpers/tmp.js';

test('a user template replaces the bundled one file by file', () => {
  const dir = tempDir('tpl');
  mkdirSync(join(dir, 'print'));
  writeFileSync(join(dir, 'print/handout.css'), 'body { color: red }');
  assert.equal(readTemplate('print/handout.css', dir), 'body { color: red }');
  assert.match(readTemplate('print/handout.html', dir), /<article class="guide">/);
});

test('strings for CSS content', () => {
  assert.equal(cssString('A "quoted" \\ title</style>'), 'A \\"quoted\\" \\\\ title\\3C /style>');
});
