import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from '../helpers/guide.js';

test('a leading # heading leaves the body and is kept for the title; the front matter’s title wins', async () => {
  const { meta, tree, file } = await parse('---\ntitle: From the front matter\n---\n\n<!-- a comment -->\n# From the heading\n\nText.\n\n# A later heading\n');
  assert.equal(file.data.leadingHeading, 'From the heading');
  assert.equal(meta.title, 'From the front matter');
  assert.deepEqual(tree.children.filter((n) => n.type === 'heading').length, 1, 'only the leading heading leaves');
});

test('a ## heading first, or text first, stays in the body', async () => {
  for (const markdown of ['---\ntitle: T\n---\n\n## Not a title\n\nText.\n', '---\ntitle: T\n---\n\nText.\n\n# Later\n']) {
    const { tree, file } = await parse(markdown);
    assert.equal(file.data.leadingHeading, undefined);
    assert.equal(tree.children.filter((n) => n.type === 'heading').length, 1);
  }
});
