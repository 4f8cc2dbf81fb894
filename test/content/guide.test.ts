import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Paragraph, Text } from 'mdast';
import { type ParseCache, loadGuide } from '../../src/content/guide.js';
import { tempDir } from '../helpers/tmp.js';

test('with a parse cache, an unchanged guide is not parsed again: the same tree, data and messages on a new file', async () => {
  const dir = tempDir('parse-cache');
  const path = join(dir, 'guide.md');
  // Two warnings the parse reports: a heading that skips a level, an image without alt text.
  writeFileSync(path, '---\ntitle: Cached\n---\n\nFirst words of the guide.\n\n### Skip\n\n![](a.png)\n');
  const cache: ParseCache = new Map();
  const first = await loadGuide({ path, slug: 'cached' }, dir, cache);
  const second = await loadGuide({ path, slug: 'cached' }, dir, cache);
  assert.deepEqual(second.tree, first.tree);
  assert.notEqual(second.tree, first.tree, 'a copy: an output may change its tree');
  assert.notEqual(second.file, first.file);
  assert.deepEqual(second.meta, first.meta);
  assert.equal(second.meta.title, 'Cached');
  assert.equal(first.file.messages.length, 2, first.file.messages.map(String).join('\n'));
  assert.deepEqual(second.file.messages.map(String), first.file.messages.map(String), 'the parse\'s messages, again');
  // It came from the cache: what the cache holds is what is given.
  const text = (cache.get(path)!.tree.children.find((n) => n.type === 'paragraph') as Paragraph).children[0] as Text;
  text.value = 'From the cache.';
  const third = await loadGuide({ path, slug: 'cached' }, dir, cache);
  assert.match(JSON.stringify(third.tree), /From the cache\./);
  // A changed text is parsed anew.
  writeFileSync(path, '---\ntitle: Changed\n---\n\nOther words.\n');
  const fourth = await loadGuide({ path, slug: 'cached' }, dir, cache);
  assert.equal(fourth.meta.title, 'Changed');
  assert.match(JSON.stringify(fourth.tree), /Other words/);
});
