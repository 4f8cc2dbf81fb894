import { existsSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { contentError } from '../errors.js';
import { decodeUriLenient } from './uri.js';

export interface LocalPathOptions {
  /** The content folder: no path a guide names may lead out of it. */
  contentDir: string;
}

/** Attributes that name a URL an element loads or links to. */
const urlAttributes = ['href', 'src', 'srcSet', 'poster', 'data', 'action', 'formAction', 'cite', 'background', 'longDesc', 'xLinkHref'];

const scheme = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Whether `path` (absolute) is inside `contentDir`, as written and, when it exists, once every
 * symlink on the way is followed: a `static/passwd.png` linked to `/etc/passwd` is outside.
 */
export function insideContent(path: string, contentDir: string): boolean {
  const within = (p: string, dir: string) => {
    const rel = relative(dir, p);
    return rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
  };
  if (!within(path, contentDir)) return false;
  if (!existsSync(path)) return true;
  const realDir = existsSync(contentDir) ? realpathSync(contentDir) : contentDir;
  return within(realpathSync(path), realDir);
}

/** The file a relative reference names, without its query or fragment (a bare `%` is kept as it is). */
export function referencedPath(reference: string, from: string): string {
  return resolve(dirname(from), decodeUriLenient(reference.split(/[?#]/)[0]!, decodeURI));
}

/**
 * Paths a guide names must stay in the content folder, before the sanitizer drops what it does
 * not allow (so the author hears why): a `file:` URL in any attribute, and a relative link that
 * leads out of the content folder (`../../../../etc/passwd`) or through a symlink that points
 * out, are positioned errors. Images are checked where they are resolved (`images.ts`).
 */
export default function rehypeLocalPaths(options: LocalPathOptions) {
  const contentDir = resolve(options.contentDir);
  return (tree: Root, file: VFile) => {
    visit(tree, 'element', (node: Element) => {
      for (const name of urlAttributes) {
        const value = node.properties[name];
        const text = Array.isArray(value) ? value.join(' ') : typeof value === 'string' ? value : '';
        // Browsers drop tabs and line breaks anywhere in a URL and spaces around it: `fi\tle:` is `file:`.
        const url = text.replace(/[\t\n\r]/g, '');
        // A srcset is a list: any of its candidates counts.
        if (name === 'srcSet' ? /(^|,)\s*file:/i.test(url) : /^\s*file:/i.test(url)) {
          contentError(file, `\`${text}\` is a \`file:\` URL: a guide may only name files in the content folder, by a relative path`, node.position, 'file-url');
          delete node.properties[name];
        }
      }
      if (node.tagName !== 'a' || typeof node.properties.href !== 'string') return;
      const href = node.properties.href.trim();
      if (!href || href.startsWith('#') || href.startsWith('/') || scheme.test(href)) return;
      const path = file.path ? referencedPath(href, file.path) : undefined;
      if (path !== undefined && !insideContent(path, contentDir)) {
        contentError(file, `Link \`${href}\` leads outside the content folder: link to a page on the site instead`, node.position, 'link-outside-content');
        delete node.properties.href;
      }
    });
  };
}
