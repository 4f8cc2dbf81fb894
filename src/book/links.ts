import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import type { Guide } from '../content/guide.js';
import { guideLinkResolver, retarget } from '../shared/guide-links.js';

export interface BookLinkOptions {
  /** Every guide name (file slug, or last segment of its `url`) -> its section id, for guides in the book. */
  inBook: Map<string, string>;
  /** Every loaded guide by name, to send links to guides outside the book to their page on the site. */
  guides: Map<string, Guide>;
  /** The site the guides come from; `/paths` resolve on it. */
  baseUrl?: string;
}

/**
 * Links between guides, inside one book: `/guides/x` or `x.md` (with or without `#heading`) to a
 * guide in the book becomes a link to its section (`#x`, or `#x--heading`); any other site-relative
 * link becomes an absolute URL on the book's `baseUrl` (so it prints as a note and stays
 * clickable). A relative link that cannot be followed on paper becomes plain text.
 */
export default function rehypeBookLinks(options: BookLinkOptions) {
  const target = guideLinkResolver({
    inside: (name, fragment) => {
      const id = options.inBook.get(name);
      if (id === undefined) return undefined;
      return fragment ? `#${id}--${fragment}` : `#${id}`;
    },
    guides: options.guides,
    baseUrl: options.baseUrl,
  });
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'a' || typeof node.properties.href !== 'string') return;
      // A guide's own `#fragment` links (footnotes too) are prefixed by `prefixIds`, which runs first:
      // the resolver leaves them.
      retarget(node, target(node.properties.href));
    });
  };
}
