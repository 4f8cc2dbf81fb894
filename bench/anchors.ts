/**
 * The tools a user would otherwise pick, installed by bench/anchors.sh outside the project: the
 * commands that make the same work as ours, all on the system's Chromium.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

export interface Anchors {
  dir: string;
  versions: Record<string, string>;
}

const packages = ['md-to-pdf', '@marp-team/marp-cli', '@vivliostyle/cli'];

/** The anchors installed in `dir`, or an error that says how to install them. */
export function findAnchors(dir: string): Anchors {
  const versions: Record<string, string> = {};
  for (const name of packages) {
    const manifest = join(dir, 'node_modules', name, 'package.json');
    if (!existsSync(manifest)) throw new Error(`${name} is not installed in ${dir}: run bash bench/anchors.sh ${dir}`);
    versions[name] = (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
  }
  return { dir, versions };
}

const bin = (anchors: Anchors, name: string) => join(anchors.dir, 'node_modules/.bin', name);

/**
 * The guides as the anchors can read them: the markdown files side by side, with site-absolute image
 * paths (`/images/x.png`, served from static/ by guidepress) made relative, so that every tool embeds
 * the same pictures. Returns the markdown files, in order.
 */
export function anchorContent(contentDir: string, dest: string): string[] {
  const guides = join(contentDir, 'guides');
  mkdirSync(join(dest, 'guides'), { recursive: true });
  const copyTree = (from: string, to: string) => {
    if (!existsSync(from)) return;
    mkdirSync(to, { recursive: true });
    for (const entry of readdirSync(from, { withFileTypes: true })) {
      if (entry.isDirectory()) copyTree(join(from, entry.name), join(to, entry.name));
      else copyFileSync(join(from, entry.name), join(to, entry.name));
    }
  };
  copyTree(join(contentDir, 'static'), join(dest, 'static'));
  const files: string[] = [];
  for (const entry of readdirSync(guides, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.isDirectory()) {
      copyTree(join(guides, entry.name), join(dest, 'guides', entry.name));
      continue;
    }
    if (!entry.name.endsWith('.md')) continue;
    const text = readFileSync(join(guides, entry.name), 'utf8').replace(/(!\[[^\]]*\]\()\//g, '$1../static/');
    writeFileSync(join(dest, 'guides', entry.name), text);
    files.push(join(dest, 'guides', entry.name));
  }
  return files;
}

/** Copies each built `<out>/<slug>/deck.md` to `<dest>/<slug>.md`, the Marp inputs; returns how many. */
export function collectDecks(outDir: string, dest: string): number {
  mkdirSync(dest, { recursive: true });
  let count = 0;
  for (const entry of readdirSync(outDir, { withFileTypes: true })) {
    const deck = join(outDir, entry.name, 'deck.md');
    if (!entry.isDirectory() || !existsSync(deck)) continue;
    copyFileSync(deck, join(dest, `${entry.name}.md`));
    count += 1;
  }
  return count;
}

/** How many guides one md-to-pdf process is given (see `mdToPdf`). */
export const mdToPdfBatch = 20;

/**
 * md-to-pdf on every guide, writing each PDF beside its markdown: in processes of `mdToPdfBatch`
 * guides, one after the other, as a user with many guides runs it. md-to-pdf opens a page for
 * every file it is given at once, and with 60 guides on two cores some wait past its 30 s
 * navigation timeout and fail (measured here): that is no result to compare with.
 */
export function mdToPdf(anchors: Anchors, browser: string, files: string[], basedir: string): string[][] {
  const launch = { executablePath: browser, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] };
  const batches: string[][] = [];
  for (let i = 0; i < files.length; i += mdToPdfBatch) {
    batches.push([bin(anchors, 'md-to-pdf'), '--basedir', basedir, '--launch-options', JSON.stringify(launch), ...files.slice(i, i + mdToPdfBatch)]);
  }
  return batches;
}

/** Marp CLI: a PDF of every deck in a folder, with guidepress's theme so the slides are the same. */
export function marpPdf(anchors: Anchors, browser: string, decks: string, out: string, theme: string): string[] {
  return [bin(anchors, 'marp'), '--pdf', '--browser-path', browser, '--theme-set', theme, '--allow-local-files', '--input-dir', decks, '-o', out];
}

/** Both, one after the other, as one measured command (its time and memory cover the two). */
export function sequence(...commands: string[][]): string[] {
  const quote = (arg: string) => `'${arg.replaceAll("'", `'\\''`)}'`;
  return ['sh', '-c', commands.map((c) => c.map(quote).join(' ')).join(' && ')];
}

/**
 * Vivliostyle CLI building the guides as one book with a table of contents: a config file in
 * `dir` whose entries are the guides, in the book's order.
 */
export function vivliostyleBook(anchors: Anchors, browser: string, files: string[], dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const config = {
    title: 'The benchmark book',
    author: 'guidepress',
    language: 'en',
    size: 'A4',
    entryContext: join(files[0]!, '../..'),
    entry: files.map((f) => `guides/${basename(f)}`),
    toc: true,
    output: join(dir, 'book.pdf'),
  };
  writeFileSync(join(dir, 'vivliostyle.config.json'), `${JSON.stringify(config, null, 2)}\n`);
  return [bin(anchors, 'vivliostyle'), 'build', '-c', join(dir, 'vivliostyle.config.json'), '--executable-browser', browser];
}
