import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadHyphenator } from '../../src/markdown/hyphenate.js';
import { render } from '../helpers/guide.js';

const SHY = '\u00ad';

test('prose gets soft hyphens by language; code, URLs and headings keep their letters whole', async () => {
  const { html } = await render('# T\n\nOrganizations accelerate. `accelerating` and https://example.com/organizations\n\n```\nunderstanding\n```\n');
  assert.ok(html.includes(`Or${SHY}ga${SHY}ni${SHY}za${SHY}tions`), html);
  assert.ok(html.includes('<code>accelerating</code>'));
  assert.ok(html.includes('https://example.com/organizations'));
  // A fenced block is highlighted: each line is a span, and its text stays whole.
  assert.match(html, /<pre[^>]*><code><span class="line"><span[^>]*>understanding<\/span>/);
});

test('patterns load by language tag, falling back to the primary language', async () => {
  const de = await loadHyphenator('de');
  assert.equal(de?.('Silbentrennung'), `Sil${SHY}ben${SHY}tren${SHY}nung`);
  assert.ok(await loadHyphenator('en-GB'));
  assert.ok(await loadHyphenator('fr-CA'), 'fr-CA falls back to fr');
  assert.equal(await loadHyphenator('xx'), null);
});

test('a language without patterns is a warning, and the text is left as it is', async () => {
  const { html, file } = await render('---\ntitle: T\nlang: xx\n---\n\nOrganizations.\n');
  assert.ok(html.includes('Organizations.'));
  assert.ok(file.messages.some((m) => m.ruleId === 'no-hyphenation' && !m.fatal));
});

test('a language that is not hyphenated (Japanese, Chinese, Korean, Thai, Arabic...) needs no warning', async () => {
  for (const lang of ['ja', 'zh-Hant', 'ko', 'th', 'ar']) {
    const { html, file } = await render(`---\ntitle: T\nlang: ${lang}\n---\n\n本当に聴くために。\n`);
    assert.ok(html.includes('本当に聴くために。'));
    assert.deepEqual(file.messages.filter((m) => m.ruleId === 'no-hyphenation'), [], lang);
  }
});
