import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, resolve } from 'node:path';
import type { Element, ElementContent, Root } from 'hast';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { contentError } from '../errors.js';
import { insideContent, referencedPath } from './local-paths.js';

const mimeTypes: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
};

/**
 * Make an image's bytes fit what it prints at (`shared/images.ts` scales with sharp): the same
 * format back, or the bytes themselves when there is nothing to gain. Without one, images are
 * inlined as they are (`guidepress check`, which prints nothing).
 */
export type ScaleImage = (image: { path: string; bytes: Buffer; mime: string }) => Promise<Buffer>;

export interface ImageOptions {
  /** Words of the remote image's placeholder, in the guide's language. */
  labels?: { image?: string; imageNotEmbedded?: string };
  /** The content folder: images may not leave it, and `/path` resolves in its `static/`. */
  contentDir: string;
  /** Scales each found image down before it is inlined. */
  scale?: ScaleImage;
}

const scheme = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Resolve every `<img>`: a relative path against the guide's own folder, a site-absolute `/path`
 * against `content/static/` (as Hugo serves it). A missing image, or one outside the content
 * folder (by `..` or by a symlink that points out), is a positioned error. Found images are
 * inlined as data URLs, so the HTML stands alone and the PDF does not depend on where the build
 * ran. A remote image is never fetched: it is a warning, and a placeholder box with its alt text
 * takes its place. `<source>` elements go (the `<img>` of their `<picture>` is what prints), so
 * no `srcset` is left for a browser to load either.
 */
export default function rehypeImages(options: ImageOptions) {
  const contentDir = resolve(options.contentDir);
  return async (tree: Root, file: VFile) => {
    const inlining: Promise<void>[] = [];
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName === 'source' && parent && index !== undefined) {
        const srcset = [node.properties.srcSet, node.properties.src].flat().filter((v) => typeof v === 'string').join(', ');
        if (/(^|,)\s*([a-z][a-z0-9+.-]*:|\/\/)/i.test(srcset) && !/^\s*data:/i.test(srcset)) remoteWarning(file, node, srcset);
        parent.children.splice(index, 1);
        return [SKIP, index];
      }
      if (node.tagName !== 'img') return;
      delete node.properties.srcSet;
      const src = typeof node.properties.src === 'string' ? node.properties.src.trim() : '';
      if (src.startsWith('data:')) return;
      const captioned = parent?.type === 'element' && parent.tagName === 'figure' && parent.children.some((c) => c.type === 'element' && c.tagName === 'figcaption');
      if (!src) {
        // The sanitizer took a `javascript:` or other unsafe source away: no broken-image icon.
        file.message('Image without a source that can be printed (a `javascript:` or `data:` URL is removed): a box with its alt text stands in its place', {
          place: node.position, ruleId: 'image-source', source: 'guidepress',
        });
        placeholder(node, '', captioned, options.labels);
        return;
      }
      if (scheme.test(src) || src.startsWith('//')) {
        remoteWarning(file, node, src);
        placeholder(node, src, captioned, options.labels);
        return;
      }
      const absolute = src.startsWith('/') ? referencedPath(`.${src}`, join(contentDir, 'static', 'x')) : referencedPath(src, file.path);
      if (!insideContent(absolute, contentDir)) {
        contentError(file, `Image \`${src}\` is outside the content folder: move it under ${relative(file.cwd, contentDir) || '.'}/`, node.position, 'image-outside-content');
        delete node.properties.src;
        return;
      }
      if (!existsSync(absolute) || !statSync(absolute).isFile()) {
        const where = src.startsWith('/') ? ` (site-absolute paths are looked up in ${relative(file.cwd, join(contentDir, 'static')) || 'static'}/)` : '';
        contentError(file, `Cannot find image \`${src}\`${where}`, node.position, 'missing-image');
        return;
      }
      const mime = mimeTypes[extname(absolute).toLowerCase()];
      if (!mime) {
        contentError(file, `Image \`${src}\` is not a PNG, JPEG, GIF, SVG, WebP or AVIF file`, node.position, 'image-type');
        return;
      }
      const bytes = readFileSync(absolute);
      const embedded = (file.data.embedded ??= []);
      if (!embedded.includes(absolute)) embedded.push(absolute);
      const inline = (data: Buffer) => { node.properties.src = `data:${mime};base64,${data.toString('base64')}`; };
      if (options.scale) inlining.push(options.scale({ path: absolute, bytes, mime }).then(inline));
      else inline(bytes);
    });
    await Promise.all(inlining);
  };
}

function remoteWarning(file: VFile, node: Element, url: string): void {
  file.message(`Remote image \`${url}\` is not fetched (builds are offline): a box with its alt text stands in its place; copy the image into content/static/ to print it`, {
    place: node.position, ruleId: 'remote-image', source: 'guidepress',
  });
}

/**
 * Turn a remote `<img>` into the box that stands in for it: its alt text (unless a figure's caption
 * already says it) and where the image lives, as text, so the reader can find it.
 */
function placeholder(node: Element, src: string, captioned: boolean, labels: ImageOptions['labels'] = {}): void {
  const alt = typeof node.properties.alt === 'string' ? node.properties.alt.trim() : '';
  const shown = src.replace(/^[a-z][a-z0-9+.-]*:\/\/|^\/\//i, '');
  const children: ElementContent[] = [];
  if (!captioned || !alt) children.push(span('image-placeholder-alt', alt || labels.image || 'Image'));
  if (shown) children.push(span('image-placeholder-src', shown.length > 60 ? `${shown.slice(0, 59)}…` : shown));
  node.tagName = 'span';
  node.properties = { className: ['image-placeholder'], role: 'img', ariaLabel: alt || labels.imageNotEmbedded || 'Image not embedded' };
  node.children = children;
}

function span(className: string, text: string): Element {
  return { type: 'element', tagName: 'span', properties: { className: [className] }, children: [{ type: 'text', value: text }] };
}
