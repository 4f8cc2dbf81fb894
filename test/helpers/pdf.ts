/**
 * Reading real PDFs back, for tests: text per page (pdftotext), info (pdfinfo), fonts (pdffonts),
 * outline (qpdf --json) and link annotations (pdf-lib).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, PDFString, PDFHexString } from 'pdf-lib';

export function pdfText(path: string, page?: number): string {
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  return execFileSync('pdftotext', ['-layout', ...range, path, '-'], { encoding: 'utf8' });
}

/** Text of each page, index 0 = page 1. */
export function pdfPages(path: string): string[] {
  const all = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const pages = all.split('\f');
  if (pages.at(-1)?.trim() === '') pages.pop();
  return pages;
}

/** Text with line-end hyphenation, line breaks and runs of space undone, for looking up sentences. */
export function flatten(text: string): string {
  return text.replace(/\u00ad\n/g, '').replace(/\u00ad/g, '').replace(/\s+/g, ' ').trim();
}

/** Curly quotes, dashes and ellipses back to ASCII, so source text and typeset text compare. */
export function asciiTypography(text: string): string {
  return text.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/—/g, '---').replace(/–/g, '--').replace(/…/g, '...');
}

export function pdfInfo(path: string): Record<string, string> {
  const out = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  const info: Record<string, string> = {};
  for (const line of out.split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m) info[m[1]!.trim()] = m[2]!.trim();
  }
  return info;
}

export interface FontRow { name: string; type: string; embedded: boolean }

export function pdfFonts(path: string): FontRow[] {
  const out = execFileSync('pdffonts', [path], { encoding: 'utf8' });
  return out.split('\n').slice(2).filter(Boolean).map((line) => {
    const cols = line.trim().split(/\s+/);
    // name type... encoding emb sub uni object ID: read from the end, since types have spaces.
    const emb = cols[cols.length - 5];
    return { name: cols[0]!, type: cols.slice(1, cols.length - 6).join(' '), embedded: emb === 'yes' };
  });
}

export interface OutlineItem { title: string; page: number; kids: OutlineItem[] }

export function pdfOutline(path: string): OutlineItem[] {
  const json = JSON.parse(execFileSync('qpdf', ['--json', '--json-key=outlines', path], { encoding: 'utf8', maxBuffer: 256 << 20 })) as {
    outlines: { title: string; destpageposfrom1: number; kids: unknown[] }[];
  };
  const map = (items: { title: string; destpageposfrom1: number; kids: unknown[] }[]): OutlineItem[] =>
    items.map((i) => ({ title: i.title, page: i.destpageposfrom1, kids: map(i.kids as typeof items) }));
  return map(json.outlines);
}

export interface LinkAnnotation {
  page: number;
  /** For a URI action. */
  uri?: string;
  /** For an internal link: the 1-based page it lands on. */
  destPage?: number;
}

/** Every link annotation, with its URI or the page its destination lands on. */
export async function pdfLinks(path: string): Promise<LinkAnnotation[]> {
  const doc = await PDFDocument.load(readFileSync(path), { updateMetadata: false });
  const pages = doc.getPages();
  const pageIndex = new Map(pages.map((p, i) => [p.ref.toString(), i + 1]));
  const named = namedDestinations(doc);
  const links: LinkAnnotation[] = [];
  pages.forEach((page, i) => {
    const annots = page.node.Annots();
    if (!annots) return;
    for (let k = 0; k < annots.size(); k++) {
      const annot = doc.context.lookup(annots.get(k), PDFDict);
      if (annot.get(PDFName.of('Subtype'))?.toString() !== '/Link') continue;
      const link: LinkAnnotation = { page: i + 1 };
      const action = annot.lookupMaybe(PDFName.of('A'), PDFDict);
      const uri = action?.lookupMaybe(PDFName.of('URI'), PDFString, PDFHexString);
      if (uri) link.uri = uri.decodeText();
      let dest = annot.get(PDFName.of('Dest')) ?? action?.get(PDFName.of('D'));
      if (dest instanceof PDFString || dest instanceof PDFHexString) dest = named.get(dest.decodeText());
      else if (dest instanceof PDFName) dest = named.get(dest.decodeText());
      if (dest instanceof PDFRef) dest = doc.context.lookup(dest);
      if (dest instanceof PDFArray) {
        const target = dest.get(0);
        if (target instanceof PDFRef) link.destPage = pageIndex.get(target.toString());
      }
      links.push(link);
    }
  });
  return links;
}

function namedDestinations(doc: PDFDocument): Map<string, PDFArray> {
  const out = new Map<string, PDFArray>();
  const walk = (node: PDFDict | undefined) => {
    if (!node) return;
    const names = node.lookupMaybe(PDFName.of('Names'), PDFArray);
    if (names) {
      for (let i = 0; i + 1 < names.size(); i += 2) {
        const key = names.lookup(i) as PDFString | PDFHexString;
        let value = names.lookup(i + 1);
        if (value instanceof PDFDict) value = value.lookup(PDFName.of('D'));
        if (value instanceof PDFArray) out.set(key.decodeText(), value);
      }
    }
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
    if (kids) for (let i = 0; i < kids.size(); i++) walk(kids.lookup(i, PDFDict));
  };
  const namesDict = doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict);
  walk(namesDict?.lookupMaybe(PDFName.of('Dests'), PDFDict));
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  if (dests) for (const [k, v] of dests.entries()) {
    const value = v instanceof PDFRef ? doc.context.lookup(v) : v;
    if (value instanceof PDFArray) out.set(k.decodeText(), value);
  }
  return out;
}

/** True when the document catalog says the PDF is tagged (MarkInfo /Marked true, a StructTreeRoot). */
export async function isTagged(path: string): Promise<boolean> {
  return pdfInfo(path).Tagged === 'yes';
}

export interface PdfWord { x0: number; y0: number; x1: number; y1: number; text: string }
export interface PdfPage { width: number; height: number; words: PdfWord[] }

/** Every word of every page with its box in points, top-left origin (pdftotext -bbox). */
export function pdfWords(path: string): PdfPage[] {
  const xml = execFileSync('pdftotext', ['-bbox', path, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const entity = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  return xml.split('<page ').slice(1).map((chunk) => ({
    width: Number(/width="([\d.]+)"/.exec(chunk)![1]),
    height: Number(/height="([\d.]+)"/.exec(chunk)![1]),
    words: [...chunk.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
      x0: Number(m[1]), y0: Number(m[2]), x1: Number(m[3]), y1: Number(m[4]), text: entity(m[5]!),
    })),
  }));
}

/**
 * The lines of every page, each its words left to right, joined without spaces: words whose tops
 * are within a point of each other share a line (pdftotext -layout splits a line where Chromium
 * tucks a closing bracket under a full stop's empty half, so it cannot be trusted for this).
 */
export function pdfLines(path: string): string[][] {
  return pdfWords(path).map((page) => {
    const lines: PdfWord[][] = [];
    for (const word of [...page.words].sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0)) {
      const line = lines.find((l) => Math.abs(l[0]!.y0 - word.y0) < 1);
      if (line) line.push(word);
      else lines.push([word]);
    }
    return lines.map((l) => l.sort((a, b) => a.x0 - b.x0).map((w) => w.text).join(''));
  });
}

/** One page as RGB pixels (pdftoppm), to look at colour. */
export function pdfPixels(path: string, page: number, dpi = 50): { width: number; height: number; rgb: Buffer } {
  const ppm = execFileSync('pdftoppm', ['-r', String(dpi), '-f', String(page), '-l', String(page), path], { maxBuffer: 256 << 20 });
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.toString('latin1', 0, 40))!;
  return { width: Number(header[1]), height: Number(header[2]), rgb: ppm.subarray(header[0].length) };
}
