import type { Element, ElementContent, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { h } from 'hastscript';
import { SKIP, visit } from 'unist-util-visit';

export interface LinkNoteOptions {
  /** Heading of the notes section. */
  heading?: string;
  /** Prefix for the ids, so several guides can share one document (the book). */
  idPrefix?: string;
}

/**
 * Paper cannot click: every external link keeps its `href` (the PDF link stays live) and gets a
 * superscript number, and the URLs are listed as numbered notes at the end. A link whose text is
 * already its URL needs no note. The same URL keeps one number.
 */
export default function rehypeLinkNotes(options: LinkNoteOptions = {}) {
  const heading = options.heading ?? 'Links';
  const prefix = options.idPrefix ?? '';
  return (tree: Root) => {
    const numbers = new Map<string, number>();
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName !== 'a' || index === undefined || !parent) return;
      const href = typeof node.properties.href === 'string' ? node.properties.href : '';
      if (!/^https?:\/\//i.test(href)) return;
      const text = toString(node).trim();
      if (sameUrl(text, href)) return SKIP;
      let n = numbers.get(href);
      if (n === undefined) {
        n = numbers.size + 1;
        numbers.set(href, n);
      }
      const ref = h('sup.link-note-ref', [h('a', { href: `#${prefix}link-note-${n}` }, String(n))]);
      parent.children.splice(index + 1, 0, ref);
      return [SKIP, index + 2];
    });
    if (numbers.size === 0) return;
    const items: ElementContent[] = [...numbers].map(([href, n]) =>
      h('li', { id: `${prefix}link-note-${n}` }, [h('a', { href }, href)]),
    );
    tree.children.push(h('section.link-notes', [h('h2', { id: `${prefix}links` }, heading), h('ol', items)]));
  };
}

function sameUrl(text: string, href: string): boolean {
  const bare = (s: string) => s.replace(/^https?:\/\//i, '').replace(/^www\./i, '').replace(/\/$/, '').toLowerCase();
  return bare(text) === bare(href);
}
