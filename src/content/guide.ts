import type { Root as HastRoot } from 'hast';
import type { Root } from 'mdast';
import { VFile } from 'vfile';
import { contentError, hasErrors } from '../errors.js';
import { guard } from '../fault.js';
import { type BodyOptions, parseGuide, toBody } from '../markdown/pipeline.js';
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
  /** The body as hast, made by the first output that asks (`guideBody`), then shared. */
  body?: Promise<HastRoot>;
}

/**
 * The guide's body (`toBody`): made once per run, by the first output that asks, so its messages
 * (images, diagrams, math) go on `guide.file` once; the options are the same for every output of a
 * run (content folder, labels of the guide's language, code theme, the run's diagram renderer).
 * Each caller gets its own copy to run its tail on.
 */
export async function guideBody(guide: Guide, options: BodyOptions): Promise<HastRoot> {
  guide.body ??= toBody(guide.tree, guide.file, options);
  return structuredClone(await guide.body);
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
