import type { Element, Root } from 'hast';
import { loadSharp } from '../shared/sharp.js';
import { VFile } from 'vfile';
import { contentError, hasErrors } from '../errors.js';
import rehypeImages from '../markdown/images.js';
import { readTemplate } from '../shared/templates.js';
import { type Resource, packageImage } from './images.js';
import type { Publication } from './publication.js';
import { renderXml } from './xml.js';

/**
 * The cover a reader's library shows: the manifest's `cover` (resolved, and refused, like a
 * guide's image), or one drawn from the title, subtitle and author (`templates/epub/cover.svg`,
 * rendered to PNG with sharp, since some readers show no SVG cover in their library).
 */
export async function coverImage(publication: Publication, manifest: VFile | undefined, contentDir: string, templatesDir?: string): Promise<Resource | undefined> {
  if (publication.cover && manifest) {
    const img: Element = { type: 'element', tagName: 'img', properties: { src: publication.cover.src }, children: [], position: publication.cover.place };
    // A scratch file: when the book is built too, it has reported a cover it cannot find already.
    const scratch = new VFile({ path: manifest.path, cwd: manifest.cwd });
    rehypeImages({ contentDir })({ type: 'root', children: [img] } satisfies Root, scratch);
    if (hasErrors(scratch)) {
      if (!hasErrors(manifest)) for (const m of scratch.messages) contentError(manifest, m.reason, m.place ?? undefined, m.ruleId ?? 'cover');
      return undefined;
    }
    return packageImage(String(img.properties.src), 'cover-image');
  }
  const view = {
    titleLines: wrap(publication.title, 18).slice(0, 5).map((text, i) => ({ text, y: 380 + i * 140 })),
    subtitleLines: publication.subtitle ? wrap(publication.subtitle, 36).slice(0, 6).map((text, i) => ({ text, y: 1200 + i * 90 })) : [],
    author: publication.author ?? publication.publisher,
  };
  const svg = renderXml(readTemplate('epub/cover.svg', templatesDir), view);
  const png = await (await loadSharp())(Buffer.from(svg)).png({ compressionLevel: 9 }).toBuffer();
  return { href: 'images/cover.png', mediaType: 'image/png', data: png, properties: 'cover-image' };
}

/** Words in lines of at most `width` characters (a longer word stands alone). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}
