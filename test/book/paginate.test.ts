import assert from 'node:assert/strict';
import { test } from 'node:test';
import { paginate, plan } from '../../src/book/paginate.js';
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

test('paginate prints until the numbers it wrote are where the sections landed, and says how often', async () => {
  const printedWith: Layout[] = [];
  // A fake printer whose named destinations are the layout's pages (or the measured ones on a first print).
  const { layout, prints, html } = await paginate(
    (l) => JSON.stringify([...l.pages]),
    async (source) => {
      const pages = new Map<string, number>(JSON.parse(source));
      printedWith.push({ pages, blankBefore: new Set() });
      return { pdf: await fakePdf(pages.size ? pages : measured), headings: [] };
    },
    ids,
    false,
  );
  assert.equal(prints, 2);
  assert.deepEqual([...layout.pages], [...measured]);
  assert.equal(html, JSON.stringify([...measured]));
  assert.equal(printedWith[0]!.pages.size, 0, 'the first print has placeholders');
});

test('paginate gives up, loudly, when the pages keep moving', async () => {
  let n = 0;
  await assert.rejects(
    paginate(() => '', async () => ({ pdf: await fakePdf(new Map(ids.map((id, i) => [id, 3 + i + n++]))), headings: [] }), ids, false),
    /did not settle after 3 prints/,
  );
});

/** A PDF with enough pages and one named destination per id, as Chromium writes them. */
async function fakePdf(pages: Map<string, number>): Promise<Uint8Array> {
  const { PDFDocument, PDFName, PDFNumber } = await import('pdf-lib');
  const doc = await PDFDocument.create();
  const count = Math.max(...pages.values());
  const list = Array.from({ length: count }, () => doc.addPage([100, 100]));
  const dests = doc.context.obj({});
  for (const [id, page] of pages) dests.set(PDFName.of(id), doc.context.obj([list[page - 1]!.ref, PDFName.of('XYZ'), PDFNumber.of(0), PDFNumber.of(100), PDFNumber.of(0)]));
  doc.catalog.set(PDFName.of('Dests'), dests);
  return doc.save();
}
