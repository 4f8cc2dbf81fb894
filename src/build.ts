import { existsSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { VFile } from 'vfile';
import { buildBook } from './book/index.js';
import type { Config } from './config.js';
import { closest } from './closest.js';
import { type GuideEntry, findGuides } from './content/find.js';
import { buildDeck } from './deck/index.js';
import { type Guide, loadGuide } from './content/guide.js';
import { UsageError, contentError, hasErrors } from './errors.js';
import { buildHandout, renderHandoutHtml } from './handout/index.js';
import type { Written } from './output.js';
import { guard } from './fault.js';
import type { BrowserSession } from './session.js';

export interface BuildResult {
  /** Every file read, with its messages (errors and warnings). */
  files: VFile[];
  written: Written[];
  guides: Guide[];
}

export interface BuildHooks {
  /** Called as each file is written, so the CLI can report progress. */
  onWrite?: (written: Written) => void;
}

export interface BuildOptions {
  /**
   * Build only these guides: paths of `.md` files (from the working folder) or slugs. All of the
   * content folder is still read (the book and links between guides need every guide), but only
   * these guides are built and reported. A name that matches no guide is a UsageError.
   */
  guides?: string[];
}

/**
 * Build everything `config.only` asks for from the content folder. Guides with content errors are
 * skipped (their earlier outputs stay as they were) and reported on `files`; the others are built.
 */
export async function build(config: Config, session: BrowserSession, hooks: BuildHooks = {}, options: BuildOptions = {}): Promise<BuildResult> {
  const contentDir = resolve(config.contentDir);
  const outDir = resolve(config.outDir);
  if (existsSync(outDir) && !statSync(outDir).isDirectory()) {
    throw new UsageError(`The output folder ${shortPath(outDir)} is a file: name a folder with --out`);
  }
  const entries = await findContent(contentDir, outDir);
  const selected = options.guides?.length ? selectGuides(entries, options.guides, contentDir) : undefined;
  const all = await Promise.all(entries.map((entry) => loadGuide(entry)));
  for (const [i, entry] of entries.entries()) {
    if (!entry.sameSlug) continue;
    const others = entry.sameSlug.map(shortPath).join(', ');
    contentError(all[i]!.file, `Another guide has the slug "${entry.slug}" (${others}): both would write ${shortPath(join(outDir, entry.slug))}; rename one of them`, { line: 1, column: 1 }, 'duplicate-slug');
  }
  const written: Written[] = [];
  const record = (files: Written[]) => {
    for (const w of files) {
      written.push(w);
      hooks.onWrite?.(w);
    }
  };

  const guides = selected ? all.filter((g) => selected.has(g.path)) : all;
  const guarded = { session, timeoutMs: config.timeout * 1000 };
  for (const guide of guides) {
    if (hasErrors(guide.file)) {
      // Not built; its HTML stage still runs (and writes nothing), so that one build reports all
      // of the guide's problems, its images too, not only the first kind.
      const options = { contentDir, paper: config.paper, templatesDir: config.templatesDir };
      await guard(guide.file, 'checking the guide', () => renderHandoutHtml(guide, options), guarded);
      continue;
    }
    if (guide.meta.draft) {
      guide.file.message('Not built: the guide is a draft (`draft: true`); set `draft: false` to build it', {
        place: { line: 1, column: 1 }, ruleId: 'draft', source: 'guidepress',
      });
      continue;
    }
    if (config.only.includes('handout')) {
      const files = await guard(guide.file, 'making the handout', () => buildHandout(guide, config, session, join(outDir, guide.slug)), guarded);
      if (files) record(files);
    }
    // A problem the handout found (an image, say) holds the deck back too: the guide needs fixing.
    if (config.only.includes('deck') && !hasErrors(guide.file)) {
      const files = await guard(guide.file, 'making the deck', () => buildDeck(guide, config, session, join(outDir, guide.slug)), guarded);
      if (files) record(files);
    }
  }

  const files = guides.map((g) => g.file);
  if (config.only.includes('book')) {
    // The book reuses the guides loaded above; its manifest's messages are reported with theirs.
    const manifest = new VFile({ path: join(contentDir, 'book.yaml'), cwd: process.cwd() });
    const book = (await guard(manifest, 'making the book', () => buildBook(all, config, session, join(outDir, 'book')), guarded)) ?? { file: manifest, written: [] };
    if (book.file) files.push(book.file);
    else if (config.only.length === 1) {
      throw new UsageError(`--only book, but ${join(relative(process.cwd(), contentDir) || '.', 'book.yaml')} does not exist: write a manifest to build a book`);
    }
    record(book.written);
  }

  return { files, written, guides };
}

/** The guides of the content folder; a folder that is a file or holds no guide is a UsageError. */
export async function findContent(contentDir: string, outDir: string): Promise<GuideEntry[]> {
  if (existsSync(contentDir) && statSync(contentDir).isFile()) {
    throw new UsageError(`--content names the folder that holds the guides, and ${shortPath(contentDir)} is a file: to build one guide, pass it as an argument instead (guidepress build ${shortPath(contentDir)})`);
  }
  const entries = await findGuides(contentDir, { exclude: [outDir] });
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
    if (matches.length === 0) {
      const slug = byPath ? basename(name).replace(/\.md$/i, '') : name;
      const guesses = closest(slug, entries.map((e) => e.slug), 3);
      const where = byPath && !existsSync(name) ? 'does not exist' : `is not a guide in ${shortPath(contentDir)}`;
      throw new UsageError(`"${name}" ${byPath ? where : `names no guide in ${shortPath(contentDir)}`}${guesses.length ? `: did you mean ${guesses.map((g) => `"${g}"`).join(', ')}?` : ''}`);
    }
    for (const m of matches) selected.add(m.path);
  }
  return selected;
}

/** A path as the user would type it from where they ran the command. */
export function shortPath(path: string): string {
  return relative(process.cwd(), path) || '.';
}
