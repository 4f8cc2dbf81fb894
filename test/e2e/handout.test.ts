import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { PDFDocument, PDFName } from 'pdf-lib';
import { run } from '../helpers/cli.js';
import { repoRoot } from '../helpers/guide.js';
import { asciiTypography, flatten, pdfFonts, pdfInfo, pdfLinks, pdfOutline, pdfPages, pdfText } from '../helpers/pdf.js';
import { tempDir } from '../helpers/tmp.js';

const source = join(repoRoot, 'content/guides/to-lead-you-have-to-follow.md');
const out = tempDir('handout');
const pdf = join(out, 'to-lead-you-have-to-follow/handout.pdf');

/** The guide's paragraphs and list items as plain text, from the markdown source. */
function sourceParagraphs(): string[] {
  const body = readFileSync(source, 'utf8').split(/^---$/m).slice(2).join('---');
  return body
    .split(/\n\s*\n/)
    .map((p) => p.replace(/^>\s?/gm, '').replace(/^\d+\.\s+/gm, '\n').trim())
    .flatMap((p) => p.split('\n'))
    .map((p) => p.replace(/^—\s*/, '').trim())
    .filter(Boolean);
}

describe('the seed guide as a handout, printed by real Chromium', () => {
  before(async () => {
    const result = await run('build', '--content', join(repoRoot, 'content'), '--out', out, '--only', 'handout');
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /wrote .*handout\.pdf\s+\d+(\.\d)? kB\s+\d+\.\d s/);
  });

  test('every paragraph, the three practices and the attribution are in the text', () => {
    // The running head and the page number sit between the pages' text: leave them out.
    const pages = pdfPages(pdf).map((page, i) =>
      i === 0 ? page : page.split('\n').filter((l) => l.trim() !== 'To lead, you have to follow' && !/^\d+\s*\/\s*\d+$/.test(l.trim())).join('\n'),
    );
    const text = asciiTypography(flatten(pages.join('\n')));
    const paragraphs = sourceParagraphs();
    assert.ok(paragraphs.length >= 12, `found ${paragraphs.length} paragraphs`);
    for (const paragraph of paragraphs) assert.ok(text.includes(asciiTypography(paragraph)), `missing: ${paragraph.slice(0, 80)}`);
    for (const practice of ['Be clear with yourself what your true priorities are', 'Give your support quickly to other leaders', 'Make your feedback explicitly non-blocking']) {
      assert.ok(text.includes(practice), practice);
    }
    assert.match(text, /Ras Kasa Williams/);
  });

  test('a sane page count, numbers "n / N" from page 2 on, the running head on every page but the first', () => {
    const pages = pdfPages(pdf);
    assert.ok(pages.length >= 2 && pages.length <= 4, `${pages.length} pages`);
    const n = pages.length;
    assert.doesNotMatch(pages[0]!, new RegExp(`\\b1\\s*/\\s*${n}\\b`));
    for (let i = 2; i <= n; i++) {
      assert.match(pages[i - 1]!, new RegExp(`\\b${i}\\s*/\\s*${n}\\b`), `page ${i} has its number`);
      assert.match(pages[i - 1]!.trimStart(), /^To lead, you have to follow/, `page ${i} starts with the running head`);
    }
    assert.equal(pages[0]!.split('To lead, you have to follow').length - 1, 1, 'the first page shows the title once, in the title block');
  });

  test('metadata, tagging, bookmarks, language and A4 paper', async () => {
    const info = pdfInfo(pdf);
    assert.equal(info.Title, 'To lead, you have to follow');
    assert.equal(info.Author, 'Will Larson');
    assert.match(info.Subject!, /most effective leaders spend more time following/);
    assert.equal(info.Keywords, 'leadership, staff engineer, staff-plus, following');
    assert.equal(info['Metadata Stream'], 'yes');
    const xmp = execFileSync('pdfinfo', ['-meta', pdf], { encoding: 'utf8' });
    assert.match(xmp, /<dc:title><rdf:Alt><rdf:li xml:lang="x-default">To lead, you have to follow<\/rdf:li>/);
    assert.match(xmp, /<dc:language><rdf:Bag><rdf:li>en<\/rdf:li>/);
    assert.match(info.Creator!, /^guidepress \d+\.\d+\.\d+$/);
    assert.equal(info.Tagged, 'yes');
    assert.match(info['Page size']!, /^594\.96 x 841\.92 pts \(A4\)/);
    assert.ok(pdfOutline(pdf).length >= 1, 'bookmarks from the headings');
    const doc = await PDFDocument.load(readFileSync(pdf), { updateMetadata: false });
    assert.equal(doc.catalog.get(PDFName.of('Lang'))?.toString(), '(en)');
  });

  test('every font is embedded, and they are the bundled faces, not system fonts', () => {
    const fonts = pdfFonts(pdf);
    assert.ok(fonts.length >= 3);
    for (const font of fonts) {
      assert.ok(font.embedded, `${font.name} is not embedded`);
      assert.match(font.name, /SourceSerif4|SourceSans3|JetBrainsMono/);
    }
  });

  test('the source URL is a live link annotation', async () => {
    const links = await pdfLinks(pdf);
    assert.ok(links.some((l) => l.uri === 'https://staffeng.com/guides/to-lead-follow'), JSON.stringify(links));
  });

  test('hyphenation happened in the pipeline: soft hyphens in the HTML, words broken at line ends in the PDF', () => {
    const html = readFileSync(join(out, 'to-lead-you-have-to-follow/handout.html'), 'utf8');
    assert.ok((html.match(/\u00ad/g)?.length ?? 0) > 100);
    // In layout mode pdftotext keeps a line broken at a soft hyphen as "syl\u00ad-".
    const broken = pdfText(pdf).split('\n').filter((line) => /\p{L}\u00ad-$/u.test(line));
    assert.ok(broken.length >= 2, `lines ending in a hyphenation break: ${broken.length}`);
  });

  test('the handout HTML stands alone: fonts inline, nothing fetched, no path of the build machine', () => {
    const html = readFileSync(join(out, 'to-lead-you-have-to-follow/handout.html'), 'utf8');
    assert.match(html, /@font-face[^}]*src: url\(data:font\/woff2;base64,/);
    assert.doesNotMatch(html, /url\((?!data:)/);
    assert.ok(!html.includes(repoRoot), 'no absolute path of this machine');
    assert.doesNotMatch(html, /<script/);
  });

  for (const [paper, size] of [['letter', /^612 x 792 pts \(letter\)/], ['a5', /^420 x 594\.96 pts \(A5\)/]] as const) {
    test(`--paper ${paper} prints on ${paper}`, async () => {
      const dir = tempDir(paper);
      const result = await run('build', '--content', join(repoRoot, 'content'), '--out', dir, '--only', 'handout', '--paper', paper, '-q');
      assert.equal(result.code, 0, result.stderr);
      assert.match(pdfInfo(join(dir, 'to-lead-you-have-to-follow/handout.pdf'))['Page size']!, size);
    });
  }
});

test('running heads and page numbers use the bundled faces even when the body never does', async () => {
  const dir = tempDir('margin-fonts');
  const content = join(dir, 'content');
  const paragraph = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore. '.repeat(8);
  mkdirSync(content);
  writeFileSync(join(content, 't5.md'), `---\ntitle: T5\n---\n\n${Array(8).fill(paragraph).join('\n\n')}\n`);
  const result = await run('build', '--content', content, '--out', join(dir, 'dist'), '--only', 'handout', '-q');
  assert.equal(result.code, 0, result.stderr);
  const pdfPath = join(dir, 'dist/t5/handout.pdf');
  assert.ok(pdfPages(pdfPath).length >= 2);
  for (const font of pdfFonts(pdfPath)) assert.match(font.name, /SourceSerif4|SourceSans3/, `${font.name} is not a bundled face`);
});
