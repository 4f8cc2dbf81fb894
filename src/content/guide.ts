import type { Root } from 'mdast';
import { VFile } from 'vfile';
import { contentError, hasErrors } from '../errors.js';
import { guard } from '../fault.js';
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
  const empty: Root = { type: 'root', children: [] };
  let file: VFile;
  try {
    file = await readContentFile(entry.path, cwd);
  } catch (error) {
    // Unreadable (permissions, a folder named `x.md`): that guide's error, not the run's.
    file = new VFile({ path: entry.path, cwd });
    contentError(file, `Cannot read the file: ${(error as Error).message}`, { line: 1, column: 1 }, 'read');
  }
  const tree = hasErrors(file) ? empty : ((await guard(file, 'reading the guide', () => parseGuide(file))) ?? empty);
  const meta = file.data.meta ?? { title: '', lang: 'en', keywords: [], extra: {} };
  return { slug: entry.slug, path: entry.path, file, tree, meta };
}
