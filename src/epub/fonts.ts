import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readFontList } from '../shared/fonts.js';
import type { Resource } from './images.js';

const require = createRequire(import.meta.url);

/**
 * The bundled fonts an EPUB carries: those of `templates/epub/fonts.json`, as WOFF2 files of the
 * package, only the unicode subsets (and so files) the text uses. Returns the `@font-face` rules,
 * with URLs relative to the stylesheet in `css/`, and the files.
 */
export function epubFonts(text: string, templatesDir?: string): { css: string; files: Resource[] } {
  const points = new Set<number>();
  for (const char of text) points.add(char.codePointAt(0)!);
  const rules: string[] = [];
  const files: Resource[] = [];
  for (const font of readFontList('epub', templatesDir).fonts) {
    const dir = dirname(require.resolve(`${font.package}/package.json`));
    for (const style of font.styles) {
      const source = readFileSync(join(dir, `${style}.css`), 'utf8');
      for (const [rule] of source.matchAll(/@font-face\s*{[^}]*}/g)) {
        const file = /url\(\.\/(?:files\/)?([^)]+\.woff2)\)/.exec(rule)?.[1];
        if (!file || !usesRange(points, rule)) continue;
        const href = `fonts/${file.split('/').at(-1)}`;
        if (!files.some((f) => f.href === href)) {
          files.push({ href, mediaType: 'font/woff2', data: readFileSync(join(dir, 'files', file.split('/').at(-1)!)) });
        }
        rules.push(rule.replace(/src:[^;]*;/, `src: url(../${href}) format('woff2');`));
      }
    }
  }
  return { css: rules.join('\n'), files };
}

function usesRange(points: Set<number>, rule: string): boolean {
  const value = /unicode-range:\s*([^;]+);/.exec(rule)?.[1];
  if (!value) return true;
  const ranges = value.split(',').map((part) => {
    const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
    return [parseInt(from!.replace(/\?/g, '0'), 16), to ? parseInt(to, 16) : parseInt(from!.replace(/\?/g, 'F'), 16)] as const;
  });
  for (const p of points) if (ranges.some(([a, b]) => p >= a && p <= b)) return true;
  return false;
}
