import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { run } from '../helpers/cli.js';
import { flatten, pdfLinks, pdfOutline, pdfPages, pdfText } from '../helpers/pdf.js';
import { tempDir } from '../helpers/tmp.js';

const guides = 40;
const perChapter = 10;
const number = (n: number) => String(n).padStart(2, '0');
const sentence = 'A design review is most useful before the design is finished, while changing it is still cheap, and the people who will live with it can still say so.';

/**
 * A book of 40 short guides in four chapters, long enough that its contents runs over two pages:
 * guides of 100 to 1,000 words, so sections take one to three pages and their starts are uneven.
 */
function writeBook(dir: string): void {
  mkdirSync(join(dir, 'guides'), { recursive: true });
  for (let n = 1; n <= guides; n++) {
    const words = 100 + (n % 4) * 300;
    const paragraphs = Array.from({ length: Math.ceil(words / 100) }, () => Array.from({ length: 4 }, () => sentence).join(' '));
    const front = `---\ntitle: Field note ${number(n)}\nauthor: Writer ${n}\nsource: https://notes.example.org/g${number(n)}\n---\n\n`;
    writeFileSync(join(dir, `guides/note-${number(n)}.md`), `${front}${paragraphs.join('\n\n')}\n`);
  }
  const chapters = Array.from({ length: guides / perChapter }, (_, c) =>
    `  - title: Part ${c + 1}\n    sections:\n${Array.from({ length: perChapter }, (_, s) => `      - slug: note-${number(c * perChapter + s + 1)}\n`).join('')}`);
  writeFileSync(join(dir, 'book.yaml'), `title: Forty field notes\nauthor: The Fixture Collective\nchapters:\n${chapters.join('')}`);
}

const lines = (page: string) => page.split('\n').map((l) => l.trim()).filter(Boolean);

describe('a book whose contents runs over two pages, printed once', () => {
  const dir = tempDir('book-contents');
  const out = join(dir, 'out');
  const pdf = join(out, 'book/book.pdf');
  let stderr = '';
  let pages: string[];
  /** The contents' pages (1-based) and the number it gives for each chapter (`Part N`) and section (`Field note NN`). */
  let contentsPages: number[];
  const numbers = new Map<string, number>();

  before(async () => {
    writeBook(join(dir, 'content'));
    const result = await run('build', '--content', join(dir, 'content'), '--out', out, '--only', 'book', '--verbose');
    assert.equal(result.code, 0, result.stderr);
    stderr = result.stdout + result.stderr;
    pages = pdfPages(pdf).map((_, i) => pdfText(pdf, i + 1));
    contentsPages = [];
    pages.forEach((page, i) => {
      let found = false;
      for (const line of lines(page)) {
        const section = /^(Field note \d\d) Writer \d+\s+(\d+)$/.exec(line);
        const chapter = /^\d+\s+(Part \d+)\s+(\d+)$/.exec(line);
        const entry = section ?? chapter;
        if (entry) {
          numbers.set(entry[1]!, Number(entry[2]));
          found = true;
        }
      }
      if (found) contentsPages.push(i + 1);
    });
  });

  test('the contents runs over pages 3 and 4, and names every chapter and section', () => {
    assert.deepEqual(contentsPages, [3, 4]);
    assert.equal(numbers.size, guides + guides / perChapter, [...numbers.keys()].join(', '));
  });

  test('each number is the page its chapter or section starts on (read from the pages themselves)', () => {
    for (let c = 1; c <= guides / perChapter; c++) {
      const n = numbers.get(`Part ${c}`)!;
      assert.deepEqual(lines(pages[n - 1]!).slice(0, 2), [`CHAPTER ${c}`, `Part ${c}`], `page ${n} opens chapter ${c}`);
      assert.ok(!pages[n - 2]!.includes(`CHAPTER ${c}`), `chapter ${c} does not open before page ${n}`);
    }
    for (let g = 1; g <= guides; g++) {
      const n = numbers.get(`Field note ${number(g)}`)!;
      // The title block, with the guide's source, is on its first page only.
      const source = `notes.example.org/g${number(g)}`;
      assert.ok(flatten(pages[n - 1]!).includes(`Field note ${number(g)} Writer ${g}`), `page ${n} has the title block of note ${g}`);
      assert.ok(pages[n - 1]!.includes(source), `page ${n} has the source of note ${g}`);
      assert.ok(!pages[n - 2]!.includes(source), `note ${g} does not start before page ${n}`);
    }
  });

  test('the contents\' links and the bookmarks land where the contents says', async () => {
    const fromContents = (await pdfLinks(pdf)).filter((l) => contentsPages.includes(l.page)).map((l) => l.destPage).sort((a, b) => a! - b!);
    assert.deepEqual(fromContents, [...numbers.values()].sort((a, b) => a - b));
    const outline = pdfOutline(pdf);
    assert.equal(outline[0]!.title, 'Contents');
    assert.equal(outline[0]!.page, 3);
    for (const chapter of outline.slice(1)) {
      assert.equal(chapter.page, numbers.get(chapter.title), chapter.title);
      for (const section of chapter.kids) assert.equal(section.page, numbers.get(section.title), section.title);
    }
  });

  test('the whole book is printed once: then only the front matter, with the numbers', () => {
    assert.match(stderr, /book: print 1\n/);
    assert.match(stderr, /book: print \(contents\)\n/);
    assert.doesNotMatch(stderr, /print 2/);
  });
});
