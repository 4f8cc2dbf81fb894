import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString } from 'pdf-lib';
import type { Printed } from '../shared/pdf.js';
import type { Layout } from './render.js';

export interface Paginated {
  printed: Printed;
  layout: Layout;
  /** The HTML of the print that `printed` is. */
  html: string;
  /** How many times the book was printed to get there. */
  prints: number;
}

/**
 * Chromium has no `target-counter()`, so the contents learns its page numbers from a real print:
 * print with placeholders of the same width, read the page each chapter and section starts on
 * from the PDF's named destinations (the contents links to every one of them), write the numbers
 * in, print again, and check that every start stayed where it was written down. Chromium also
 * treats `break-before: right` as a plain page break, so with `duplex` the same measurement places
 * a blank page before every chapter or section that would otherwise start on a left-hand page.
 *
 * `ids` are the chapters and sections in document order; each starts on a new page.
 */
export async function paginate(
  render: (layout: Layout) => string,
  print: (html: string) => Promise<Printed>,
  ids: string[],
  duplex: boolean,
): Promise<Paginated> {
  let layout: Layout = { pages: new Map(), blankBefore: new Set() };
  let html = render(layout);
  let printed = await print(html);
  let prints = 1;
  // The numbers fill fixed-width boxes, so one correction settles them; the third print is a margin.
  while (prints < 3) {
    const measured = await destinationPages(printed.pdf, ids);
    const next = plan(ids, measured, layout.blankBefore, duplex);
    html = render(next);
    printed = await print(html);
    prints += 1;
    const landed = await destinationPages(printed.pdf, ids);
    const moved = ids.filter((id) => landed.get(id) !== next.pages.get(id));
    layout = next;
    if (moved.length === 0) return { printed, layout, html, prints };
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
 * The 1-based page of each named destination Chromium wrote (it writes one for every element id
 * that a link points at), in the catalog's `/Dests` or the `/Names` tree.
 */
export async function destinationPages(pdf: Uint8Array, ids?: string[]): Promise<Map<string, number>> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
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
