import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

/**
 * The bundled emoji face (@fontsource/noto-color-emoji) is an OpenType-SVG font: each glyph is an
 * SVG document in the font's `SVG ` table, over empty outlines. Chromium does not read that table,
 * so it draws every emoji blank, on screen and in print. The pictures are still in the font: this
 * module takes an emoji's SVG out of it, to be set as an image where the emoji stands.
 */

/** An emoji as a picture: an SVG data URL and its box in em, as the glyph would have taken. */
export interface EmojiImage {
  src: string;
  width: number;
  height: number;
  /** How far the box reaches below the baseline, in em. */
  descent: number;
}

interface Font {
  tables: Map<string, Buffer>;
}

const require = createRequire(import.meta.url);
const fontCache = new Map<string, Font>();
const imageCache = new Map<string, EmojiImage | undefined>();

const knownTags = ['cmap', 'head', 'hhea', 'hmtx', 'maxp', 'name', 'OS/2', 'post', 'cvt ', 'fpgm', 'glyf', 'loca', 'prep', 'CFF ', 'VORG', 'EBDT', 'EBLC', 'gasp', 'hdmx', 'kern', 'LTSH', 'PCLT', 'VDMX', 'vhea', 'vmtx', 'BASE', 'GDEF', 'GPOS', 'GSUB', 'EBSC', 'JSTF', 'MATH', 'CBDT', 'CBLC', 'COLR', 'CPAL', 'SVG ', 'sbix', 'acnt', 'avar', 'bdat', 'bloc', 'bsln', 'cvar', 'fdsc', 'feat', 'fmtx', 'fvar', 'gvar', 'hsty', 'just', 'lcar', 'mort', 'morx', 'opbd', 'prop', 'trak', 'Zapf', 'Silf', 'Glat', 'Gloc', 'Feat', 'Sill'];

/** The tables of a WOFF2 file (one font, not a collection): a directory, then one brotli stream. */
function readWoff2(path: string): Font {
  const cached = fontCache.get(path);
  if (cached) return cached;
  const b = readFileSync(path);
  if (b.toString('latin1', 0, 4) !== 'wOF2') throw new TypeError(`${path} is not a WOFF2 file`);
  const count = b.readUInt16BE(12);
  const compressedSize = b.readUInt32BE(20);
  let o = 48;
  const base128 = () => {
    let value = 0;
    for (let i = 0; i < 5; i++) {
      const byte = b[o++]!;
      value = value * 128 + (byte & 0x7f);
      if (!(byte & 0x80)) break;
    }
    return value;
  };
  const directory: { tag: string; length: number }[] = [];
  for (let i = 0; i < count; i++) {
    const flags = b[o++]!;
    let tag = knownTags[flags & 0x3f]!;
    if ((flags & 0x3f) === 0x3f) {
      tag = b.toString('latin1', o, o + 4);
      o += 4;
    }
    let length = base128();
    const version = flags >> 6;
    // glyf and loca are transformed unless their version is 3; every other table only with a version.
    const transformed = tag === 'glyf' || tag === 'loca' ? version !== 3 : version !== 0;
    if (transformed) length = base128();
    directory.push({ tag, length });
  }
  const data = brotliDecompressSync(b.subarray(o, o + compressedSize));
  const tables = new Map<string, Buffer>();
  let at = 0;
  for (const { tag, length } of directory) {
    tables.set(tag, data.subarray(at, at + length));
    at += length;
  }
  const font = { tables };
  fontCache.set(path, font);
  return font;
}

/** The glyph of a code point, from the font's format 12 (or format 4) character map. */
function glyphOf(font: Font, point: number): number {
  const cmap = font.tables.get('cmap')!;
  const records = cmap.readUInt16BE(2);
  for (let r = 0; r < records; r++) {
    const offset = cmap.readUInt32BE(4 + r * 8 + 4);
    const format = cmap.readUInt16BE(offset);
    if (format === 12) {
      const groups = cmap.readUInt32BE(offset + 12);
      for (let g = 0; g < groups; g++) {
        const at = offset + 16 + g * 12;
        const start = cmap.readUInt32BE(at);
        const end = cmap.readUInt32BE(at + 4);
        if (point >= start && point <= end) return cmap.readUInt32BE(at + 8) + point - start;
      }
      return 0;
    }
  }
  for (let r = 0; r < records; r++) {
    const offset = cmap.readUInt32BE(4 + r * 8 + 4);
    if (cmap.readUInt16BE(offset) !== 4 || point > 0xffff) continue;
    const segments = cmap.readUInt16BE(offset + 6) / 2;
    const ends = offset + 14;
    const starts = ends + segments * 2 + 2;
    const deltas = starts + segments * 2;
    const ranges = deltas + segments * 2;
    for (let s = 0; s < segments; s++) {
      if (point > cmap.readUInt16BE(ends + s * 2) || point < cmap.readUInt16BE(starts + s * 2)) continue;
      const rangeOffset = cmap.readUInt16BE(ranges + s * 2);
      const delta = cmap.readInt16BE(deltas + s * 2);
      if (rangeOffset === 0) return (point + delta) & 0xffff;
      const glyph = cmap.readUInt16BE(ranges + s * 2 + rangeOffset + (point - cmap.readUInt16BE(starts + s * 2)) * 2);
      return glyph ? (glyph + delta) & 0xffff : 0;
    }
  }
  return 0;
}

function coverageIndex(table: Buffer, offset: number, glyph: number): number {
  const format = table.readUInt16BE(offset);
  const count = table.readUInt16BE(offset + 2);
  for (let i = 0; i < count; i++) {
    if (format === 1 && table.readUInt16BE(offset + 4 + i * 2) === glyph) return i;
    if (format === 2) {
      const at = offset + 4 + i * 6;
      const start = table.readUInt16BE(at);
      if (glyph >= start && glyph <= table.readUInt16BE(at + 2)) return table.readUInt16BE(at + 4) + glyph - start;
    }
  }
  return -1;
}

/** The ligature glyph (GSUB lookup type 4, maybe behind type 7) that stands for the whole sequence. */
function ligatureOf(font: Font, glyphs: number[]): number {
  const gsub = font.tables.get('GSUB');
  if (!gsub || glyphs.length < 2) return 0;
  const lookups = gsub.readUInt16BE(8);
  const lookupCount = gsub.readUInt16BE(lookups);
  for (let l = 0; l < lookupCount; l++) {
    const lookup = lookups + gsub.readUInt16BE(lookups + 2 + l * 2);
    let type = gsub.readUInt16BE(lookup);
    const subtables = gsub.readUInt16BE(lookup + 4);
    for (let s = 0; s < subtables; s++) {
      let subtable = lookup + gsub.readUInt16BE(lookup + 6 + s * 2);
      if (type === 7) {
        type = gsub.readUInt16BE(subtable + 2);
        subtable += gsub.readUInt32BE(subtable + 4);
      }
      if (type !== 4) continue;
      const index = coverageIndex(gsub, subtable + gsub.readUInt16BE(subtable + 2), glyphs[0]!);
      if (index < 0 || index >= gsub.readUInt16BE(subtable + 4)) continue;
      const set = subtable + gsub.readUInt16BE(subtable + 6 + index * 2);
      const ligatures = gsub.readUInt16BE(set);
      for (let g = 0; g < ligatures; g++) {
        const ligature = set + gsub.readUInt16BE(set + 2 + g * 2);
        const components = gsub.readUInt16BE(ligature + 2);
        if (components !== glyphs.length) continue;
        let same = true;
        for (let c = 1; c < components && same; c++) same = gsub.readUInt16BE(ligature + 4 + (c - 1) * 2) === glyphs[c];
        if (same) return gsub.readUInt16BE(ligature);
      }
    }
  }
  return 0;
}

/** The SVG document that draws a glyph, if the font's `SVG ` table has one. */
function svgDocument(font: Font, glyph: number): { svg: string; single: boolean } | undefined {
  const table = font.tables.get('SVG ');
  if (!table) return undefined;
  const list = table.readUInt32BE(2);
  const entries = table.readUInt16BE(list);
  for (let e = 0; e < entries; e++) {
    const at = list + 2 + e * 12;
    const first = table.readUInt16BE(at);
    const last = table.readUInt16BE(at + 2);
    if (glyph < first || glyph > last) continue;
    const start = list + table.readUInt32BE(at + 4);
    let doc = table.subarray(start, start + table.readUInt32BE(at + 8));
    if (doc[0] === 0x1f && doc[1] === 0x8b) doc = gunzipSync(doc);
    return { svg: doc.toString('utf8'), single: first === last };
  }
  return undefined;
}

/** The element at `start` (its opening `<tag`) through its matching close, nested ones counted. */
function elementAt(svg: string, start: number): string {
  const tag = /^<([\w:-]+)/.exec(svg.slice(start))![1]!;
  const pattern = new RegExp(`<${tag}\\b[^>]*?(/?)>|</${tag}>`, 'g');
  pattern.lastIndex = start;
  let depth = 0;
  for (let m = pattern.exec(svg); m; m = pattern.exec(svg)) {
    if (m[0].startsWith('</')) depth--;
    else if (m[1] !== '/') depth++;
    if (depth === 0) return svg.slice(start, m.index + m[0].length);
  }
  return svg.slice(start);
}

/**
 * One glyph out of a document that draws many (Noto's subsets share one of up to 7 MB): its
 * `<g id="glyphN">` and the definitions it refers to, and theirs in turn.
 */
function glyphElements(svg: string, glyph: number): string | undefined {
  const start = svg.indexOf(`<g id="glyph${glyph}"`);
  if (start < 0) return undefined;
  const element = elementAt(svg, start);
  const defs: string[] = [];
  const seen = new Set<string>();
  const follow = (text: string) => {
    for (const [, id] of text.matchAll(/(?:href="#|url\(#)([^")]+)/g)) {
      if (seen.has(id!)) continue;
      seen.add(id!);
      const at = svg.search(new RegExp(`<[\\w:-]+\\s[^>]*?\\bid="${id!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`));
      if (at < 0) continue;
      const def = elementAt(svg, at);
      defs.push(def);
      follow(def);
    }
  };
  follow(element);
  return `<defs>${defs.join('')}</defs>${element}`;
}

/** The emoji subsets of the bundled face, each with the code points its unicode-range lists. */
function subsets(): { file: string; ranges: [number, number][] }[] {
  const dir = dirname(require.resolve('@fontsource/noto-color-emoji/package.json'));
  const css = readFileSync(join(dir, '400.css'), 'utf8');
  return [...css.matchAll(/@font-face\s*{[^}]*}/g)].flatMap(([rule]) => {
    const file = /url\(\.\/([^)]+\.woff2)\)/.exec(rule)?.[1];
    const range = /unicode-range:\s*([^;]+);/.exec(rule)?.[1];
    if (!file || !range) return [];
    const ranges = range.split(',').map((part): [number, number] => {
      const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
      return [parseInt(from!, 16), parseInt(to ?? from!, 16)];
    });
    return [{ file: join(dir, file), ranges }];
  });
}

/**
 * The picture of one emoji (a grapheme: `🎉`, `👩‍💻`, `🇯🇵`, `❤️`) from the bundled face, or undefined
 * when the face has none. Like Chromium with the face's subsets, the subset defined last that
 * covers the first code point is asked first.
 */
export function emojiImage(emoji: string): EmojiImage | undefined {
  if (imageCache.has(emoji)) return imageCache.get(emoji);
  const points = [...emoji].map((c) => c.codePointAt(0)!);
  let image: EmojiImage | undefined;
  for (const subset of subsets().reverse()) {
    if (!subset.ranges.some(([a, b]) => points[0]! >= a && points[0]! <= b)) continue;
    image = fromFont(readWoff2(subset.file), points);
    if (image) break;
  }
  imageCache.set(emoji, image);
  return image;
}

function fromFont(font: Font, points: number[]): EmojiImage | undefined {
  const withoutSelector = points.filter((p) => p !== 0xfe0f);
  let glyph = 0;
  for (const sequence of [points, withoutSelector]) {
    const glyphs = sequence.map((p) => glyphOf(font, p));
    if (glyphs.some((g) => g === 0)) continue;
    glyph = sequence.length === 1 ? glyphs[0]! : ligatureOf(font, glyphs);
    if (glyph) break;
  }
  if (!glyph) return undefined;
  const doc = svgDocument(font, glyph);
  if (!doc) return undefined;
  const head = font.tables.get('head')!;
  const hhea = font.tables.get('hhea')!;
  const hmtx = font.tables.get('hmtx')!;
  const unitsPerEm = head.readUInt16BE(18);
  const ascent = hhea.readInt16BE(4);
  const descent = -hhea.readInt16BE(6);
  const metrics = hhea.readUInt16BE(34);
  const advance = hmtx.readUInt16BE(Math.min(glyph, metrics - 1) * 4);
  // The document draws in font units, the origin on the baseline, y down: the glyph is above y = 0.
  const root = /<svg\b([^>]*)>/.exec(doc.svg)?.[1] ?? ' xmlns="http://www.w3.org/2000/svg"';
  const body = doc.single ? doc.svg.replace(/^[\s\S]*?<svg\b[^>]*>/, '').replace(/<\/svg>\s*$/, '') : glyphElements(doc.svg, glyph);
  if (!body) return undefined;
  const svg = `<svg${root.replace(/\s(viewBox|width|height)="[^"]*"/g, '')} viewBox="0 ${-ascent} ${advance} ${ascent + descent}" width="${advance}" height="${ascent + descent}">${body}</svg>`;
  return {
    src: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
    width: advance / unitsPerEm,
    height: (ascent + descent) / unitsPerEm,
    descent: descent / unitsPerEm,
  };
}
