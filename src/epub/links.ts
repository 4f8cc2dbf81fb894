import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import type { Guide } from '../content/guide.js';
import { decodeUriLenient } from '../markdown/uri.js';
import { lastSegment } from '../shared/manifest.js';

export interface EpubLinkOptions {
  /** Every name of a guide in the EPUB (file slug, last segment of its `url`) -> its document's id. */
  docs: Map<string, string>;
  /** Every loaded guide by name, to send links to guides outside the EPUB to their page on the site. */
  guides: Map<string, Guide>;
  /** The site the guides come from: `/paths` resolve on it. */
  baseUrl?: string;
}

const hasScheme = /^[a-z][a-z0-9+.-]*:/i;

/** A document's file name in the package, beside the others in `text/`. */
export const documentHref = (id: string, fragment = '') => `${id}.xhtml${fragment ? `#${fragment}` : ''}`;

/**
 * Links between guides in an EPUB: `/guides/x` or `x.md` (with or without `#heading`) to a guide
 * in the EPUB goes to its document and anchor; any other site-relative link becomes a link on the
 * site (`baseUrl`), and a relative link that leads nowhere becomes plain text. A guide's own
 * `#heading` links stay in its document.
 */
export default function rehypeEpubLinks(options: EpubLinkOptions) {
  let origin: string | undefined;
  try {
    origin = options.baseUrl ? new URL(options.baseUrl).href : undefined;
  } catch {
    origin = undefined;
  }
  const onSite = (path: string) => (origin ? new URL(path, origin).href : undefined);
  const toDocument = (name: string | undefined, fragment: string) => {
    const id = name === undefined ? undefined : options.docs.get(name);
    return id === undefined ? undefined : documentHref(id, fragment);
  };
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'a') return;
      const href = typeof node.properties.href === 'string' ? node.properties.href : undefined;
      if (href === undefined || href === '' || hasScheme.test(href) || href.startsWith('//')) return;
      const hash = href.indexOf('#');
      const path = hash < 0 ? href : href.slice(0, hash);
      const fragment = hash < 0 ? '' : decodeUriLenient(href.slice(hash + 1));
      if (path === '') {
        if (node.properties.dataFootnoteRef === undefined && node.properties.dataFootnoteBackref === undefined) node.properties.href = `#${fragment}`;
        return;
      }
      const name = path.startsWith('/') ? lastSegment(path) : lastSegment(path)?.replace(/\.md$/i, '');
      const internal = toDocument(name, fragment);
      if (internal) {
        node.properties.href = internal;
        return;
      }
      const url = path.startsWith('/') ? href : name === undefined ? undefined : options.guides.get(name)?.meta.url;
      const external = url ? onSite(path.startsWith('/') ? url : url + (fragment ? `#${fragment}` : '')) : undefined;
      if (external) node.properties.href = external;
      else unlink(node);
    });
  };
}

function unlink(node: Element): void {
  node.tagName = 'span';
  node.properties = { className: ['unlinked'] };
}
