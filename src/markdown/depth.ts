import type { Root } from 'mdast';
import type { Node, Parent } from 'unist';
import type { VFile } from 'vfile';
import { contentError } from '../errors.js';

/**
 * How deep blocks and inline markup may nest. The tree walkers downstream (mdast-util-to-hast,
 * rehype-raw's parse5, unist-util-visit) recurse once or more per level and overflow Node's stack
 * between 2,000 and 5,000 levels; no real guide nests more than a handful.
 */
export const maxDepth = 100;

/**
 * Nesting deeper than `maxDepth` (blockquotes, lists, emphasis, links, or raw HTML elements, which
 * count on top of the markdown around them) is a positioned error, and the tree is cut there so
 * that no later stage overflows the stack. Walks with its own stack: it must not recurse either.
 */
export default function remarkDepthLimit() {
  return (tree: Root, file: VFile) => {
    let html = 0;
    let reported = false;
    const stack: { node: Node; depth: number }[] = [{ node: tree, depth: 0 }];
    while (stack.length > 0) {
      const { node, depth } = stack.pop()!;
      let peak = html;
      if (node.type === 'html') ({ html, peak } = htmlDepth(String((node as Node & { value: unknown }).value), html));
      const children = (node as Partial<Parent>).children;
      if (depth + peak >= maxDepth) {
        if (!reported) {
          contentError(file, `Nested more than ${maxDepth} levels deep (blockquotes, lists, emphasis or HTML elements inside each other): flatten it`, node.position?.start, 'too-deep');
          reported = true;
        }
        if (children) (node as Parent).children = [];
        else if (node.type === 'html') (node as Node & { value: string }).value = '';
        continue;
      }
      if (!children?.length) continue;
      // Children in reverse, so that they are visited in document order (raw HTML depth is counted along it).
      for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, depth: depth + 1 });
    }
  };
}

// Void elements never close; those whose end tag is optional (`<p>`, `<li>`...) often are not closed: neither counts.
const uncounted = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr',
  'p', 'li', 'dt', 'dd', 'option', 'optgroup', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'colgroup', 'caption', 'rp', 'rt', 'html', 'head', 'body',
]);

/**
 * How many elements are open after a piece of raw HTML, and at most inside it, starting from
 * `open` (an estimate: comments and attributes holding `>` can fool it).
 */
function htmlDepth(html: string, open: number): { html: number; peak: number } {
  let depth = open;
  let peak = open;
  for (const m of html.matchAll(/<(\/?)([a-zA-Z][\w-]*)[^>]*?(\/?)>/g)) {
    if (m[1]) depth = Math.max(0, depth - 1);
    else if (!m[3] && !uncounted.has(m[2]!.toLowerCase())) peak = Math.max(peak, ++depth);
  }
  return { html: depth, peak };
}

/**
 * The markdown with every line's run of container markers (`>`, `-`, `1.`...) cut to `maxDepth`:
 * micromark takes time quadratic in such a run (20,000 `- ` on one line took five minutes), and
 * deeper than `maxDepth` is an error anyway, which `remarkDepthLimit` then reports at that line.
 * Lines keep their numbers; text past a cut run loses only columns.
 */
export function capNesting(markdown: string): string {
  const run = new RegExp(`^((?:[ \\t]*(?:>|[-*+](?=[ \\t])|\\d{1,9}[.)](?=[ \\t]))){${maxDepth}})(?:[ \\t]*(?:>|[-*+](?=[ \\t])|\\d{1,9}[.)](?=[ \\t])))+`, 'gm');
  return markdown.replace(run, '$1');
}
