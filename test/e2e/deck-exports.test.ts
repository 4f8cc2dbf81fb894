import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'puppeteer';
import { launchBrowser } from '../../src/browser.js';
import { run } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { repoRoot } from '../helpers/guide.js';
import { pdfInfo, pdfPages } from '../helpers/pdf.js';
import { type PptxRead, readPptx } from '../helpers/pptx.js';

const out = tempDir('deck-exports');
const dir = join(out, 'to-lead-you-have-to-follow');
const deckPdf = join(dir, 'deck.pdf');
const deckPptx = join(dir, 'deck.pptx');

/** Text compared across renderers: no spaces, line breaks, hyphens (typeset or soft) or zero-width marks. */
const squeeze = (text: string) => text.replace(/[\s\u00ad\u200b\-‐]/g, '');

/** The speaker notes of each slide of a deck.md, as Marp reads them: its last comment, paragraphs. */
function markdownNotes(markdown: string): string[] {
  const body = markdown.replace(/^---\n[\s\S]*?\n---\n/, '');
  return body.split(/\n---\n/).map((slide) => {
    const comment = [...slide.matchAll(/<!--\n([\s\S]*?)\n-->/g)].at(-1)?.[1] ?? '';
    return comment.replace(/\u200b/g, '').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean).join('\n\n');
  });
}

describe('the seed guide\'s deck as PowerPoint', () => {
  let pptx: PptxRead;
  let pages: string[];
  before(async () => {
    const result = await run('build', '--content', join(repoRoot, 'content'), '--out', out, '--only', 'deck,pptx,notes', '--images', 'png');
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /wrote .*deck\.pptx/);
    pptx = await readPptx(deckPptx);
    pages = pdfPages(deckPdf);
  });

  test('one 16:9 slide per page of deck.pdf', () => {
    assert.ok(pages.length >= 10);
    assert.equal(pptx.slides.length, pages.length);
    // 13.333 × 7.5 in, in EMU: 16:9.
    assert.deepEqual(pptx.size, { cx: 12192000, cy: 6858000 });
  });

  test('each text slide is editable text, every paragraph of it as the PDF prints it', () => {
    pptx.slides.forEach((paragraphs, i) => {
      assert.ok(paragraphs.length > 0, `slide ${i + 1} has no text`);
      assert.equal(pptx.pictures[i], 0, `slide ${i + 1} is a picture`);
      assert.ok(pptx.pictureBackground[i], `slide ${i + 1} has no decoration behind its text`);
      const page = squeeze(pages[i]!).toLowerCase();
      for (const p of paragraphs) assert.ok(page.includes(squeeze(p).toLowerCase()), `slide ${i + 1}: "${p}" is not on page ${i + 1}`);
    });
    assert.deepEqual(pptx.slides[0]!.slice(0, 3), ['STAFFENG', 'To lead, you have to follow', 'Will Larson']);
    assert.ok(pptx.slides.some((s) => s.includes('Make your feedback explicitly non-blocking.')));
    assert.ok(pptx.slides.some((s) => s.includes('— Ras Kasa Williams')), 'the epigraph is attributed');
    // Every line of a page's slide text is in the slide (the page number is decoration).
    const closing = squeeze(pptx.slides.at(-1)!.join(''));
    assert.ok(closing.includes(squeeze('To be a great leader, take your time learning to follow.')));
  });

  test('the speaker notes of every slide are in PowerPoint\'s notes, paragraph by paragraph', () => {
    const expected = markdownNotes(readFileSync(join(dir, 'deck.md'), 'utf8'));
    assert.equal(expected.length, pptx.notes.length);
    pptx.notes.forEach((notes, i) => {
      assert.ok(notes.length > 0, `slide ${i + 1} has no notes`);
      assert.equal(notes, expected[i], `the notes of slide ${i + 1}`);
    });
    assert.match(pptx.notes[1]!, /\n\n— Ras Kasa Williams$/);
  });

  test('the document properties, and the theme\'s faces named with their kind', () => {
    assert.equal(pptx.core.title, 'To lead, you have to follow');
    assert.equal(pptx.core.creator, 'Will Larson');
    assert.match(pptx.core.subject!, /most effective leaders/);
    assert.equal(pptx.faces.get('Source Serif 4'), '18', 'a serif: roman family');
    assert.equal(pptx.faces.get('Source Sans 3'), '34', 'a sans: swiss family');
  });

  test('LibreOffice Impress opens it: a PDF of as many pages', { skip: spawnSync('sh', ['-c', 'command -v soffice']).status !== 0 && 'soffice is not installed (scripts/setup.sh installs libreoffice-impress)' }, () => {
    const converted = tempDir('pptx-lo');
    // A profile of its own: a running LibreOffice (or another test) would otherwise take the call.
    const profile = `file://${tempDir('lo-profile')}`;
    execFileSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', converted, deckPptx], { stdio: 'ignore', timeout: 120_000 });
    const info = pdfInfo(join(converted, 'deck.pdf'));
    assert.equal(Number(info.Pages), pages.length);
    assert.match(info['Page size']!, /^960(\.0\d*)? x 540(\.0\d*)? pts/);
    const text = pdfPages(join(converted, 'deck.pdf'));
    assert.ok(squeeze(text[0]!).includes(squeeze('To lead, you have to follow')));
  });
});

/** A PNG's or JPEG's size from its header. */
function imageSize(data: Buffer): { width: number; height: number } {
  if (data.subarray(1, 4).toString() === 'PNG') return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
  for (let i = 2; i < data.length; ) {
    const marker = data[i + 1]!;
    if (marker >= 0xc0 && marker <= 0xc2) return { width: data.readUInt16BE(i + 7), height: data.readUInt16BE(i + 5) };
    i += 2 + data.readUInt16BE(i + 2);
  }
  throw new Error('not a PNG or JPEG');
}

/** Pictures shrunk to 64 × 36 in Chromium, as grey levels: what two renders of one slide share. */
async function thumbnails(browser: Browser, images: Buffer[]): Promise<number[][]> {
  const page = await browser.newPage();
  try {
    await page.setJavaScriptEnabled(true);
    const urls = images.map((d) => `data:image/${d.subarray(1, 4).toString() === 'PNG' ? 'png' : 'jpeg'};base64,${d.toString('base64')}`);
    return await page.evaluate(async (urls: string[]) => {
      const out: number[][] = [];
      for (const url of urls) {
        const img = new Image();
        img.src = url;
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = 64;
        canvas.height = 36;
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(img, 0, 0, 64, 36);
        const { data } = ctx.getImageData(0, 0, 64, 36);
        const grey: number[] = [];
        for (let i = 0; i < data.length; i += 4) grey.push((data[i]! + data[i + 1]! + data[i + 2]!) / 3);
        out.push(grey);
      }
      return out;
    }, urls);
  } finally {
    await page.close();
  }
}

const difference = (a: number[], b: number[]) => a.reduce((sum, v, i) => sum + Math.abs(v - b[i]!), 0) / a.length;

describe('the seed guide\'s slides as pictures, and its link-preview card', () => {
  let browser: Browser;
  let pages: number;
  before(async () => {
    // The build of the suite above wrote them (--images png).
    if (!existsSync(join(dir, 'slides'))) {
      const result = await run('build', '--content', join(repoRoot, 'content'), '--out', out, '--only', 'deck,pptx,notes', '--images', 'png');
      assert.equal(result.code, 0, result.stderr);
    }
    pages = Number(pdfInfo(deckPdf).Pages);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test('slides/01.png... : one a slide, 1920 × 1080, each the matching page of deck.pdf', async () => {
    const names = readdirSync(join(dir, 'slides')).sort();
    assert.deepEqual(names, Array.from({ length: pages }, (_, i) => `${String(i + 1).padStart(2, '0')}.png`));
    const images = names.map((n) => readFileSync(join(dir, 'slides', n)));
    for (const image of images) assert.deepEqual(imageSize(image), { width: 1920, height: 1080 });
    // The PDF's pages as pictures, from poppler: another renderer of the same slides.
    const rendered = tempDir('pages');
    execFileSync('pdftoppm', ['-r', '48', '-png', deckPdf, join(rendered, 'p')]);
    const pagePictures = readdirSync(rendered).sort().map((n) => readFileSync(join(rendered, n)));
    assert.equal(pagePictures.length, pages);
    const thumbs = await thumbnails(browser, [...images, ...pagePictures]);
    const slides = thumbs.slice(0, pages);
    const printed = thumbs.slice(pages);
    slides.forEach((slide, i) => {
      const own = difference(slide, printed[i]!);
      // Anti-aliasing differs between Chromium and poppler: a few grey levels on average.
      assert.ok(own < 6, `slide ${i + 1} differs from page ${i + 1} by ${own.toFixed(1)} grey levels`);
      for (const j of [i - 1, i + 1]) {
        if (j < 0 || j >= pages) continue;
        assert.ok(own < difference(slide, printed[j]!), `slide ${i + 1} looks more like page ${j + 1} than its own`);
      }
    });
  });

  test('--images jpeg writes JPEGs at the same size', async () => {
    const jpegOut = tempDir('deck-jpeg');
    const result = await run('build', '--content', join(repoRoot, 'content'), '--out', jpegOut, '--only', 'deck', '--images', 'jpeg');
    assert.equal(result.code, 0, result.stderr);
    const folder = join(jpegOut, 'to-lead-you-have-to-follow', 'slides');
    const names = readdirSync(folder).sort();
    assert.equal(names.length, pages);
    assert.equal(names[0], '01.jpeg');
    const first = readFileSync(join(folder, names[0]!));
    assert.equal(first.readUInt16BE(0), 0xffd8, 'a JPEG');
    assert.deepEqual(imageSize(first), { width: 1920, height: 1080 });
    // A build that no longer asks for pictures leaves none of the old ones behind.
    writeFileSync(join(folder, 'notes.txt'), 'mine');
    assert.equal((await run('build', '--content', join(repoRoot, 'content'), '--out', jpegOut, '--only', 'deck', '-q')).code, 0);
    assert.deepEqual(readdirSync(folder), ['notes.txt']);
  });

  test('og.png: a 1200 × 630 card with the title; deck.html names it by an absolute URL beside the guide\'s source', () => {
    const card = readFileSync(join(dir, 'og.png'));
    assert.deepEqual(imageSize(card), { width: 1200, height: 630 });
    const html = readFileSync(join(dir, 'deck.html'), 'utf8').replace(/&#x2F;/g, '/');
    assert.match(html, /<meta property="og:image" content="https:\/\/staffeng\.com\/guides\/to-lead-follow\/og\.png">/);
    assert.match(html, /<meta property="og:title" content="To lead, you have to follow">/);
    assert.match(html, /<meta name="twitter:card" content="summary_large_image">/);
  });
});

describe('the speaker\'s handout, deck-notes.pdf', () => {
  const notesPdf = join(dir, 'deck-notes.pdf');
  before(async () => {
    if (!existsSync(notesPdf)) {
      const result = await run('build', '--content', join(repoRoot, 'content'), '--out', out, '--only', 'deck,pptx,notes');
      assert.equal(result.code, 0, result.stderr);
    }
  });

  test('A4, two or three slides a page, each with its notes, in order; the title and page numbers on every page', () => {
    const slides = Number(pdfInfo(deckPdf).Pages);
    const notes = markdownNotes(readFileSync(join(dir, 'deck.md'), 'utf8'));
    const info = pdfInfo(notesPdf);
    assert.match(info['Page size']!, /\(A4\)/);
    assert.equal(info.Title, 'To lead, you have to follow: speaker’s notes');
    assert.equal(info.Author, 'Will Larson');
    const pages = pdfPages(notesPdf);
    assert.equal(Number(info.Pages), pages.length);
    const seen: number[] = [];
    pages.forEach((page, p) => {
      assert.match(page, /To lead, you have to follow/, `page ${p + 1} has the title`);
      assert.match(page, new RegExp(`^${p + 1} ?/ ?${pages.length}$`, 'm'), `page ${p + 1} is numbered`);
      // "n / 12" is the row's label, and the slide's own page number in its picture too.
      const here = [...new Set([...page.matchAll(new RegExp(`^(\\d+) / ${slides}$`, 'gm'))].map((m) => Number(m[1])))];
      if (p < pages.length - 1) assert.ok(here.length >= 2 && here.length <= 3, `page ${p + 1} holds ${here.length} slides`);
      seen.push(...here);
    });
    assert.deepEqual(seen, Array.from({ length: slides }, (_, i) => i + 1), 'every slide once, in order');
    // Each slide's notes follow its number, before the next slide's.
    const all = squeeze(pages.join(''));
    let from = 0;
    notes.forEach((n, i) => {
      const at = all.indexOf(squeeze(n.split('\n\n')[0]!), from);
      assert.ok(at >= from, `the notes of slide ${i + 1} are in order`);
      from = at;
    });
  });

  test('the slides are the deck\'s own vectors: their text is text, in the theme\'s embedded faces', () => {
    const text = squeeze(pdfPages(notesPdf).join(''));
    assert.ok(text.includes(squeeze('PRACTICE 1 OF 3')), 'the kicker of a practice slide');
    const fonts = execFileSync('pdffonts', [notesPdf], { encoding: 'utf8' });
    assert.match(fonts, /SourceSerif4/);
    assert.match(fonts, /SourceSans3/);
    assert.doesNotMatch(fonts.split('\n').slice(2).join('\n'), / no {2,}no /, 'every font is embedded');
  });

  test('--paper letter prints it on Letter', async () => {
    const letterOut = tempDir('notes-letter');
    const result = await run('build', '--content', join(repoRoot, 'content'), '--out', letterOut, '--only', 'deck,pptx,notes', '--paper', 'letter', '-q');
    assert.equal(result.code, 0, result.stderr);
    assert.match(pdfInfo(join(letterOut, 'to-lead-you-have-to-follow', 'deck-notes.pdf'))['Page size']!, /^612 x 792 pts/);
  });

  test('--paper a5: two slides a page', async () => {
    const a5Out = tempDir('notes-a5');
    const result = await run('build', '--content', join(repoRoot, 'content'), '--out', a5Out, '--only', 'deck,pptx,notes', '--paper', 'a5', '-q');
    assert.equal(result.code, 0, result.stderr);
    const file = join(a5Out, 'to-lead-you-have-to-follow', 'deck-notes.pdf');
    assert.match(pdfInfo(file)['Page size']!, /\(A5\)/);
    const slides = Number(pdfInfo(deckPdf).Pages);
    const rows = pdfPages(file).map((page) => new Set([...page.matchAll(new RegExp(`^(\\d+) / ${slides}$`, 'gm'))].map((m) => m[1])).size);
    assert.deepEqual(rows, Array.from({ length: Math.ceil(slides / 2) }, (_, i) => Math.min(2, slides - 2 * i)));
  });
});

describe('themes by flag', () => {
  for (const theme of ['default', 'gaia', 'uncover']) {
    test(`--deck-theme ${theme}: the seed guide's deck fits, and every export follows it`, async () => {
      const themed = tempDir(`theme-${theme}`);
      const result = await run('build', '--content', join(repoRoot, 'content'), '--out', themed, '--only', 'deck,pptx,notes', '--deck-theme', theme, '-q');
      // An overflowing slide fails the build, naming it: exit 0 is the fitting guarantee.
      assert.equal(result.code, 0, result.stderr);
      const folder = join(themed, 'to-lead-you-have-to-follow');
      assert.match(readFileSync(join(folder, 'deck.md'), 'utf8'), new RegExp(`^theme: '${theme}'$`, 'm'));
      const pages = pdfPages(join(folder, 'deck.pdf'));
      const pptx = await readPptx(join(folder, 'deck.pptx'));
      assert.equal(pptx.slides.length, pages.length);
      pptx.slides.forEach((paragraphs, i) => {
        for (const p of paragraphs) assert.ok(squeeze(pages[i]!).toLowerCase().includes(squeeze(p).toLowerCase()), `${theme}, slide ${i + 1}: "${p}"`);
      });
    });
  }

  test('--deck-theme FILE.css: a theme of one\'s own, named by its @theme comment or after the file', async () => {
    const work = tempDir('theme-file');
    writeFileSync(join(work, 'mine.css'), '/* @theme stage */\n@import "default";\nsection { background: #fdf6e3; }\nsection.shrink-1 { font-size: 26px; } section.shrink-2 { font-size: 23px; } section.shrink-3 { font-size: 21px; }\n');
    writeFileSync(join(work, 'plain.css'), '@import "gaia";\nsection { background: #eef; }\nsection.shrink-1 { font-size: 31px; } section.shrink-2 { font-size: 28px; } section.shrink-3 { font-size: 25px; }\n');
    for (const [file, name, colour] of [['mine.css', 'stage', '#fdf6e3'], ['plain.css', 'plain', '#eef']] as const) {
      const result = await run('build', '--content', join(repoRoot, 'content'), '--out', join(work, name), '--only', 'deck,pptx,notes', '--deck-theme', join(work, file), '-q');
      assert.equal(result.code, 0, result.stderr);
      const folder = join(work, name, 'to-lead-you-have-to-follow');
      assert.match(readFileSync(join(folder, 'deck.md'), 'utf8'), new RegExp(`^theme: '${name}'$`, 'm'));
      assert.ok(readFileSync(join(folder, 'deck.html'), 'utf8').includes(colour), 'the file\'s CSS is in the deck');
    }
    const missing = await run('build', '--content', join(repoRoot, 'content'), '--out', join(work, 'missing'), '--only', 'deck,pptx,notes', '--deck-theme', join(work, 'nope.css'), '-q');
    assert.equal(missing.code, 0, 'a theme that cannot be had is a warning');
    assert.match(missing.stderr, /Cannot read the deck theme file .*nope\.css; using guidepress/);
    assert.match(readFileSync(join(work, 'missing', 'to-lead-you-have-to-follow', 'deck.md'), 'utf8'), /^theme: 'guidepress'$/m);
  });
});

test('--images takes png or jpeg; anything else is bad usage (exit 2)', async () => {
  const result = await run('build', '--content', join(repoRoot, 'content'), '--out', tempDir('images'), '--images', 'gif');
  assert.equal(result.code, 2);
  assert.match(result.stderr, /Unknown slide image format "gif": use png or jpeg/);
});
