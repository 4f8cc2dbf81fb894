import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { launchBrowser, withPage } from '../../src/browser.js';
import { run } from '../helpers/cli.js';
import { fixtures } from '../helpers/guide.js';
import { flatten, pdfFonts, pdfPages } from '../helpers/pdf.js';
import { tempDir } from '../helpers/tmp.js';

const content = join(fixtures, 'technical/content');
const source = join(content, 'guides/retries-with-backoff.md');
const out = tempDir('technical');
const dir = join(out, 'retries-with-backoff');
const lineOf = (needle: string) => readFileSync(source, 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('a technical guide: highlighted code and typeset math, printed by real Chromium', () => {
  let stderr = '';
  before(async () => {
    const result = await run('build', '--content', content, '--out', out);
    assert.equal(result.code, 0, result.stderr);
    stderr = result.stderr;
  });

  test('the code prints exactly as written: no ligature, no soft hyphen, long lines wrapped not cut', () => {
    for (const pdf of [join(dir, 'handout.pdf'), join(out, 'book/book.pdf')]) {
      const text = pdfPages(pdf).join('\n');
      for (const line of [
        'if (attempt === options.attempts || !isTransient(error)) throw error;',
        "const isTransient = (error: unknown): boolean => error instanceof Error && error.name !== 'AbortError';",
        'Math.random() * Math.min(capMs, baseMs * 2 ** (attempt - 1)); // the ceiling doubles --> until capMs',
        '[ "$(tail -n 1 retries.log)" != "" ] || exit 1',
        'ts=2024-05-02T10:00:01Z attempt=2 delay_ms=137 outcome=retry',
      ]) {
        // A wrapped line continues on the next line of text: compare with runs of space undone.
        assert.ok(flatten(text).includes(line), `${pdf}: ${line}`);
      }
      assert.doesNotMatch(text.slice(text.indexOf('export interface RetryOptions')), /\u00ad(?=[^\n]*capMs)/);
    }
  });

  test('code tokens carry at least three colours, and the language labels each block', () => {
    const html = readFileSync(join(dir, 'handout.html'), 'utf8');
    const block = /<div class="code-block" data-language="typescript">[\s\S]*?<\/div>/.exec(html)?.[0] ?? '';
    const colours = new Set([...block.matchAll(/color:(#[0-9a-f]{6})/gi)].map((m) => m[1]!.toLowerCase()));
    assert.ok(colours.size >= 3, [...colours].join(' '));
    assert.match(html, /<span class="code-language">TypeScript<\/span>/);
    assert.match(html, /<span class="code-language">Shell<\/span>/);
  });

  test('KaTeX fonts are embedded, and the formulas\' symbols are in the text layer', () => {
    for (const pdf of [join(dir, 'handout.pdf'), join(out, 'book/book.pdf')]) {
      const fonts = pdfFonts(pdf);
      assert.ok(fonts.every((f) => f.embedded), JSON.stringify(fonts));
      const names = fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, ''));
      for (const name of ['KaTeX_Main-Regular', 'KaTeX_Math-Italic', 'KaTeX_AMS-Regular', 'JetBrainsMono-Regular']) {
        assert.ok(names.includes(name), `${pdf}: ${name} in ${names.join(', ')}`);
      }
      const text = flatten(pdfPages(pdf).join('\n'));
      for (const symbol of ['∫', '∑', 'E[W', 'E = mc', '(1)', 'min']) assert.ok(text.includes(symbol), `${pdf}: ${symbol}`);
      assert.doesNotMatch(text, /\\int|\\frac|\$\$/, 'no TeX source is printed');
    }
  });

  test('an unknown language is a warning at its line', () => {
    const line = lineOf('```logfmt-ours');
    assert.match(stderr, new RegExp(`${line}:1-\\d+:\\d+\\s+warning\\s+Unknown code language \`logfmt-ours\`: the block is set as plain text\\s+unknown-language`));
  });

  test('the written pages load nothing: no request leaves the machine, and code is set without ligatures', async () => {
    const browser = await launchBrowser();
    try {
      for (const file of [join(dir, 'handout.html'), join(out, 'book/book.html'), join(dir, 'deck.html')]) {
        const blocked: string[] = [];
        const styles = await withPage(browser, async (page) => {
          await page.setContent(readFileSync(file, 'utf8'), { waitUntil: 'load' });
          await page.evaluate('document.fonts.ready');
          return page.$$eval('pre code', (codes) => codes.map((c) => `${getComputedStyle(c).fontVariantLigatures} ${getComputedStyle(c).fontFeatureSettings}`));
        }, { onBlocked: (url) => blocked.push(url) });
        assert.deepEqual(blocked, [], file);
        if (!file.endsWith('deck.html')) {
          assert.ok(styles.length >= 4, file);
          for (const style of styles) assert.match(style, /^none ("calt" 0, "liga" 0|"liga" 0, "calt" 0)$/);
        }
      }
    } finally {
      await browser.close();
    }
  });

  test('a TeX error stops the guide with KaTeX\'s message at the formula\'s line', async () => {
    const broken = tempDir('technical-broken');
    cpSync(content, broken, { recursive: true });
    const guide = join(broken, 'guides/retries-with-backoff.md');
    writeFileSync(guide, readFileSync(guide, 'utf8').replace('$E=mc^2$', '$E=mc^{2$'));
    const result = await run('build', '--content', broken, '--out', join(broken, 'dist'), '--only', 'handout');
    assert.equal(result.code, 1);
    const line = lineOf('$E=mc^2$');
    assert.match(result.stderr, new RegExp(`${line}:\\d+-${line}:\\d+\\s+error\\s+TeX error in a formula: Expected '}', got 'EOF'.*math-error`));
  });
});
