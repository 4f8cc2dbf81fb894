import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { slideHighlighter } from '../../src/deck/code.js';
import { presenterHtml, renderMarp } from '../../src/deck/render.js';
import type { Deck } from '../../src/deck/slides.js';

const markdown = [
  '---', 'marp: true', 'theme: guidepress', '---', '',
  '## The helper', '',
  '```ts {2}',
  'const same = a === b;',
  'const arrow = (x: number) => x != 3; // -->',
  '```', '',
  '---', '',
  '## The cost', '',
  'Inline $E=mc^2$, and', '',
  '$$ \\int_0^1 x^2\\,dx \\tag{1} $$', '',
].join('\n');

const deck: Deck = { title: 'T', lang: 'en', theme: 'guidepress', footer: 'T', keywords: [], slides: [] };

test('code on a slide is highlighted by the handout\'s Shiki in the deck theme, its text unchanged', async () => {
  const highlight = (await slideHighlighter(markdown, 'github-dark'))!;
  const { html } = renderMarp(markdown, 'guidepress', undefined, { highlight });
  const pre = /<pre class="shiki github-dark"[^>]*>[\s\S]*?<\/pre>/.exec(html)?.[0] ?? '';
  assert.ok(pre, html);
  assert.match(pre, /background-color:#24292e/i);
  const colours = new Set([...pre.matchAll(/color:(#[0-9a-f]{6})/gi)].map((m) => m[1]!.toLowerCase()));
  assert.ok(colours.size >= 3, [...colours].join(' '));
  assert.deepEqual([...pre.matchAll(/<span class="(line[^"]*)">/g)].map((m) => m[1]), ['line', 'line highlighted']);
  const text = pre.replace(/<\/span><span class="line[^"]*">/g, '\n').replace(/<[^>]+>/g, '').replace(/&#x3C;/g, '<').replace(/&gt;/g, '>');
  assert.equal(text, 'const same = a === b;\nconst arrow = (x: number) => x != 3; // -->');
  assert.doesNotMatch(pre, /tabindex/);
});

test('math on a slide is KaTeX\'s HTML, and the presenter embeds the KaTeX faces it uses, nothing to fetch', async () => {
  const rendered = renderMarp(markdown, 'guidepress', undefined, { highlight: await slideHighlighter(markdown, 'github-dark') });
  assert.match(rendered.html, /<span class="katex">/);
  assert.match(rendered.html, /class="katex-display"/);
  assert.doesNotMatch(rendered.html, /<math|katex-mathml/);
  const html = presenterHtml(deck, rendered, { id: 'x' });
  for (const family of ['KaTeX_Main', 'KaTeX_Math', 'KaTeX_Size2']) {
    assert.match(html, new RegExp(`@font-face\\{[^}]*font-family:${family};[^}]*src:url\\(data:font/woff2;base64,`), family);
  }
  assert.match(html, /font-family: 'JetBrains Mono'/);
  const fetched = [...html.matchAll(/url\((?!['"]?data:)[^)]*\.(woff2?|ttf)/g)].map((m) => m[0].slice(0, 120));
  assert.deepEqual(fetched, [], 'no font URL a page would request');
});

test('the deck theme sets code without ligatures', () => {
  const css = readFileSync(new URL('../../templates/deck/guidepress.css', import.meta.url), 'utf8');
  assert.match(css, /code, pre \{[^}]*font-variant-ligatures: none; font-feature-settings: "liga" 0, "calt" 0;/);
});
