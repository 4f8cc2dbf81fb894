import assert from 'node:assert/strict';
import { test } from 'node:test';
import { plain, render } from '../helpers/guide.js';

test('external links keep their href, get a note number, and their URLs are listed with the footnotes in reading order', async () => {
  const { html } = await render(`# T

I work at [Fastly](https://www.fastly.com/), after [GitHub](https://github.com/about).[^1]
Again [Fastly](https://www.fastly.com/), and https://staffeng.com bare, and [a section](#t).

[^1]: See the [chapter](https://staffeng.com/guides/staff-archetypes).
`);
  const out = plain(html);
  assert.match(out, /<a href="https:\/\/www.fastly.com\/">Fastly<\/a><sup class="note-ref link-note-ref"><a href="#note-1">1<\/a><\/sup>/);
  assert.match(out, /<a href="https:\/\/github.com\/about">GitHub<\/a><sup class="note-ref link-note-ref"><a href="#note-2">2<\/a><\/sup>/);
  assert.match(out, /data-footnote-ref[^>]*>3<\/a>/, 'the footnote continues the sequence');
  assert.equal(out.match(/href="#note-1"/g)?.length, 2, 'the same URL keeps its number');
  assert.doesNotMatch(out, /staffeng.com<\/a><sup/, 'a bare URL needs no note');
  const notes = out.slice(out.indexOf('<section class="notes"'));
  const items = [...notes.matchAll(/<li id="([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual(items, ['note-1', 'note-2', 'fn-1']);
  assert.match(notes, /See the <a href="https:\/\/staffeng.com\/guides\/staff-archetypes">chapter<\/a> \(<a class="url" href="https:\/\/staffeng.com\/guides\/staff-archetypes">/);
});

test('a guide without external links or footnotes has no notes section', async () => {
  const { html } = await render('# T\n\nPlain [inside](#t) text.\n');
  assert.doesNotMatch(html, /class="notes"/);
});
