import type { Browser } from 'puppeteer';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { withPage } from '../browser.js';
import { generator } from '../version.js';

export interface PdfMetadata {
  title: string;
  author?: string;
  subject?: string;
  keywords?: string[];
  lang: string;
  /** Creation and modification date; the build's own time when not given. */
  date?: Date;
  /** The headings' text in document order: the bookmarks get these titles (see `retitleOutline`). */
  headings?: string[];
}

export interface Printed {
  pdf: Uint8Array;
  /** The text of every heading, in document order, as the reader sees it. */
  headings: string[];
}

/**
 * Print an HTML document with Chromium: the CSS page size and margin boxes, backgrounds, a tagged
 * (accessible) PDF with an outline from the headings, once every font has loaded.
 */
export async function printDocument(browser: Browser, html: string): Promise<Printed> {
  return withPage(browser, async (page) => {
    // Everything the document needs is inline (fonts, images as data URLs): nothing to fetch.
    await page.setJavaScriptEnabled(false);
    await page.setContent(html, { waitUntil: 'load' });
    await page.evaluate('document.fonts.ready');
    const headings = await page.evaluate(() =>
      [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) =>
        (h.textContent ?? '').replace(/\u00ad/g, '').replace(/\s+/g, ' ').trim(),
      ),
    );
    const pdf = await page.pdf({
      preferCSSPageSize: true,
      printBackground: true,
      tagged: true,
      outline: true,
      timeout: 0,
    });
    return { pdf, headings };
  });
}

/** `printDocument` for callers that need only the bytes. */
export async function printHtml(browser: Browser, html: string): Promise<Uint8Array> {
  return (await printDocument(browser, html)).pdf;
}

/** The date for outputs: SOURCE_DATE_EPOCH when set (reproducible builds), else now. */
export function buildDate(env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return new Date();
}

/**
 * Write the document information Chromium leaves out (Author, Subject, Keywords, Creator,
 * language), with pdf-lib; the structure tree, outline and links are kept as they are.
 */
export async function setPdfMetadata(pdf: Uint8Array, meta: PdfMetadata): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const date = meta.date ?? buildDate();
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  if (meta.author) doc.setAuthor(meta.author);
  if (meta.subject) doc.setSubject(meta.subject);
  if (meta.keywords?.length) doc.setKeywords(meta.keywords);
  doc.setCreator(generator);
  doc.setProducer(`${generator} (Chromium, pdf-lib)`);
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  doc.setLanguage(meta.lang);
  doc.catalog.set(PDFName.of('Lang'), PDFString.of(meta.lang));
  if (meta.headings) retitleOutline(doc, meta.headings);
  return doc.save({ useObjectStreams: false });
}

/**
 * Chromium builds bookmark titles from the laid-out text, and garbles some: a heading first on a
 * page comes out twice, a wrapped heading loses the space at its line break. Its bookmarks are in
 * document order, one per heading, so give each the heading's own text. When the counts differ
 * (nothing to pair safely) the outline is left as Chromium made it.
 */
export function retitleOutline(doc: PDFDocument, headings: string[]): boolean {
  const outlines = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  if (!outlines) return false;
  const items: PDFDict[] = [];
  const walk = (parent: PDFDict) => {
    let item = parent.lookupMaybe(PDFName.of('First'), PDFDict);
    while (item) {
      items.push(item);
      walk(item);
      item = item.lookupMaybe(PDFName.of('Next'), PDFDict);
    }
  };
  walk(outlines);
  if (items.length !== headings.length) return false;
  items.forEach((item, i) => item.set(PDFName.of('Title'), PDFHexString.fromText(headings[i]!)));
  return true;
}
