import { createHash } from 'node:crypto';
import type { Element, Root } from 'hast';
import { loadSharp } from '../shared/sharp.js';
import { visit } from 'unist-util-visit';

/** A file of the package other than a content document: an image, a font, the stylesheet. */
export interface Resource {
  /** Path inside the package's `EPUB/` folder. */
  href: string;
  mediaType: string;
  data: Uint8Array;
  /** The OPF item's `properties` (`cover-image`). */
  properties?: string;
}

/** Wider than any phone or e-reader page at its own pixel density; a print-size photo is not carried. */
export const maxImageWidth = 1600;

const kept: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/svg+xml': 'svg', 'image/webp': 'webp' };

/**
 * A body's images (inlined as data URLs by `markdown/images.ts`) as files of the package, named by
 * their content so the same picture is carried once, raster ones scaled down to `maxImageWidth`
 * with sharp. EPUB's core media types have no AVIF: it becomes PNG. The alt text stays as it is.
 */
export default function rehypeEpubImages(options: { resources: Map<string, Resource>; prefix: string }) {
  return async (tree: Root) => {
    const images: Element[] = [];
    visit(tree, 'element', (node: Element) => {
      if (node.tagName === 'img' && typeof node.properties.src === 'string' && node.properties.src.startsWith('data:')) images.push(node);
    });
    for (const node of images) {
      const resource = await packageImage(String(node.properties.src));
      if (!resource) continue;
      if (!options.resources.has(resource.href)) options.resources.set(resource.href, resource);
      node.properties.src = options.prefix + resource.href;
      if (node.properties.alt === undefined) node.properties.alt = '';
    }
  };
}

/** A data URL as an image file of the package, or undefined when it is none. */
export async function packageImage(dataUrl: string, properties?: string): Promise<Resource | undefined> {
  const match = /^data:([^;,]+)(;base64)?,(.*)$/s.exec(dataUrl);
  if (!match) return undefined;
  const input = match[2] ? Buffer.from(match[3]!, 'base64') : Buffer.from(decodeURIComponent(match[3]!));
  let mediaType = match[1]!.toLowerCase();
  let data: Uint8Array = input;
  if (mediaType !== 'image/svg+xml' && mediaType !== 'image/gif') {
    const image = (await loadSharp())(input);
    const { width = 0 } = await image.metadata();
    if (!kept[mediaType]) mediaType = 'image/png';
    if (width > maxImageWidth || mediaType !== match[1]!.toLowerCase()) {
      const resized = image.resize({ width: Math.min(width, maxImageWidth), withoutEnlargement: true });
      data = await (mediaType === 'image/png' ? resized.png() : mediaType === 'image/jpeg' ? resized.jpeg({ quality: 85 }) : resized.webp()).toBuffer();
    }
  }
  const name = createHash('sha256').update(data).digest('hex').slice(0, 16);
  return { href: `images/${name}.${kept[mediaType]}`, mediaType, data, properties };
}
