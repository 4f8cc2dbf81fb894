import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { run } from '../helpers/cli.js';
import { fixtures } from '../helpers/guide.js';
import { flatten, type OutlineItem, pdfFonts, pdfInfo, pdfLinks, pdfOutline, pdfPages, pdfText } from '../helpers/pdf.js';
import { tempDir } from '../helpers/tmp.js';

const content = join(fixtures, 'book/content');
const bookTitle = 'The Field Guide to Staff Work';

/** The fixture book as book.yaml lays it out, with each guide's `##` headings. */
const chapters = [
  {
    title: 'Foundations',
    sections: [
      { id: 'what-staff-engineers-do', title: 'What do staff engineers actually do?', author: 'Ada Fixture', headings: ['Setting direction', 'Mentorship and sponsorship', 'Providing engineering perspective', 'Exploration'] },
      { id: 'staff-archetypes', title: 'Four shapes of the role', author: 'Ada Fixture', headings: ['The tech lead', 'The architect', 'The solver', 'The right hand'] },
    ],
  },
  {
    title: 'Strategy and quality',
    sections: [
      { id: 'writing-engineering-strategy', title: 'Writing an engineering strategy', author: 'Bo Example', headings: ['Start with design documents', 'Synthesize the strategy', 'Extrapolate a vision'] },
      { id: 'managing-technical-quality', title: 'Managing technical quality', author: 'Bo Example', headings: ['Hot spots first', 'Best practices, then leverage points', 'Measure what you improve'] },
    ],
  },
  {
    title: 'Stories',
    sections: [
      { id: 'keavy', title: 'Keavy McMinn: sponsorship and scope', author: 'Ada Fixture', headings: ['How do you spend your time?', 'Have you benefited from a sponsor?'] },
      { id: 'diana', title: 'Diana Pojar: from consultant to staff engineer', author: 'Bo Example', headings: ['Before the title', 'The first cross-team project', 'Being sponsored', 'Advice for those on the way', 'Resources'] },
    ],
  },
];
const sections = chapters.flatMap((c) => c.sections);

/** Page text as laid out (margin boxes on the first line), index 0 = page 1. */
function layoutPages(pdf: string): string[] {
  return pdfPages(pdf).map((_, i) => pdfText(pdf, i + 1));
}
const lines = (page: string) => page.split('\n').map((l) => l.trim()).filter(Boolean);
/** The page's running head: its first line, when that line starts with the book's title or ends with a section's. */
function runningHead(page: string): string | undefined {
  const first = lines(page)[0] ?? '';
  const ofSection = sections.some((s) => first.endsWith(s.title) && first !== s.title);
  return first.startsWith(bookTitle) || ofSection ? first.replace(/\s+/g, ' ') : undefined;
}

/** Read the contents page: the number printed after each chapter and section title. */
function contentsNumbers(pages: string[]): { contentsPage: number; numbers: Map<string, number> } {
  const index = pages.findIndex((p) => lines(p)[0] === 'Contents');
  assert.ok(index >= 0, 'a page starts with "Contents"');
  const numbers = new Map<string, number>();
  for (const line of lines(pages[index]!)) {
    for (const title of [...chapters.map((c) => c.title), ...sections.map((s) => s.title)]) {
      const m = new RegExp(`^(?:\\d+\\s+)?${title.replace(/[?.*+()]/g, '\\$&')}(?:\\s+[A-Z][a-z]+ [A-Z][a-z]+)?\\s+(\\d+)$`).exec(line);
      if (m) numbers.set(title, Number(m[1]));
    }
  }
  return { contentsPage: index + 1, numbers };
}

/** Check that every contents number is the page where its chapter or section starts, read from the pages' text. */
function assertContentsTrue(pages: string[], numbers: Map<string, number>): void {
  assert.equal(numbers.size, chapters.length + sections.length, `every chapter and section has a number: ${[...numbers.keys()].join(' | ')}`);
  chapters.forEach((chapter, c) => {
    const n = numbers.get(chapter.title)!;
    const page = lines(pages[n - 1]!);
    assert.equal(page[0], `CHAPTER ${c + 1}`, `page ${n} opens chapter ${c + 1}`);
    assert.equal(page[1], chapter.title);
    assert.ok(!pages[n - 2]!.includes(`CHAPTER ${c + 1}`), `chapter ${c + 1} does not start before page ${n}`);
  });
  for (const section of sections) {
    const n = numbers.get(section.title)!;
    assert.ok(flatten(pages[n - 1]!).includes(`${section.title} ${section.author}`), `page ${n} has the title block of "${section.title}"`);
    assert.ok(!(runningHead(pages[n - 2]!) ?? '').endsWith(section.title), `"${section.title}" does not start before page ${n}`);
  }
}

/** First and last page of each section, from the contents: it runs up to the next start. */
function sectionRanges(numbers: Map<string, number>, pageCount: number): Map<string, [number, number]> {
  const starts = [...chapters.map((c) => numbers.get(c.title)!), ...sections.map((s) => numbers.get(s.title)!)].sort((a, b) => a - b);
  return new Map(sections.map((s) => {
    const start = numbers.get(s.title)!;
    const next = starts.find((p) => p > start) ?? pageCount + 1;
    return [s.title, [start, next - 1]];
  }));
}

function flat(items: OutlineItem[]): OutlineItem[] {
  return items.flatMap((i) => [i, ...flat(i.kids)]);
}

describe('the fixture book: six guides in three chapters, one-sided', () => {
  const out = tempDir('book');
  const pdf = join(out, 'book/book.pdf');
  let pages: string[];
  let numbers: Map<string, number>;
  let contentsPage: number;

  before(async () => {
    const epoch = process.env.SOURCE_DATE_EPOCH;
    process.env.SOURCE_DATE_EPOCH = '1767225600'; // 2026-01-01
    try {
      const result = await run('build', '--content', content, '--out', out, '--only', 'handout,book');
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /wrote .*book\/book\.pdf/);
    } finally {
      if (epoch === undefined) delete process.env.SOURCE_DATE_EPOCH;
      else process.env.SOURCE_DATE_EPOCH = epoch;
    }
    pages = layoutPages(pdf);
    ({ numbers, contentsPage } = contentsNumbers(pages));
  });

  test('the contents gives the real pages: each number is where its chapter or section starts', () => {
    assertContentsTrue(pages, numbers);
    assert.equal(contentsPage, 3, 'cover, title page, contents');
  });

  test('the cover and the title page carry no number and no running head; every other page its own number', () => {
    for (const n of [1, 2]) {
      // The book's title is there once, as the title; a running head would repeat it.
      assert.equal(flatten(pages[n - 1]!).split(bookTitle).length - 1, 1, `page ${n} has no running head`);
      assert.ok(!lines(pages[n - 1]!).some((l) => /^\d+$/.test(l)), `page ${n} has no page number`);
    }
    assert.match(lines(pages[0]!).join(' '), /^FIELD GUIDES The Field Guide to Staff Work Six guides on scope/);
    for (let n = contentsPage; n <= pages.length; n++) assert.equal(lines(pages[n - 1]!).at(-1), String(n), `page ${n} is numbered ${n}`);
  });

  test('running heads: the book on one side, the section of that very page on the other; none on the contents or chapter openings', () => {
    const ranges = sectionRanges(numbers, pages.length);
    const chapterPages = new Set(chapters.map((c) => numbers.get(c.title)!));
    for (let n = contentsPage; n <= pages.length; n++) {
      const head = runningHead(pages[n - 1]!);
      const owner = [...ranges].find(([, [a, b]]) => n >= a && n <= b)?.[0];
      if (n === contentsPage || chapterPages.has(n)) {
        assert.equal(head, undefined, `page ${n} has no running head`);
        continue;
      }
      assert.ok(owner, `page ${n} belongs to a section`);
      assert.equal(head, `${bookTitle} ${owner}`, `page ${n}`);
    }
    assert.ok([...ranges.values()].some(([a, b]) => b > a), 'some section runs over more than one page');
  });

  test('bookmarks nest chapter > section > heading, and land where the contents says', () => {
    const outline = pdfOutline(pdf);
    assert.deepEqual(outline.map((o) => o.title), ['Contents', ...chapters.map((c) => c.title)]);
    assert.equal(outline[0]!.page, contentsPage);
    chapters.forEach((chapter, c) => {
      const item = outline[c + 1]!;
      assert.equal(item.page, numbers.get(chapter.title));
      assert.deepEqual(item.kids.map((k) => k.title), chapter.sections.map((s) => s.title));
      chapter.sections.forEach((section, s) => {
        const kid = item.kids[s]!;
        assert.equal(kid.page, numbers.get(section.title), section.title);
        assert.deepEqual(kid.kids.map((k) => k.title).filter((t) => t !== 'Notes'), section.headings, `headings of ${section.title}`);
      });
    });
  });

  test('every internal link lands on the right page: the contents, and links between guides and to headings', async () => {
    const links = await pdfLinks(pdf);
    for (const link of links) assert.ok(link.uri !== undefined || (link.destPage !== undefined && link.destPage >= 1), `a link on page ${link.page} goes nowhere`);
    const fromContents = links.filter((l) => l.page === contentsPage).map((l) => l.destPage).sort((a, b) => a! - b!);
    assert.deepEqual(fromContents, [...numbers.values()].sort((a, b) => a - b));

    const ranges = sectionRanges(numbers, pages.length);
    const headingPage = new Map(flat(pdfOutline(pdf)).map((o) => [o.title, o.page]));
    const start = (id: string) => numbers.get(sections.find((s) => s.id === id)!.title)!;
    const expect = (from: string, to: number, what: string) => {
      const [a, b] = ranges.get(sections.find((s) => s.id === from)!.title)!;
      assert.ok(links.some((l) => l.page >= a && l.page <= b && l.destPage === to), `${what}: no link in pages ${a}-${b} lands on page ${to}`);
    };
    expect('what-staff-engineers-do', start('writing-engineering-strategy'), '/guides/writing-strategy (the url\'s last segment)');
    expect('what-staff-engineers-do', start('staff-archetypes'), 'staff-archetypes.md');
    expect('what-staff-engineers-do', start('keavy'), '/stories/keavy-mcminn in a footnote');
    expect('staff-archetypes', headingPage.get('Exploration')!, 'what-staff-engineers-do.md#exploration');
    expect('writing-engineering-strategy', headingPage.get('The tech lead')!, 'staff-archetypes.md#the-tech-lead');
    expect('writing-engineering-strategy', start('managing-technical-quality'), 'managing-technical-quality.md');
    expect('keavy', start('what-staff-engineers-do'), '/guides/what-do-staff-engineers-do/ with a trailing slash');
    expect('diana', start('staff-archetypes'), '/guides/staff-archetypes');
    expect('diana', headingPage.get('Synthesize the strategy')!, 'writing-engineering-strategy.md#synthesize-the-strategy');
  });

  test('external links stay clickable and are noted at the end of their section; site links go to baseUrl', async () => {
    const uris = new Set((await pdfLinks(pdf)).map((l) => l.uri).filter(Boolean));
    for (const uri of ['https://guides.example.org/about', 'https://guides.example.org/guides/onboarding', 'https://guides.example.org/stories', 'https://essays.example.net/quality-owners', 'https://www.fastly.com/blog']) {
      assert.ok(uris.has(uri), `${uri} is not a link: ${[...uris].join(' ')}`);
    }
    for (const uri of uris) assert.match(uri!, /^https:\/\//, `${uri} is not absolute`);
    const ranges = sectionRanges(numbers, pages.length);
    const within = (title: string) => {
      const [a, b] = ranges.get(title)!;
      return flatten(pages.slice(a - 1, b).join('\n'));
    };
    assert.match(within('Managing technical quality'), /N ?O ?T ?E ?S 1\. https:\/\/guides\.example\.org\/guides\/onboarding 2\. https:\/\/essays\.example\.net\/quality-owners/);
    assert.match(within('What do staff engineers actually do?'), /N ?O ?T ?E ?S 1\. Scope is the word most career ladders use/);
    assert.doesNotMatch(within('Keavy McMinn: sponsorship and scope'), /Scope is the word/);
  });

  test('title page: where the guides come from, its URL, and the build date from SOURCE_DATE_EPOCH; metadata', () => {
    const title = flatten(pages[1]!);
    assert.match(title, /Source Field Guides Online guides\.example\.org Built January 1, 2026 with guidepress \d+\.\d+\.\d+/);
    const info = pdfInfo(pdf);
    assert.equal(info.Title, bookTitle);
    assert.equal(info.Author, 'The Fixture Collective');
    assert.match(info.CreationDate!, /2026/);
    assert.equal(info.Tagged, 'yes');
  });

  test('images (the cover, a relative one, one from static/), epigraph, practices, pull quote, and no script', () => {
    const images = execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' }).trim().split('\n').slice(2);
    assert.deepEqual(images.map((l) => l.trim().split(/\s+/).slice(0, 5).join(' ')), [
      '1 0 image 300 200',
      `${numbers.get('Four shapes of the role')} 1 image 240 160`,
      `${numbers.get('Writing an engineering strategy')} 2 image 240 160`,
    ]);
    const html = readFileSync(join(out, 'book/book.html'), 'utf8');
    assert.match(html, /<figure class="epigraph">/);
    assert.match(html, /<ol class="practices">/);
    assert.match(html.replace(/\u00ad/g, ''), /<div class="pull">Quality is not a project/);
    assert.doesNotMatch(html, /<script|must never be printed/);
    const text = flatten(pages.join('\n'));
    assert.match(text, /— Imogen Placeholder/);
    assert.match(text, /Write down which archetype you are being asked to be\./);
    assert.doesNotMatch(text, /must never be printed/);
  });

  test('every font is embedded, the bundled faces among them', () => {
    const fonts = pdfFonts(pdf);
    for (const font of fonts) assert.ok(font.embedded, `${font.name} is not embedded`);
    assert.ok(fonts.some((f) => /SourceSerif4/.test(f.name)) && fonts.some((f) => /SourceSans3/.test(f.name)));
  });

  test('a guide that is not in the book is still built as a handout', () => {
    assert.ok(existsSync(join(out, 'onboarding/handout.pdf')));
    assert.match(flatten(pdfPages(join(out, 'onboarding/handout.pdf')).join(' ')), /This guide is not in the book/);
  });

  describe('a manifest with mistakes: positioned errors, exit 1, the earlier book untouched', () => {
    const broken = async (edit: (yaml: string) => string) => {
      const dir = tempDir('book-bad');
      cpSync(content, dir, { recursive: true });
      writeFileSync(join(dir, 'book.yaml'), edit(readFileSync(join(content, 'book.yaml'), 'utf8')));
      const before = createHash('sha256').update(readFileSync(pdf)).digest('hex');
      const result = await run('build', '--content', dir, '--out', out, '--only', 'book');
      assert.equal(createHash('sha256').update(readFileSync(pdf)).digest('hex'), before, 'book.pdf is as it was');
      assert.equal(result.code, 1, result.stderr);
      return { ...result, path: join(dir, 'book.yaml') };
    };

    test('a slug that names no guide, with the closest slugs', async () => {
      const { stderr, path } = await broken((y) => y.replace('slug: staff-archetypes', 'slug: staff-archetype'));
      assert.match(stderr, new RegExp(`${path}\\n12:15 +error +No guide has the slug \`staff-archetype\`: did you mean \`staff-archetypes\`\\? +book-slug`));
    });

    test('YAML that does not parse', async () => {
      const { stderr, path } = await broken((y) => y.replace('title: Foundations', 'title: "Foundations'));
      assert.match(stderr, new RegExp(`${path}\\n\\d+:\\d+ +error +book\\.yaml is not valid YAML: .+ +book-yaml`));
      assert.doesNotMatch(stderr, new RegExp(`${path}\\n1:1 `));
    });

    test('a cover image that is not there', async () => {
      const { stderr, path } = await broken((y) => y.replace('cover: /images/cover.png', 'cover: /images/covr.png'));
      assert.match(stderr, new RegExp(`${path}\\n7:8-7:24 +error +Cannot find image \`/images/covr\\.png\``));
    });

    test('no chapters', async () => {
      const { stderr, path } = await broken((y) => y.replace(/^chapters:[\s\S]*/m, 'chapters:\n'));
      assert.match(stderr, new RegExp(`${path}\\n8:1 +error +book\\.yaml lists no chapters`));
    });

    test('a guide in the book with a content error: the guide\'s error, and the book says why it was not built', async () => {
      const dir = tempDir('book-bad-guide');
      cpSync(content, dir, { recursive: true });
      const guide = join(dir, 'guides/staff-archetypes.md');
      writeFileSync(guide, readFileSync(guide, 'utf8').replace('img/archetypes.png', 'img/missing.png'));
      const result = await run('build', '--content', dir, '--out', out, '--only', 'book');
      assert.equal(result.code, 1);
      assert.match(result.stderr, /Cannot find image `img\/missing\.png` +missing-image/);
      assert.match(result.stderr, /12:15 +error +The book is not built: the guide `staff-archetypes` has errors +book-guide/);
    });
  });
});

describe('the fixture book, duplex: chapters and sections open on right-hand pages', () => {
  const out = tempDir('book-duplex');
  const pdf = join(out, 'book/book.pdf');
  let pages: string[];
  let numbers: Map<string, number>;

  before(async () => {
    const result = await run('build', '--content', content, '--out', out, '--only', 'book', '--duplex');
    assert.equal(result.code, 0, result.stderr);
    pages = layoutPages(pdf);
    ({ numbers } = contentsNumbers(pages));
  });

  test('every chapter and section starts on an odd page, and the contents says which', () => {
    assertContentsTrue(pages, numbers);
    for (const [title, n] of numbers) assert.equal(n % 2, 1, `${title} starts on page ${n}`);
    assert.equal(lines(pages[2]!)[0], bookTitle, 'the title page is page 3, behind the cover');
    assert.equal(lines(pages[4]!)[0], 'Contents', 'the contents start on page 5');
  });

  test('the pages put in to get there are blank: no text, no number, no running head', () => {
    const blanks = pages.map((p, i) => [i + 1, p] as const).filter(([, p]) => lines(p).length === 0).map(([n]) => n);
    assert.ok(blanks.length >= 4, `blank pages: ${blanks.join(', ')}`);
    for (const n of blanks) assert.equal(n % 2, 0, `blank page ${n} is a left-hand page`);
  });

  test('left pages carry the book\'s title and their number on the left; right pages the section\'s title', () => {
    const ranges = sectionRanges(numbers, pages.length);
    let left = 0;
    let right = 0;
    for (const [title, [a, b]] of ranges) {
      for (let n = a; n <= b; n++) {
        const page = lines(pages[n - 1]!);
        if (page.length === 0) continue;
        if (n % 2 === 0) {
          left += 1;
          assert.equal(page[0], bookTitle, `page ${n}`);
          assert.match(pages[n - 1]!.split('\n').filter((l) => l.trim()).at(-1)!, new RegExp(`^\\s{0,12}${n}\\s*$`), `page ${n}'s number is on the left`);
        } else {
          right += 1;
          assert.equal(page[0], title, `page ${n}`);
          assert.match(pages[n - 1]!.split('\n').filter((l) => l.trim()).at(-1)!, new RegExp(`\\s{20,}${n}$`), `page ${n}'s number is on the right`);
        }
      }
    }
    assert.ok(left > 0 && right > 0, `${left} left and ${right} right pages`);
  });
});
