import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { VFile } from 'vfile';
import type { Config } from '../config.js';
import { readContentFile } from '../content/load.js';
import type { Guide } from '../content/guide.js';
import { contentError, hasErrors } from '../errors.js';
import { type Written, writeArtifact } from '../output.js';
import { diagramCacheDir, diagramRenderer } from '../shared/diagrams.js';
import { printImageScaler } from '../shared/images.js';
import { buildDate, printDocument, setPdfMetadata } from '../shared/pdf.js';
import type { BrowserSession } from '../session.js';
import { type Book, parseManifest } from './manifest.js';
import { paginate } from './paginate.js';
import { bookParts, renderBookHtml } from './render.js';
import { renderSections } from './sections.js';

export { parseManifest, type Book, type BookChapter, type BookSection } from './manifest.js';
export { paginate } from './paginate.js';

export interface BookResult {
  /** The manifest, with its messages; undefined when the content folder has no `book.yaml`. */
  file?: VFile;
  written: Written[];
  book?: Book;
  /** How many times the whole book was printed to settle its page numbers (1 unless the body moved). */
  prints?: number;
  /** How many times the front matter alone was printed, with the numbers, to be spliced in. */
  frontPrints?: number;
}

/**
 * The book: `content/book.yaml` names guides (already loaded, parsed once for every output) in
 * chapters; they are set in one document and printed with the run's browser to `book.html` and
 * `book.pdf` in `dir`. A problem in the manifest or in one of its guides leaves earlier outputs as
 * they were and is reported on the files.
 */
export async function buildBook(guides: Guide[], config: Config, session: BrowserSession, dir: string, onPhase?: (phase: string) => void): Promise<BookResult> {
  const started = performance.now();
  const contentDir = resolve(config.contentDir);
  const path = join(contentDir, 'book.yaml');
  if (!existsSync(path)) return { written: [] };
  const file = await readContentFile(path);
  if (hasErrors(file)) return { file, written: [] };
  const book = parseManifest(file, guides);
  if (!book) return { file, written: [] };

  const renderDiagram = diagramRenderer(session, { cacheDir: diagramCacheDir(resolve(config.outDir)), templatesDir: config.templatesDir });
  const scaleImage = await printImageScaler(config, session);
  onPhase?.('sections');
  const sections = await renderSections(book, guides, { contentDir, codeTheme: config.code.theme, renderDiagram, scaleImage, templatesDir: config.templatesDir });
  if (!sections) {
    for (const section of book.chapters.flatMap((c) => c.sections)) {
      if (hasErrors(section.guide.file)) {
        contentError(file, `The book is not built: the guide \`${section.guide.slug}\` has errors`, section.place?.start, 'book-guide');
      }
    }
    return { file, written: [], book };
  }
  const date = buildDate();
  const options = { paper: config.paper, duplex: config.duplex, templatesDir: config.templatesDir, date };
  const parts = await bookParts(book, sections, { ...options, contentDir, scaleImage });
  if (hasErrors(file)) return { file, written: [], book };

  // One long print of the whole book, not a print per chapter merged with pdf-lib. Measured with
  // `npm run bench` (60 guides, 123,000 words, 60 images, 312 A4 pages, 2 cores): one print took
  // 7.2 to 9.9 s with Chromium peaking near 670 MB; six chapter prints merged took 7.3 to 11.6 s
  // and peaked near 460 MB, before re-linking anything. Merging saves memory only, and would have
  // to rebuild the links, named destinations, bookmarks and page numbers across parts that one
  // print gets right.
  const browser = await session.get();
  const ids = book.chapters.flatMap((c) => [c.id, ...c.sections.map((s) => s.id)]);
  let passes = 0;
  const { document, headings, html, prints, frontPrints } = await paginate(
    (layout, part) => renderBookHtml(parts, layout, options, part),
    (source, part) => {
      onPhase?.(part === 'front' ? 'print (contents)' : `print ${++passes}${passes > 1 ? ' (page numbers)' : ''}`);
      // The whole book is the run's largest document: its page is closed after the print, so that
      // its renderer's memory is not held beside the PDF work that follows (the front matter is small).
      return printDocument(browser, source, { large: part !== 'front' });
    },
    ids,
    config.duplex,
  );
  onPhase?.('metadata');
  const keywords = [...new Set(book.chapters.flatMap((c) => c.sections.flatMap((s) => s.guide.meta.keywords)))];
  const pdf = await setPdfMetadata(document, {
    headings,
    title: book.title,
    author: book.author,
    subject: book.description,
    keywords,
    lang: book.lang,
    date,
  });
  const written = await writeArtifact(
    [
      { path: join(dir, 'book.html'), data: html },
      { path: join(dir, 'book.pdf'), data: pdf },
    ],
    performance.now() - started,
    resolve(config.outDir),
  );
  return { file, written, book, prints, frontPrints };
}
