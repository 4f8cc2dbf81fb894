import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { hasErrors } from '../errors.js';
import { parseGuide } from '../markdown/pipeline.js';
import type { GuideEntry } from './find.js';
import { readContentFile } from './load.js';
import type { GuideMeta } from './meta.js';

/** A guide read and parsed once; every output (handout, deck, book) is made from this. */
export interface Guide {
  slug: string;
  path: string;
  file: VFile;
  tree: Root;
  meta: GuideMeta;
}

/** Read and parse a guide. Content problems are messages on `guide.file`; check them with `hasErrors`. */
export async function loadGuide(entry: GuideEntry, cwd = process.cwd()): Promise<Guide> {
  const file = await readContentFile(entry.path, cwd);
  const tree: Root = hasErrors(file) ? { type: 'root', children: [] } : await parseGuide(file);
  const meta = file.data.meta ?? { title: '', lang: 'en', keywords: [], extra: {} };
  return { slug: entry.slug, path: entry.path, file, tree, meta };
}
