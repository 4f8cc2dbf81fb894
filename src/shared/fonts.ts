import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readTemplate } from './templates.js';

/** A template folder's `fonts.json`: which `@fontsource` packages and styles its documents embed. */
export interface FontList {
  fonts: { package: string; styles: string[] }[];
}

/** Read the font list of a template folder (`print`, `deck`), the user's own when they have one. */
export function readFontList(folder: string, templatesDir?: string): FontList {
  return JSON.parse(readTemplate(`${folder}/fonts.json`, templatesDir)) as FontList;
}

const require = createRequire(import.meta.url);
const faceCache = new Map<string, { css: string; ranges: [number, number][] }[]>();

/** The @font-face rules of one @fontsource CSS file, each with its files inlined as data URLs. */
function faces(pkg: string, style: string) {
  const key = `${pkg}/${style}`;
  const cached = faceCache.get(key);
  if (cached) return cached;
  const dir = dirname(require.resolve(`${pkg}/package.json`));
  const source = readFileSync(join(dir, `${style}.css`), 'utf8');
  const list = [...source.matchAll(/@font-face\s*{[^}]*}/g)].map(([rule]) => {
    // Keep only the woff2 source (every Chromium reads it) and inline it.
    const css = rule.replace(/src:[^;]*;/, (src) => {
      const file = /url\(\.\/([^)]+\.woff2)\)/.exec(src)?.[1];
      if (!file) return src;
      const data = readFileSync(join(dir, file)).toString('base64');
      return `src: url(data:font/woff2;base64,${data}) format('woff2');`;
    });
    return { css, ranges: unicodeRanges(rule) };
  });
  faceCache.set(key, list);
  return list;
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

/**
 * @font-face CSS for the template's fonts with the files embedded, keeping only the unicode
 * subsets that the document's text uses, so a handout carries tens of kilobytes of fonts, not megabytes.
 */
export function fontFaceCss(list: FontList, text: string): string {
  const points = new Set<number>();
  for (const char of text) points.add(char.codePointAt(0)!);
  // Digits and basic punctuation appear in page numbers and running heads even if not in the body.
  for (let c = 0x20; c < 0x7f; c++) points.add(c);
  const used = (ranges: [number, number][]) => [...points].some((p) => ranges.some(([a, b]) => p >= a && p <= b));
  const out: string[] = [];
  for (const font of list.fonts) {
    for (const style of font.styles) {
      for (const face of faces(font.package, style)) if (used(face.ranges)) out.push(face.css);
    }
  }
  return out.join('\n');
}

/**
 * The characters of `text` that no face of the list covers (in any of its subsets): Chromium would
 * set them in a system font, or as empty boxes. Spaces and invisible format characters are left out.
 */
export function uncoveredCharacters(list: FontList, text: string): string[] {
  const ranges = list.fonts.flatMap((font) => font.styles.flatMap((style) => faces(font.package, style).flatMap((face) => face.ranges)));
  const out = new Set<string>();
  for (const char of text) {
    const point = char.codePointAt(0)!;
    if (point < 0x20 || /[\s\p{Cf}\p{M}]/u.test(char)) continue;
    if (!ranges.some(([a, b]) => point >= a && point <= b)) out.add(char);
  }
  return [...out];
}
