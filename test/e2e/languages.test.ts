import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { run } from '../helpers/cli.js';
import { fixtures } from '../helpers/guide.js';
import { flatten, pdfFonts, pdfLines, pdfOutline, pdfPixels, pdfText, pdfWords } from '../helpers/pdf.js';
import { tempDir } from '../helpers/tmp.js';

/** A fixture in one language (test/fixtures/lang/<lang>/content: one guide, one book), built whole. */
function built(lang: string, slug: string) {
  const out = tempDir(`lang-${lang}`);
  const result = { out, stdout: '', stderr: '', dir: join(out, slug) };
  before(async () => {
    const r = await run('build', '--content', join(fixtures, 'lang', lang, 'content'), '--out', out);
    assert.equal(r.code, 0, r.stderr);
    Object.assign(result, { stdout: r.stdout, stderr: r.stderr });
  });
  return result;
}
const text = (path: string) => flatten(pdfText(path)).replace(/\u00ad/g, '');

/** The faces guidepress bundles (fonts.json), as pdffonts names them: nothing from the system. */
const bundled = /^[A-Z]{6}\+(SourceSerif4|SourceSans3|JetBrainsMono|NotoSansJP|NotoSansSC|NotoSansKR|NotoNaskhArabic|NotoSansHebrew|NotoColorEmoji)/;
function assertBundledFonts(path: string, expected: RegExp): void {
  const fonts = pdfFonts(path);
  assert.ok(fonts.length > 0, path);
  for (const font of fonts) {
    assert.match(font.name, bundled, `${path}: ${font.name} is no bundled face`);
    assert.ok(font.embedded, `${path}: ${font.name} is not embedded`);
  }
  assert.ok(fonts.some((f) => expected.test(f.name)), `${path}: no ${expected} in ${fonts.map((f) => f.name).join(', ')}`);
}

/** Kinsoku: the CJK marks that may not begin a line. */
const closingMarks = /^[。、，．：；！？」』）〕］｝〉》】ー・…ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ]/u;
function assertKinsoku(path: string): void {
  const lines = pdfLines(path).flat();
  assert.ok(lines.length > 5, path);
  for (const line of lines) assert.doesNotMatch(line, closingMarks, `${path}: a line starts with a closing mark: ${line}`);
}

/** A word as pdftotext reads it back from letter-spaced capitals (`P A R T I E 1`). */
const spaced = (word: string) => new RegExp([...word].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join(' ?'));

describe('a German guide', () => {
  const de = built('de', 'zuhoeren');
  test('prints guidepress’s own words in German', () => {
    const handout = text(join(de.dir, 'handout.pdf'));
    assert.match(handout, spaced('ANMERKUNGEN'));
    assert.doesNotMatch(handout, spaced('NOTES'));
    assert.match(handout, spaced('BILD NICHT EINGEBETTET'));
    const book = text(join(de.out, 'book', 'book.pdf'));
    for (const word of ['Inhalt', 'KAPITEL 1', 'Quelle', 'Erstellt', 'mit guidepress']) assert.match(book, new RegExp(word));
    for (const word of ['Contents', 'CHAPTER', 'Built']) assert.doesNotMatch(book, new RegExp(word));
    const deck = text(join(de.dir, 'deck.pdf'));
    assert.match(deck, /TEIL 1/);
    assert.match(deck, /GEWOHNHEIT 1 VON 3/);
    assert.doesNotMatch(deck, /PART|PRACTICE/);
    assert.match(text(join(de.dir, 'deck-notes.pdf')), /Notizen für den Vortrag/);
    const bookmarks = pdfOutline(join(de.dir, 'deck.pdf')).map((item) => item.title);
    assert.ok(bookmarks.some((title) => title.startsWith('Zitat: ')), bookmarks.join(' | '));
    assert.ok(!bookmarks.some((title) => /^(Quote|Closing):/.test(title)), bookmarks.join(' | '));
    const html = readFileSync(join(de.dir, 'deck.html'), 'utf8');
    assert.match(html, /<h2>Tasten<\/h2>/);
    assert.match(html, /"endOfDeck":"Ende der Präsentation"/);
  });
  test('quotes the German way: „…“ and ‚…‘', () => {
    const handout = text(join(de.dir, 'handout.pdf'));
    assert.match(handout, /„Ich wurde noch nie so oft gefragt, was ich denke\.“/);
    assert.match(handout, /‚psychologischer Sicherheit‘/);
    assert.match(text(join(de.dir, 'deck.pdf')), /„Ich wurde noch nie so oft gefragt/);
  });

  test('deck.md keeps its words whole (the slides are hyphenated as they render), and the deck reads German', () => {
    const markdown = readFileSync(join(de.dir, 'deck.md'), 'utf8');
    assert.match(markdown, /## Drei Gewohnheiten\n/);
    assert.doesNotMatch(markdown, /\u00ad/);
    // The lead-in's word names the practices; the quote ends in a German closing mark.
    assert.match(markdown, /###### Gewohnheit 2 von 3/);
    assert.match(markdown, /> Eine Kollegin sagte einmal: „Ich wurde noch nie so oft gefragt, was ich denke\.“\n/);
    assert.match(markdown, /--label-continues: "weiter"/);
  });
});

describe('a French guide', () => {
  const fr = built('fr', 'ecouter');
  test('prints guidepress’s own words in French', () => {
    assert.match(text(join(fr.dir, 'handout.pdf')), spaced('NOTES'));
    const book = text(join(fr.out, 'book', 'book.pdf'));
    for (const word of ['Table des matières', 'CHAPITRE 1', 'Produit']) assert.match(book, new RegExp(word));
    assert.match(text(join(fr.dir, 'deck.pdf')), spaced('PARTIE 1'));
    assert.match(text(join(fr.dir, 'deck.pdf')), spaced('HABITUDE 1 SUR 3'));
  });
  test('quotes the French way: « … » with narrow no-break spaces inside', () => {
    // Chromium's PDF gives the narrow space back as a plain one; the HTML it printed has it.
    assert.match(readFileSync(join(fr.dir, 'handout.html'), 'utf8').replace(/\u00ad/g, ''), /«\u202fOn ne m’a jamais autant demandé ce que je pense\.\u202f»/);
    assert.match(text(join(fr.dir, 'handout.pdf')), /« On ne m’a jamais autant demandé ce que je pense\. »/);
    assert.match(text(join(fr.dir, 'handout.pdf')), /“ sécurité psychologique ”/);
    assert.match(text(join(fr.dir, 'deck.pdf')), /« On ne m’a jamais/);
  });
});

describe('a Japanese guide', () => {
  const ja = built('ja', 'keicho');
  test('prints guidepress’s own words in Japanese', () => {
    assert.match(text(join(ja.dir, 'handout.pdf')), /注/);
    const book = text(join(ja.out, 'book', 'book.pdf'));
    for (const word of ['目次', '第1章', '聴くことで導く']) assert.match(book, new RegExp(word));
    assert.match(readFileSync(join(ja.dir, 'deck.html'), 'utf8'), /<h2>キー操作<\/h2>/);
  });
  test('warns of no hyphenation patterns: Japanese is not hyphenated', () => {
    assert.doesNotMatch(ja.stdout + ja.stderr, /hyphenation/i);
  });
  test('the deck splits Japanese sentences and quotes them with 「…」', () => {
    const deck = readFileSync(join(ja.dir, 'deck.md'), 'utf8');
    assert.match(deck, /> 「こんなに何度も意見を聞かれたのは初めてです。」\n/);
    assert.match(deck, /###### 第1部\n\n## 三つの習慣/);
    assert.match(deck, /###### 習慣 3／3/);
    assert.match(deck, /description: 'なぜ「良い質問」は答えに勝るのか'/);
    assert.match(deck, /--quote-open: "「"/);
    assert.doesNotMatch(deck, /[“”]/);
    assert.match(text(join(ja.dir, 'deck.pdf')), /こんなに何度も意見を聞かれたのは初めて/);
  });
  test('handout, deck and book are set in the bundled Noto Sans JP, every face embedded', () => {
    for (const path of [join(ja.dir, 'handout.pdf'), join(ja.dir, 'deck.pdf'), join(ja.dir, 'deck-notes.pdf'), join(ja.out, 'book', 'book.pdf')]) {
      assertBundledFonts(path, /NotoSansJP/);
      // Han characters shared with Chinese and Korean take the Japanese forms: no other CJK face.
      assert.ok(!pdfFonts(path).some((f) => /NotoSans(SC|KR)/.test(f.name)), path);
    }
  });
  test('no line starts with a closing mark (kinsoku)', () => {
    for (const path of [join(ja.dir, 'handout.pdf'), join(ja.dir, 'deck.pdf'), join(ja.out, 'book', 'book.pdf')]) assertKinsoku(path);
  });
  test('the handout carries only the subsets its text uses: a few hundred kilobytes', () => {
    const size = statSync(join(ja.dir, 'handout.pdf')).size;
    assert.ok(size < 400_000, `${size} bytes`);
  });
});

describe('a Chinese guide', () => {
  const zh = built('zh', 'qingting');
  test('is set in the bundled Noto Sans SC, with the Chinese labels, and breaks lines by kinsoku', () => {
    for (const path of [join(zh.dir, 'handout.pdf'), join(zh.dir, 'deck.pdf'), join(zh.out, 'book', 'book.pdf')]) {
      assertBundledFonts(path, /NotoSansSC/);
      assert.ok(!pdfFonts(path).some((f) => /NotoSans(JP|KR)/.test(f.name)), path);
      assertKinsoku(path);
    }
    assert.match(text(join(zh.dir, 'handout.pdf')), /注释/);
    assert.match(text(join(zh.out, 'book', 'book.pdf')), /目录/);
    assert.match(text(join(zh.dir, 'handout.pdf')), /“从来没有人这样频繁地问过我的想法。”/);
  });
  test('emphasis is marked with dots, not a slant the face does not have', () => {
    const html = readFileSync(join(zh.dir, 'handout.html'), 'utf8');
    assert.match(html, /<em>真正<\/em>/);
    assert.match(html, /:lang\(zh\) em \{ text-emphasis: filled dot;/);
    assert.ok(!pdfFonts(join(zh.dir, 'handout.pdf')).some((f) => /Italic/.test(f.name)));
  });
});

describe('a Korean guide', () => {
  const ko = built('ko', 'gyeongcheong');
  test('is set in the bundled Noto Sans KR', () => {
    for (const path of [join(ko.dir, 'handout.pdf'), join(ko.dir, 'deck.pdf'), join(ko.out, 'book', 'book.pdf')]) {
      assertBundledFonts(path, /NotoSansKR/);
      assert.ok(!pdfFonts(path).some((f) => /NotoSans(JP|SC)/.test(f.name)), path);
    }
  });
  test('breaks lines between words, never inside one (keep-all)', () => {
    const source = readFileSync(join(fixtures, 'lang', 'ko', 'content', 'guides', 'gyeongcheong.md'), 'utf8');
    const hangul = (word: string) => word.replace(/[^\p{Script=Hangul}]/gu, '');
    // The words of the source, a link's text apart from its URL, and of the date as the title block writes it.
    const prose = `${source.replace(/\]\([^)]*\)/g, ' ').replace(/[[\]]/g, '')} 2026년 3월 14일`;
    const words = new Set(prose.split(/\s+/).map(hangul).filter(Boolean));
    const lines = pdfWords(join(ko.dir, 'handout.pdf')).flatMap((page) => page.words.map((w) => hangul(w.text))).filter(Boolean);
    const broken = lines.filter((word) => !words.has(word));
    // The labels guidepress prints (주) are not in the source; nothing else may be missing.
    assert.deepEqual(broken.filter((w) => w !== '주'), []);
  });
});

describe('an Arabic guide', () => {
  const ar = built('ar', 'alistima');
  test('is set in the bundled Noto Naskh Arabic, and its text reads back', () => {
    for (const path of [join(ar.dir, 'handout.pdf'), join(ar.dir, 'deck.pdf'), join(ar.out, 'book', 'book.pdf')]) {
      assertBundledFonts(path, /NotoNaskhArabic/);
      assert.match(pdfText(path), /\p{Script=Arabic}{4}/u, path);
    }
    assert.match(readFileSync(join(ar.dir, 'handout.html'), 'utf8'), /<html lang="ar" dir="rtl">/);
    assert.match(readFileSync(join(ar.dir, 'deck.html'), 'utf8'), /<html lang="ar" dir="rtl">/);
  });
  test('runs right to left: the title and the text against the right margin, the code block left to right', () => {
    const [page] = pdfWords(join(ar.dir, 'handout.pdf'));
    const arabic = page!.words.filter((w) => /\p{Script=Arabic}/u.test(w.text));
    const right = Math.max(...arabic.map((w) => w.x1));
    const left = Math.min(...page!.words.map((w) => w.x0));
    // A4 with 34 mm margins: the text block runs from 96 pt to 499 pt.
    assert.ok(right > 480 && right < 505, `text ends at ${right}`);
    const title = page!.words.filter((w) => w.y0 === Math.min(...arabic.map((a) => a.y0)));
    assert.ok(Math.max(...title.map((w) => w.x1)) > 480, 'the title starts at the right');
    const code = page!.words.find((w) => w.text === 'const')!;
    assert.ok(code.x0 < left + 20, `the code starts at the left: ${code.x0}`);
  });
  test('the book mirrors its running heads: the book’s title at the top right, the section’s at the top left', () => {
    const pages = pdfWords(join(ar.out, 'book', 'book.pdf'));
    const head = (page: (typeof pages)[number]) => page.words.filter((w) => w.y1 < 70);
    const section = pages.find((p) => head(p).length > 0)!;
    const words = head(section);
    const mid = section.width / 2;
    // كتاب (book) is in the book's title, القيادة (leading) in the section's; pdftotext gives Arabic in visual order.
    const book = words.filter((w) => w.x0 > mid);
    const guide = words.filter((w) => w.x1 < mid);
    assert.ok(book.length > 0 && guide.length > 0, words.map((w) => w.text).join(' '));
    assert.ok(book.length >= 4, 'the book’s title (four words) is on the right');
  });
});

describe('a book of guides in several languages, with emoji', () => {
  const mixed = built('mixed', 'rituals');
  test('needs no system font: every face is bundled and embedded', () => {
    const book = join(mixed.out, 'book', 'book.pdf');
    assertBundledFonts(book, /NotoSansJP/);
    assertBundledFonts(book, /NotoNaskhArabic/);
    for (const slug of ['rituals', 'aizuchi', 'shura']) {
      for (const file of ['handout.pdf', 'deck.pdf']) assertBundledFonts(join(mixed.out, slug, file), /./);
    }
    assertKinsoku(book);
  });
  test('each section carries its own language and direction', () => {
    const html = readFileSync(join(mixed.out, 'book', 'book.html'), 'utf8');
    assert.match(html, /<html lang="en" dir="ltr">/);
    assert.match(html, /<article class="section guide" id="[^"]*" lang="ja" dir="ltr"/);
    assert.match(html, /<article class="section guide" id="[^"]*" lang="ar" dir="rtl"/);
  });
  test('emoji print in colour, not as blanks', () => {
    // The handout has no colour of its own but its blue accent: count the emoji's reds and yellows.
    for (const path of [join(mixed.dir, 'handout.pdf'), join(mixed.dir, 'deck.pdf')]) {
      const { rgb } = pdfPixels(path, path.endsWith('deck.pdf') ? 1 : 1, 60);
      let warm = 0;
      for (let i = 0; i + 2 < rgb.length; i += 3) if (rgb[i]! > 200 && rgb[i + 2]! < 90 && rgb[i]! - rgb[i + 2]! > 130) warm++;
      assert.ok(warm > 40, `${path}: ${warm} warm pixels`);
    }
  });
});

describe("a user's own label table", () => {
  const out = tempDir('lang-user');
  const templates = tempDir('lang-user-templates');
  before(async () => {
    mkdirSync(join(templates, 'labels'));
    writeFileSync(join(templates, 'labels', 'de.json'), JSON.stringify({ notes: 'Fußnoten' }));
    const r = await run('build', '--content', join(fixtures, 'lang', 'de', 'content'), '--out', out, '--only', 'handout', '--templates', templates);
    assert.equal(r.code, 0, r.stderr);
  });
  test('overrides one word of the bundled German table', () => {
    const handout = text(join(out, 'zuhoeren', 'handout.pdf'));
    assert.match(handout, spaced('FUSSNOTEN'));
    assert.doesNotMatch(handout, spaced('ANMERKUNGEN'));
  });
});
