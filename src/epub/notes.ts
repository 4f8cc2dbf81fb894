import type { Element, ElementContent, Root, RootContent } from 'hast';
import { visit } from 'unist-util-visit';

const isElement = (node: RootContent | ElementContent | undefined, tag: string): node is Element => node?.type === 'element' && node.tagName === tag;

/**
 * Footnotes as an ebook reader shows them, in a pop-up: each call is an `epub:type="noteref"`
 * link, each note an `<aside epub:type="footnote">` with its back-link, gathered at the end of the
 * document under `heading`. Link URLs are not printed: in an ebook a link stays a link.
 */
export default function rehypeEpubNotes(options: { heading: string }) {
  return (tree: Root) => {
    const index = tree.children.findIndex((n) => isElement(n, 'section') && n.properties.dataFootnotes !== undefined);
    if (index < 0) return;
    const section = tree.children[index] as Element;
    tree.children.splice(index, 1);
    const asides: Element[] = [];
    visit(section, 'element', (node: Element) => {
      if (node.tagName !== 'li' || typeof node.properties.id !== 'string') return;
      visit(node, 'element', (a: Element) => {
        if (a.tagName === 'a' && a.properties.dataFootnoteBackref !== undefined) a.properties.role = 'doc-backlink';
      });
      asides.push({ type: 'element', tagName: 'aside', properties: { id: node.properties.id, 'epub:type': 'footnote', role: 'doc-footnote', className: ['footnote'] }, children: node.children });
    });
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'a' || node.properties.dataFootnoteRef === undefined) return;
      // It named remark-rehype's hidden "Footnotes" heading, which is not kept.
      delete node.properties.ariaDescribedBy;
      node.properties['epub:type'] = 'noteref';
      node.properties.role = 'doc-noteref';
    });
    tree.children.push({
      type: 'element',
      tagName: 'section',
      properties: { className: ['footnotes'] },
      children: [{ type: 'element', tagName: 'h2', properties: { className: ['footnotes-heading'] }, children: [{ type: 'text', value: options.heading }] }, ...asides],
    });
  };
}
