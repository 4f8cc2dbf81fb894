/**
 * The large-book benchmark (`npm run bench`): a generated book of 60 guides and some 120,000 words
 * with images, built in one run with one browser. It records the time of each stage and the peak
 * memory of Node and of Chromium, then compares the two ways of printing a long book: one print of
 * the whole document, or one print per chapter merged with pdf-lib. Results go to stdout and to
 * dist/bench/book.json.
 *
 *   npm run bench                 60 guides of 2,000 words
 *   npm run bench -- 20 1000      20 guides of 1,000 words
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { buildBook } from '../src/book/index.js';
import { parseManifest } from '../src/book/manifest.js';
import { bookParts, type Layout, renderBookHtml } from '../src/book/render.js';
import { renderSections } from '../src/book/sections.js';
import { resolveConfig } from '../src/config.js';
import { findGuides } from '../src/content/find.js';
import { loadGuide } from '../src/content/guide.js';
import { readContentFile } from '../src/content/load.js';
import { printDocument } from '../src/shared/pdf.js';
import { BrowserSession } from '../src/session.js';
import { generateBook } from './generate.js';
import { ProcessTreeSampler } from './memory.js';

const [guideCount = 60, wordsPerGuide = 2000] = process.argv.slice(2).map(Number);
const work = mkdtempSync(join(tmpdir(), 'gp-bench-'));
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const seconds = (ms: number) => Math.round(ms / 100) / 10;

const session = new BrowserSession();
try {
  const generated = generateBook(work, { guides: guideCount, words: wordsPerGuide });
  const config = resolveConfig({ contentDir: generated.contentDir, outDir: join(work, 'dist'), only: ['book'] });
  console.log(`Generated ${generated.guides} guides, ${generated.words.toLocaleString('en')} words, ${generated.images} images in ${work}`);

  // Parse every guide once, as build() does.
  let t = performance.now();
  const guides = await Promise.all((await findGuides(generated.contentDir)).map((entry) => loadGuide(entry)));
  const parseMs = performance.now() - t;

  const browser = await session.get();
  const chromium = new ProcessTreeSampler(browser.process()?.pid);

  // The build as `guidepress build --only book` runs it: render, print until the numbers settle, write.
  t = performance.now();
  chromium.reset();
  const result = await buildBook(guides, config, session, join(work, 'dist/book'));
  const buildMs = performance.now() - t;
  const buildPeak = chromium.peak();
  if (!result.book || result.written.length === 0) throw new Error(`The book was not built:\n${result.file?.messages.join('\n')}`);
  const pdfPath = result.written.find((w) => w.path.endsWith('.pdf'))!.path;
  const pdf = await PDFDocument.load(readFileSync(pdfPath), { updateMetadata: false });
  const pages = pdf.getPageCount();

  // The two strategies, timed alone on the same HTML: one long print, or a print per chapter merged.
  const file = await readContentFile(join(generated.contentDir, 'book.yaml'));
  const book = parseManifest(file, guides)!;
  const sections = (await renderSections(book, guides, { contentDir: resolve(generated.contentDir) }))!;
  const options = { paper: config.paper, duplex: false, date: new Date(0) };
  const parts = bookParts(book, sections, { ...options, contentDir: generated.contentDir });
  const layout: Layout = { pages: new Map(), blankBefore: new Set() };

  const onePrint = async () => {
    await printDocument(browser, renderBookHtml(parts, layout, options));
  };
  const perChapter = async () => {
    const merged = await PDFDocument.create();
    for (const chapter of book.chapters) {
      // Each part repeats the cover, title page and contents; only the chapter's own pages are kept.
      const part = renderBookHtml({ ...parts, book: { ...book, chapters: [chapter] } }, layout, options);
      const printed = await PDFDocument.load((await printDocument(browser, part)).pdf);
      const keep = printed.getPageIndices().slice(3);
      for (const page of await merged.copyPages(printed, keep)) merged.addPage(page);
    }
    await merged.save();
  };
  // Each strategy twice, alternating, keeping the faster run: a busy machine slows one run, not both.
  const timings = { one: [] as number[], parts: [] as number[], onePeak: 0, partsPeak: 0 };
  for (let round = 0; round < 2; round++) {
    t = performance.now();
    chromium.reset();
    await onePrint();
    timings.one.push(performance.now() - t);
    timings.onePeak = Math.max(timings.onePeak, chromium.peak());
    t = performance.now();
    chromium.reset();
    await perChapter();
    timings.parts.push(performance.now() - t);
    timings.partsPeak = Math.max(timings.partsPeak, chromium.peak());
  }
  const oneMs = Math.min(...timings.one);
  const onePeak = timings.onePeak;
  const partsMs = Math.min(...timings.parts);
  const partsPeak = timings.partsPeak;

  const report = {
    guides: generated.guides,
    words: generated.words,
    images: generated.images,
    pages,
    prints: result.prints,
    parseSeconds: seconds(parseMs),
    buildSeconds: seconds(buildMs),
    buildChromiumPeakMB: mb(buildPeak),
    nodePeakMB: mb(process.resourceUsage().maxRSS * 1024),
    onePrint: { seconds: seconds(oneMs), chromiumPeakMB: mb(onePeak) },
    perChapterMerged: { prints: book.chapters.length, seconds: seconds(partsMs), chromiumPeakMB: mb(partsPeak), note: 'without re-linking bookmarks and links across parts' },
    chromiumMemory: chromium.available ? 'proportional set size of Chromium and its child processes, summed, sampled every 100 ms' : 'not measured on this platform',
  };
  console.log(`
  book            ${report.pages} pages from ${report.guides} guides, ${report.words.toLocaleString('en')} words, ${report.images} images
  parse           ${report.parseSeconds} s (every guide, once)
  build           ${report.buildSeconds} s, ${report.prints} prints to settle the contents' page numbers
  peak memory     Node ${report.nodePeakMB} MB, Chromium ${report.buildChromiumPeakMB} MB
  one print       ${report.onePrint.seconds} s, Chromium peak ${report.onePrint.chromiumPeakMB} MB
  ${report.perChapterMerged.prints} prints merged ${report.perChapterMerged.seconds} s, Chromium peak ${report.perChapterMerged.chromiumPeakMB} MB (before any re-linking)
`);
  const outDir = resolve('dist/bench');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'book.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`  wrote ${join('dist/bench', 'book.json')}`);
  chromium.stop();
} finally {
  await session.close();
  rmSync(work, { recursive: true, force: true });
}
