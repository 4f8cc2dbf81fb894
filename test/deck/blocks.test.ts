import assert from 'node:assert/strict';
import { test } from 'node:test';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { plainText, readBlocks } from '../../src/deck/blocks.js';
import { showSlide } from '../../src/deck/builders.js';
import { toMarp } from '../../src/deck/marp.js';
import { parse } from '../helpers/guide.js';

test('the blocks of a guide, in order: sections, paragraphs (pinned or not), practices with the paragraph that introduces them', async () => {
  const { tree, file } = await parse(`---
title: T
---

Opening words of the guide.

## A section

<!-- deck: quote -->
A pinned paragraph.

There are three habits to keep:

- Write it down, every time you decide something big.
- Share it with the people who were not in the room.
- Read it again a month later and note what changed.

![Only an image](/images/portrait.png)
`);
  const blocks = readBlocks(tree, file, 'en');
  assert.deepEqual(blocks.map((b) => [b.kind, b.section]), [['paragraph', -1], ['heading', 0], ['paragraph', 0], ['paragraph', 0], ['practices', 0]]);
  const [opening, heading, pinned, lead, practices] = blocks;
  assert.ok(opening?.kind === 'paragraph' && !opening.pinned);
  assert.ok(heading?.kind === 'heading' && heading.text === 'A section');
  assert.ok(pinned?.kind === 'paragraph' && pinned.pinned && pinned.text === 'A pinned paragraph.');
  assert.ok(practices?.kind === 'practices' && practices.leadIn === lead && practices.node.children.length === 3);
  assert.deepEqual(file.messages, []);
});

test('a deck comment not before a paragraph, or unknown, is a positioned warning', async () => {
  const { tree, file } = await parse('# T\n\n<!-- deck: quote -->\n## Heading\n\n<!-- deck: slide -->\n\nText.\n\n<!-- deck: quote -->\n');
  readBlocks(tree, file, 'en');
  assert.deepEqual(file.messages.map((m) => `${m.line} ${m.ruleId}`), ['3 deck-comment', '6 deck-comment', '10 deck-comment']);
});

test('plain text keeps block children apart and drops HTML and image alt text', async () => {
  const { tree } = await parse('# T\n\n- one\n  - two <b>bold</b>\n- three ![alt](x.png)\n');
  assert.equal(plainText(tree), 'one two bold three');
});

test('code blocks, tables and diagrams are blocks to show, marked by `<!-- deck: show -->` or not', async () => {
  const { tree, file } = await parse([
    '# T', '', '## One', '', 'Here is the code:', '', '<!-- deck: show -->', '```ts', 'const a = 1;', '```', '',
    '```mermaid', 'flowchart LR', '```', '', '| a | b |', '| - | - |', '| 1 | 2 |', '',
    '<!-- deck: show -->', 'Not a block to show.', '',
  ].join('\n'));
  const blocks = readBlocks(tree, file, 'en');
  const shown = blocks.flatMap((b) => (b.kind === 'show' ? [[b.what, b.marked, b.section, b.leadIn?.text]] : []));
  assert.deepEqual(shown, [['code', true, 0, 'Here is the code:'], ['diagram', false, 0, undefined], ['table', false, 0, undefined]]);
  assert.deepEqual(file.messages.map((m) => `${m.line} ${m.ruleId}: ${m.reason}`), ['20 deck-comment: `<!-- deck: show -->` must come right before a code block, a table, a diagram or a formula']);
});

test('a display formula is a block to show too (remark-math\'s `math` node)', async () => {
  const markdown = '# T\n\n## Waiting\n\nOn average:\n\n<!-- deck: show -->\n$$\nE[W] = \\frac{1}{2} \\sum_{n} b 2^{n}\n$$\n';
  const { file } = await parse(markdown);
  const tree = unified().use(remarkParse).use(remarkMath).parse(markdown);
  const blocks = readBlocks(tree, file, 'en');
  const formula = blocks.find((b) => b.kind === 'show');
  assert.ok(formula?.kind === 'show' && formula.what === 'formula' && formula.marked);
  const made = showSlide(formula, { heading: 'Waiting' }, undefined)!;
  assert.equal(made.kind, 'formula');
  assert.equal(made.formula, 'E[W] = \\frac{1}{2} \\sum_{n} b 2^{n}');
  const md = toMarp({ title: 'T', lang: 'en', theme: 'guidepress', footer: 'F', keywords: [], slides: [made] });
  assert.match(md, /\n\$\$\nE\[W\] = \\frac\{1\}\{2\} \\sum_\{n\} b 2\^\{n\}\n\$\$\n/);
});
