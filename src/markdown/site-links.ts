import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

export interface SiteLinkOptions {
  /** The site the guide comes from (its `source` URL, or a configured base URL); its origin resolves `/paths`. */
  base?: string;
}

/**
 * A handout stands alone: a site-relative link (`/guides/x`) becomes an absolute link on the
 * guide's own site, so it prints as a note and stays clickable; a link to a sibling markdown file
 * (`x.md`), which means nothing on paper, becomes plain text.
 */
export default function rehypeSiteLinks(options: SiteLinkOptions = {}) {
  let origin: string | undefined;
  try {
    origin = options.base ? new URL(options.base).origin : undefined;
  } catch {
    origin = undefined;
  }
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'a') return;
      const href = typeof node.properties.href === 'string' ? node.properties.href : '';
      if (href.startsWith('/') && !href.startsWith('//')) {
        if (origin) node.properties.href = new URL(href, origin).href;
        else unlink(node);
      } else if (/^(?![a-z][a-z0-9+.-]*:)[^#]*\.md(#.*)?$/i.test(href)) {
        unlink(node);
      }
    });
  };
}

function unlink(node: Element): void {
  node.tagName = 'span';
  node.properties = { className: ['unlinked'] };
}
