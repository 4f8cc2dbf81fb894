import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join, relative, resolve, sep } from 'node:path';
import Mustache from 'mustache';
import type { VFile } from 'vfile';
import { parseManifest } from '../book/index.js';
import { type BuildResult, build, shortPath } from '../build.js';
import type { Config } from '../config.js';
import { findContent } from '../content/select.js';
import { type ParseCache, loadGuide } from '../content/guide.js';
import { readContentFile } from '../content/load.js';
import { GuidepressError, hasErrors } from '../errors.js';
import { renderHandoutHtml } from '../handout/index.js';
import { type Written, writeArtifact } from '../output.js';
import { diagramCacheDir, diagramRenderer } from '../shared/diagrams.js';
import { printImageScaler } from '../shared/images.js';
import { readTemplate } from '../shared/templates.js';
import type { BrowserSession } from '../session.js';
import { packageTemplatesDir } from '../version.js';
import { servedHtml, sheetOf, sheetVariables } from './inject.js';
import { type Plan, isScratch, mergePlans, planFor } from './plan.js';
import { eventsPath, startServer } from './server.js';
import { rebuildQueue, watchFiles } from './watch.js';

export { type Plan, planFor, mergePlans } from './plan.js';
export { servedHtml, devPolicy, sheetOf } from './inject.js';

export interface DevOptions {
  /** Where to listen: 127.0.0.1 unless asked otherwise. */
  host?: string;
  /** The first port tried (4000); the next free one when it is taken. */
  port?: number;
  /** The config file, watched: a change reads it again through `reloadConfig` and rebuilds everything. */
  configFile?: string;
  /** Read the config again (the CLI merges the file with its flags); a GuidepressError keeps the old one. */
  reloadConfig?: () => Config;
  /** How long changes are gathered before a rebuild starts, in milliseconds (an editor's save is a few writes within a few ms). */
  debounceMs?: number;
}

/** A content problem as an open page shows it. */
export interface Problem {
  file: string;
  line?: number;
  column?: number;
  message: string;
  rule?: string;
}

/** What the dev server reports; the CLI prints it. The library itself prints nothing. */
export interface DevEvents {
  /** The server listens at `url`. */
  onListening?: (url: string) => void;
  /** A rebuild starts, for these reasons (changed files, shortened). */
  onBuild?: (plan: Plan, changed: string[]) => void;
  onWrite?: (written: Written) => void;
  /** A rebuild ended: every file it read with its messages, what it wrote, how long it took. */
  onBuilt?: (report: { plan: Plan; files: VFile[]; written: Written[]; ms: number }) => void;
  /** Pages showing these paths were told to reload (`*`: all). */
  onReload?: (paths: string[]) => void;
  /** A rebuild stopped on a problem that is not one file's (a config file that became invalid, no guides left): dev goes on. */
  onProblem?: (error: GuidepressError) => void;
}

export interface Dev {
  url: string;
  /** Settles when dev is closed; rejects when it cannot go on (Chromium died, a bug). */
  done: Promise<void>;
  /** Resolves once no rebuild runs or waits. */
  idle: () => Promise<void>;
  /** Stop watching and serving; waits for the rebuild in progress. The caller closes the session. */
  close: () => Promise<void>;
}

interface Known {
  slug: string;
  title: string;
  inBook: boolean;
  /** Another guide has its slug: only the full build may speak for it. */
  shared: boolean;
  /** Its content has errors, as of the last build. */
  broken: boolean;
}

/**
 * `guidepress dev`: build everything, serve the output folder with a live-reload client, and on
 * each change rebuild what depends on it (`planFor`) and tell the open pages. A guide's handout HTML
 * is written and announced before its PDF is printed, so the page shows an edit within a fraction of
 * a second; the session's browser stays warm between rebuilds.
 */
export async function dev(initial: Config, session: BrowserSession, options: DevOptions = {}, events: DevEvents = {}): Promise<Dev> {
  let config = initial;
  const outDir = resolve(config.outDir);
  const guides = new Map<string, Known>();
  const problems = new Map<string, Problem[]>();
  // What each served HTML held when last announced: a rebuild that rewrites the same bytes reloads nothing.
  const known = new Map<string, string>();
  // Every build reads every guide (links between them, the book): unchanged ones are not parsed again.
  const parsed: ParseCache = new Map();
  let building = false;
  let fail: (error: unknown) => void = () => undefined;
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  // Nobody may be listening yet: an unhandled rejection must not end the process before the CLI awaits it.
  done.catch(() => undefined);

  const template = (name: string) => readTemplate(`dev/${name}`, config.templatesDir);
  const standing = () => [...problems.values()].flat();

  const server = await startServer({
    outDir,
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 4000,
    page: (pathname) => servedPage(pathname),
    greeting: () => [{ event: 'problems', data: standing() }, { event: 'building', data: building }],
  });

  async function servedPage(pathname: string): Promise<string | undefined> {
    const additions = { script: template('client.js'), styles: [template('overlay.css')] };
    if (pathname === '/' || pathname === '/index.html') {
      if (existsSync(join(outDir, 'index.html')) && pathname === '/index.html') return undefined;
      return servedHtml(indexPage(), additions);
    }
    const path = pathname.endsWith('/') ? join(outDir, pathname, 'index.html') : join(outDir, pathname);
    if (!path.endsWith('.html') || !(path + sep).startsWith(outDir + sep)) return undefined;
    let html: string;
    try {
      html = await readFile(path, 'utf8');
    } catch {
      return undefined;
    }
    const sheet = /\/handout\.html$/.test(pathname) ? sheetOf(html) : undefined;
    if (!sheet) return servedHtml(html, additions);
    const bar = Mustache.render(template('bar.html'), { paper: config.paper.toUpperCase(), deck: existsSync(join(path, '..', 'deck.html')) });
    return servedHtml(html, { ...additions, styles: [...additions.styles, sheetVariables(sheet) + template('sheet.css')], bar });
  }

  function indexPage(): string {
    const filesOf = (dir: string) => {
      let names: string[] = [];
      try {
        names = readdirSync(join(outDir, dir), { recursive: true }).map(String).filter((n) => /\.(html|pdf|md|pptx|png|jpe?g|epub)$/.test(n)).sort();
      } catch {
        // Not built yet.
      }
      return names.map((name) => ({ name: name.split(sep).join('/'), href: `/${dir}/${name.split(sep).map(encodeURIComponent).join('/')}` }));
    };
    const book = filesOf('book');
    const view = {
      content: shortPath(resolve(config.contentDir)),
      out: shortPath(outDir),
      css: template('index.css'),
      book: book.length ? { title: 'Book', files: book } : undefined,
      guides: [...guides.values()].sort((a, b) => a.title.localeCompare(b.title)).map((g) => ({
        title: g.title,
        slug: g.slug,
        problem: g.broken ? 'has errors: not rebuilt' : undefined,
        files: filesOf(g.slug),
      })),
    };
    return Mustache.render(template('index.html'), view);
  }

  const urlOf = (path: string) => `/${relative(outDir, path).split(sep).join('/')}`;

  /** Tell pages to reload those of `written` whose HTML changed since it was last announced. */
  async function announce(written: Written[], always: string[] = []): Promise<void> {
    const paths = new Set(always);
    for (const w of written) {
      if (!w.path.endsWith('.html')) continue;
      const hash = createHash('sha256').update(await readFile(w.path)).digest('hex');
      const url = urlOf(w.path);
      if (known.get(url) !== hash) paths.add(url);
      known.set(url, hash);
    }
    if (written.length) paths.add('/');
    if (!paths.size) return;
    server.broadcast('reload', [...paths]);
    events.onReload?.([...paths]);
  }

  /** Write a guide's handout HTML straight away, ahead of its PDF; the build then writes the same bytes. */
  async function handoutFirst(path: string): Promise<{ written: Written[]; broken: boolean }> {
    const entry = guides.get(path);
    if (!entry || entry.shared) return { written: [], broken: false };
    try {
      const started = performance.now();
      const guide = await loadGuide({ path, slug: entry.slug }, undefined, parsed);
      // Its errors (or their end) show at once; the build that follows has the last word.
      remember([guide.file], false);
      server.broadcast('problems', standing());
      if (hasErrors(guide.file)) return { written: [], broken: true };
      if (guide.meta.draft || !config.only.includes('handout')) return { written: [], broken: false };
      const html = await renderHandoutHtml(guide, {
        contentDir: resolve(config.contentDir),
        paper: config.paper,
        templatesDir: config.templatesDir,
        codeTheme: config.code.theme,
        renderDiagram: diagramRenderer(session, { cacheDir: diagramCacheDir(outDir), templatesDir: config.templatesDir }),
        // As the build scales images, so that its HTML is these bytes and the page reloads once.
        scaleImage: await printImageScaler(config, session),
      });
      if (html === undefined) return { written: [], broken: true };
      return { written: await writeArtifact([{ path: join(outDir, entry.slug, 'handout.html'), data: html }], performance.now() - started, outDir), broken: false };
    } catch {
      // The build that follows meets the same problem and reports it on the guide.
      return { written: [], broken: false };
    }
  }

  /** Which guides the book holds, from its manifest and the guides just loaded. */
  async function bookMembers(result: BuildResult): Promise<Set<string>> {
    const path = join(resolve(config.contentDir), 'book.yaml');
    if (!existsSync(path)) return new Set();
    const book = parseManifest(await readContentFile(path), result.guides);
    return new Set(book?.chapters.flatMap((c) => c.sections.map((s) => s.guide.path)) ?? []);
  }

  function remember(files: VFile[], replace: boolean): void {
    if (replace) problems.clear();
    for (const file of files) {
      const errors = file.messages.filter((m) => m.fatal === true).map((m) => ({
        file: shortPath(file.path),
        line: m.line ?? undefined,
        column: m.column ?? undefined,
        message: m.reason,
        rule: m.ruleId ?? undefined,
      }));
      if (errors.length) problems.set(file.path, errors);
      else problems.delete(file.path);
      const guide = guides.get(file.path);
      if (guide) guides.set(file.path, { ...guide, broken: errors.length > 0 });
    }
  }

  async function rebuild(plan: Plan, changed: string[]): Promise<void> {
    events.onBuild?.(plan, changed);
    building = true;
    server.broadcast('building', true);
    const started = performance.now();
    const files: VFile[] = [];
    const written: Written[] = [];
    const hooks = { onWrite: (w: Written) => events.onWrite?.(w) };
    const run = async (only: Config['only'], guidePaths?: string[]) => {
      const result = await build({ ...config, only }, session, hooks, { guides: guidePaths, parsed });
      files.push(...result.files);
      written.push(...result.written);
      remember(result.files, false);
      return result;
    };
    try {
      if (plan.kind === 'guides') {
        const first = await Promise.all(plan.guides.map(handoutFirst));
        await announce(first.flatMap((f) => f.written));
        const only = config.only.filter((a) => a !== 'book');
        if (only.length) await announce((await run(only, plan.guides)).written);
        // A book with a broken guide is not built anyway: waiting seconds for it to say so would
        // only delay the rebuild that the fix, saved a moment later, asks for.
        const broken = first.every((f) => f.broken);
        if (plan.book && !broken && config.only.includes('book')) await announce((await run(['book'])).written);
      } else if (plan.kind === 'book') {
        if (!config.only.includes('book')) return;
        const result = await run(['book']);
        await refreshGuides(result);
        await announce(result.written);
      } else {
        problems.clear();
        const result = await run(config.only);
        await refreshGuides(result);
        await announce(result.written, ['*']);
      }
    } catch (error) {
      if (!(error instanceof GuidepressError) || session.stopped) throw error;
      problems.set('', [{ file: 'guidepress', message: error.message }]);
      events.onProblem?.(error);
    } finally {
      building = false;
      server.broadcast('building', false);
    }
    server.broadcast('problems', standing());
    // A guide read by two builds (its own, then the book's) is reported once, as last read.
    const unique = [...new Map(files.map((f) => [f.path, f])).values()];
    events.onBuilt?.({ plan, files: unique, written, ms: performance.now() - started });
  }

  async function refreshGuides(result: BuildResult): Promise<void> {
    problems.delete('');
    const members = await bookMembers(result);
    const entries = await findContent(resolve(config.contentDir), outDir).catch(() => []);
    const shared = new Set(entries.filter((e) => e.sameSlug).map((e) => e.path));
    guides.clear();
    for (const g of result.guides) {
      guides.set(g.path, { slug: g.slug, title: g.meta.title || g.slug, inBook: members.has(g.path), shared: shared.has(g.path), broken: hasErrors(g.file) });
    }
  }

  const changedFiles: string[] = [];
  const queue = rebuildQueue<Plan>(options.debounceMs ?? 20, mergePlans, async (plan) => {
    const changed = changedFiles.splice(0);
    if (changed.some((c) => options.configFile && resolve(c) === resolve(options.configFile)) && options.reloadConfig) {
      try {
        config = options.reloadConfig();
      } catch (error) {
        if (!(error instanceof GuidepressError)) throw error;
        problems.set('', [{ file: shortPath(options.configFile!), message: error.message }]);
        events.onProblem?.(error);
        server.broadcast('problems', standing());
        return;
      }
    }
    await rebuild(plan, changed);
  }, (error) => fail(error));

  const watched = [resolve(config.contentDir), fileURLToPath(packageTemplatesDir), ...(config.templatesDir ? [resolve(config.templatesDir)] : []), ...(options.configFile ? [resolve(options.configFile)] : [])];
  const watcher = await watchFiles(watched, [outDir], (path) => {
    if (isScratch(path) && !(existsSync(path) && statSync(path).isDirectory())) return;
    changedFiles.push(path);
    // A file that is gone (a guide deleted or renamed) changes the list of guides: everything.
    queue.add(!existsSync(path) ? { kind: 'all' } : planFor(path, { contentDir: config.contentDir, guides: new Map([...guides].map(([p, g]) => [p, g.inBook])) }));
  }).catch(async (error: unknown) => {
    await server.close();
    throw error;
  });
  events.onListening?.(server.url);
  // The first build is a change like any other: the server already answers while it runs.
  queue.add({ kind: 'all' });

  let closing: Promise<void> | undefined;
  return {
    url: server.url,
    done,
    idle: () => queue.idle(),
    close: () => {
      closing ??= (async () => {
        await queue.stop().catch(() => undefined);
        await watcher.close();
        await server.close();
        finish();
      })();
      return closing;
    },
  };
}

export { eventsPath };
