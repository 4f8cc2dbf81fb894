import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { VFile } from 'vfile';
import type { Config } from '../config.js';
import type { Guide } from '../content/guide.js';
import { readContentFile } from '../content/load.js';
import { contentError, hasErrors } from '../errors.js';
import { type Written, writeArtifact } from '../output.js';
import { diagramCacheDir, diagramRenderer } from '../shared/diagrams.js';
import { type Book, parseManifest } from '../shared/manifest.js';
import { mathCss } from '../shared/math.js';
import { buildDate } from '../shared/pdf.js';
import { readTemplate } from '../shared/templates.js';
import type { BrowserSession } from '../session.js';
import { coverImage } from './cover.js';
import { makeDocuments } from './documents.js';
import { epubFonts } from './fonts.js';
import type { Resource } from './images.js';
import { zipEpub } from './package.js';
import { type Publication, bookPublication, guidePublication } from './publication.js';

/**
 * One guide's EPUB, `<slug>.epub` in its folder, or nothing if its content has errors. `guides`
 * (every guide loaded) lets a link to another guide go to its page on the site.
 */
export async function buildEpub(guide: Guide, config: Config, session: BrowserSession, dir: string, guides: Guide[] = [guide]): Promise<Written[] | undefined> {
  const started = performance.now();
  if (hasErrors(guide.file)) return undefined;
  const data = await makeEpub(guidePublication(guide), guides, undefined, config, session);
  if (!data || hasErrors(guide.file)) return undefined;
  return writeArtifact([{ path: join(dir, `${guide.slug}.epub`), data }], performance.now() - started, resolve(config.outDir));
}

export interface BookEpubResult {
  /** The manifest with its messages; undefined when the content folder has no `book.yaml`. */
  file?: VFile;
  written: Written[];
  /** The manifest read, when it could be. */
  book?: Book;
}

/**
 * The book as an EPUB, `book.epub` in `dir`: from the manifest the book's PDF was made from
 * (`book`), or read here when only the EPUB is built. Not made when the manifest or one of its
 * guides has errors.
 */
export async function buildBookEpub(guides: Guide[], config: Config, session: BrowserSession, dir: string, book?: Book): Promise<BookEpubResult> {
  const started = performance.now();
  const contentDir = resolve(config.contentDir);
  if (!book) {
    const path = join(contentDir, 'book.yaml');
    if (!existsSync(path)) return { written: [] };
    const file = await readContentFile(path);
    if (hasErrors(file)) return { file, written: [] };
    book = parseManifest(file, guides);
    if (!book) return { file, written: [] };
  }
  const { file } = book;
  const sections = book.chapters.flatMap((c) => c.sections);
  for (const section of sections) {
    if (hasErrors(section.guide.file) && !file.messages.some((m) => m.ruleId === 'book-guide')) {
      contentError(file, `The book is not built: the guide \`${section.guide.slug}\` has errors`, section.place?.start, 'book-guide');
    }
  }
  if (hasErrors(file)) return { file, written: [], book };
  const data = await makeEpub(bookPublication(book), guides, file, config, session);
  if (!data || hasErrors(file) || sections.some((s) => hasErrors(s.guide.file))) return { file, written: [], book };
  const written = await writeArtifact([{ path: join(dir, 'book.epub'), data }], performance.now() - started, resolve(config.outDir));
  return { file, written, book };
}

async function makeEpub(publication: Publication, guides: Guide[], manifest: VFile | undefined, config: Config, session: BrowserSession): Promise<Uint8Array | undefined> {
  const contentDir = resolve(config.contentDir);
  const { templatesDir } = config;
  const images = new Map<string, Resource>();
  const renderDiagram = diagramRenderer(session, { cacheDir: diagramCacheDir(resolve(config.outDir)), templatesDir });
  const documents = await makeDocuments(publication, {
    guides,
    body: { contentDir, codeTheme: config.code.theme, renderDiagram },
    templatesDir,
    resources: images,
  });
  const cover = await coverImage(publication, manifest, contentDir, templatesDir);
  if (manifest && hasErrors(manifest)) return undefined;
  const text = [publication.title, publication.subtitle, publication.author, publication.description, publication.publisher, ...documents.map((d) => d.text)].join(' ');
  const fonts = epubFonts(text, templatesDir);
  const html = documents.map((d) => d.xhtml).join('\n');
  const css = [readTemplate('epub/epub.css', templatesDir), fonts.css, mathCss(html)].filter(Boolean).join('\n\n');
  const stylesheet: Resource = { href: 'css/epub.css', mediaType: 'text/css', data: new TextEncoder().encode(css) };
  const resources = [...(cover ? [cover] : []), ...[...images.values()].sort((a, b) => a.href.localeCompare(b.href)), ...fonts.files, stylesheet];
  return zipEpub({ publication, documents, resources, cover, modified: buildDate(), templatesDir });
}
