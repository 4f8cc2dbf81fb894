import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { contentError } from '../errors.js';
import { decodeUriLenient } from './uri.js';

const mimeTypes: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
};

export interface ImageOptions {
  /** The content folder: images may not leave it, and `/path` resolves in its `static/`. */
  contentDir: string;
}

/**
 * Resolve every `<img>`: a relative path against the guide's own folder, a site-absolute `/path`
 * against `content/static/` (as Hugo serves it). A missing image or one outside the content folder
 * is a positioned error. Found images are inlined as data URLs, so the HTML stands alone and the
 * PDF does not depend on where the build ran.
 */
export default function rehypeImages(options: ImageOptions) {
  const contentDir = resolve(options.contentDir);
  return (tree: Root, file: VFile) => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'img') return;
      const src = typeof node.properties.src === 'string' ? node.properties.src : '';
      if (!src || src.startsWith('data:')) return;
      if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('//')) {
        file.message(`Remote image \`${src}\` is not fetched (builds are offline): copy it into content/static/`, {
          place: node.position, ruleId: 'remote-image', source: 'guidepress',
        });
        return;
      }
      const path = decodeUriLenient(src.split(/[?#]/)[0]!, decodeURI);
      const absolute = path.startsWith('/') ? join(contentDir, 'static', path) : resolve(dirname(file.path), path);
      const inside = relative(contentDir, absolute);
      if (inside.startsWith('..') || isAbsolute(inside)) {
        contentError(file, `Image \`${src}\` is outside the content folder: move it under ${relative(file.cwd, contentDir) || '.'}/`, node.position, 'image-outside-content');
        return;
      }
      if (!existsSync(absolute) || !statSync(absolute).isFile()) {
        const where = path.startsWith('/') ? ` (site-absolute paths are looked up in ${relative(file.cwd, join(contentDir, 'static')) || 'static'}/)` : '';
        contentError(file, `Cannot find image \`${src}\`${where}`, node.position, 'missing-image');
        return;
      }
      const mime = mimeTypes[extname(absolute).toLowerCase()];
      if (!mime) {
        contentError(file, `Image \`${src}\` is not a PNG, JPEG, GIF, SVG, WebP or AVIF file`, node.position, 'image-type');
        return;
      }
      node.properties.src = `data:${mime};base64,${readFileSync(absolute).toString('base64')}`;
    });
  };
}
