import { existsSync, statSync } from 'node:fs';
import { basename, isAbsolute, relative, resolve, sep } from 'node:path';
import { closest } from '../closest.js';
import { UsageError } from '../errors.js';
import { type GuideEntry, findGuides } from './find.js';

/**
 * A path as the user would type it from where they ran the command: relative below the working
 * folder, absolute elsewhere (`/tmp/out/x.pdf`, not `../../../tmp/out/x.pdf`).
 */
export function shortPath(path: string): string {
  const rel = relative(process.cwd(), path);
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return resolve(path);
  return rel || '.';
}

/** The guides of the content folder; a folder that is a file or holds no guide is a UsageError. */
export async function findContent(contentDir: string, outDir?: string): Promise<GuideEntry[]> {
  if (existsSync(contentDir) && statSync(contentDir).isFile()) {
    throw new UsageError(`--content names the folder that holds the guides, and ${shortPath(contentDir)} is a file: to use one guide, pass it as an argument instead (guidepress build ${shortPath(contentDir)})`);
  }
  const entries = await findGuides(contentDir, { exclude: outDir ? [outDir] : [] });
  if (entries.length === 0) {
    throw new UsageError(`The content folder ${shortPath(contentDir)} has no guides (.md files): name the right folder with --content`);
  }
  return entries;
}

/**
 * The paths of the guides named on the command line: a name that ends in `.md` or holds a `/` is a
 * path from the working folder, any other a slug. One that names no guide is a UsageError with the
 * closest slugs.
 */
export function selectGuides(entries: GuideEntry[], names: string[], contentDir: string): Set<string> {
  const selected = new Set<string>();
  for (const name of names) {
    const byPath = /\.md$/i.test(name) || /[\\/]/.test(name);
    const matches = byPath ? entries.filter((e) => e.path === resolve(name)) : entries.filter((e) => e.slug === name);
    if (matches.length === 0 && byPath && existsSync(name) && statSync(name).isDirectory()) {
      throw new UsageError(`"${name}" is a folder: to use the guides in it, pass --content ${name}`);
    }
    if (matches.length === 0) {
      const slug = byPath ? basename(name).replace(/\.md$/i, '') : name;
      const guesses = closest(slug, entries.map((e) => e.slug), 3);
      const what = byPath ? (existsSync(name) ? `is not a guide in ${shortPath(contentDir)}` : 'does not exist') : `names no guide in ${shortPath(contentDir)}`;
      throw new UsageError(`"${name}" ${what}${guesses.length ? `: did you mean ${guesses.map((g) => `"${g}"`).join(', ')}?` : ''}`);
    }
    for (const m of matches) selected.add(m.path);
  }
  return selected;
}
