import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import type { Guide } from '../content/guide.js';
import { decodeUriLenient } from '../markdown/uri.js';
import { guideLinkResolver, retarget } from '../shared/guide-links.js';

export interface EpubLinkOptions {
  /** Every name of a guide in the EPUB (file slug, last segment of its `url`) -> its document's id. */
  docs: Map<string, string>;
  /** Every loaded guide by name, to send links to guides outside the EPUB to their page on the site. */
  guides: Map<string, Guide>;
  /** The site the guides come from: `/paths` resolve on it. */
  baseUrl?: string;
}

/** A document's file name in the package, beside the others in `text/`. */
export const documentHref = (id: string, fragment = '') => `${id}.xhtml${fragment ? `#${fragment}` : ''}`;

/**
 * Links between guides in an EPUB: `/guides/x` or `x.md` (with or without `#heading`) to a guide
 * in the EPUB goes to its document and anchor; any other site-relative link becomes a link on the
 * site (`baseUrl`), and a relative link that leads nowhere becomes plain text. A guide's own
 * `#heading` links stay in its document.
 */
export default function rehypeEpubLinks(options: EpubLinkOptions) {
  const target = guideLinkResolver({
    inside: (name, fragment) => {
      const id = options.docs.get(name);
      return id === undefined ? undefined : documentHref(id, fragment);
    },
    guides: options.guides,
    baseUrl: options.baseUrl,
  });
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'a' || typeof node.properties.href !== 'string') return;
      const href = node.properties.href;
      if (href.startsWith('#')) {
        // The fragment as the ids are written (decoded); footnote calls and back links keep theirs.
        if (node.properties.dataFootnoteRef === undefined && node.properties.dataFootnoteBackref === undefined) node.properties.href = `#${decodeUriLenient(href.slice(1))}`;
        return;
      }
      retarget(node, target(href));
    });
  };
}
