import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fenceMeta, parseFenceMeta } from '../../src/markdown/fence-meta.js';
import { highlighterFor, languageLabel, resolveLanguage } from '../../src/markdown/shiki.js';
import { render } from '../helpers/guide.js';

const guide = [
  '# T', '',
  'Some prose.', '',
  '```ts {2,4-5} showLineNumbers',
  'const same = a === b;',
  'const arrow = (x: number) => x != 3; // -->',
  'let n = 1;',
  'n++;',
  'export { n };',
  '```', '',
  '> Quoted:',
  '>',
  '> ```bash',
  '> [ "$a" != "$b" ] && echo "differs --> stop"',
  '> ```', '',
  '```nosuchlang',
  'organizations accelerate',
  '```', '',
].join('\n');

test('fenced code is highlighted at build time: coloured tokens, the language label, the code text unchanged', async () => {
  const { html, messages } = await render(guide);
  const block = /<div class="code-block" data-language="typescript">[\s\S]*?<\/div>/.exec(html)?.[0] ?? '';
  assert.ok(block, html);
  assert.match(block, /<span class="code-language">TypeScript<\/span>/);
  const colours = new Set([...block.matchAll(/style="color:(#[0-9A-Fa-f]{6})/g)].map((m) => m[1]!.toLowerCase()));
  assert.ok(colours.size >= 3, `colours: ${[...colours].join(' ')}`);
  // The text a reader copies is the source's, character for character, with no soft hyphen.
  const text = block.replace(/<span class="code-language">.*?<\/span>/, '').replace(/<\/span><span class="line[^"]*">/g, '\n').replace(/<[^>]+>/g, '')
    .replace(/&#x3C;/g, '<').replace(/&#x26;/g, '&').replace(/&gt;/g, '>').replace(/&lt;/g, '<');
  assert.equal(text, 'const same = a === b;\nconst arrow = (x: number) => x != 3; // -->\nlet n = 1;\nn++;\nexport { n };');
  assert.ok(!block.includes('\u00ad'));
  assert.deepEqual(messages.filter((m) => !m.includes('unknown-language')), []);
});

test('the fence meta asks for line numbers and highlighted lines, in a blockquote too', async () => {
  const { html } = await render(guide);
  assert.match(html, /<pre class="shiki line-numbers has-highlighted"/);
  const lines = [...(/<div class="code-block" data-language="typescript">[\s\S]*?<\/pre>/.exec(html)?.[0] ?? '').matchAll(/<span class="(line[^"]*)">/g)].map((m) => m[1]);
  assert.deepEqual(lines, ['line', 'line highlighted', 'line', 'line highlighted', 'line highlighted']);
  assert.match(html, /<div class="code-block" data-language="shellscript"><span class="code-language">Shell<\/span><pre class="shiki"/);
  assert.deepEqual(parseFenceMeta('{1-3,7} title="x"'), { highlight: new Set([1, 2, 3, 7]), lineNumbers: false, title: 'x' });
  assert.deepEqual(fenceMeta('x\n~~~ py showLineNumbers\n', { start: { line: 2, column: 1, offset: 2 }, end: { line: 3, column: 1, offset: 24 } }).lineNumbers, true);
});

test('an unknown language is plain text with a warning at its line; its words get no soft hyphens', async () => {
  const { html, file } = await render(guide);
  const warning = file.messages.find((m) => m.ruleId === 'unknown-language');
  assert.ok(warning && !warning.fatal);
  assert.equal(warning.line, 19);
  assert.match(warning.reason, /`nosuchlang`/);
  assert.match(html, /<div class="code-block"><pre class="shiki"[^>]*><code><span class="line"><span[^>]*>organizations accelerate<\/span>/);
});

test('math and diagram fences are left to their own plugins', async () => {
  const { html, messages } = await render('# T\n\n```mermaid\ngraph TD; A-->B\n```\n\n```math\nx^2\n```\n');
  assert.match(html, /<pre><code class="language-mermaid">graph TD; A-->B\n<\/code><\/pre>/);
  assert.match(html, /class="katex-display"/);
  assert.deepEqual(messages, []);
});

test('languages resolve by alias, and only the grammars asked for are loaded', async () => {
  assert.equal(resolveLanguage('ts'), 'typescript');
  assert.equal(resolveLanguage('Bash'), 'shellscript');
  assert.equal(resolveLanguage('nosuchlang'), undefined);
  assert.equal(languageLabel('typescript'), 'TypeScript');
  await render(guide);
  const loaded = (await highlighterFor([], ['github-light'])).getLoadedLanguages();
  assert.ok(loaded.includes('typescript') && loaded.includes('shellscript'));
  assert.ok(!loaded.includes('python') && !loaded.includes('rust'), loaded.join(' '));
  await assert.rejects(highlighterFor([], ['no-such-theme']), /Unknown code theme "no-such-theme"/);
});
