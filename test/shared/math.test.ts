import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mathCss, mathFontFaces, withoutMath } from '../../src/shared/math.js';
import { plain, render } from '../helpers/guide.js';

const faces = (css: string) => [...css.matchAll(/@font-face\{[^}]*font-family:(KaTeX_\w+);font-style:(\w+);font-weight:(\d+)/g)].map((m) => `${m[1]} ${m[2]} ${m[3]}`).sort();

test('a document without math gets no KaTeX stylesheet', () => {
  assert.equal(mathCss('<p>No formula, not even class="katexish"</p>'), '');
  assert.equal(mathFontFaces('<p>x</p>'), '');
});

test('only the faces the formulas use are embedded, as woff2 data URLs', async () => {
  const simple = (await render('# T\n\n$E=mc^2$\n')).html;
  assert.deepEqual(faces(mathCss(simple)), ['KaTeX_Main normal 400', 'KaTeX_Math italic 400']);
  const richer = (await render('# T\n\n$$\n\\mathbb{E}[X] = \\sum_{n=1}^{k} \\frac{1}{2}\\left(\\frac{a}{b}\\right)\n$$\n')).html;
  const used = faces(mathCss(richer));
  assert.ok(used.includes('KaTeX_AMS normal 400'), used.join(', '));
  assert.ok(used.includes('KaTeX_Size1 normal 400') || used.includes('KaTeX_Size2 normal 400'), used.join(', '));
  assert.ok(!used.some((f) => /Fraktur|Script|Caligraphic|SansSerif|Typewriter/.test(f)), used.join(', '));
  const css = mathCss(richer);
  assert.doesNotMatch(css, /url\((?!data:)/, 'no font is fetched');
  assert.match(css, /src:url\(data:font\/woff2;base64,/);
  assert.match(css, /\.katex-display>\.katex>\.katex-html>\.katex-tag/, "KaTeX's own rules come along");
  assert.deepEqual(faces(mathFontFaces(richer)), used);
  assert.doesNotMatch(mathFontFaces(richer), /\.katex\{/);
});

test('the glyph check sees the text without its formulas', async () => {
  const { html } = await render('# T\n\nBefore $\\int_0^1 x\\,dx$ after.\n');
  const text = plain(withoutMath(html));
  assert.doesNotMatch(text, /katex|∫/);
  assert.match(text, /<p>Before {2}after\.<\/p>/);
});
