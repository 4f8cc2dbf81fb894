import type { Element, Root } from 'hast';
import Mustache from 'mustache';
import type { Paper } from '../config.js';
import rehypeImages, { type ScaleImage } from '../markdown/images.js';
import { displayDate, displayUrl, pageSides, textDirection, titleBlockView } from '../shared/display.js';
import { fontFaceCss, readFontList } from '../shared/fonts.js';
import { fillLabel, labelsFor } from '../shared/labels.js';
import { mathCss } from '../shared/math.js';
import { cssString, readTemplate } from '../shared/templates.js';
import { generator } from '../version.js';
import type { Book } from './manifest.js';

export interface BookHtmlOptions {
  paper: Paper;
  duplex: boolean;
  templatesDir?: string;
  /** The build date, printed on the title page. */
  date: Date;
}

/** Where things fell in a print: the page each chapter and section starts on, and where blank pages go. */
export interface Layout {
  /** Chapter or section id -> its first page, counting the cover as page 1. */
  pages: Map<string, number>;
  /** Ids of the chapters and sections that get a blank page before them, to start on a right-hand page. */
  blankBefore: Set<string>;
}

/** A book ready to be filled in: its sections' HTML, the cover as a data URL, fonts and styles, read once. */
export interface BookParts {
  book: Book;
  sections: Map<string, string>;
  cover?: string;
  fonts: string;
  styles: { paper: string; handout: string; book: string };
  template: string;
}

/** Read the templates and fonts and resolve the cover image; a missing cover is an error on the manifest. */
export async function bookParts(book: Book, sections: Map<string, string>, options: BookHtmlOptions & { contentDir: string; scaleImage?: ScaleImage }): Promise<BookParts> {
  const read = (path: string) => readTemplate(path, options.templatesDir);
  const fontList = readFontList('print', options.templatesDir);
  let text = `${book.title} ${book.subtitle ?? ''} ${book.author ?? ''} ${book.description ?? ''} ${book.site ?? ''} ${book.baseUrl ?? ''}`;
  for (const chapter of book.chapters) text += ` ${chapter.title} ${chapter.sections.map((s) => s.title).join(' ')}`;
  for (const html of sections.values()) text += html;
  // The words guidepress prints itself ("第1章", "目次") are in no guide: their glyphs must be embedded too.
  text += ` ${Object.values(labelsFor(book.lang, options.templatesDir)).join(' ')}`;
  return {
    book,
    sections,
    cover: book.cover ? await coverDataUrl(book, options.contentDir, options.scaleImage) : undefined,
    fonts: fontFaceCss(fontList, text, [book.lang, ...book.chapters.flatMap((c) => c.sections.map((s) => s.guide.meta.lang))]) + mathCss(text),
    styles: { paper: read(`print/paper-${options.paper}.css`), handout: read('print/handout.css'), book: read('book/book.css') },
    template: read('book/book.html'),
  };
}

/** The cover image goes through the guides' image plugin, so it resolves (and fails) the same way. */
async function coverDataUrl(book: Book, contentDir: string, scale?: ScaleImage): Promise<string | undefined> {
  const img: Element = { type: 'element', tagName: 'img', properties: { src: book.cover!.src }, children: [], position: book.cover!.place };
  const tree: Root = { type: 'root', children: [img] };
  await rehypeImages({ contentDir, scale })(tree, book.file);
  const src = String(img.properties.src);
  return src.startsWith('data:') ? src : undefined;
}

/**
 * Fill the book template. Page numbers not known yet print as placeholders of the same width.
 * `front` leaves the sections' bodies out: the front matter comes out the same, and prints fast.
 */
export function renderBookHtml(parts: BookParts, layout: Layout, options: BookHtmlOptions, part?: 'front'): string {
  const { book } = parts;
  const page = (id: string) => String(layout.pages.get(id) ?? '000');
  const labels = labelsFor(book.lang, options.templatesDir);
  let sectionNumber = 0;
  const chapters = book.chapters.map((chapter, c) => ({
    id: chapter.id,
    number: c + 1,
    label: fillLabel(labels.chapter, book.lang, { n: c + 1 }),
    title: chapter.title,
    page: page(chapter.id),
    blankBefore: layout.blankBefore.has(chapter.id),
    sections: chapter.sections.map((section) => {
      sectionNumber += 1;
      return {
        ...titleBlockView(section.guide.meta),
        id: section.id,
        pageName: `section-${sectionNumber}`,
        runningHead: cssString(section.title),
        title: section.title,
        page: page(section.id),
        blankBefore: layout.blankBefore.has(section.id),
        content: part === 'front' ? '' : (parts.sections.get(section.id) ?? ''),
      };
    }),
  }));
  const buildDay = options.date.toISOString().slice(0, 10);
  const view = {
    lang: book.lang,
    dir: textDirection(book.lang),
    sides: pageSides(book.lang),
    title: book.title,
    subtitle: book.subtitle,
    author: book.author,
    description: book.description,
    site: book.site,
    baseUrl: book.baseUrl,
    baseUrlDisplay: book.baseUrl ? displayUrl(book.baseUrl) : undefined,
    buildDate: buildDay,
    buildDateDisplay: displayDate(buildDay, book.lang),
    generator,
    labels,
    imageNotEmbedded: cssString(labels.imageNotEmbedded),
    // The colophon's "Built" line: the date (a <time>) and the generator, in the language's order.
    builtWith: fillLabel(Mustache.escape(labels.builtWith), book.lang, { date: `<time datetime="${buildDay}">${Mustache.escape(displayDate(buildDay, book.lang))}</time>`, generator: Mustache.escape(generator) }),
    cover: parts.cover,
    duplex: options.duplex,
    bookHead: cssString(book.title),
    chapters,
    sections: chapters.flatMap((c) => c.sections),
    fonts: parts.fonts,
    paper: parts.styles.paper,
    handoutCss: parts.styles.handout,
    css: parts.styles.book,
  };
  return Mustache.render(parts.template, view);
}
