import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
let katexCss: { dir: string; faces: { face: string; css: string }[]; rules: { selectors: string[][][]; faces: string[] }[]; rest: string } | undefined;

/** A face as `family:style:weight`, the way the rules below and katex.css's @font-face name it. */
function faceKey(declarations: string, family: string): string {
  const italic = /font(?:-style)?:[^;}]*\bitalic\b/.test(declarations);
  const bold = /font-weight:\s*(?:bold|[6-9]00)\b|font:[^;}]*\bbold\b/.test(declarations);
  return `${family}:${italic ? 'italic' : 'normal'}:${bold ? 700 : 400}`;
}

/** katex.css read once: its @font-face rules by family, and which selectors ask for which family. */
function readKatexCss() {
  if (katexCss) return katexCss;
  const dir = join(dirname(require.resolve('katex/package.json')), 'dist');
  const source = readFileSync(join(dir, 'katex.min.css'), 'utf8');
  const faces = [...source.matchAll(/@font-face\{[^}]*\}/g)].map(([css]) => ({ face: faceKey(css, /font-family:\s*([\w-]+)/.exec(css)?.[1] ?? ''), css }));
  const rest = source.replace(/@font-face\{[^}]*\}/g, '');
  const rules = [...rest.matchAll(/([^{}@]+)\{([^{}]*)\}/g)].flatMap(([, selector, body]) => {
    const families = [...new Set(body!.match(/KaTeX_\w+/g) ?? [])];
    if (!families.length) return [];
    // Each selector as its compounds' classes: `.katex .delimsizing.size3` -> [[katex], [delimsizing, size3]].
    const selectors = selector!.split(',').map((s) => s.trim().split(/[\s>+~]+/).map((part) => [...part.matchAll(/\.([\w-]+)/g)].map((m) => m[1]!)));
    return [{ selectors, faces: families.map((family) => faceKey(body!, family)) }];
  });
  katexCss = { dir, faces, rules, rest };
  return katexCss;
}

/**
 * KaTeX's stylesheet for a document whose HTML holds typeset math, with the fonts its formulas
 * use embedded as data URLs (woff2 only, every Chromium reads it): a face is embedded when a
 * rule that asks for it applies to classes the formulas carry (`.mathnormal` -> KaTeX_Math
 * italic, `.delimsizing.size2` -> KaTeX_Size2). Empty for a document without math.
 */
/** Whether the HTML holds a formula typeset by KaTeX. */
const hasMath = (html: string) => /class="katex[" ]/.test(html);

export function mathCss(html: string): string {
  if (!hasMath(html)) return '';
  return `${mathFontFaces(html)}\n${readKatexCss().rest}`;
}

/** Only the @font-face rules of `mathCss`, for a document that has KaTeX's other rules already (Marp's). */
export function mathFontFaces(html: string): string {
  if (!hasMath(html)) return '';
  const { dir, faces, rules } = readKatexCss();
  const used = new Set<string>();
  const elements = new Set<string>();
  for (const [, value] of html.matchAll(/class="([^"]*)"/g)) {
    elements.add(value!);
    for (const name of value!.split(/\s+/)) used.add(name);
  }
  const lists = [...elements].map((value) => new Set(value.split(/\s+/)));
  // A rule applies when the classes of its last compound are on one element, and the others are used somewhere.
  const applies = (compounds: string[][]) => {
    const last = compounds.at(-1) ?? [];
    return last.length > 0 && lists.some((list) => last.every((c) => list.has(c))) && compounds.flat().every((c) => used.has(c));
  };
  const wanted = new Set<string>();
  for (const rule of rules) if (rule.selectors.some(applies)) rule.faces.forEach((f) => wanted.add(f));
  const embedded = faces.filter(({ face }) => wanted.has(face)).map(({ css }) =>
    css.replace(/src:[^;}]*/, (src) => {
      const file = /url\(([^)]+\.woff2)\)/.exec(src)?.[1];
      return file ? `src:url(data:font/woff2;base64,${readFileSync(join(dir, file)).toString('base64')}) format("woff2")` : src;
    }),
  );
  return embedded.join('\n');
}

/** The HTML without its typeset formulas: their glyphs come from KaTeX's fonts, not the template's. */
export function withoutMath(html: string): string {
  let out = '';
  let at = 0;
  for (let start = html.indexOf('<span class="katex"', at); start !== -1; start = html.indexOf('<span class="katex"', at)) {
    out += html.slice(at, start);
    // Skip to the matching </span>: KaTeX's output nests spans only.
    let depth = 0;
    const tag = /<(\/?)span\b[^>]*>/g;
    tag.lastIndex = start;
    let end = html.length;
    for (let m = tag.exec(html); m; m = tag.exec(html)) {
      depth += m[1] ? -1 : 1;
      if (depth === 0) { end = tag.lastIndex; break; }
    }
    at = end;
  }
  return out + html.slice(at);
}
