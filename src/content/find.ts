import { readdir } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { UsageError } from '../errors.js';

export interface GuideEntry {
  /** Absolute path of the markdown file. */
  path: string;
  /** The file name without `.md`: names the guide's folder in dist/. */
  slug: string;
}

/**
 * Every guide under the content folder: any `.md` file in any subfolder, except files whose name
 * starts with `_` (Hugo's `_index.md`) and anything under `static/`. Sorted by path so that builds
 * are in a stable order.
 */
export async function findGuides(contentDir: string): Promise<GuideEntry[]> {
  let names: string[];
  try {
    names = (await readdir(contentDir, { recursive: true })) as string[];
  } catch (error) {
    throw new UsageError(`Cannot read the content folder ${contentDir}: ${(error as Error).message}`);
  }
  const guides = names
    .filter((name) => name.endsWith('.md'))
    .filter((name) => !basename(name).startsWith('_'))
    .filter((name) => name.split(sep)[0] !== 'static')
    .filter((name) => !name.split(sep).some((part) => part.startsWith('.') || part === 'node_modules'))
    .sort()
    .map((name) => ({ path: join(contentDir, name), slug: basename(name, '.md') }));

  const seen = new Map<string, string>();
  for (const guide of guides) {
    const other = seen.get(guide.slug);
    if (other) {
      throw new UsageError(
        `Two guides have the slug "${guide.slug}": ${relative(process.cwd(), other)} and ${relative(process.cwd(), guide.path)}. ` +
          'Rename one of them: the slug names its folder in the output.',
      );
    }
    seen.set(guide.slug, guide.path);
  }
  return guides;
}
