import type { Element, ElementContent, Root } from 'hast';
import rehypeRaw from 'rehype-raw';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { SKIP, visit } from 'unist-util-visit';

/** Parses our own raw markup (the diagrams' SVG) into elements, as `markdown/math.ts` does KaTeX's. */
const parser = unified().use(rehypeRaw);

/**
 * A body ready to be serialized as XHTML: raw SVG parsed into elements (an XML reader needs it
 * well-formed, and the serializer closes its empty elements), and the attributes HTML writes
 * without a value, which XML does not allow, turned into what an ebook needs: a task list's
 * checkbox becomes ☑ or ☐, a `<details>` is shown open as a `<div>`, a `data-*` flag gets `=""`,
 * and `align` becomes CSS.
 */
export function rehypeXhtml() {
  return (tree: Root) => {
    visit(tree, 'raw', (node, index, parent) => {
      if (!parent || index === undefined) return;
      const parsed = parser.runSync({ type: 'root', children: [{ type: 'raw', value: node.value }] }) as Root;
      parent.children.splice(index, 1, ...(parsed.children as ElementContent[]));
      return [SKIP, index + parsed.children.length];
    });
    visit(tree, 'element', (node: Element) => {
      if (node.tagName === 'svg') svgForEpub(node);
    });
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName === 'input' && parent && index !== undefined) {
        const box: ElementContent = { type: 'text', value: node.properties.checked ? '☑' : '☐' };
        parent.children[index] = { type: 'element', tagName: 'span', properties: { className: ['task'] }, children: [box] };
        return;
      }
      // HTML's obsolete `align` (GFM's table columns write it): EPUB's schema wants CSS.
      if (typeof node.properties.align === 'string') {
        const style = typeof node.properties.style === 'string' ? `${node.properties.style.replace(/;?\s*$/, ';')} ` : '';
        node.properties.style = `${style}text-align: ${node.properties.align}`;
        delete node.properties.align;
      }
      if (node.tagName === 'details') node.tagName = 'div';
      if (node.tagName === 'summary') node.tagName = 'p';
      for (const [key, value] of Object.entries(node.properties)) {
        if (value !== true) continue;
        if (/^(data|aria)[A-Z]/.test(key)) node.properties[key] = '';
        else delete node.properties[key];
      }
    });
  };
}

/**
 * A drawn diagram as EPUB's SVG 1.1 schema accepts it: an image to assistive technology (mermaid
 * says `graphics-document`), without mermaid's own `name` and `datatype` attributes, and with the
 * zero size SVG 2 gives a `<rect>` that names none.
 */
function svgForEpub(svg: Element): void {
  svg.properties.role = 'img';
  visit(svg, 'element', (node: Element) => {
    for (const key of ['name', 'datatype', 'dataType']) delete node.properties[key];
    if (node.tagName === 'rect') {
      node.properties.width ??= '0';
      node.properties.height ??= '0';
    }
  });
}

/** The body's XHTML: every element closed, no named character reference an XML reader would not know. */
export function stringifyXhtml(tree: Root): string {
  return unified()
    .use(rehypeStringify, { closeSelfClosing: true, closeEmptyElements: true, tightSelfClosing: true, characterReferences: { useNamedReferences: false } })
    .stringify(tree);
}
