import type { Element, Root, Text } from 'hast';
import { visitParents } from 'unist-util-visit-parents';
import type { VFile } from 'vfile';

type Hyphenator = (text: string, options?: { minWordLength?: number }) => string;
const cache = new Map<string, Hyphenator | null>();

/** Load Liang's patterns for a language from the `hyphen` package: `en-GB`, then `en`. */
export async function loadHyphenator(lang: string): Promise<Hyphenator | null> {
  const tag = lang.toLowerCase();
  if (cache.has(tag)) return cache.get(tag)!;
  let found: Hyphenator | null = null;
  for (const candidate of [tag, tag.split('-')[0]!]) {
    if (!/^[a-z]{2,3}(-[a-z0-9]+)*$/.test(candidate)) continue;
    try {
      // The package is CommonJS: its functions come on the default export.
      const mod = (await import(`hyphen/${candidate}/index.js`)) as { default?: { hyphenateSync?: Hyphenator } };
      found = mod.default?.hyphenateSync ?? null;
      if (found) break;
    } catch {
      // No patterns for this tag: try the primary language, then give up.
    }
  }
  cache.set(tag, found);
  return found;
}

// Headings (and table headers) are set unhyphenated, and Chromium copies their text into the PDF's bookmarks, where a
// soft hyphen would show: leave them whole.
const skipTags = new Set(['pre', 'code', 'kbd', 'samp', 'script', 'style', 'svg', 'math', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'th']);
const word = /\p{L}[\p{L}\p{M}]{5,}/gu;

/**
 * Languages whose writing does not break words with a hyphen: Chinese, Japanese and Korean break
 * between characters or syllable blocks, Thai, Lao, Khmer, Burmese and Tibetan between syllables,
 * and Arabic, Persian, Urdu and Hebrew keep words whole. Without patterns they need no warning.
 */
const unhyphenated = new Set(['ja', 'zh', 'ko', 'yue', 'wuu', 'th', 'lo', 'km', 'my', 'bo', 'ar', 'fa', 'ur', 'ps', 'he', 'yi']);

/**
 * Insert soft hyphens by language, since Chromium's `hyphens: auto` does nothing offline. The CSS
 * decides where they may break (`hyphens: manual`); code, URLs and link notes are left whole.
 */
export default function rehypeHyphenate(options: { lang?: string } = {}) {
  return async (tree: Root, file: VFile) => {
    const lang = file.data.meta?.lang ?? options.lang ?? 'en';
    const hyphenate = await loadHyphenator(lang);
    if (!hyphenate) {
      if (unhyphenated.has(lang.toLowerCase().split('-')[0]!)) return;
      // Once per guide, though the handout and the book both print its body.
      if (file.messages.some((m) => m.ruleId === 'no-hyphenation')) return;
      // At the front matter's `lang:` (or `lang =`) line; line 1 when the language came from elsewhere.
      const line = String(file.value).split('\n').findIndex((l) => /^lang\s*[:=]/.test(l)) + 1;
      file.message(`No hyphenation patterns for language \`${lang}\`: the text is set without hyphenation`, {
        place: { line: line || 1, column: 1 }, ruleId: 'no-hyphenation', source: 'guidepress',
      });
      return;
    }
    visitParents(tree, 'text', (node: Text, ancestors) => {
      if (ancestors.some((a) => a.type === 'element' && (skipTags.has((a as Element).tagName) || isTypeset(a as Element) || isUrlLink(a as Element, node)))) return;
      if (/:\/\/|www\.|@/.test(node.value)) return;
      node.value = node.value.replace(word, (w) => hyphenate(w, { minWordLength: 6 }));
    });
  };
}

/** What `markdown/math.ts` and `highlight.ts` made: KaTeX's glyphs placed one by one, a code block and its language label. */
function isTypeset(element: Element): boolean {
  const classes = element.properties.className;
  return Array.isArray(classes) && (classes.includes('katex') || classes.includes('code-block'));
}

function isUrlLink(element: Element, text: Text): boolean {
  if (element.tagName !== 'a') return false;
  const classes = element.properties.className;
  return text.value.includes('/') || (Array.isArray(classes) && classes.includes('url'));
}
