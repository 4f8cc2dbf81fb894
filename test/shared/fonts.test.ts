import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'puppeteer';
import { launchBrowser, servedOrigin, withPage } from '../../src/browser.js';
import { fontFaceCss, readFontList, servedFonts, setDocument, uncoveredCharacters } from '../../src/shared/fonts.js';
import { tempDir } from '../helpers/tmp.js';

const list = JSON.parse(readFileSync(new URL('../../templates/print/fonts.json', import.meta.url), 'utf8'));

test('fonts are embedded as woff2 data URLs, only in the subsets the text uses', () => {
  const latin = fontFaceCss(list, 'Plain English text.');
  assert.match(latin, /font-family: 'Source Serif 4'/);
  assert.match(latin, /src: url\(data:font\/woff2;base64,[A-Za-z0-9+/]{100,}/);
  assert.doesNotMatch(latin, /url\(\.\//, 'no file references left');
  const greek = fontFaceCss(list, 'Plain text with λόγος.');
  assert.ok(greek.length > latin.length, 'Greek text pulls in the Greek subset');
  assert.equal((greek.match(/@font-face/g) ?? []).length > (latin.match(/@font-face/g) ?? []).length, true);
});

test('characters no bundled face covers are named, once each', () => {
  assert.deepEqual(uncoveredCharacters(list, 'Café, λόγος, Привет — “quotes”, 東京 🎉 شكرا שלום, ሰላም and ᓄᓇ ሰ'), ['ሰ', 'ላ', 'ም', 'ᓄ', 'ᓇ']);
  assert.deepEqual(uncoveredCharacters(list, 'Plain text\u00ad with a soft hyphen.'), []);
});

test('a template folder\'s font list is the user\'s own when they have one', () => {
  assert.deepEqual(readFontList('print'), list);
  const dir = tempDir('fonts');
  mkdirSync(join(dir, 'deck'));
  writeFileSync(join(dir, 'deck/fonts.json'), '{"fonts":[{"package":"@fontsource/jetbrains-mono","styles":["400"]}]}');
  assert.deepEqual(readFontList('deck', dir), { fonts: [{ package: '@fontsource/jetbrains-mono', styles: ['400'] }] });
});

/** The families a CSS string embeds, each with how many faces (subset × style). */
function families(css: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [, family] of css.matchAll(/font-family: '([^']+)'/g)) out[family!] = (out[family!] ?? 0) + 1;
  return out;
}

test('shared Han characters come from the face of the document\'s language, and only the subsets they are in', () => {
  const han = '学習と責任は命令では生まれない';
  const ja = families(fontFaceCss(list, `聴くこと、${han}。`, ['ja']));
  assert.ok(ja['Noto Sans JP']! > 0 && ja['Noto Sans JP']! < 40, JSON.stringify(ja));
  assert.equal(ja['Noto Sans SC'], undefined);
  assert.equal(ja['Noto Sans KR'], undefined);
  const zh = families(fontFaceCss(list, '学习和责任不是靠命令产生的', ['zh-Hans']));
  assert.ok(zh['Noto Sans SC']! > 0);
  assert.equal(zh['Noto Sans JP'], undefined);
  assert.ok(families(fontFaceCss(list, han, ['ko']))['Noto Sans KR']! > 0);
  // A Chinese quotation in an English guide: a fallback, the first CJK face listed.
  const en = families(fontFaceCss(list, `The saying ${han} goes`, ['en']));
  assert.ok(en['Noto Sans JP']! > 0 && en['Source Serif 4']! > 0);
  assert.equal(en['Noto Sans SC'], undefined);
  // A book of Japanese and Chinese guides needs both.
  const book = families(fontFaceCss(list, han, ['en', 'ja', 'zh']));
  assert.ok(book['Noto Sans JP']! > 0 && book['Noto Sans SC']! > 0);
});

test('a script face is embedded for its own script only, and Latin text pulls in no CJK, Arabic or emoji subset', () => {
  const latin = families(fontFaceCss(list, 'Plain English text, “quoted” — with 12 digits.', ['en']));
  assert.deepEqual(Object.keys(latin).sort(), ['JetBrains Mono', 'Source Sans 3', 'Source Serif 4']);
  const arabic = families(fontFaceCss(list, 'القيادة بالإصغاء', ['ar']));
  assert.ok(arabic['Noto Naskh Arabic']! > 0);
  assert.equal(arabic['Noto Sans Hebrew'], undefined);
  // Arabic in an English guide: the Arabic subset alone, not Noto Naskh's Latin ones.
  const quoted = fontFaceCss(list, 'The word شكرا means thanks', ['en']);
  assert.equal(families(quoted)['Noto Naskh Arabic'], 2, 'the Arabic subset, regular and bold');
});

test('an emoji embeds the one emoji subset Chromium asks first, not every subset that lists it', () => {
  const css = fontFaceCss(list, 'We won ❤️ 🎉', ['en']);
  assert.equal(families(css)['Noto Color Emoji'], 1);
  // Digits, # and * are in an emoji subset too, for keycaps: plain text never pulls it in.
  assert.equal(families(fontFaceCss(list, 'Issue #12 * 3', ['en']))['Noto Color Emoji'], undefined);
  // An emoji that a script face also draws in black (Noto Naskh Arabic has 💻) goes to the emoji face.
  assert.equal(families(fontFaceCss(list, 'Code 💻', ['en']))['Noto Naskh Arabic'], undefined);
});

const policy = (fontSrc: string, defaultSrc = "'none'") => `<meta http-equiv="Content-Security-Policy" content="default-src ${defaultSrc}; ${fontSrc}style-src 'unsafe-inline'">`;
const page = (head: string, text: string) => `<!doctype html><html><head><meta charset="utf-8">${head}<style>${fontFaceCss(list, text)} body { font-family: 'Source Serif 4' }</style></head><body><p>${text}</p></body></html>`;

test('a document is loaded with its fonts served once to the page, and written with them inline', () => {
  const html = page(policy('font-src data:; '), 'Plain English text.');
  const served = servedFonts(html);
  assert.doesNotMatch(served.html, /data:font\/woff2/, 'every inlined face is served by URL');
  assert.match(served.html, new RegExp(`url\\(${servedOrigin}/fonts/\\d+/source-serif-4-latin-400-normal\\.woff2\\)`));
  assert.match(served.html, new RegExp(`font-src data: ${servedOrigin}; style-src`), 'the policy lets the served fonts in');
  assert.ok(served.families.has('Source Serif 4'));
  assert.match(html, /data:font\/woff2/, 'what is written keeps them inline');
  assert.equal(servedFonts('<p>No fonts</p>').html, '<p>No fonts</p>');
});

test('fonts are served only from the style sheets, and only where every policy lets inline fonts in by a font-src', () => {
  const face = /url\((data:font\/woff2;base64,[A-Za-z0-9+/=]+)\)/.exec(fontFaceCss(list, 'Text.'))![1]!;
  // A guide about CSS whose code block holds the very same data URL: the text prints as written.
  const inText = servedFonts(page('', `<pre><code>src: url(${face});</code></pre>`));
  assert.ok(inText.html.includes(`<code>src: url(${face});</code>`), 'the code block is left alone');
  assert.ok(inText.families.size > 0, 'the style sheet is served');
  for (const kept of [policy("font-src 'self'; "), policy('', 'data:'), policy("font-src 'none'; ")]) {
    const doc = page(kept, 'Text.');
    assert.equal(servedFonts(doc).html, doc, `${kept}: as written`);
    assert.equal(servedFonts(doc).families.size, 0);
  }
  // Attributes in another order and quotes: read all the same.
  const reordered = page(`<meta content='default-src &#39;none&#39;; font-src data:; style-src &#39;unsafe-inline&#39;' http-equiv=Content-Security-Policy>`, 'Text.');
  assert.match(servedFonts(reordered).html, new RegExp(`content="default-src &#39;none&#39;; font-src data: ${servedOrigin}; style-src`));
});

test('Chromium fetches a served font once for many documents, and a page that cannot serve it gets the fonts inline', async () => {
  const browser = await launchBrowser();
  const faces = (tab: Page) => tab.evaluate(() => [...document.fonts].map((face) => `${face.family} ${face.status}`));
  const inline = (tab: Page) => tab.evaluate(() => document.documentElement.outerHTML.includes('data:font/woff2'));
  try {
    await withPage(browser, async (tab) => {
      const fetched: string[] = [];
      tab.on('request', (request) => {
        if (request.url().startsWith(servedOrigin)) fetched.push(request.url());
      });
      await setDocument(tab, page(policy('font-src data:; '), 'The first document.'));
      const first = fetched.length;
      assert.ok(first > 0, 'the fonts came from the served URL');
      assert.ok((await faces(tab)).every((face) => face.endsWith('loaded')));
      assert.equal(await inline(tab), false);
      await setDocument(tab, page(policy('font-src data:; '), 'The second document, in the same faces.'));
      assert.equal(fetched.length, first, 'the second document took them from the memory cache');
      // A face of the template's own that cannot load does not set the document again.
      const own = page(policy('font-src data:; '), 'With a brand face.').replace('</style>', "@font-face { font-family: Brand; src: local('No Such Brand Sans'); } p { font-family: Brand, 'Source Serif 4' }</style>");
      await setDocument(tab, own);
      assert.equal(await inline(tab), false, 'still served');
    });
    // A page without guidepress's request handler: the served URL leads nowhere.
    const bare = await browser.newPage();
    await bare.setJavaScriptEnabled(false);
    await setDocument(bare, page(policy('font-src data:; '), 'A page of another kind.'));
    assert.ok((await faces(bare)).every((face) => face.endsWith('loaded')), `${(await faces(bare)).join(', ')}`);
    assert.equal(await inline(bare), true, 'set again with the fonts inline');
  } finally {
    await browser.close();
  }
});
