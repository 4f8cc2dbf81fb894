import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VFile } from 'vfile';
import { parseManifest } from '../../src/book/manifest.js';
import { renderSections } from '../../src/book/sections.js';
import { asGuide, fixtures, parse } from '../helpers/guide.js';

const contentDir = `${fixtures}hugo-site/content`;

async function guide(slug: string, markdown: string) {
  return asGuide(slug, await parse(markdown, contentDir, `guides/${slug}.md`));
}

const intro = (title: string) => `---
title: ${title}
---

<div id="intro">The start of ${title}.</div>

A link [back to the start](#intro) and a note.[^n]

<a href="#intro">Raw link</a>

[^n]: The note of ${title}.
`;

test('two guides with the same raw id="intro" do not collide in one book: every id and #link is prefixed by its section', async () => {
  const guides = [await guide('first', intro('First')), await guide('second', intro('Second'))];
  const book = parseManifest(new VFile({ path: `${contentDir}/book.yaml`, value: 'title: B\nchapters:\n  - title: C\n    sections: [first, second]\n' }), guides)!;
  const sections = (await renderSections(book, guides, { contentDir }))!;
  const html = [...sections.values()].join('\n');
  const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
  assert.equal(new Set(ids).size, ids.length, `duplicate ids: ${ids.join(' ')}`);
  for (const slug of ['first', 'second']) {
    const own = sections.get(slug)!;
    assert.match(own, new RegExp(`<div id="${slug}--intro">`));
    assert.equal([...own.matchAll(new RegExp(`href="#${slug}--intro"`, 'g'))].length, 2);
    assert.match(own, new RegExp(`href="#${slug}--fn-n"`));
    assert.match(own, new RegExp(`id="${slug}--fn-n"`));
  }
  // Made once per guide: its messages are not repeated when another output asks for the body again.
  for (const g of guides) assert.deepEqual(g.file.messages.map((m) => m.ruleId), []);
});
