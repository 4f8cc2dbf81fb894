import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFObjectCopier, PDFRawStream, PDFRef, PDFStream, PDFString, decodePDFRawStream } from 'pdf-lib';
import type { Printed } from '../shared/pdf.js';
import type { Layout } from './render.js';

export interface Paginated {
  /** The book's PDF, loaded (the splice works on it, and the metadata goes on it without parsing it again). */
  document: PDFDocument;
  /** The text of every heading, in document order (`Printed.headings`). */
  headings: string[];
  layout: Layout;
  /** The HTML of the book that `printed` is. */
  html: string;
  /** How many times the whole book was printed to get there. */
  prints: number;
  /** How many times the front matter alone was printed (to be spliced in). */
  frontPrints: number;
}

/** The book's HTML for a layout: the whole book, or only what the front matter needs (`front`). */
export type RenderBook = (layout: Layout, part?: 'front') => string;

/**
 * Chromium has no `target-counter()`, so the contents learns its page numbers from a real print:
 * print with placeholders of the same width, read the page each chapter and section starts on
 * from the PDF's named destinations (the contents links to every one of them), then print the
 * front matter alone with the numbers written in and put its pages in place of the first print's
 * (`spliceFront`). The numbers fill fixed-width boxes, so the front matter keeps its page count
 * and nothing after it moves: the book is printed once. When that does not hold (a template whose
 * contents grows with the real numbers), or the body must move (`duplex`: Chromium treats
 * `break-before: right` as a plain page break, so a blank page goes before every chapter or section
 * that would otherwise start on a left-hand page), the whole book is printed again with the
 * numbers and blank pages in, and checked that every start stayed where it was written down.
 *
 * `ids` are the chapters and sections in document order; each starts on a new page.
 */
export async function paginate(
  render: RenderBook,
  print: (html: string, part?: 'front') => Promise<Printed>,
  ids: string[],
  duplex: boolean,
): Promise<Paginated> {
  let layout: Layout = { pages: new Map(), blankBefore: new Set() };
  let printed = await print(render(layout));
  let prints = 1;
  let frontPrints = 0;
  let document = await PDFDocument.load(printed.pdf, { updateMetadata: false, parseSpeed: Infinity });
  const measured = await destinationPages(document, ids);
  const first = plan(ids, measured, layout.blankBefore, duplex);
  if (first.blankBefore.size === 0) {
    const front = await print(render(first, 'front'), 'front');
    frontPrints += 1;
    if (await spliceFront(document, front.pdf, measured.get(ids[0]!)! - 1, ids[0]!)) {
      return { document, headings: printed.headings, layout: first, html: render(first), prints, frontPrints };
    }
  }
  // A print with the numbers (and blank pages) in; one correction settles fixed-width numbers, the third print is a margin.
  let next = first;
  while (prints < 3) {
    const html = render(next);
    printed = await print(html);
    prints += 1;
    document = await PDFDocument.load(printed.pdf, { updateMetadata: false, parseSpeed: Infinity });
    const landed = await destinationPages(document, ids);
    const moved = ids.filter((id) => landed.get(id) !== next.pages.get(id));
    layout = next;
    if (moved.length === 0) return { document, headings: printed.headings, layout, html, prints, frontPrints };
    next = plan(ids, landed, layout.blankBefore, duplex);
  }
  throw new Error(`The book's page numbers did not settle after ${prints} prints: ${ids.join(', ')}`);
}

/**
 * Where each unit will start: its measured page less the blank pages the measured print already
 * had before it, plus the blank pages needed now (one before every unit that would start on an
 * even, left-hand page).
 */
export function plan(ids: string[], measured: Map<string, number>, hadBlankBefore: Set<string>, duplex: boolean): Layout {
  const pages = new Map<string, number>();
  const blankBefore = new Set<string>();
  let removed = 0;
  let added = 0;
  for (const id of ids) {
    const at = measured.get(id);
    if (at === undefined) throw new Error(`The printed book has no destination for #${id}`);
    if (hadBlankBefore.has(id)) removed += 1;
    let page = at - removed + added;
    if (duplex && page % 2 === 0) {
      blankBefore.add(id);
      added += 1;
      page += 1;
    }
    pages.set(id, page);
  }
  return { pages, blankBefore };
}

/**
 * Draw the book's first `count` pages as the front matter's print draws them, in `doc`.
 * Only what is drawn changes (each page's content stream and resources): the page objects stay,
 * so the bookmarks, named destinations, links (with their places on the page), page labels and
 * the tagged structure, which all point at them, stay true. The structure tree finds a page's
 * text by its marked-content ids, so the two prints must mark the same content in the same order;
 * they do when only the digits differ. Returns false, and changes nothing, when the two prints
 * differ in anything but what is drawn: the front matter's page count (`first`, the first
 * chapter, must land on the same page), a page's size, its links' places, or its marked content.
 */
export async function spliceFront(doc: PDFDocument, front: Uint8Array, count: number, first: string): Promise<boolean> {
  const frontDoc = await PDFDocument.load(front, { updateMetadata: false, parseSpeed: Infinity });
  const frontStart = (await destinationPages(frontDoc, [first])).get(first);
  if (frontStart !== count + 1) return false;
  const pages = doc.getPages().slice(0, count);
  const frontPages = frontDoc.getPages().slice(0, count);
  if (pages.length !== count || frontPages.length !== count) return false;
  for (let i = 0; i < count; i++) {
    const [a, b] = [pages[i]!, frontPages[i]!];
    if (String(a.node.MediaBox()) !== String(b.node.MediaBox())) return false;
    if (!sameRects(linkRects(a.node), linkRects(b.node))) return false;
    if (markedContent(a.node) !== markedContent(b.node)) return false;
  }
  const copier = PDFObjectCopier.for(frontDoc.context, doc.context);
  for (let i = 0; i < count; i++) {
    const [page, from] = [pages[i]!.node, frontPages[i]!.node];
    page.set(PDFName.of('Contents'), copier.copy(from.get(PDFName.of('Contents'))!));
    page.set(PDFName.of('Resources'), copier.copy(from.get(PDFName.of('Resources'))!));
  }
  dropUnreachable(doc);
  return true;
}

/** The places of a page's link annotations, in points. */
function linkRects(page: PDFDict): number[][] {
  const annots = page.lookupMaybe(PDFName.of('Annots'), PDFArray);
  const rects: number[][] = [];
  for (let i = 0; annots && i < annots.size(); i++) {
    const rect = annots.lookup(i, PDFDict).lookupMaybe(PDFName.of('Rect'), PDFArray);
    rects.push(rect ? rect.asArray().map((n) => Number(String(n))) : []);
  }
  return rects;
}

/** The same links in the same places, give or take a tenth of a point of sub-pixel layout between two prints. */
function sameRects(a: number[][], b: number[][]): boolean {
  return a.length === b.length && a.every((rect, i) => rect.length === b[i]!.length && rect.every((n, j) => Math.abs(n - b[i]![j]!) <= 0.5));
}

/** The marked-content operators of a page (tags and ids, in drawing order), as one comparable string. */
function markedContent(page: PDFDict): string {
  const contents = page.lookup(PDFName.of('Contents'));
  const streams = contents instanceof PDFArray ? contents.asArray().map((r) => page.context.lookup(r)) : [contents];
  let text = '';
  for (const stream of streams) {
    if (stream instanceof PDFRawStream) text += new TextDecoder('latin1').decode(decodePDFRawStream(stream).decode());
    else if (stream instanceof PDFStream) text += new TextDecoder('latin1').decode(stream.getContents());
  }
  return (text.match(/\/[A-Za-z]+\s*<<[^>]*\/MCID\s+\d+[^>]*>>\s*BDC|\/[A-Za-z]+\s+BMC|EMC/g) ?? []).join(' ');
}

/**
 * Delete the objects nothing refers to any more (the replaced pages' fonts and images), so the
 * spliced book is no bigger than a print of it would be.
 */
function dropUnreachable(doc: PDFDocument): void {
  const { context } = doc;
  const seen = new Set<string>();
  const stack: unknown[] = [context.trailerInfo.Root, context.trailerInfo.Info];
  while (stack.length > 0) {
    const value = stack.pop();
    if (value instanceof PDFRef) {
      if (seen.has(value.toString())) continue;
      seen.add(value.toString());
      stack.push(context.lookup(value));
    } else if (value instanceof PDFDict) {
      for (const [, v] of value.entries()) stack.push(v);
    } else if (value instanceof PDFArray) {
      stack.push(...value.asArray());
    } else if (value instanceof PDFStream) {
      stack.push(value.dict);
    }
  }
  for (const [ref] of context.enumerateIndirectObjects()) if (!seen.has(ref.toString())) context.delete(ref);
}

/**
 * The 1-based page of each named destination Chromium wrote (it writes one for every element id
 * that a link points at), in the catalog's `/Dests` or the `/Names` tree.
 */
export async function destinationPages(pdf: Uint8Array | PDFDocument, ids?: string[]): Promise<Map<string, number>> {
  const doc = pdf instanceof PDFDocument ? pdf : await PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: Infinity });
  const pageOf = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i + 1]));
  const wanted = ids ? new Set(ids) : undefined;
  const out = new Map<string, number>();
  const add = (name: string, value: unknown) => {
    if (wanted && !wanted.has(name)) return;
    let dest = value instanceof PDFRef ? doc.context.lookup(value) : value;
    if (dest instanceof PDFDict) dest = dest.lookup(PDFName.of('D'));
    const target = dest instanceof PDFArray ? dest.get(0) : undefined;
    const page = target instanceof PDFRef ? pageOf.get(target.toString()) : undefined;
    if (page !== undefined) out.set(name, page);
  };
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  if (dests) for (const [key, value] of dests.entries()) add(key.decodeText(), value);
  const walk = (node: PDFDict | undefined) => {
    if (!node) return;
    const names = node.lookupMaybe(PDFName.of('Names'), PDFArray);
    for (let i = 0; names && i + 1 < names.size(); i += 2) {
      const key = names.lookup(i);
      if (key instanceof PDFString || key instanceof PDFHexString) add(key.decodeText(), names.get(i + 1));
    }
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
    for (let i = 0; kids && i < kids.size(); i++) walk(kids.lookup(i, PDFDict));
  };
  walk(doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict)?.lookupMaybe(PDFName.of('Dests'), PDFDict));
  return out;
}
