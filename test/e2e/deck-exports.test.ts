import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { run } from '../helpers/cli.js';
import { repoRoot } from '../helpers/guide.js';
import { pdfInfo, pdfPages } from '../helpers/pdf.js';
import { type PptxRead, readPptx } from '../helpers/pptx.js';

const out = mkdtempSync(join(tmpdir(), 'gp-deck-exports-'));
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
    const result = await run('build', '--content', join(repoRoot, 'content'), '--out', out, '--only', 'deck');
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /wrote .*deck\.pptx/);
    pptx = await readPptx(deckPptx);
    pages = pdfPages(deckPdf);
  });

  test('one 16:9 slide per page of deck.pdf', () => {
    assert.ok(pages.length >= 10);
    assert.equal(pptx.slides.length, pages.length);
    const presentation = execFileSync('unzip', ['-p', deckPptx, 'ppt/presentation.xml'], { encoding: 'utf8' });
    // 13.333 × 7.5 in, in EMU: 16:9.
    assert.match(presentation, /<p:sldSz cx="12192000" cy="6858000"/);
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
    const converted = mkdtempSync(join(tmpdir(), 'gp-pptx-lo-'));
    // A profile of its own: a running LibreOffice (or another test) would otherwise take the call.
    const profile = `file://${mkdtempSync(join(tmpdir(), 'gp-lo-profile-'))}`;
    execFileSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', converted, deckPptx], { stdio: 'ignore', timeout: 120_000 });
    const info = pdfInfo(join(converted, 'deck.pdf'));
    assert.equal(Number(info.Pages), pages.length);
    assert.match(info['Page size']!, /^960(\.0\d*)? x 540(\.0\d*)? pts/);
    const text = pdfPages(join(converted, 'deck.pdf'));
    assert.ok(squeeze(text[0]!).includes(squeeze('To lead, you have to follow')));
  });
});
