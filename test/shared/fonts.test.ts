import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fontFaceCss, readFontList, uncoveredCharacters } from '../../src/shared/fonts.js';
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
  assert.deepEqual(uncoveredCharacters(list, 'Café, λόγος, Привет — “quotes” and 東京 🎉 東'), ['東', '京', '🎉']);
  assert.deepEqual(uncoveredCharacters(list, 'Plain text\u00ad with a soft hyphen.'), []);
});

test('a template folder\'s font list is the user\'s own when they have one', () => {
  assert.deepEqual(readFontList('print'), list);
  const dir = tempDir('fonts');
  mkdirSync(join(dir, 'deck'));
  writeFileSync(join(dir, 'deck/fonts.json'), '{"fonts":[{"package":"@fontsource/jetbrains-mono","styles":["400"]}]}');
  assert.deepEqual(readFontList('deck', dir), { fonts: [{ package: '@fontsource/jetbrains-mono', styles: ['400'] }] });
});
