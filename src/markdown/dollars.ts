import type { Root, Text } from 'mdast';
// remark-math declares the `inlineMath` node on mdast.
import type {} from 'remark-math';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

/**
 * Give prices back their dollars: remark-math reads any `$...$` as a formula, so "between $5 and
 * $10" would be typeset as math. As Pandoc does, single-dollar math must hug its delimiters (no
 * space just inside either `$`) and its closing `$` must not be followed by a digit; anything else
 * is put back as the text the author wrote.
 */
export default function remarkDollars() {
  return (tree: Root, file: VFile) => {
    const source = String(file.value);
    visit(tree, 'inlineMath', (node, index, parent) => {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (!parent || index === undefined || start === undefined || end === undefined) return;
      const written = source.slice(start, end);
      if (written.startsWith('$$')) return;
      const inner = written.slice(1, -1);
      const price = /^\s|\s$/.test(inner) || /^\d/.test(source.charAt(end));
      if (!price) return;
      const text: Text = { type: 'text', value: written, position: node.position };
      parent.children.splice(index, 1, text);
      return [SKIP, index + 1];
    });
  };
}
