import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import type { Page } from 'puppeteer';
import { loadFonts, serve, servedOrigin } from '../browser.js';
import { baseLanguage } from './labels.js';
import { readTemplate } from './templates.js';

/** One `@fontsource` package of a template folder's `fonts.json`. */
export interface FontEntry {
  package: string;
  /** The package's CSS files (`400`, `400-italic`): the weights and styles the templates use. */
  styles: string[];
  /**
   * The languages this face sets (`ja`): for a document in one of them it is a text face, first in
   * the templates' font-family lists, so every subset its text touches is embedded. For any other
   * document it is a fallback, as `fallback` says.
   */
  lang?: string[];
  /**
   * A face for the characters that the text faces lack (CJK in an English guide, emoji): only the
   * subsets holding those are embedded, from the first such face (in list order) that has them.
   */
  fallback?: boolean;
}

/** A template folder's `fonts.json`: which `@fontsource` packages and styles its documents embed. */
export interface FontList {
  fonts: FontEntry[];
}

/** Read the font list of a template folder (`print`, `deck`), the user's own when they have one. */
export function readFontList(folder: string, templatesDir?: string): FontList {
  return JSON.parse(readTemplate(`${folder}/fonts.json`, templatesDir)) as FontList;
}

interface Face {
  /** The @font-face rule as the package writes it, its `src` still pointing at the file. */
  rule: string;
  file?: string;
  ranges: [number, number][];
}

const require = createRequire(import.meta.url);
const faceCache = new Map<string, Face[]>();
const dataCache = new Map<string, string>();
/** The URL each inlined face is served at to the run's pages (see `setDocument`), by its base64 data. */
const servedUrls = new Map<string, string>();

/** The @font-face rules of one @fontsource CSS file; a CJK weight has over a hundred, one per subset. */
function faces(pkg: string, style: string): Face[] {
  const key = `${pkg}/${style}`;
  const cached = faceCache.get(key);
  if (cached) return cached;
  const dir = dirname(require.resolve(`${pkg}/package.json`));
  const source = readFileSync(join(dir, `${style}.css`), 'utf8');
  const list = [...source.matchAll(/@font-face\s*{[^}]*}/g)].map(([rule]) => {
    const file = /url\(\.\/([^)]+\.woff2)\)/.exec(rule)?.[1];
    return { rule, file: file && join(dir, file), ranges: unicodeRanges(rule) };
  });
  faceCache.set(key, list);
  return list;
}

/** A face's rule with only its woff2 source (every Chromium reads it), inlined; read on first use. */
function inlined(face: Face): string {
  if (!face.file) return face.rule;
  let data = dataCache.get(face.file);
  if (data === undefined) {
    const bytes = readFileSync(face.file);
    data = bytes.toString('base64');
    dataCache.set(face.file, data);
    servedUrls.set(data, serve(`fonts/${dataCache.size}/${basename(face.file)}`, bytes, 'font/woff2'));
  }
  return face.rule.replace(/src:[^;]*;/, `src: url(data:font/woff2;base64,${data}) format('woff2');`);
}

function unicodeRanges(rule: string): [number, number][] {
  const value = /unicode-range:\s*([^;]+);/.exec(rule)?.[1];
  if (!value) return [[0, 0x10ffff]];
  return value.split(',').map((part) => {
    const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
    const start = parseInt(from!.replace(/\?/g, '0'), 16);
    const end = to ? parseInt(to, 16) : parseInt(from!.replace(/\?/g, 'F'), 16);
    return [start, end];
  });
}

const entryFaces = (entry: FontEntry) => entry.styles.flatMap((style) => faces(entry.package, style));

/** The first index of a sorted array whose value is at least `value`. */
function lowerBound(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const entrySets = new Map<string, (point: number) => boolean>();
/**
 * Every subset of a font list's entry as one lookup, made once per package and styles for the run
 * (a CJK entry merges thousands of ranges; a font list is read anew for each document).
 */
function entryHas(entry: FontEntry): (point: number) => boolean {
  const key = `${entry.package}\0${entry.styles.join('\0')}`;
  let has = entrySets.get(key);
  if (!has) {
    has = rangeSet(entryFaces(entry).flatMap((face) => face.ranges));
    entrySets.set(key, has);
  }
  return has;
}

const faceSets = new WeakMap<Face, (point: number) => boolean>();
/**
 * `entryHas`, made on the first question: a document whose characters its text faces all have
 * never reads the fallback faces' CSS (the CJK ones list some 100 subsets each, about 0.1 s to read).
 */
function lazyHas(entry: FontEntry): (point: number) => boolean {
  let has: ((point: number) => boolean) | undefined;
  return (point) => (has ??= entryHas(entry))(point);
}

/** A face's unicode-range as a lookup, made once per face. */
function faceHas(face: Face): (point: number) => boolean {
  let has = faceSets.get(face);
  if (!has) {
    has = rangeSet(face.ranges);
    faceSets.set(face, has);
  }
  return has;
}

/** Ranges merged into one sorted list, asked by binary search: fast for the ~30 000 ranges of a CJK face. */
function rangeSet(ranges: [number, number][]): (point: number) => boolean {
  const merged: [number, number][] = [];
  for (const [a, b] of [...ranges].sort((x, y) => x[0] - y[0])) {
    const last = merged.at(-1);
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  const starts = merged.map(([a]) => a);
  return (point) => {
    const i = lowerBound(starts, point + 1) - 1;
    return i >= 0 && point <= merged[i]![1];
  };
}

/** Whether an entry is a text face for a document in these languages (see `FontEntry.lang`). */
function isTextFace(entry: FontEntry, langs: Set<string>): boolean {
  if (entry.lang) return entry.lang.some((lang) => langs.has(lang));
  return !entry.fallback;
}

/**
 * Characters that decide no face: joiners, variation selectors and tag characters travel with the
 * emoji or letter before them. Counting them would embed every emoji subset (each lists U+200D).
 */
const invisible = /[\p{Cf}\u{FE00}-\u{FE0F}\u{E0100}-\u{E01EF}]/u;

/** Every code point of `text`, once: a document has some 100 distinct ones in tens of thousands. */
function distinctPoints(text: string): Set<number> {
  const points = new Set<number>();
  for (let i = 0; i < text.length; i++) {
    const point = text.codePointAt(i)!;
    points.add(point);
    if (point > 0xffff) i++;
  }
  return points;
}

/**
 * The code points that show as emoji: those drawn so by default, and any that a U+FE0F asks to be.
 * Only a text with a U+FE0F is searched as a whole; otherwise its distinct code points tell.
 */
function emojiPoints(text: string, points: Set<number>): Set<number> {
  const out = new Set<number>();
  if (points.has(0xfe0f)) {
    for (const [char] of text.matchAll(/\p{Emoji_Presentation}|\p{Extended_Pictographic}(?=\uFE0F)/gu)) out.add(char.codePointAt(0)!);
  } else {
    for (const point of points) if (point > 0x7f && /\p{Emoji_Presentation}/u.test(String.fromCodePoint(point))) out.add(point);
  }
  return out;
}

/**
 * @font-face CSS for the template's fonts with the files embedded, keeping only the unicode
 * subsets that the document's text uses, so a handout carries tens of kilobytes of fonts, not megabytes.
 * `langs` are the document's languages (a book's may be several): they choose which faces lead
 * (`FontEntry.lang`), so a Japanese guide embeds the Han characters of Noto Sans JP, not of the
 * Chinese or Korean face.
 */
export function fontFaceCss(list: FontList, text: string, langs: string[] = []): string {
  const all = distinctPoints(text);
  const points = new Set<number>();
  for (const point of all) if (!invisible.test(String.fromCodePoint(point))) points.add(point);
  // Digits and basic punctuation appear in page numbers and running heads even if not in the body.
  for (let c = 0x20; c < 0x7f; c++) points.add(c);
  const languages = new Set(langs.flatMap((lang) => [lang.toLowerCase(), baseLanguage(lang)]));
  // The emphasis marks that the templates' `text-emphasis` draws are in no text: Japanese sesame
  // (U+FE45), Chinese dot (U+2022).
  if (languages.has('ja')) points.add(0xfe45);
  if (languages.has('zh')) points.add(0x2022);
  const text_ = list.fonts.filter((entry) => isTextFace(entry, languages));
  const fallbacks = list.fonts.filter((entry) => !isTextFace(entry, languages));
  const wanted = new Map<FontEntry, number[]>(text_.map((entry) => [entry, [...points]]));
  const textHas = text_.map(lazyHas);
  const inText = (point: number) => textHas.some((has) => has(point));
  const inFallback = fallbacks.map((entry) => ({ entry, has: lazyHas(entry) }));
  // An emoji goes to the emoji face even where a script face has a plain glyph for it (Noto Naskh
  // Arabic draws 💻 in black): `fallback` faces come first for them, as Chromium's own fallback does.
  const emoji = emojiPoints(text, all);
  const emojiFirst = [...inFallback.filter(({ entry }) => entry.fallback), ...inFallback.filter(({ entry }) => !entry.fallback)];
  for (const point of points) {
    if (inText(point)) continue;
    const entry = (emoji.has(point) ? emojiFirst : inFallback).find(({ has }) => has(point))?.entry;
    if (!entry) continue;
    if (!wanted.has(entry)) wanted.set(entry, []);
    wanted.get(entry)!.push(point);
  }
  const out: string[] = [];
  for (const entry of list.fonts) {
    const used = wanted.get(entry);
    if (!used) continue;
    for (const style of entry.styles) {
      // Where a family's subsets overlap (every emoji subset has ❤), Chromium asks the face defined
      // last first: that one is enough.
      const all = faces(entry.package, style);
      const chosen = new Set<Face>();
      for (const point of used) {
        for (let i = all.length - 1; i >= 0; i--) {
          if (faceHas(all[i]!)(point)) {
            chosen.add(all[i]!);
            break;
          }
        }
      }
      for (const face of all) if (chosen.has(face)) out.push(inlined(face));
    }
  }
  return out.join('\n');
}

/**
 * The characters of `text` that no face of the list covers (in any of its subsets): Chromium would
 * set them in a system font, or as empty boxes. Spaces and invisible format characters are left out.
 */
export function uncoveredCharacters(list: FontList, text: string): string[] {
  // Asked entry by entry, in the list's order: a Latin text is answered by the first faces.
  const entries = list.fonts.map(lazyHas);
  const covered = (point: number) => entries.some((has) => has(point));
  const out: string[] = [];
  for (const point of distinctPoints(text)) {
    const char = String.fromCodePoint(point);
    if (point < 0x20 || /[\s\p{Cf}\p{M}]/u.test(char)) continue;
    if (!covered(point)) out.push(char);
  }
  return out;
}

/** A document as the run's pages load it (see `setDocument`). */
export interface ServedDocument {
  html: string;
  /** The families whose faces it has the pages fetch by URL; none when it is as written. */
  families: Set<string>;
}

const inlineFace = /url\(data:font\/woff2;base64,([A-Za-z0-9+/=]+)\)/;

/**
 * The document as the run's pages load it: in its style sheets, each font this module inlined is
 * named by the URL the pages serve it at (`serve`), and a Content-Security-Policy's font-src lets
 * that URL in. Chromium then decodes a face once for all the documents a renderer shows, not once
 * for each: on the 60-guide site, a fifth of the renderers' time. The files written keep the fonts
 * inline. A document whose policies do not all let inline fonts in through a font-src of their own
 * (`'self'`, a default-src alone, a policy this cannot read) is left as written, so that it prints
 * with the fonts its policy lets it have, as its HTML shows.
 */
export function servedFonts(html: string): ServedDocument {
  const asWritten: ServedDocument = { html, families: new Set() };
  if (servedUrls.size === 0) return asWritten;
  const families = new Set<string>();
  // Only the style sheets: the same characters in the text (a code block about @font-face) stay.
  const swapped = html.replace(/(<style\b[^>]*>)([\s\S]*?)(<\/style>)/gi, (_, open: string, css: string, close: string) =>
    open +
    css.replace(/@font-face\s*{[^}]*}/g, (rule) => {
      const found = inlineFace.exec(rule);
      const url = found && servedUrls.get(found[1]!);
      if (!url) return rule;
      const family = /font-family:\s*(['"]?)([^;'"]+)\1/.exec(rule)?.[2]?.trim();
      if (family) families.add(family);
      return rule.replace(found[0], () => `url(${url})`);
    }) +
    close,
  );
  if (families.size === 0) return asWritten;
  let readable = true;
  const out = swapped.replace(/<meta\b[^>]*>/gi, (meta) => {
    if (!/http-equiv\s*=\s*["']?content-security-policy["'\s>/]/i.test(meta)) return meta;
    const content = /\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(meta);
    const policy = content?.[1] ?? content?.[2];
    const directives = policy?.split(';') ?? [];
    const at = directives.findIndex((d) => /^\s*font-src\s/i.test(d));
    if (!content || at < 0 || !/\sdata:(\s|$)/i.test(`${directives[at]} `)) {
      readable = false;
      return meta;
    }
    directives[at] = `${directives[at]!.trimEnd()} ${servedOrigin}`;
    return meta.replace(content[0], () => `content="${directives.join(';')}"`);
  });
  return readable ? { html: out, families } : asWritten;
}

/**
 * Set a document in a page and load its fonts, as they are served (`servedFonts`). Should a served
 * face not load so (a page set up without `hermetic`'s request handler), the document is set
 * again as written, with its fonts inline: the output is the same either way. A face of the
 * document's own that does not load (a template's `local()` font the machine lacks) does not count.
 */
export async function setDocument(page: Page, html: string): Promise<void> {
  const served = servedFonts(html);
  await page.setContent(served.html, { waitUntil: 'load' });
  const failed = await loadFonts(page);
  if (!failed.some((family) => served.families.has(family))) return;
  await page.setContent(html, { waitUntil: 'load' });
  await loadFonts(page);
}
