import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import { decodeUriLenient } from './uri.js';

/** Properties that hold ids (one, or a list) of the same document. */
const idLists = ['ariaDescribedBy', 'ariaLabelledBy', 'ariaControls', 'ariaOwns', 'htmlFor', 'headers'] as const;

/**
 * Prefix every `id` of a guide's body, and every reference to one (`#href`, `aria-describedby`,
 * `for`...), so that several guides share one document without two `id="intro"` colliding: the
 * slugs, the footnotes and the ids an author wrote in raw HTML alike. Raw markup (the diagrams'
 * SVG) is left as it is: its ids are made unique where it is drawn.
 */
export default function rehypePrefixIds(options: { prefix: string }) {
  const { prefix } = options;
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      const { properties } = node;
      if (typeof properties.id === 'string' && properties.id !== '') properties.id = prefix + properties.id;
      for (const name of idLists) {
        const value = properties[name];
        if (Array.isArray(value)) properties[name] = value.map((id) => prefix + String(id));
        else if (typeof value === 'string' && value !== '') properties[name] = [prefix + value];
      }
      const href = properties.href;
      if (typeof href !== 'string' || !href.startsWith('#')) return;
      // remark-rehype writes a footnote's ids and links percent-encoded alike; a link an author
      // wrote to a heading is decoded, since a slug id is plain text.
      const footnote = properties.dataFootnoteRef !== undefined || properties.dataFootnoteBackref !== undefined;
      properties.href = `#${prefix}${footnote ? href.slice(1) : decodeUriLenient(href.slice(1))}`;
    });
  };
}
