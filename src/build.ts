import { existsSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { VFile } from 'vfile';
import { buildBook } from './book/index.js';
import type { Artifact, Config } from './config.js';
import type { Book } from './shared/manifest.js';
import { checkLinks } from './content/links.js';
import { findContent, selectGuides, shortPath } from './content/select.js';
import { buildDeck } from './deck/index.js';
import { buildBookEpub, buildEpub } from './epub/index.js';
import { type Guide, loadGuide } from './content/guide.js';
import { UsageError, contentError, hasErrors } from './errors.js';
import { buildHandout, renderHandoutHtml } from './handout/index.js';
import type { Written } from './output.js';
import { templateWarnings } from './shared/templates.js';
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
  /** Called as each artifact starts: `[3/12] handout staff-archetypes`. */
  onStep?: (step: BuildStep) => void;
  /** Called as the book's passes start (`sections`, `print 1 (page numbers)`...). */
  onPhase?: (phase: string) => void;
}

export interface BuildStep {
  /** 1 for the first artifact; `total` counts every artifact planned (one held back by an error is skipped). */
  index: number;
  total: number;
  artifact: Artifact;
  /** The guide's slug, or `book`. */
  name: string;
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

  checkLinks(all, contentDir);
  const guides = selected ? all.filter((g) => selected.has(g.path)) : all;
  const guarded = { session, timeoutMs: config.timeout * 1000 };
  const buildable = guides.filter((g) => !hasErrors(g.file) && !g.meta.draft).length;
  const perGuide = (config.only.includes('handout') ? 1 : 0) + (config.only.includes('deck') ? 1 : 0) + (config.only.includes('epub') ? 1 : 0);
  // The book's EPUB goes with the book: named guides alone do not make it, unless --only names the book.
  const bookEpub = config.only.includes('epub') && existsSync(join(contentDir, 'book.yaml')) && (!selected || config.only.includes('book'));
  const total = buildable * perGuide + (config.only.includes('book') ? 1 : 0) + (bookEpub ? 1 : 0);
  let index = 0;
  const step = (artifact: Artifact, name: string) => hooks.onStep?.({ index: ++index, total, artifact, name });
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
      step('handout', guide.slug);
      const files = await guard(guide.file, 'making the handout', () => buildHandout(guide, config, session, join(outDir, guide.slug)), guarded);
      if (files) record(files);
    }
    // A problem the handout found (an image, say) holds the deck back too: the guide needs fixing.
    if (config.only.includes('deck') && !hasErrors(guide.file)) {
      step('deck', guide.slug);
      const files = await guard(guide.file, 'making the deck', () => buildDeck(guide, config, session, join(outDir, guide.slug)), guarded);
      if (files) record(files);
    }
    if (config.only.includes('epub') && !hasErrors(guide.file)) {
      step('epub', guide.slug);
      const files = await guard(guide.file, 'making the EPUB', () => buildEpub(guide, config, session, join(outDir, guide.slug), all), guarded);
      if (files) record(files);
    }
  }

  const files = guides.map((g) => g.file);
  let bookManifest: Book | undefined;
  if (config.only.includes('book')) {
    // The book reuses the guides loaded above; its manifest's messages are reported with theirs.
    const manifest = new VFile({ path: join(contentDir, 'book.yaml'), cwd: process.cwd() });
    step('book', 'book');
    const book = (await guard(manifest, 'making the book', () => buildBook(all, config, session, join(outDir, 'book'), hooks.onPhase), guarded)) ?? { file: manifest, written: [] };
    if (book.file) files.push(book.file);
    else if (config.only.length === 1) {
      throw new UsageError(`--only book, but ${join(relative(process.cwd(), contentDir) || '.', 'book.yaml')} does not exist: write a manifest to build a book`);
    }
    record(book.written);
    bookManifest = book.book;
  }
  if (bookEpub && !(config.only.includes('book') && !bookManifest)) {
    // From the manifest the book was made from, when it was: its messages are reported once.
    const manifest = bookManifest?.file ?? new VFile({ path: join(contentDir, 'book.yaml'), cwd: process.cwd() });
    step('epub', 'book');
    const epub = (await guard(manifest, 'making the book EPUB', () => buildBookEpub(all, config, session, join(outDir, 'book'), bookManifest), guarded)) ?? { file: manifest, written: [] };
    if (epub.file && !files.includes(epub.file)) files.push(epub.file);
    record(epub.written);
  }

  files.push(...templateWarnings(config.templatesDir));
  return { files, written, guides };
}

export { shortPath } from './content/select.js';
