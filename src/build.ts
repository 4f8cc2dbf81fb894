import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { VFile } from 'vfile';
import type { BookResult } from './book/index.js';
import { type Artifact, type Config, deckArtifacts } from './config.js';
import type { Book } from './shared/manifest.js';
import { checkLinks } from './content/links.js';
import { findContent, selectGuides, shortPath } from './content/select.js';
import { type Guide, type ParseCache, loadGuide } from './content/guide.js';
import { UsageError, contentError, hasErrors } from './errors.js';
import type { Written } from './output.js';
import { templateWarnings } from './shared/templates.js';
import { guard } from './fault.js';
import type { BrowserSession } from './session.js';
import { type Shard, inShard } from './shard.js';
import { type ArtifactRecord, BuildState, hashFile, hashTree, messagesSince, replayMessages, sha256, toolFingerprint } from './state.js';

export interface BuildResult {
  /** Every file read, with its messages (errors and warnings). */
  files: VFile[];
  written: Written[];
  guides: Guide[];
  /** Artifacts skipped because nothing they are made from changed since they were last built. */
  unchanged: number;
}

export interface BuildHooks {
  /** Called as each file is written (in guide order, whatever `jobs` is), so the CLI can report progress. */
  onWrite?: (written: Written) => void;
  /** Called as each artifact starts: `[3/12] handout staff-archetypes`. */
  onStep?: (step: BuildStep) => void;
  /** Called as the book's passes start (`sections`, `print 1 (page numbers)`...). */
  onPhase?: (phase: string) => void;
}

export interface BuildStep {
  /** 1 for the first artifact started; `total` counts every artifact planned (one held back by an error is skipped, an unchanged one is not counted). */
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
  /** Build only this share of the guides (`--shard 2/3`), chosen by a hash of each slug. */
  shard?: Shard;
  /** Build every artifact, even one whose inputs have not changed since it was built. */
  force?: boolean;
  /** Parsed guides to reuse and keep, for a caller that builds again and again (the dev server). */
  parsed?: ParseCache;
}

/** What a guide's artifact will do: be built (with the key it will be recorded under), or be skipped. */
type Plan = { kind: 'build'; id: string; key: string } | { kind: 'skip'; record: ArtifactRecord };

/**
 * Build everything `config.only` asks for from the content folder. Guides with content errors are
 * skipped (their earlier outputs stay as they were) and reported on `files`; the others are built,
 * `config.jobs` at a time, each in a browser context of its own, and reported in the guides' order.
 * An artifact whose inputs have not changed since it was last built into the same folder (see
 * `<out>/.cache/state.json`) is not built again; what its build reported is reported again.
 */
/**
 * The outputs' modules, loaded when a build makes one of theirs: a book alone does not load the
 * deck's (Marp, PostCSS, PowerPoint), nor a handout the EPUB's.
 */
const outputs = {
  handout: () => import('./handout/index.js'),
  deck: () => import('./deck/index.js'),
  epub: () => import('./epub/index.js'),
  book: () => import('./book/index.js'),
};

export async function build(config: Config, session: BrowserSession, hooks: BuildHooks = {}, options: BuildOptions = {}): Promise<BuildResult> {
  const contentDir = resolve(config.contentDir);
  const outDir = resolve(config.outDir);
  if (existsSync(outDir) && !statSync(outDir).isDirectory()) {
    throw new UsageError(`The output folder ${shortPath(outDir)} is a file: name a folder with --out`);
  }
  // A clean build (no record of an earlier one, or --force) will print: Chromium starts now, while
  // the guides are read. Otherwise it starts once the plan says something is to be printed.
  const printable = config.only.some((a) => a === 'handout' || a === 'book' || deckArtifacts.includes(a));
  if (printable && (options.force || !existsSync(BuildState.path(outDir)))) session.warm();
  const entries = await findContent(contentDir, outDir);
  const selected = options.guides?.length ? selectGuides(entries, options.guides, contentDir) : undefined;
  const all = await Promise.all(entries.map((entry) => loadGuide(entry, undefined, options.parsed)));
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
  const shard = options.shard;
  const guides = (selected ? all.filter((g) => selected.has(g.path)) : all).filter((g) => !shard || inShard(g.slug, shard));
  const timeoutMs = config.timeout * 1000;
  const state = await BuildState.read(outDir);
  const keys = artifactKeys(config, contentDir, outDir);
  const plan = (id: string, key: string): Plan | undefined => {
    const current = options.force ? undefined : state.current(id, key);
    return current ? { kind: 'skip', record: current } : { kind: 'build', id, key };
  };
  const buildable = guides.filter((g) => !hasErrors(g.file) && !g.meta.draft);
  const plans = new Map(buildable.map((g) => [g, {
    handout: config.only.includes('handout') ? plan(`${g.slug}/handout`, keys.handout(g)) : undefined,
    deck: deckArtifacts.some((a) => config.only.includes(a)) ? plan(`${g.slug}/deck`, keys.deck(g)) : undefined,
    epub: config.only.includes('epub') ? plan(`${g.slug}/epub`, keys.epub(g, all)) : undefined,
  }]));
  const manifestPath = join(contentDir, 'book.yaml');
  const bookPlan = config.only.includes('book') ? plan('book', keys.book(all, manifestPath)) : undefined;
  // The book's EPUB goes with the book: named guides or a shard alone do not make it, unless --only names the book.
  const bookEpub = config.only.includes('epub') && existsSync(manifestPath) && ((!selected && !shard) || config.only.includes('book'));
  const bookEpubPlan = bookEpub ? plan('book/epub', keys.bookEpub(all, manifestPath)) : undefined;
  const planned = [...plans.values()].flatMap((p) => [p.handout, p.deck, p.epub]).concat(bookPlan, bookEpubPlan);
  const total = planned.filter((p) => p?.kind === 'build').length;
  const unchanged = planned.filter((p) => p?.kind === 'skip').length;
  // Something is to be printed: Chromium starts while the first guide's HTML is made (an EPUB
  // alone needs it only for a diagram, and a build with nothing to do not at all).
  const printing = [...plans.values()].some((p) => p.handout?.kind === 'build' || p.deck?.kind === 'build') || bookPlan?.kind === 'build';
  if (printing) session.warm();
  let index = 0;
  const step = (artifact: Artifact, name: string) => hooks.onStep?.({ index: ++index, total, artifact, name });

  /** One artifact of one guide: skipped and its messages replayed, or built under `guard` and recorded. */
  const artifact = async (guide: Guide, what: Plan | undefined, name: 'handout' | 'deck' | 'epub', make: (s: BrowserSession) => Promise<Written[] | undefined>, session: BrowserSession): Promise<Written[]> => {
    if (!what) return [];
    if (what.kind === 'skip') {
      replayMessages(guide.file, what.record.messages);
      return [];
    }
    step(name, guide.slug);
    const from = guide.file.messages.length;
    const files = await guard(guide.file, `making the ${name}`, () => make(session), { session, timeoutMs });
    if (!files || hasErrors(guide.file)) {
      state.delete(what.id);
      return files ?? [];
    }
    const deps = name === 'deck' ? deckThemeFiles(guide, config) : (guide.file.data.embedded ?? []);
    state.set(what.id, { key: what.key, deps, outputs: files.map((f) => f.path), messages: messagesSince(guide.file, from) });
    return files;
  };

  const buildGuide = async (guide: Guide): Promise<Written[]> => {
    // Each guide's pages are in a context of their own: a timeout closes them and no other guide's.
    const scoped = session.step();
    try {
      if (hasErrors(guide.file)) {
        // Not built; its HTML stage still runs (and writes nothing), so that one build reports all
        // of the guide's problems, its images too, not only the first kind.
        const options = { contentDir, paper: config.paper, templatesDir: config.templatesDir };
        await guard(guide.file, 'checking the guide', async () => (await outputs.handout()).renderHandoutHtml(guide, options), { session: scoped, timeoutMs });
        return [];
      }
      if (guide.meta.draft) {
        guide.file.message('Not built: the guide is a draft (`draft: true`); set `draft: false` to build it', {
          place: { line: 1, column: 1 }, ruleId: 'draft', source: 'guidepress',
        });
        return [];
      }
      const { handout, deck, epub } = plans.get(guide)!;
      // The deck starts once the handout's HTML is made, and its Node work (Marp, fitting) runs
      // while Chromium prints the handout. A problem the handout's HTML found (an image, say)
      // holds the deck back, as it would one after the other: the guide needs fixing.
      let htmlMade!: () => void;
      const deckMayStart = new Promise<void>((resolve) => {
        htmlMade = resolve;
      });
      const handoutDone = artifact(guide, handout, 'handout', async (s) => (await outputs.handout()).buildHandout(guide, config, s, join(outDir, guide.slug), htmlMade), scoped)
        .finally(htmlMade);
      // (Awaited below; a failure is not unhandled while the deck waits for its start.)
      handoutDone.catch(() => undefined);
      await deckMayStart;
      if (hasErrors(guide.file) || !deck) {
        const out = await handoutDone;
        if (hasErrors(guide.file)) return out;
        return [...out, ...(await artifact(guide, epub, 'epub', async (s) => (await outputs.epub()).buildEpub(guide, config, s, join(outDir, guide.slug), all), scoped))];
      }
      // Its messages go on a file of their own meanwhile, and after the handout's onto the guide's:
      // in the order they would have one after the other, and each artifact records only its own.
      const deckGuide: Guide = { ...guide, file: new VFile({ path: guide.file.path, cwd: guide.file.cwd, value: guide.file.value, data: guide.file.data }) };
      const deckDone = artifact(deckGuide, deck, 'deck', async (s) => (await outputs.deck()).buildDeck(deckGuide, config, s, join(outDir, guide.slug)), scoped);
      const [out, deckOut] = await Promise.all([handoutDone, deckDone]);
      guide.file.messages.push(...deckGuide.file.messages);
      out.push(...deckOut);
      if (hasErrors(guide.file)) return out;
      return [...out, ...(await artifact(guide, epub, 'epub', async (s) => (await outputs.epub()).buildEpub(guide, config, s, join(outDir, guide.slug), all), scoped))];
    } finally {
      await scoped.close();
    }
  };

  const files = guides.map((g) => g.file);
  let bookManifest: Book | undefined;
  try {
    await inOrder(guides, config.jobs, buildGuide, record);

    if (bookPlan) {
      // The book reuses the guides loaded above; its manifest's messages are reported with theirs.
      // It waits for the guides: a problem their handouts found holds it back, as in a build one at a time.
      if (bookPlan.kind === 'skip') {
        const manifest = new VFile({ path: manifestPath, cwd: process.cwd() });
        replayMessages(manifest, bookPlan.record.messages);
        files.push(manifest);
      } else {
        const manifest = new VFile({ path: manifestPath, cwd: process.cwd() });
        step('book', 'book');
        const scoped = session.step();
        const book: BookResult = (await guard(manifest, 'making the book', async () => (await outputs.book()).buildBook(all, config, scoped, join(outDir, 'book'), hooks.onPhase), { session: scoped, timeoutMs }).finally(() => scoped.close())) ?? { file: manifest, written: [] };
        if (book.file) files.push(book.file);
        else if (config.only.length === 1) {
          throw new UsageError(`--only book, but ${join(relative(process.cwd(), contentDir) || '.', 'book.yaml')} does not exist: write a manifest to build a book`);
        }
        if (book.file && book.book && book.written.length && !hasErrors(book.file)) {
          const sections = book.book.chapters.flatMap((c) => c.sections.map((s) => s.guide));
          const deps = [manifestPath, ...sections.flatMap((g) => [g.path, ...(g.file.data.embedded ?? [])]), ...(book.file.data.embedded ?? [])];
          state.set('book', { key: bookPlan.key, deps, outputs: book.written.map((w) => w.path), messages: messagesSince(book.file, 0) });
        } else state.delete('book');
        record(book.written);
        bookManifest = book.book;
      }
    }
    if (bookEpubPlan && !(bookPlan?.kind === 'build' && !bookManifest)) {
      // From the manifest the book was made from, when it was: its messages are reported once.
      const manifest = bookManifest?.file ?? new VFile({ path: manifestPath, cwd: process.cwd() });
      if (bookEpubPlan.kind === 'skip') {
        replayMessages(manifest, bookEpubPlan.record.messages);
      } else {
        step('epub', 'book');
        const from = manifest.messages.length;
        const scoped = session.step();
        const epub = (await guard(manifest, 'making the book EPUB', async () => (await outputs.epub()).buildBookEpub(all, config, scoped, join(outDir, 'book'), bookManifest), { session: scoped, timeoutMs }).finally(() => scoped.close())) ?? { file: manifest, written: [] };
        if (epub.file && epub.book && epub.written.length && !hasErrors(epub.file)) {
          const sections = epub.book.chapters.flatMap((c) => c.sections.map((s) => s.guide));
          const deps = [manifestPath, ...sections.flatMap((g) => [g.path, ...(g.file.data.embedded ?? [])]), ...(epub.file.data.embedded ?? [])];
          state.set('book/epub', { key: bookEpubPlan.key, deps, outputs: epub.written.map((w) => w.path), messages: messagesSince(epub.file, from) });
        } else state.delete('book/epub');
        record(epub.written);
      }
      if (!files.includes(manifest)) files.push(manifest);
    }
  } finally {
    // What was built is recorded even when the run stops half-way: those artifacts are done.
    await state.write().catch(() => undefined);
  }

  files.push(...templateWarnings(config.templatesDir));
  return { files, written, guides, unchanged };
}

/**
 * Run `task` on every item, at most `jobs` at once, and hand each result to `done` in the items'
 * order, as soon as those before it are done: the output is the same whatever `jobs` is. When a
 * task throws (the browser is gone, the run was interrupted), no new task starts, the running ones
 * end, and the first item's error (in order) is thrown, after the results before it are handed on.
 */
async function inOrder<T, R>(items: T[], jobs: number, task: (item: T) => Promise<R>, done: (result: R) => void): Promise<void> {
  const results: ({ ok: true; value: R } | { ok: false; error: unknown } | undefined)[] = items.map(() => undefined);
  let next = 0;
  let flushed = 0;
  let failed = false;
  const flush = () => {
    while (flushed < items.length) {
      const result = results[flushed];
      if (!result || !result.ok) return;
      done(result.value);
      flushed++;
    }
  };
  const worker = async () => {
    while (!failed && next < items.length) {
      const i = next++;
      try {
        results[i] = { ok: true, value: await task(items[i]!) };
      } catch (error) {
        results[i] = { ok: false, error };
        failed = true;
      }
      flush();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, items.length)) }, worker));
  const error = results.find((r) => r && !r.ok);
  if (error && !error.ok) throw error.error;
}

/**
 * The keys an artifact is recorded under: a hash of what is known before building it. The files
 * read while building (images, the book's guides) are recorded beside the key and re-hashed.
 * `SOURCE_DATE_EPOCH` is part of the key (it is the date printed); without it, the date of the
 * day is printed but is not an input: an artifact is not rebuilt only because the day changed.
 */
function artifactKeys(config: Config, contentDir: string, outDir: string) {
  // Paths go in relative to the output folder, so the same project anywhere has the same keys.
  const local = (path: string) => relative(outDir, path).split(sep).join('/');
  const common = {
    tool: toolFingerprint(),
    templates: hashTree(config.templatesDir && resolve(config.templatesDir)),
    epoch: process.env.SOURCE_DATE_EPOCH ?? '',
    paper: config.paper,
    code: config.code,
    contentDir: local(contentDir),
  };
  const deckTheme = /\.css$/i.test(config.deck.theme) ? local(resolve(config.deck.theme)) : config.deck.theme;
  const guideKey = (artifact: string, guide: Guide, extra: object = {}) =>
    sha256(JSON.stringify({ ...common, ...extra, artifact, path: local(guide.path), guide: sha256(guide.file.value) }));
  return {
    handout: (guide: Guide) => guideKey('handout', guide),
    // Which of the deck's files are asked for is an input: a deck built without its PowerPoint is not one built with it.
    deck: (guide: Guide) => guideKey('deck', guide, { deck: { ...config.deck, theme: deckTheme }, outputs: deckArtifacts.filter((a) => config.only.includes(a)) }),
    // Links between guides go to the other guides' documents: their slugs and addresses are inputs.
    epub: (guide: Guide, guides: Guide[]) => guideKey('epub', guide, { guides: guides.map((g) => [g.slug, g.meta.url ?? '', g.meta.source ?? '']) }),
    bookEpub: (guides: Guide[], manifest: string) => sha256(JSON.stringify({
      ...common,
      artifact: 'book-epub',
      manifest: hashFile(manifest) ?? 'none',
      guides: guides.map((g) => [g.slug, local(g.path), g.meta.draft === true]),
    })),
    // The book's guides and their images are re-hashed from the recorded files; the slugs and paths
    // of every guide are in the key because links between guides become links inside the book.
    book: (guides: Guide[], manifest: string) => sha256(JSON.stringify({
      ...common,
      artifact: 'book',
      duplex: config.duplex,
      manifest: hashFile(manifest) ?? 'none',
      guides: guides.map((g) => [g.slug, local(g.path), g.meta.draft === true]),
    })),
  };
}

/** The deck's theme files (from the config or the front matter), read while building: re-hashed next time. */
function deckThemeFiles(guide: Guide, config: Config): string[] {
  const css = (v: unknown): v is string => typeof v === 'string' && /\.css$/i.test(v);
  const fromMeta = guide.meta.deck?.theme;
  return [
    ...(css(config.deck.theme) ? [resolve(config.deck.theme)] : []),
    ...(css(fromMeta) ? [resolve(dirname(guide.path), fromMeta)] : []),
  ];
}

export { shortPath } from './content/select.js';
