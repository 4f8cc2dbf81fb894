import type { Browser } from 'puppeteer';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
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
}

/**
 * Print an HTML document with Chromium: the CSS page size and margin boxes, backgrounds, a tagged
 * (accessible) PDF with an outline from the headings, once every font has loaded.
 */
export async function printHtml(browser: Browser, html: string): Promise<Uint8Array> {
  return withPage(browser, async (page) => {
    // Everything the document needs is inline (fonts, images as data URLs): nothing to fetch.
    await page.setJavaScriptEnabled(false);
    await page.setContent(html, { waitUntil: 'load' });
    await page.evaluateHandle('document.fonts.ready');
    return page.pdf({
      preferCSSPageSize: true,
      printBackground: true,
      tagged: true,
      outline: true,
      timeout: 0,
    });
  });
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
  return doc.save({ useObjectStreams: false });
}
