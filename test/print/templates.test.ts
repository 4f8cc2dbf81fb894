import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { cssString, displayDate, displayUrl, readTemplate } from '../../src/print/templates.js';
import { tempDir } from '../helpers/tmp.js';

test('a user template replaces the bundled one file by file', () => {
  const dir = tempDir('tpl');
  mkdirSync(join(dir, 'print'));
  writeFileSync(join(dir, 'print/handout.css'), 'body { color: red }');
  assert.equal(readTemplate('print/handout.css', dir), 'body { color: red }');
  assert.match(readTemplate('print/handout.html', dir), /<article class="guide">/);
});

test('strings for CSS content, URLs and dates as a reader writes them', () => {
  assert.equal(cssString('A "quoted" \\ title</style>'), 'A \\"quoted\\" \\\\ title\\3C /style>');
  assert.equal(displayUrl('https://www.staffeng.com/guides/x/'), 'staffeng.com/guides/x');
  assert.equal(displayDate('2020-03-14', 'en'), 'March 14, 2020');
  assert.equal(displayDate('2020-03-14', 'de'), '14. März 2020');
});
