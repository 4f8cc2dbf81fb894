import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { VFile } from 'vfile';
import { defaults } from '../../src/config.js';
import { extractDeck } from '../../src/deck/extract.js';
import { toMarp } from '../../src/deck/marp.js';
import { renderMarp } from '../../src/deck/render.js';
import { hasErrors } from '../../src/errors.js';
import { parseGuide, toHtml } from '../../src/markdown/pipeline.js';
import { fixtures, repoRoot } from '../helpers/guide.js';
import { unsafeHtml } from '../helpers/safe-html.js';

// Property: any guide made of the constructs the pipeline handles, mixed with raw HTML, deep
// nesting and odd bytes, gives positioned messages or HTML (handout body and Marp slides) that
// passes the static check, and never an exception. `npm run fuzz` runs many more (FUZZ_RUNS).
const runs = Number(process.env.FUZZ_RUNS ?? 200);
const contentDir = join(fixtures, 'hugo-site/content');

const word = fc.constantFrom('strategy', 'lead', 'follow', 'the', 'practice', 'but', 'rather than', 'Years ago,', 'This', 'engineers', 'don\'t', '"quoted"', '--', '...', 'naïve', 'Straße', '日本', '🙂', '\u00ad', '\u200b');
const odd = fc.string({ unit: 'binary', maxLength: 6 }).map((s) => s.replace(/\r/g, ''));
const text = fc.array(fc.oneof({ weight: 6, arbitrary: word }, { weight: 1, arbitrary: odd }), { minLength: 1, maxLength: 12 }).map((w) => w.join(' '));
const url = fc.constantFrom(
  'https://example.com/?share=100%', 'https://example.com/a%2', '%', '%E0%A4%A', '/guides/x', '/guides/x#part', 'other.md', 'other.md#x', '#frag%',
  'javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' java\tscript:alert(1)', 'vbscript:msgbox(1)', 'data:text/html,<script>alert(1)</script>',
  'mailto:a@b.c', '//evil.example/x', 'images/pic.png', '../../../etc/passwd', '/img/x.png', '{{< ref "x.md" >}}', '<>', 'a b', '',
);
const imageUrl = fc.constantFrom('images/missing.png', '%zz.png', '../outside.png', 'data:image/png;base64,AAAA', 'data:text/html,x', 'javascript:x', '',
  'http://127.0.0.1:9/a.png', 'https://example.com/x.png?w=1&h=2', '//cdn.example/x.png', 'file:///etc/passwd');
const rawInline = fc.constantFrom(
  '<img src="http://127.0.0.1:9/a.png" alt="remote">', '<picture><source srcset="https://x/a.webp 1x, //x/b.webp 2x"><img src="https://x/a.png"></picture>',
  '<video poster="https://x/p.png"></video>', '<span class="date">x</span>', '<b onclick="alert(1)">b</b>', '<a href="javascript:alert(1)">a</a>', '<img src=x onerror=alert(1)>', '<script>alert(1)</script>',
  '<svg><script>alert(1)</script></svg>', '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>', '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<a href="&#106;avascript:alert(1)">x</a>', '<form action="javascript:x"><input></form>', '<object data="x.swf"></object>', '<embed src="x">',
  '<base href="javascript:x//">', '<meta http-equiv="refresh" content="0;url=javascript:x">', '<style>@import "http://x/y.css"; body{background:url(http://x/b.png)}</style>',
  '<div style="background:url(javascript:x)">s</div>', '<noscript><p title="</noscript><img src=x onerror=alert(1)>">', '<!-- c -->', '</div>', '<div class="pull">',
  '<video poster="javascript:x"></video>', '<a href=" javascript:x">x</a>', '<x-y z=1>',
);
const inline: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: text },
  { weight: 2, arbitrary: text.map((t) => `*${t}*`) },
  { weight: 2, arbitrary: text.map((t) => `**${t}**`) },
  { weight: 1, arbitrary: text.map((t) => `~~${t}~~`) },
  { weight: 1, arbitrary: text.map((t) => `\`${t}\``) },
  { weight: 3, arbitrary: fc.tuple(text, url).map(([t, u]) => `[${t}](${u})`) },
  { weight: 1, arbitrary: fc.tuple(text, url).map(([t, u]) => `[${t}][r]\n\n[r]: ${u || '<>'}`) },
  { weight: 2, arbitrary: fc.tuple(text, imageUrl).map(([t, u]) => `![${t}](${u})`) },
  { weight: 1, arbitrary: fc.constant('[^1]') },
  { weight: 2, arbitrary: rawInline },
  { weight: 1, arbitrary: fc.constantFrom('{{< youtube abc >}}', '{{< figure src="images/x.png" caption="C" >}}', '{{% notice %}}x{{% /notice %}}', '{{< unknown a=b >}}', '{{< ref "x.md" >}}', '{{<', '{{% %}}') },
);
const line = fc.array(inline, { minLength: 1, maxLength: 6 }).map((parts) => parts.join(' '));
const deep = fc.tuple(fc.constantFrom('> ', '- ', '1. ', '* ', '<div>', '*a ', '['), fc.integer({ min: 1, max: 400 }), line).map(([m, n, l]) => `${m.repeat(n)}${l}`);

const block: fc.Arbitrary<string> = fc.letrec<{ block: string }>((tie) => ({
  block: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 6, arbitrary: line },
    { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 1, max: 6 }), line).map(([d, l]) => `${'#'.repeat(d)} ${l}`) },
    { weight: 2, arbitrary: fc.tuple(fc.boolean(), fc.array(line, { minLength: 1, maxLength: 5 })).map(([ordered, items]) => items.map((it, i) => `${ordered ? `${i + 1}.` : '-'} ${it}`).join('\n')) },
    { weight: 1, arbitrary: fc.array(line, { minLength: 2, maxLength: 4 }).map((items) => `Here are the practices that help:\n\n${items.map((it) => `- **${it.slice(0, 12)}** ${it}`).join('\n')}`) },
    { weight: 1, arbitrary: fc.tuple(line, text).map(([q, who]) => `> ${q}\n>\n> — ${who}`) },
    { weight: 2, arbitrary: tie('block').map((b) => b.split('\n').map((l) => `> ${l}`).join('\n')) },
    { weight: 1, arbitrary: tie('block').map((b) => `- ${b.split('\n').join('\n  ')}`) },
    { weight: 1, arbitrary: fc.array(text, { minLength: 2, maxLength: 3 }).map((cells) => `| ${cells.join(' | ')} |\n|${cells.map(() => '---').join('|')}|\n| ${cells.join(' | ')} |`) },
    { weight: 1, arbitrary: line.map((l) => `[^1]: ${l}`) },
    { weight: 1, arbitrary: text.map((t) => `\`\`\`js\n${t}\n\`\`\``) },
    { weight: 1, arbitrary: line.map((l) => `<!-- deck: quote -->\n${l}`) },
    { weight: 2, arbitrary: rawInline.map((h) => `${h}\n`) },
    { weight: 1, arbitrary: deep },
  ),
})).block;

const yamlValue = fc.oneof(text.map((t) => JSON.stringify(t)), fc.constantFrom('[a, b]', '{x: 1}', '2020-13-45', 'null', 'true', '|\n  multi', '"not a url"', 'https://staffeng.com/guides/x', ': bad', '*anchor'));
const frontMatter = fc.oneof(
  fc.constant(''),
  fc.dictionary(fc.constantFrom('title', 'source', 'author', 'site', 'date', 'lang', 'keywords', 'draft', 'description', 'url', 'deck', 'odd'), yamlValue, { maxKeys: 6 })
    .map((d) => `---\n${Object.entries(d).map(([k, v]) => `${k}: ${v}`).join('\n')}\n---\n\n`),
  fc.tuple(text, fc.constantFrom('https://x.com/a', 'nope', '')).map(([t, s]) => `+++\ntitle = ${JSON.stringify(t)}\nsource = "${s}"\n[deck]\nmaxQuotes = 2\n+++\n\n`),
  fc.constant('+++\ntitle = \n+++\n\n'),
);
// Through UTF-8 and back, as a file is read: a lone surrogate cannot come out of the loader.
const guide = fc.tuple(frontMatter, fc.array(block, { minLength: 0, maxLength: 12 })).map(([fm, blocks]) => Buffer.from(fm + blocks.join('\n\n') + '\n').toString());

// Marp appends its own helper script to every render: that one is ours to run, any other is not.
const marpScript = /<script>[\s\S]*<\/script>/.exec(renderMarp('---\nmarp: true\n---\n\nx\n', 'guidepress').html)?.[0] ?? '';

let slowest = { ms: 0, markdown: '' };

async function check(markdown: string): Promise<void> {
  const started = performance.now();
  try {
    await checkGuide(markdown);
  } finally {
    const ms = performance.now() - started;
    if (ms > slowest.ms) slowest = { ms, markdown };
  }
}

async function checkGuide(markdown: string): Promise<void> {
  const file = new VFile({ path: join(contentDir, 'guides/fuzz.md'), value: markdown, cwd: repoRoot });
  const tree = await parseGuide(file);
  for (const m of file.messages) assert.ok(m.line !== undefined && m.line >= 1, `message without a position: ${m.reason}`);
  if (hasErrors(file)) return;
  const html = await toHtml(tree, file, { contentDir });
  for (const m of file.messages) assert.ok(m.line !== undefined && m.line >= 1, `message without a position: ${m.reason}`);
  if (hasErrors(file)) return;
  assert.deepEqual(unsafeHtml(html), [], 'handout body');
  const meta = file.data.meta!;
  const { deck } = extractDeck({ slug: 'fuzz', path: file.path, file, tree, meta }, defaults.deck);
  const slides = renderMarp(toMarp(deck), 'guidepress');
  assert.ok(slides.html.includes(marpScript), 'Marp\'s own script is in the slides');
  assert.deepEqual(unsafeHtml(slides.html.replace(marpScript, '')), [], 'deck slides');
}

test(`fuzzing: ${runs} generated guides give safe HTML or positioned messages, never an exception`, async () => {
  await fc.assert(fc.asyncProperty(guide, check), { numRuns: runs, seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined });
  if (process.env.FUZZ_SLOWEST) console.log(`slowest: ${slowest.ms.toFixed(0)} ms for ${JSON.stringify(slowest.markdown)}`);
});

test('the safe-HTML check itself catches what it must', () => {
  for (const bad of ['<script>x</script>', '<b onclick="x">', '<a href=" JAVA\tscript:x">', '<img src="http://x/y.png">', '<img srcset="a.png 1x, //x/b.png 2x">',
    '<video poster="https://x/p.png">', '<div style="background:url(https://x/b.png)">', '<style>@import "x.css"</style>', '<iframe>', '<object>', '<embed>',
    '<form>', '<base href="/">', '<meta http-equiv="refresh" content="0">', '<a href="data:text/html,x">']) {
    assert.notDeepEqual(unsafeHtml(bad), [], bad);
  }
  assert.deepEqual(unsafeHtml('<p class="x"><a href="https://example.com">x</a><img src="data:image/png;base64,AA" alt=""></p>'), []);
});
