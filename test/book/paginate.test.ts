import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PDFDocument, PDFName, PDFNumber, PDFRawStream, decodePDFRawStream } from 'pdf-lib';
import { destinationPages, paginate, plan, spliceFront } from '../../src/book/paginate.js';
import type { Layout } from '../../src/book/render.js';

const ids = ['chapter-1', 'a', 'b', 'chapter-2', 'c'];
// As printed without blank pages: a chapter opening is one page, a is 3 pages, b 2, c 1.
const measured = new Map([['chapter-1', 4], ['a', 5], ['b', 8], ['chapter-2', 10], ['c', 11]]);

test('one-sided: the pages are where they were measured, and no blank page is added', () => {
  const layout = plan(ids, measured, new Set(), false);
  assert.deepEqual([...layout.pages], [...measured]);
  assert.equal(layout.blankBefore.size, 0);
});

test('duplex: a blank page before every start that would fall on a left-hand (even) page, shifting what follows', () => {
  const layout = plan(ids, measured, new Set(), true);
  // chapter-1 4 -> blank, 5; a 5+1=6 -> blank, 7; b 8+2=10 -> blank, 11; chapter-2 10+3=13; c 11+3=14 -> blank, 15.
  assert.deepEqual([...layout.pages], [['chapter-1', 5], ['a', 7], ['b', 11], ['chapter-2', 13], ['c', 15]]);
  assert.deepEqual([...layout.blankBefore], ['chapter-1', 'a', 'b', 'c']);
  for (const page of layout.pages.values()) assert.equal(page % 2, 1);
});

test('measured with blank pages already in: they are taken out before placing new ones', () => {
  const first = plan(ids, measured, new Set(), true);
  // Printing `first` puts everything where it said; planning from that print changes nothing.
  assert.deepEqual(plan(ids, first.pages, first.blankBefore, true), first);
});

/** A fake printer: the whole book puts each id where `pages` says (or where `measured` does, on a first print with placeholders); the front matter is `front`. */
function printer(options: { front?: FrontOptions; land?: (layout: Map<string, number>) => Map<string, number> } = {}) {
  const printed: string[] = [];
  const print = async (source: string, part?: 'front') => {
    printed.push(part ?? 'book');
    const pages = new Map<string, number>(JSON.parse(source));
    const at = pages.size ? (options.land?.(pages) ?? pages) : measured;
    return { pdf: await fakePdf(part === 'front' ? (options.front?.pages ?? at) : at, part === 'front' ? { label: 'front', mcids: options.front?.mcids } : { label: 'book' }), headings: [] };
  };
  return { print, printed };
}
interface FrontOptions {
  pages?: Map<string, number>;
  mcids?: number;
}
const render = (l: Layout) => JSON.stringify([...l.pages]);

test('one-sided: the book is printed once, then the front matter alone, and its pages take the placeholders\' place', async () => {
  const { print, printed } = printer();
  const result = await paginate(render, print, ids, false);
  assert.deepEqual(printed, ['book', 'front']);
  assert.equal(result.prints, 1);
  assert.equal(result.frontPrints, 1);
  assert.deepEqual([...result.layout.pages], [...measured]);
  assert.equal(result.html, JSON.stringify([...measured]), 'the HTML written is the book with its numbers');
  const pdf = await result.document.save();
  const drawn = await pageContents(pdf);
  // The front matter is pages 1 to 3 (chapter-1 starts on page 4): drawn from the front print, the rest from the book's.
  assert.deepEqual(drawn.slice(0, 5), ['front 1', 'front 2', 'front 3', 'book 4', 'book 5']);
  assert.equal(drawn.length, 12);
  assert.deepEqual([...await destinationPages(pdf, ids)], [...measured], 'every destination still leads to its page');
});

test('a front matter whose page count changes with the real numbers is not spliced: the whole book is printed again', async () => {
  // The front print's contents runs a page longer, so its first chapter opens on page 5.
  const { print, printed } = printer({ front: { pages: new Map([...measured].map(([id, p]) => [id, p + 1])) } });
  const result = await paginate(render, print, ids, false);
  assert.deepEqual(printed, ['book', 'front', 'book']);
  assert.equal(result.prints, 2);
  assert.deepEqual((await pageContents(await result.document.save())).slice(0, 3), ['book 1', 'book 2', 'book 3']);
});

test('a front matter whose marked content differs (the structure tree would not match) is not spliced', async () => {
  const { print, printed } = printer({ front: { mcids: 2 } });
  const result = await paginate(render, print, ids, false);
  assert.deepEqual(printed, ['book', 'front', 'book']);
  assert.equal(result.prints, 2);
});

test('spliced pages keep the book\'s page objects, so what points at them (the contents\' links, bookmarks) still does', async () => {
  const book = await fakePdf(measured, { label: 'book' });
  const before = await PDFDocument.load(book);
  const doc = await PDFDocument.load(book);
  assert.equal(await spliceFront(doc, await fakePdf(measured, { label: 'front' }), 3, 'chapter-1'), true);
  const after = await PDFDocument.load(await doc.save());
  assert.deepEqual(after.getPages().map((p) => p.ref.toString()), before.getPages().map((p) => p.ref.toString()));
});

test('duplex: the body moves (blank pages go in), so the whole book is printed again, and no front matter alone', async () => {
  const { print, printed } = printer();
  const result = await paginate(render, print, ids, true);
  assert.deepEqual(printed, ['book', 'book']);
  assert.equal(result.prints, 2);
  assert.equal(result.frontPrints, 0);
});

test('paginate gives up, loudly, when the pages keep moving', async () => {
  let n = 0;
  const { print } = printer({ land: (pages) => new Map([...pages].map(([id, p]) => [id, p + 1 + n++])), front: { mcids: 3 } });
  await assert.rejects(paginate(render, print, ids, false), /did not settle after 3 prints/);
});

/**
 * A PDF with enough pages and one named destination per id, as Chromium writes them; each page
 * draws `label n` (as a comment) inside `mcids` marked-content sequences.
 */
async function fakePdf(pages: Map<string, number>, options: { label: string; mcids?: number }): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const count = Math.max(...pages.values()) + 1;
  const list = Array.from({ length: count }, (_, i) => {
    const page = doc.addPage([100, 100]);
    const marked = Array.from({ length: options.mcids ?? 1 }, (_, m) => `/P <</MCID ${m}>> BDC EMC`).join('\n');
    page.node.set(PDFName.of('Contents'), doc.context.register(doc.context.stream(`%${options.label} ${i + 1}\n${marked}\n`)));
    return page;
  });
  const dests = doc.context.obj({});
  for (const [id, page] of pages) dests.set(PDFName.of(id), doc.context.obj([list[page - 1]!.ref, PDFName.of('XYZ'), PDFNumber.of(0), PDFNumber.of(100), PDFNumber.of(0)]));
  doc.catalog.set(PDFName.of('Dests'), dests);
  return doc.save({ useObjectStreams: false });
}

/** What each page draws: the `label n` its content stream starts with. */
async function pageContents(pdf: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(pdf);
  return doc.getPages().map((page) => {
    const stream = page.node.lookup(PDFName.of('Contents'));
    if (!(stream instanceof PDFRawStream)) return '';
    return /^%(\S+ \d+)/.exec(new TextDecoder().decode(decodePDFRawStream(stream).decode()))?.[1] ?? '';
  });
}
