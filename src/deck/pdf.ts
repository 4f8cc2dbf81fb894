import type { Page } from 'puppeteer';
import { PDFArray, PDFDocument, PDFHexString, PDFName, PDFNull, PDFNumber, type PDFRef } from 'pdf-lib';
import { emojiAsImages, restoreEmoji } from '../shared/pdf.js';

/**
 * Print the deck loaded in the page: the presenter's print styles give one 1280 × 720 px page
 * (16:9) per slide, backgrounds included. The bookmarks are added by `addSlideOutline`, one a
 * slide, since Chromium's outline comes from headings and not every slide has one.
 */
export async function printDeck(page: Page): Promise<Uint8Array> {
  // Emoji print as pictures (see emojiAsImages); the page is captured again after, as text.
  await emojiAsImages(page);
  try {
    return await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: false, timeout: 0 });
  } finally {
    await restoreEmoji(page);
  }
}

/** Give the PDF one bookmark per page, titled with the slide's label, in slide order. */
export async function addSlideOutline(pdf: Uint8Array, titles: string[]): Promise<PDFDocument> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: Infinity });
  const pages = doc.getPages();
  if (pages.length !== titles.length) {
    throw new Error(`The deck PDF has ${pages.length} pages for ${titles.length} slides`);
  }
  const context = doc.context;
  const outlineRef = context.nextRef();
  const itemRefs: PDFRef[] = titles.map(() => context.nextRef());
  titles.forEach((title, i) => {
    const item = context.obj({});
    item.set(PDFName.of('Title'), PDFHexString.fromText(title));
    item.set(PDFName.of('Parent'), outlineRef);
    if (i > 0) item.set(PDFName.of('Prev'), itemRefs[i - 1]!);
    if (i < titles.length - 1) item.set(PDFName.of('Next'), itemRefs[i + 1]!);
    const dest = PDFArray.withContext(context);
    dest.push(pages[i]!.ref);
    dest.push(PDFName.of('XYZ'));
    dest.push(PDFNull);
    dest.push(PDFNull);
    dest.push(PDFNull);
    item.set(PDFName.of('Dest'), dest);
    context.assign(itemRefs[i]!, item);
  });
  const outlines = context.obj({});
  outlines.set(PDFName.of('Type'), PDFName.of('Outlines'));
  if (itemRefs.length) {
    outlines.set(PDFName.of('First'), itemRefs[0]!);
    outlines.set(PDFName.of('Last'), itemRefs.at(-1)!);
  }
  outlines.set(PDFName.of('Count'), PDFNumber.of(itemRefs.length));
  context.assign(outlineRef, outlines);
  doc.catalog.set(PDFName.of('Outlines'), outlineRef);
  // Open with the bookmarks shown, as a reader of a deck wants to jump between slides.
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
  // Loaded, not saved: the metadata goes on next (`setPdfMetadata`), which saves it once.
  return doc;
}
