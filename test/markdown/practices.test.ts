import assert from 'node:assert/strict';
import { test } from 'node:test';
import { plain, render } from '../helpers/guide.js';

test('an ordered list introduced as practices is marked, each item led by its first sentence', async () => {
  const { html, file } = await render(`# T

There are many ways to put this approach into practice.

1. Be clear with yourself what your true priorities are. If it won't matter in six months, follow.
2. Give your support quickly to other leaders. Even if you disagree, they'll get there.
3. **Make your feedback explicitly non-blocking.** Call it an optional nit.
`);
  assert.equal(file.data.practices?.length, 1);
  const out = plain(html);
  assert.match(out, /<ol class="practices">/);
  assert.match(out, /<span class="practice-lead">Be clear with yourself what your true priorities are\.<\/span> If it/);
  assert.match(out, /<strong class="practice-lead">Make your feedback explicitly non-blocking\.<\/strong>/);
});

test('a bullet list of short items is not a set of practices', async () => {
  const { html, file } = await render('# T\n\nWe bought:\n\n- milk\n- eggs\n');
  assert.equal(file.data.practices?.length, 0);
  assert.doesNotMatch(html, /practices/);
});
