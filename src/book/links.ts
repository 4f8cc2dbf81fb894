import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import type { Guide } from '../content/guide.js';
import { lastSegment } from './manifest.js';
import { decodeUriLenient } from '../markdown/uri.js';

export interface BookLinkOptions {
  /** Every guide name (file slug, or last segment of its `url`) -> its section id, for guides in the book. */
  inBook: Map<string, string>;
  /** Every loaded guide by name, to send links to guides outside the book to their page on the site. */
  guides: Map<string, Guide>;
  /** The site the guides come from; `/paths` resolve on it. */
  baseUrl?: string;
}

const hasScheme = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Links between guides, inside one book: `/guides/x` or `x.md` (with or without `#heading`) to a
 * guide in the book becomes a link to its section (`#x`, or `#x--heading`); any other site-relative
 * link becomes an absolute URL on the book's `baseUrl` (so it prints as a note and stays
 * clickable). A relative link that cannot be
 * followed on paper becomes plain text.
 */
export default function rehypeBookLinks(options: BookLinkOptions) {
  let origin: string | undefined;
  try {
    origin = options.baseUrl ? new URL(options.baseUrl).href : undefined;
  } catch {
    origin = undefined;
  }
  const toSection = (name: string | undefined, fragment: string) => {
    const id = name === undefined ? undefined : options.inBook.get(name);
    if (id === undefined) return undefined;
    return fragment ? `#${id}--${fragment}` : `#${id}`;
  };
  const onSite = (path: string) => (origin ? new URL(path, origin).href : undefined);

  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'a') return;
      const href = typeof node.properties.href === 'string' ? node.properties.href : undefined;
      if (href === undefined || href === '' || hasScheme.test(href) || href.startsWith('//')) return;
      // A guide's own `#fragment` links (footnotes too) are prefixed by `prefixIds`, which runs first.
      if (href.startsWith('#')) return;
      const hash = href.indexOf('#');
      const path = hash < 0 ? href : href.slice(0, hash);
      const fragment = hash < 0 ? '' : decodeUriLenient(href.slice(hash + 1));

      if (path.startsWith('/')) {
        const target = toSection(lastSegment(path), fragment) ?? onSite(href);
        if (target) node.properties.href = target;
        else unlink(node);
        return;
      }
      // A relative path: `x.md`, `../guides/x.md`, or Hugo's `../x/`.
      const name = lastSegment(path)?.replace(/\.md$/i, '');
      const internal = toSection(name, fragment);
      if (internal) {
        node.properties.href = internal;
        return;
      }
      const url = name === undefined ? undefined : options.guides.get(name)?.meta.url;
      const external = url ? onSite(url + (fragment ? `#${fragment}` : '')) : undefined;
      if (external) node.properties.href = external;
      else unlink(node);
    });
  };
}

function unlink(node: Element): void {
  node.tagName = 'span';
  node.properties = { className: ['unlinked'] };
}
