import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Marp } from '@marp-team/marp-core';
import { defaults } from '../../src/config.js';
import { loadGuide } from '../../src/content/guide.js';
import { extractDeck } from '../../src/deck/extract.js';
import { escapeInline, guardNote, toMarp } from '../../src/deck/marp.js';
import { renderMarp } from '../../src/deck/render.js';
import type { Deck, Slide } from '../../src/deck/slides.js';
import { fixtures, repoRoot } from '../helpers/guide.js';

const theme = readFileSync(join(repoRoot, 'templates/deck/guidepress.css'), 'utf8');
const guides = [
  join(repoRoot, 'content/guides/to-lead-you-have-to-follow.md'),
  ...['sections', 'no-list', 'short', 'long-quote', 'long-practices', 'technical'].map((name) => join(fixtures, `deck-${name}`, 'guide.md')),
];

/** Marp as Marp CLI and Marp for VS Code run it: default options, the theme added to its set. */
function marpCli(): Marp {
  const marp = new Marp();
  marp.themeSet.add(theme);
  return marp;
}

/** The text of each rendered slide, tags removed and entities decoded. */
function sectionTexts(html: string): string[] {
  return [...html.matchAll(/<section\b[^>]*>([\s\S]*?)<\/section>/g)].map(([, inner]) =>
    inner!
      .replace(/<footer>[\s\S]*?<\/footer>/, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

const slideWords = (slide: Slide) => [
  slide.heading, ...(slide.quote?.flat() ?? []), ...(slide.body ?? []), ...(slide.items ?? []),
  ...(slide.code?.lines.map((l) => l.replace(/\s+/g, ' ').trim()) ?? []), ...(slide.table ? [...slide.table.header, ...slide.table.rows.flat()] : []),
].filter((t): t is string => Boolean(t));

for (const path of guides) {
  test(`deck.md of ${path.split('/').at(-2)} renders in Marp into exactly the extracted slides, notes included`, async () => {
    const guide = await loadGuide({ path, slug: 'guide' });
    const { deck } = extractDeck(guide, defaults.deck);
    const markdown = toMarp(deck);
    for (const marp of [marpCli(), undefined]) {
      const { html, comments } = marp ? marp.render(markdown) : renderMarp(markdown, 'guidepress');
      const sections = [...html.matchAll(/<section\b[^>]*\bclass="([^"]*)"/g)].map((m) => m[1]!.split(' '));
      assert.equal(sections.length, deck.slides.length);
      const texts = sectionTexts(html);
      deck.slides.forEach((slide, i) => {
        assert.ok(sections[i]!.includes(slide.kind), `slide ${i + 1} has the class ${slide.kind}: ${sections[i]}`);
        for (const words of slideWords(slide)) assert.ok(texts[i]!.includes(words), `slide ${i + 1} shows "${words}"\n${texts[i]}`);
        assert.equal(comments[i]!.join('\n\n').replace(/\u200b/g, ''), slide.notes.join('\n\n'), `notes of slide ${i + 1}`);
      });
    }
  });
}

test('the front matter holds Marp’s global directives; the theme declares the 16:9 size', async () => {
  const guide = await loadGuide({ path: guides[0]!, slug: 'guide' });
  const markdown = toMarp(extractDeck(guide, defaults.deck).deck);
  const front = markdown.split('\n---\n')[0]!;
  for (const line of ['marp: true', "theme: 'guidepress'", "size: '16:9'", 'paginate: true', "footer: 'To lead, you have to follow · Will Larson'", "lang: 'en'"]) {
    assert.ok(front.includes(line), line);
  }
  assert.match(theme, /@theme guidepress/);
  assert.match(theme, /@size 16:9 1280px 720px/);
  const { html } = marpCli().render(markdown);
  assert.match(html, /data-theme="guidepress"/);
  assert.match(html, /viewBox="0 0 1280 720"/);
  assert.match(html, /data-paginate="true"/);
});

test('text that looks like markdown or HTML shows as itself', () => {
  const text = '1. Use <b>bold</b> *stars* _under_ [link](x) `code` # hash | pipe $5 ~tilde~ \\back &amp; & more';
  const slide: Slide = { kind: 'quote', quote: [[text]], heading: '# not a heading', body: ['- not a list'], notes: [], shrink: 0 };
  const deck: Deck = { title: 'T', lang: 'en', theme: 'guidepress', footer: 'F *x*', keywords: [], slides: [slide] };
  const { html } = marpCli().render(toMarp(deck));
  const [shown] = sectionTexts(html);
  assert.ok(shown!.includes(text), shown);
  assert.ok(shown!.includes('# not a heading') && shown!.includes('- not a list'), shown);
  assert.doesNotMatch(html, /<b>|<em>|<a href="x"|<code>|<h1|<ul/);
  assert.match(html, /<footer>F \*x\*<\/footer>/, 'the front matter was read, its footer shown as typed');
  assert.match(html, /data-theme="guidepress"/);
  assert.equal(escapeInline('plain words'), 'plain words');
});

test('notes that look like directives or close the comment stay notes, and change nothing', () => {
  const notes = ['header: this is a note, not a header', 'class: lead\npaginate: false', 'An arrow --> here.'];
  const slide: Slide = { kind: 'quote', quote: [['Q.']], notes, shrink: 0 };
  const deck: Deck = { title: 'T', lang: 'en', theme: 'guidepress', footer: 'F', keywords: [], slides: [slide] };
  const { html, comments } = marpCli().render(toMarp(deck));
  assert.doesNotMatch(html, /<header>|class="lead"/);
  assert.match(html, /class="quote"/);
  const got = comments[0]!.join('\n\n').replace(/\u200b/g, '');
  assert.equal(got, notes.join('\n\n').replace('-->', '––>'));
  assert.equal(guardNote('plain'), 'plain');
});

test('a note with --!>, which also ends an HTML comment, cannot close the notes and start markup', () => {
  const guarded = guardNote('a --!> <img src=x onerror=alert(1)> b');
  assert.equal(guarded, 'a ––!> <img src=x onerror=alert(1)> b');
  assert.doesNotMatch(guarded, /--!?>/);
});

test('code, tables and diagrams are written as Marp shows them: a fence, a GFM table, a sized SVG image', () => {
  const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>Node</text></svg>').toString('base64');
  const slides: Slide[] = [
    { kind: 'code', heading: 'Code', code: { lang: 'ts', lines: ['const a = "```";', 'if (a === b) return;'] }, notes: [], shrink: 0 },
    { kind: 'table', table: { align: ['left', 'right'], header: ['Failure | kind', 'n'], rows: [['*503*', '1']] }, notes: [], shrink: 0 },
    { kind: 'diagram', heading: 'Flow', image: { src: `data:image/svg+xml;base64,${svg}`, alt: 'Diagram', width: 600, height: 300 }, notes: [], shrink: 0 },
  ];
  const deck: Deck = { title: 'T', lang: 'en', theme: 'guidepress', footer: 'F', keywords: [], slides };
  const markdown = toMarp(deck);
  assert.match(markdown, /````ts\nconst a = "```";\nif \(a === b\) return;\n````/);
  const { html } = renderMarp(markdown, 'guidepress');
  assert.match(html, /<pre><code class="language-ts">/);
  assert.match(html, /if \(a === b\) return;/);
  assert.match(html, /<th style="text-align:left">Failure \| kind<\/th>/);
  assert.match(html, /<td style="text-align:left">\*503\*<\/td>/);
  assert.match(html, new RegExp(`<img src="data:image/svg\\+xml;base64,${svg.replace(/[+/]/g, '\\$&')}" alt="Diagram" style="width:600px;height:300px;"`));
});

test('only guidepress\'s own SVG images pass: an SVG data URL the author writes stays text', () => {
  const svg = `data:image/svg+xml;base64,${Buffer.from('<svg/>').toString('base64')}`;
  const slide: Slide = { kind: 'quote', quote: [[`![x](${svg}) and [y](data:text/html,hi)`]], notes: [], shrink: 0 };
  const { html } = renderMarp(toMarp({ title: 'T', lang: 'en', theme: 'guidepress', footer: 'F', keywords: [], slides: [slide] }), 'guidepress');
  assert.doesNotMatch(html, /<img|<a /);
  // And the renderer accepts no SVG that is not base64 (markup in a URL).
  const { html: raw } = renderMarp('![x](data:image/svg+xml,<svg onload=alert(1)>)', 'guidepress');
  assert.doesNotMatch(raw, /<img/);
});
