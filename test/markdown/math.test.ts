import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasErrors } from '../../src/errors.js';
import { plain, render } from '../helpers/guide.js';

test('inline and display math are typeset by KaTeX at build time, through the sanitizer and smartypants', async () => {
  const rendered = await render('# T\n\nEnergy is $E=mc^2$, "quoted", and $f\'(x)$.\n\n$$\n\\int_0^1 x^2\\,dx\n$$\n');
  const { messages } = rendered;
  const html = plain(rendered.html);
  assert.deepEqual(messages, []);
  assert.equal((html.match(/<span class="katex">/g) ?? []).length, 3);
  assert.match(html, /<span class="katex-display"><span class="katex">/);
  assert.match(html, /<span class="mord mathnormal"[^>]*>E<\/span>/);
  assert.match(html, /<span class="mop op-symbol large-op"[^>]*>∫<\/span>/);
  // `\,` is a thin space, not a comma (as a markdown escape would make it).
  assert.match(html, /<span class="mspace" style="margin-right:0.1667em;"><\/span>/);
  const display = html.slice(html.indexOf('katex-display'));
  assert.doesNotMatch(display.replace(/<[^>]+>/g, ''), /,/);
  // The prime stays a prime: smartypants does not curl a quote inside math, only outside it.
  assert.match(html, /“quoted”/);
  assert.match(html, /<span class="mord mtight">′<\/span>/);
  // HTML only: no MathML copy, and no aria-hidden left on the glyphs a reader gets.
  assert.doesNotMatch(html, /<math|katex-mathml|aria-hidden/);
});

test('\\tag numbers a display formula', async () => {
  const { html } = await render('# T\n\n$$\na^2 + b^2 = c^2 \\tag{1}\n$$\n');
  const tag = /<span class="katex-tag">(.*?)<\/span><\/span><\/span><\/span>$/.exec(html)?.[1] ?? '';
  assert.equal(tag.replace(/<[^>]+>/g, ''), '(1)');
});

test('a TeX error is a fatal message at the formula, with KaTeX\'s reason', async () => {
  const { file } = await render('# T\n\nFine $x$.\n\nBroken: $\\frc{1}{2}$ here.\n\n$$\n\\left( x\n$$\n');
  assert.ok(hasErrors(file));
  const errors = file.messages.filter((m) => m.ruleId === 'math-error');
  assert.equal(errors.length, 2);
  assert.ok(errors.every((m) => m.fatal === true && m.source === 'guidepress'));
  assert.equal(errors[0]!.line, 5);
  assert.equal(errors[0]!.column, 9);
  assert.match(errors[0]!.reason, /^TeX error in a formula: Undefined control sequence: \\frc/);
  assert.equal(errors[1]!.line, 7);
  assert.match(errors[1]!.reason, /\\right/);
});

test('a dollar sign for a price stays text; an escaped dollar too', async () => {
  const rendered = await render('# T\n\nIt costs between $5 and $10, or \\$20 for $n$ seats.\n');
  const { messages } = rendered;
  const html = plain(rendered.html);
  assert.deepEqual(messages, []);
  assert.match(html, /between \$5 and \$10, or \$20 for <span class="katex">/);
  assert.equal((html.match(/<span class="katex">/g) ?? []).length, 1);
});

test('a formula cannot draw a rule or space larger than the page', async () => {
  const { html } = await render('# T\n\n$\\rule{100000em}{1em}\\hspace{100000em}x$\n');
  const sizes = [...html.matchAll(/(?:width|margin-right|border-right-width):\s*(-?[\d.]+)em/g)].map((m) => Math.abs(Number(m[1])));
  assert.ok(sizes.length > 0 && Math.max(...sizes) <= 40, sizes.join(' '));
});

test('math written as raw HTML is sanitized like any HTML: no KaTeX styles come from the author', async () => {
  const { html } = await render('# T\n\n<span class="katex" style="position:fixed">x</span>\n');
  assert.doesNotMatch(html, /position:fixed/);
});
