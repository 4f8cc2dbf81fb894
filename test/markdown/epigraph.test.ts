import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse, plain, render } from '../helpers/guide.js';

const quote = 'What you can accomplish alone is far from what you can accomplish by creating leaders.';

for (const [name, attribution] of [
  ['an em dash', '— Ras Kasa Williams'],
  ['a hyphen', '- Ras Kasa Williams'],
  ['an escaped hyphen and a link', '\\- [Ras Kasa Williams](https://example.com/ras)'],
  ['a double hyphen', '-- Ras Kasa Williams'],
]) {
  test(`an opening blockquote whose last line is an attribution with ${name} is an epigraph`, async () => {
    const { html, file } = await render(`---\ntitle: T\n---\n\n> ${quote}\n>\n> ${attribution}\n\nBody.\n`);
    assert.equal(file.data.epigraph?.attributionText, 'Ras Kasa Williams');
    assert.match(plain(html), /<figure class="epigraph">\s*<blockquote>\s*<p>What you can/);
    assert.match(plain(html), /<figcaption>(<a href="https:\/\/example.com\/ras">)?Ras Kasa Williams/);
  });
}

test('the attribution may be the last line of the quote paragraph', async () => {
  const { file } = await parse(`# T\n\n> ${quote}\n> — Ras Kasa Williams\n\nBody.\n`);
  assert.equal(file.data.epigraph?.attributionText, 'Ras Kasa Williams');
  assert.equal(file.data.epigraph?.text, quote);
});

test('a blockquote later in the guide, or without attribution, stays a blockquote', async () => {
  const later = await parse(`# T\n\nBody.\n\n> ${quote}\n>\n> — Someone\n`);
  assert.equal(later.file.data.epigraph, undefined);
  const bare = await parse(`# T\n\n> ${quote}\n\nBody.\n`);
  assert.equal(bare.file.data.epigraph, undefined);
});

test('the epigraph kept for the deck has the same typography as the page', async () => {
  const { file } = await parse(`# T\n\n> It's "global" thinking -- applied locally...\n>\n> -- Ras Kasa Williams\n\nBody.\n`);
  assert.equal(file.data.epigraph?.text, 'It’s “global” thinking – applied locally…');
  assert.equal(file.data.epigraph?.attributionText, 'Ras Kasa Williams');
});
