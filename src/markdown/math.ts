import type { Element, ElementContent, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import katex from 'katex';
import rehypeRaw from 'rehype-raw';
import { unified } from 'unified';
import { SKIP, visitParents } from 'unist-util-visit-parents';
import type { VFile } from 'vfile';
import { contentError } from '../errors.js';

/** No rule or space in a formula larger than this (KaTeX's default is unbounded): `\rule{1e6em}{1em}` cannot blow up the page. */
export const maxSizeEm = 40;

/** Reads KaTeX's HTML into hast (rehype-raw parses `raw` nodes with parse5). */
const parser = unified().use(rehypeRaw);

/**
 * Typeset `$inline$` and `$$display$$` math (remark-math's `code.language-math`) with KaTeX at
 * build time, so the printed page needs no script. It runs after the sanitizer: KaTeX's output
 * (hundreds of spans with inline sizes and its own classes) would need a wide allow-list, while
 * its input is only the formula's text, which KaTeX escapes (`trust` stays off: no `\href`).
 * HTML only, no MathML: Chromium would print MathML's hidden copy into the text layer a second
 * time, in a system font. This is the `katex` package guidepress depends on, whose katex.css
 * `shared/math.ts` embeds (rehype-katex brings an older KaTeX whose class names differ).
 * A TeX error is the guide's error, at the formula, with KaTeX's message.
 */
export default function rehypeMath() {
  return (tree: Root, file: VFile) => {
    visitParents(tree, 'element', (element: Element, ancestors) => {
      const classes = Array.isArray(element.properties.className) ? element.properties.className.map(String) : [];
      if (element.tagName !== 'code' || !classes.includes('language-math')) return;
      const parent = ancestors.at(-1);
      // remark-math's display math (and a ```math fence) is `<pre><code>`: the <pre> is replaced.
      const display = !classes.includes('math-inline') && parent?.type === 'element' && parent.tagName === 'pre';
      const scope: Element = display ? (parent as Element) : element;
      const container = ancestors.at(display ? -2 : -1);
      if (!container) return;
      const tex = toString(element);
      let html: string;
      try {
        html = katex.renderToString(tex, { displayMode: display, output: 'html', throwOnError: true, strict: 'ignore', trust: false, maxSize: maxSizeEm });
      } catch (error) {
        if (!(error instanceof katex.ParseError)) throw error;
        const reason = (error.rawMessage || error.message).replace(/^KaTeX parse error: /, '');
        contentError(file, `TeX error in a formula: ${reason}`, element.position ?? scope.position, 'math-error');
        return SKIP;
      }
      const parsed = parser.runSync({ type: 'root', children: [{ type: 'raw', value: html }] }) as Root;
      // KaTeX hides its HTML from assistive technology in favour of the MathML left out above:
      // without MathML, the glyphs are what a reader of the tagged PDF gets, so they stay visible.
      visitParents(parsed, 'element', (node: Element) => {
        if (node.properties.ariaHidden !== undefined) delete node.properties.ariaHidden;
      });
      const index = container.children.indexOf(scope as ElementContent);
      container.children.splice(index, 1, ...(parsed.children as ElementContent[]));
      return [SKIP, index + parsed.children.length];
    });
  };
}
