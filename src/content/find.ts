import { readdir } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import { UsageError } from '../errors.js';

export interface GuideEntry {
  /** Absolute path of the markdown file. */
  path: string;
  /** The file name without `.md` (a Hugo page bundle's `index.md`: its folder's name): names the guide's folder in dist/. */
  slug: string;
  /** Other guides with the same slug: an error on this guide, since both would write one folder. */
  sameSlug?: string[];
}

/**
 * Every guide under the content folder: any `.md` file in any subfolder, except files whose name
 * starts with `_` (Hugo's `_index.md`), anything under `static/`, and the output folder when it
 * lies inside the content folder. Sorted by path so that builds are in a stable order.
 */
export async function findGuides(contentDir: string, options: { exclude?: string[] } = {}): Promise<GuideEntry[]> {
  let names: string[];
  try {
    names = (await readdir(contentDir, { recursive: true })) as string[];
  } catch (error) {
    throw new UsageError(`Cannot read the content folder ${contentDir}: ${(error as Error).message}`);
  }
  const excluded = (options.exclude ?? []).map((dir) => relative(contentDir, dir)).filter((rel) => rel && !rel.startsWith('..') && !isAbsolute(rel));
  const guides: GuideEntry[] = names
    .filter((name) => name.endsWith('.md'))
    .filter((name) => !basename(name).startsWith('_'))
    .filter((name) => name.split(sep)[0] !== 'static')
    .filter((name) => !name.split(sep).some((part) => part.startsWith('.') || part === 'node_modules'))
    .filter((name) => !excluded.some((dir) => name === dir || name.startsWith(dir + sep)))
    .sort()
    .map((name) => ({ path: join(contentDir, name), slug: slugOf(name) }));

  const bySlug = new Map<string, GuideEntry[]>();
  for (const guide of guides) bySlug.set(guide.slug, [...(bySlug.get(guide.slug) ?? []), guide]);
  for (const group of bySlug.values()) {
    if (group.length < 2) continue;
    for (const guide of group) guide.sameSlug = group.filter((g) => g !== guide).map((g) => g.path);
  }
  return guides;
}

/** `guides/x.md` -> `x`; a Hugo page bundle, `posts/x/index.md` -> `x`. */
function slugOf(name: string): string {
  const base = basename(name, '.md');
  const parent = basename(dirname(name));
  return base === 'index' && parent && parent !== '.' ? parent : base;
}
