import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Page } from 'puppeteer';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { type PageHost, type PageOptions, withPage } from '../browser.js';
import { setDocument } from './fonts.js';
import { type EmojiImage, emojiImage } from './emoji.js';
import type { GuideMeta } from '../markdown/data.js';
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
 * (accessible) PDF with an outline from the headings, once every font has loaded. A `large`
 * document's page is closed after, not kept for the next (see `PageOptions.large`).
 */
export async function printDocument(browser: PageHost, html: string, options: Pick<PageOptions, 'large'> = {}): Promise<Printed> {
  return withPage(browser, async (page) => {
    // Everything the document needs is inline (images as data URLs) or served from memory (its
    // fonts, see setDocument): nothing comes from the network.
    await page.setJavaScriptEnabled(false);
    await setDocument(page, html);
    const headings = await page.evaluate(() =>
      [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) =>
        (h.textContent ?? '').replace(/\u00ad/g, '').replace(/\s+/g, ' ').trim(),
      ),
    );
    await emojiAsImages(page);
    if (options.large) collectGarbage();
    const pdf = await page.pdf({
      preferCSSPageSize: true,
      printBackground: true,
      tagged: true,
      outline: true,
      timeout: 0,
    });
    return { pdf, headings };
  }, { large: options.large });
}

let collector: (() => void) | undefined;

/**
 * Collect Node's garbage now, before a large document's print, the run's peak of memory: Chromium
 * then lays out and prints the whole book while Node waits, and Node's heap still holds what
 * making the book left behind (of the 60-guide book's 105 MB heap, 38 MB were in use; collected,
 * the process took some 30 MB less through the print, for about 40 ms). V8 offers `gc()` only
 * behind its `--expose-gc` flag, which can be set at run time for a new context.
 */
function collectGarbage(): void {
  try {
    if (!collector) {
      setFlagsFromString('--expose-gc');
      collector = runInNewContext('gc') as () => void;
    }
    collector();
  } catch {
    // Node calls flags set after start-up undefined behaviour: a collection that cannot be had
    // costs memory, never the book.
  }
}

/** An emoji as Unicode writes it: a flag, a keycap, or a pictograph shown as emoji, with its modifiers and joins. */
const emojiSource = String.raw`\p{RI}{2}|[#*0-9]\uFE0F?\u20E3|(?:\p{Emoji_Presentation}|\p{Extended_Pictographic}\uFE0F)\p{EMod}?(?:\u200D\p{Extended_Pictographic}\uFE0F?\p{EMod}?)*`;

/**
 * Set every emoji of the page's text as a picture taken from the bundled face (see emoji.ts: Chromium
 * draws that face blank), the size of the glyph and on its baseline, with the emoji as its alt
 * text, so it prints in colour. Text in @page margin boxes (a running head) holds no elements and
 * keeps the blank glyph. `restoreEmoji` undoes it for a page that is used again.
 */
export async function emojiAsImages(page: Page): Promise<void> {
  const found = await page.evaluate((source) => {
    const pattern = new RegExp(source, 'gu');
    const out = new Set<string>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) for (const [emoji] of (node.nodeValue ?? '').matchAll(pattern)) out.add(emoji);
    return [...out];
  }, emojiSource);
  const images = Object.fromEntries(found.flatMap((emoji) => {
    const image = emojiImage(emoji);
    return image ? [[emoji, image]] : [];
  }));
  if (!Object.keys(images).length) return;
  await page.evaluate((source, images: Record<string, EmojiImage>) => {
    // One capturing group: `split` leaves each emoji at an odd index.
    const pattern = new RegExp(`(${source})`, 'u');
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const nodes: Text[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) if (pattern.test(node.nodeValue ?? '')) nodes.push(node as Text);
    for (const node of nodes) {
      const fragment = document.createDocumentFragment();
      (node.nodeValue ?? '').split(pattern).forEach((part, i) => {
        const image = images[part];
        if (i % 2 === 0 || !image) {
          if (part) fragment.append(part);
          return;
        }
        const img = document.createElement('img');
        img.src = image.src;
        img.alt = part;
        img.dataset.emoji = part;
        img.setAttribute('style', `display: inline; width: ${image.width}em; height: ${image.height}em; max-height: none; vertical-align: -${image.descent}em; margin: 0; border: 0; padding: 0; background: none;`);
        fragment.append(img);
      });
      node.replaceWith(fragment);
    }
  }, emojiSource, images);
  await page.evaluate(() => Promise.all([...document.querySelectorAll<HTMLImageElement>('img[data-emoji]')].map((img) => img.decode().catch(() => undefined))));
}

/** Put the emoji that `emojiAsImages` replaced back as text. */
export async function restoreEmoji(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const img of document.querySelectorAll<HTMLImageElement>('img[data-emoji]')) img.replaceWith(img.dataset.emoji ?? '');
    document.body.normalize();
  });
}

/** `printDocument` for callers that need only the bytes. */
export async function printHtml(browser: PageHost, html: string): Promise<Uint8Array> {
  return (await printDocument(browser, html)).pdf;
}

/** The date for outputs: SOURCE_DATE_EPOCH when set (reproducible builds), else now. */
export function buildDate(env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return new Date();
}

/**
 * A guide's PDF metadata, the same for its handout and its deck: the author, or the site when the
 * guide names none; dated by `buildDate`.
 */
export function guidePdfMetadata(meta: GuideMeta, headings?: string[]): PdfMetadata {
  return {
    headings,
    title: meta.title,
    author: meta.author ?? meta.site,
    subject: meta.description,
    keywords: meta.keywords,
    lang: meta.lang,
    date: buildDate(),
  };
}

// pdf-lib waits for a timer (at least 1 ms) every 50 or 100 objects as it parses and writes, to
// let other work run: a book of 300 pages has thousands, so it waited about a third of a second
// for nothing (`parseSpeed: Infinity`, `objectsPerTick: Infinity` below and in the book and deck).

/**
 * Write the document information Chromium leaves out (Author, Subject, Keywords, Creator,
 * language), with pdf-lib; the structure tree, outline and links are kept as they are.
 */
export async function setPdfMetadata(pdf: Uint8Array | PDFDocument, meta: PdfMetadata): Promise<Uint8Array> {
  const doc = pdf instanceof PDFDocument ? pdf : await PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: Infinity });
  const date = meta.date ?? buildDate();
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  if (meta.author) doc.setAuthor(meta.author);
  if (meta.subject) doc.setSubject(meta.subject);
  // pdf-lib joins keywords with spaces, which runs multi-word keywords together: use commas.
  if (meta.keywords?.length) doc.setKeywords([meta.keywords.join(', ')]);
  doc.setCreator(generator);
  doc.setProducer(`${generator} (Chromium, pdf-lib)`);
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  doc.setLanguage(meta.lang);
  doc.catalog.set(PDFName.of('Lang'), PDFString.of(meta.lang));
  if (meta.headings) retitleOutline(doc, meta.headings);
  const xmp = doc.context.stream(new TextEncoder().encode(xmpPacket({ ...meta, date })), { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(xmp));
  return doc.save({ useObjectStreams: false, objectsPerTick: Infinity });
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

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The XMP metadata packet that accessibility checkers and document managers read (the Info
 * dictionary alone is deprecated in PDF 2.0): the same title, author, subject, keywords, language
 * and dates, so both agree.
 */
function xmpPacket(meta: PdfMetadata & { date: Date }): string {
  const iso = meta.date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const alt = (value: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${xml(value)}</rdf:li></rdf:Alt>`;
  return [
    '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">',
    `<dc:format>application/pdf</dc:format>`,
    `<dc:title>${alt(meta.title)}</dc:title>`,
    meta.author ? `<dc:creator><rdf:Seq><rdf:li>${xml(meta.author)}</rdf:li></rdf:Seq></dc:creator>` : '',
    meta.subject ? `<dc:description>${alt(meta.subject)}</dc:description>` : '',
    meta.keywords?.length ? `<dc:subject><rdf:Bag>${meta.keywords.map((k) => `<rdf:li>${xml(k)}</rdf:li>`).join('')}</rdf:Bag></dc:subject>` : '',
    meta.keywords?.length ? `<pdf:Keywords>${xml(meta.keywords.join(', '))}</pdf:Keywords>` : '',
    `<dc:language><rdf:Bag><rdf:li>${xml(meta.lang)}</rdf:li></rdf:Bag></dc:language>`,
    `<xmp:CreatorTool>${xml(generator)}</xmp:CreatorTool>`,
    `<pdf:Producer>${xml(`${generator} (Chromium, pdf-lib)`)}</pdf:Producer>`,
    `<xmp:CreateDate>${iso}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${iso}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${iso}</xmp:MetadataDate>`,
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].filter(Boolean).join('\n');
}
