import type { Element } from 'hast';
import type { Guide } from '../content/guide.js';
import { decodeUriLenient } from '../markdown/uri.js';
import { lastSegment } from './manifest.js';

export interface GuideLinkOptions {
  /**
   * Where guide `name` is in the output (at `fragment`, decoded; '' for its top), or undefined
   * when the output does not hold that guide.
   */
  inside: (name: string, fragment: string) => string | undefined;
  /** Every loaded guide by name, to send links to guides outside the output to their page on the site. */
  guides: Map<string, Guide>;
  /** The site the guides come from: `/paths` resolve on it. */
  baseUrl?: string;
}

const hasScheme = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Where links between guides lead in an output that holds some of the guides (the book, an EPUB):
 * `/guides/x` or `x.md`, `../x/` (with or without `#heading`) to a guide the output holds goes to
 * its place there (`inside`); any other site-relative link becomes an absolute URL on `baseUrl`,
 * and a relative link to a guide the output lacks goes to that guide's page on the site. The
 * resolver returns the new href, `null` for a link that leads nowhere (to be unlinked), or
 * undefined for one that is not between guides: a web address, an empty href, or a link inside
 * the document (`#x`), which each output treats as it needs.
 */
export function guideLinkResolver(options: GuideLinkOptions): (href: string) => string | null | undefined {
  let origin: string | undefined;
  try {
    origin = options.baseUrl ? new URL(options.baseUrl).href : undefined;
  } catch {
    origin = undefined;
  }
  const onSite = (path: string) => (origin ? new URL(path, origin).href : undefined);
  const inside = (name: string | undefined, fragment: string) => (name === undefined ? undefined : options.inside(name, fragment));
  return (href) => {
    if (href === '' || href.startsWith('#') || hasScheme.test(href) || href.startsWith('//')) return undefined;
    const hash = href.indexOf('#');
    const path = hash < 0 ? href : href.slice(0, hash);
    const fragment = hash < 0 ? '' : decodeUriLenient(href.slice(hash + 1));
    if (path.startsWith('/')) return inside(lastSegment(path), fragment) ?? onSite(href) ?? null;
    const name = lastSegment(path)?.replace(/\.md$/i, '');
    const internal = inside(name, fragment);
    if (internal) return internal;
    const url = name === undefined ? undefined : options.guides.get(name)?.meta.url;
    return (url ? onSite(url + (fragment ? `#${fragment}` : '')) : undefined) ?? null;
  };
}

/** A link given its new target (`guideLinkResolver`): `null` turns it into plain text, undefined leaves it. */
export function retarget(node: Element, target: string | null | undefined): void {
  if (target === undefined) return;
  if (target !== null) {
    node.properties.href = target;
    return;
  }
  node.tagName = 'span';
  node.properties = { className: ['unlinked'] };
}
