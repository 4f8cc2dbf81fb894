/**
 * The benchmark (`npm run bench`, never part of `npm test`): guidepress as a user runs it, whole
 * processes (`node bin/guidepress.js build ...`), the median of N runs after a warm-up: wall time,
 * CPU of the process tree, peak memory of Node and of Chromium. With `--anchors DIR` the same work
 * by md-to-pdf, Marp CLI and Vivliostyle CLI (installed there by bench/anchors.sh), alternating run
 * by run with ours, and the ratios against issue 11's targets. Prints a markdown table for the
 * README and writes it, with every sample, to dist/bench/.
 *
 *   npm run bench                          3 runs each; sites and books of 10, 30 and 60 guides
 *   npm run bench -- --quick               1 run each; 10 and 30 guides (to try it)
 *   npm run bench -- --anchors /work/anchors
 *   npm run bench -- --runs 5 --sizes 10,20
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { type Anchors, anchorContent, collectDecks, findAnchors, marpPdf, mdToPdf, sequence, vivliostyleBook } from './anchors.js';
import puppeteer from 'puppeteer';
import { type BrowserSearch, defaultSearch, findBrowser, isHeadlessShell } from '../src/browser.js';
import { generateBook } from './generate.js';
import { checkTools, measure, median, medianSample, type Sample } from './process.js';
import { type Check, type Comparison, linearity, type Report, type Row, secs, toMarkdown } from './report.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    runs: { type: 'string' },
    sizes: { type: 'string' },
    words: { type: 'string', default: '2000' },
    anchors: { type: 'string' },
    out: { type: 'string', default: join(repo, 'dist/bench') },
    guidepress: { type: 'string', default: repo },
    'anchor-browser': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log('npm run bench -- [--quick] [--runs N] [--sizes 10,30,60] [--words 2000] [--anchors DIR] [--anchor-browser PATH] [--out DIR] [--guidepress CHECKOUT]');
  process.exit(0);
}
/** What bench/dev.ts's `measureDev` resolves to (checked: it is another module's promise). */
const devResult = z.object({ htmlMs: z.array(z.number()).min(1), pdfMs: z.array(z.number()).optional() });
const runs = Number(values.runs ?? (values.quick ? 1 : 3));
const sizes = (values.sizes ?? (values.quick ? '10,30' : '10,30,60')).split(',').map(Number);
const words = Number(values.words);
if (!(runs >= 1) || sizes.some((n) => !(n >= 1)) || !(words >= 100)) throw new Error('--runs, --sizes and --words take positive numbers (--words at least 100)');
const largest = Math.max(...sizes);
const bookSize = sizes.includes(30) ? 30 : largest;

checkTools();
// The checkout whose compiled CLI is measured: this one, or another branch's to compare with.
const checkout = resolve(values.guidepress);
const cli = join(checkout, 'bin/guidepress.js');
if (!existsSync(join(checkout, 'lib/cli.js'))) throw new Error(`${checkout}/lib/ is missing: run \`npm run compile\` there first (npm run bench does here)`);
// The browser the anchors print with: by default the full browser, as they run for a user. Marp CLI
// and md-to-pdf's Puppeteer start Chrome or Chromium in its headless mode (`headless: true`), never
// a headless shell, which they use only when told to. guidepress starts the headless shell where
// there is one: that is guidepress's doing, and its share of the ratio. `--anchor-browser PATH`
// gives the anchors another (the shell, `/usr/lib/chromium/chromium-headless-shell`, to compare
// the tools on one build of the browser; the README shows both).
const fullBrowser: BrowserSearch = {
  downloaded: () => {
    try {
      return puppeteer.executablePath({ headless: true });
    } catch {
      return undefined;
    }
  },
  system: defaultSearch.system.filter((path) => !isHeadlessShell(path)),
  names: defaultSearch.names.filter((name) => !isHeadlessShell(name)),
};
// PUPPETEER_EXECUTABLE_PATH is guidepress's (it may name a headless shell): the anchors look for their own.
const anchorEnv = { ...process.env, PUPPETEER_EXECUTABLE_PATH: '' };
const browser = values['anchor-browser'] ?? (() => {
  try {
    return findBrowser(undefined, anchorEnv, fullBrowser);
  } catch {
    return findBrowser(); // No full browser here: the one guidepress uses.
  }
})();
const help = spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' }).stdout;
/** Flags another branch may or may not have added yet: the benchmark measures what exists. */
const has = { jobs: /--jobs\b/.test(help), force: /--force\b/.test(help) };
const anchors: Anchors | undefined = values.anchors ? findAnchors(resolve(values.anchors)) : undefined;

const loadAtStart = loadavg();
const work = mkdtempSync(join(tmpdir(), 'gp-bench-'));
const started = performance.now();
const log = (line: string) => process.stderr.write(`${line}\n`);
const mbOf = (bytes: number) => Math.round(bytes / 1024 / 1024);
const rows: Row[] = [];
const comparisons: Comparison[] = [];
const checks: Check[] = [];
const notes: string[] = [];
const samples: Record<string, Sample[]> = {};

/** `guidepress build` of one content folder into a fresh output folder. */
function ours(content: string, out: string, only: string, extra: string[] = []): string[] {
  return [process.execPath, cli, 'build', '--content', content, '--out', out, '--only', only, '-q', ...(has.force ? ['--force'] : []), ...extra];
}

/**
 * Runs each command `count` times, alternating between them, each run in a fresh scratch folder
 * that `keep` may take something from before it is removed. The first command is ours and must
 * succeed; an anchor that fails (md-to-pdf's 30 s navigation timeout on a starved machine) is left
 * out from then on with a note, so the rest of the benchmark still lands.
 */
async function alternate(
  label: string,
  commands: ((scratch: string) => string[])[],
  count: number,
  keep?: (scratch: string, command: number, run: number) => void,
): Promise<Sample[][]> {
  const results: Sample[][] = commands.map(() => []);
  const failed = new Set<number>();
  for (let run = 0; run < count; run++) {
    for (const [i, command] of commands.entries()) {
      if (failed.has(i)) continue;
      const scratch = join(work, 'runs', `${label.replace(/\W+/g, '-')}-${i}-${run}`);
      mkdirSync(scratch, { recursive: true });
      let sample: Sample;
      try {
        sample = await measure(command(scratch), { cwd: work });
      } catch (error) {
        if (i === 0) throw error;
        const reason = String(error instanceof Error ? error.message : error).split('\n').find((l) => /error/i.test(l))?.trim() ?? 'failed';
        notes.push(`${label}: the anchor failed (${reason.slice(0, 160)}), so this row has no ratio.`);
        log(`  ${label} [anchor] failed: ${reason}`);
        // The whole of what it said, for finding out why (the note keeps the line that names the error).
        log(String(error instanceof Error ? error.message : error).split('\n').slice(-30).map((l) => `    | ${l}`).join('\n'));
        failed.add(i);
        results[i] = [];
        rmSync(scratch, { recursive: true, force: true });
        continue;
      }
      results[i]!.push(sample);
      keep?.(scratch, i, run);
      log(`  ${label}${commands.length > 1 ? ` [${i === 0 ? 'guidepress' : 'anchor'}]` : ''} run ${run + 1}/${count}: ${secs(sample.wall)} s wall, ${secs(sample.cpu)} s CPU, peak ${mbOf(sample.totalPss)} MB PSS`);
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  return results;
}

const pick = (s: Sample) => ({ wall: s.wall, cpu: s.cpu });

function row(work: string, list: Sample[], note?: string, key = work): Sample {
  samples[key] = list;
  const ours = medianSample(list);
  rows.push({ work, ours, runs: list.length, note });
  return ours;
}

try {
  // Content: the seed guide, and generated sites of each size (the same text on every run).
  const seed = join(checkout, 'content');
  const sites = new Map(sizes.map((n) => [n, generateBook(join(work, `site-${n}`), { guides: n, words })]));
  log(`guidepress benchmark: ${runs} run(s) each, sites of ${sizes.join(', ')} guides of ~${words} words, in ${work}`);

  // The anchors' inputs: the guides with image paths they can follow, and the decks ours wrote.
  const theirs = anchors && {
    seed: anchorContent(seed, join(work, 'anchor-seed')),
    site: anchorContent(sites.get(largest)!.contentDir, join(work, 'anchor-site')),
    book: anchorContent(sites.get(bookSize)!.contentDir, join(work, 'anchor-book')),
  };
  const decks = (from: string, to: string) => {
    if (!existsSync(to)) collectDecks(from, to);
    return to;
  };
  const theme = join(checkout, 'templates/deck/guidepress.css');

  // Warm-up, not counted: the first run of each tool pays for reading node_modules and Chromium from disk.
  log('warm-up');
  await measure(ours(seed, join(work, 'warm'), 'handout,deck'), { cwd: work });
  if (anchors && theirs) {
    const seedDecks = decks(join(work, 'warm'), join(work, 'decks-seed'));
    // A warm-up that fails is no result: the counted runs say so in their rows if it fails again.
    await measure(sequence(...mdToPdf(anchors, browser, theirs.seed, join(work, 'anchor-seed')), marpPdf(anchors, browser, seedDecks, join(work, 'warm-marp'), theme)), { cwd: work }).catch(() => undefined);
    await measure(vivliostyleBook(anchors, browser, theirs.seed, join(work, 'warm-vivliostyle')), { cwd: work }).catch(() => undefined);
  }

  // The seed guide: handout + deck.
  log('seed guide');
  {
    const commands = [(s: string) => ours(seed, s, 'handout,deck')];
    if (anchors && theirs) commands.push((s: string) => sequence(...mdToPdf(anchors, browser, theirs.seed, join(work, 'anchor-seed')), marpPdf(anchors, browser, join(work, 'decks-seed'), s, theme)));
    const [mine, other] = await alternate('seed', commands, runs);
    const m = row('seed guide: handout + deck', mine!);
    if (other) {
      samples['anchors: seed'] = other;
      comparisons.push({ work: 'seed guide: handout + deck', ours: { wall: m.wall, cpu: m.cpu }, anchor: 'md-to-pdf + Marp CLI --pdf', theirs: other.length > 0 ? pick(medianSample(other)) : undefined, target: 0.4 });
    }
  }

  save('after the seed guide');

  // Sites (handouts + decks) of each size; the largest side by side with the anchors.
  const siteWall = new Map<number, number>();
  for (const n of sizes) {
    log(`site of ${n} guides`);
    const content = sites.get(n)!.contentDir;
    const paired = anchors && theirs && n === largest;
    const siteDecks = join(work, `decks-${n}`);
    const commands = [(s: string) => ours(content, s, 'handout,deck')];
    if (paired) commands.push((s: string) => sequence(...mdToPdf(anchors, browser, theirs.site, join(work, 'anchor-site')), marpPdf(anchors, browser, siteDecks, s, theme)));
    // Marp's input is the decks ours wrote: the first run of ours comes before the first of theirs.
    const [mine, other] = await alternate(`site ${n}`, commands, runs, (s, i) => {
      if (paired && i === 0) decks(s, siteDecks);
    });
    const m = row(`${n}-guide site: handouts + decks`, mine!);
    siteWall.set(n, m.wall);
    if (other) {
      samples[`anchors: site ${n}`] = other;
      comparisons.push({ work: `${n}-guide site: handouts + decks`, ours: { wall: m.wall, cpu: m.cpu }, anchor: `md-to-pdf on ${n} guides + Marp CLI on ${n} decks`, theirs: other.length > 0 ? pick(medianSample(other)) : undefined, target: 0.35 });
    }
  }

  save('after the sites');

  // --jobs 1 against the default, on the largest site.
  if (has.jobs) {
    log(`site of ${largest} guides, --jobs 1`);
    const [mine] = await alternate(`site ${largest} jobs 1`, [(s) => ours(sites.get(largest)!.contentDir, s, 'handout,deck', ['--jobs', '1'])], runs);
    const m = row(`${largest}-guide site, --jobs 1`, mine!);
    const def = siteWall.get(largest)!;
    rows.at(-1)!.note = `default --jobs: ${secs(def)} s (${((def / m.wall) * 100).toFixed(0)} % of --jobs 1)`;
  } else {
    notes.push('`--jobs` is not in `guidepress --help` on this commit: the `--jobs 1` row is left out.');
  }

  // Books of each size; the 30-guide one side by side with Vivliostyle.
  const bookWall = new Map<number, number>();
  let bookPeak: Sample | undefined;
  for (const n of sizes) {
    log(`book of ${n} guides`);
    const content = sites.get(n)!.contentDir;
    const commands = [(s: string) => ours(content, s, 'book')];
    const paired = anchors && theirs && n === bookSize;
    if (paired) commands.push((s: string) => vivliostyleBook(anchors, browser, theirs.book, s));
    const [mine, other] = await alternate(`book ${n}`, commands, runs);
    const m = row(`${n}-guide book`, mine!);
    bookWall.set(n, m.wall);
    if (n === largest) bookPeak = m;
    if (other) {
      samples[`anchors: book ${n}`] = other;
      comparisons.push({ work: `${n}-guide book`, ours: { wall: m.wall, cpu: m.cpu }, anchor: `Vivliostyle CLI, the same ${n} guides`, theirs: other.length > 0 ? pick(medianSample(other)) : undefined, target: 0.5 });
    }
  }

  save('after the books');

  // Incremental: a full build of the largest site with its book, one word changed in one guide, built again.
  log(`incremental, ${largest} guides`);
  {
    const content = join(work, 'incremental', 'content');
    cpSync(sites.get(largest)!.contentDir, content, { recursive: true });
    const out = join(work, 'incremental', 'dist');
    const plain = (extra: string[] = []) => [process.execPath, cli, 'build', '--content', content, '--out', out, '-q', ...extra];
    const full = await measure(plain(), { cwd: work });
    log(`  full build: ${secs(full.wall)} s`);
    const guide = join(content, 'guides', readdirSync(join(content, 'guides')).filter((f) => f.endsWith('.md')).sort()[0]!);
    const again: Sample[] = [];
    const rewritten: number[] = [];
    let total = 0;
    for (let run = 0; run < runs; run++) {
      // A build that rewrote every file after one word changed is not incremental: once shows it.
      if (run > 0 && rewritten[0]! >= total) {
        notes.push(`The build after a one-word edit rewrote all ${total} files: no incremental build on this commit, so it ran once.`);
        break;
      }
      // One word, toggled so every run is a change: "team" <-> "crew", first occurrence in the body.
      const text = readFileSync(guide, 'utf8');
      writeFileSync(guide, text.includes(' team ') ? text.replace(' team ', ' crew ') : text.replace(' crew ', ' team '));
      const before = snapshot(out);
      const sample = await measure(plain(), { cwd: work });
      const after = snapshot(out);
      again.push(sample);
      total = after.size;
      rewritten.push([...after].filter(([f, m]) => before.get(f) !== m).length);
      log(`  after one word: ${secs(sample.wall)} s, ${rewritten.at(-1)} of ${total} files rewritten`);
    }
    samples['incremental: full'] = [full];
    const m = row(`${largest}-guide site + book, after one word of one guide changed`, again, undefined, 'incremental');
    const share = m.wall / full.wall;
    rows.at(-1)!.note = `${(share * 100).toFixed(0)} % of the full build (${secs(full.wall)} s); rewrote ${Math.round(median(rewritten))} of ${total} files`;
    checks.push({ what: `incremental build after a one-word edit, ${largest} guides (issue 10)`, value: `${(share * 100).toFixed(0)} % of the full build`, target: '<= 10 %', met: share <= 0.1 });
  }

  save('after the incremental build');

  // The dev server's loop, measured by bench/dev.ts when the dev server's branch has written it.
  const devFile = join(repo, 'bench/dev.ts');
  if (existsSync(devFile)) {
    log('dev server: edit -> reload');
    const dev = await measureDevServer(devFile, sites.get(Math.min(...sizes))!.contentDir);
    if (typeof dev === 'string') notes.push(dev);
    else {
      const reload = median(dev.htmlMs);
      checks.push({ what: 'dev: one-word edit -> reloaded handout HTML (issue 10)', value: `${Math.round(reload)} ms (median of ${dev.htmlMs.length})`, target: '<= 150 ms', met: reload <= 150 });
      if (dev.pdfMs?.length) {
        const pdf = median(dev.pdfMs);
        checks.push({ what: 'dev: one-word edit -> rewritten handout PDF (issue 10)', value: `${Math.round(pdf)} ms (median of ${dev.pdfMs.length})`, target: '<= 1000 ms', met: pdf <= 1000 });
      }
    }
  } else {
    notes.push('bench/dev.ts is not on this commit: the dev server\'s edit-to-reload times are left out.');
  }

  // Targets that are not ratios.
  if (bookPeak) {
    checks.push({ what: `peak memory, ${largest}-guide book, Node + Chromium (PSS)`, value: `${mbOf(bookPeak.totalPss)} MB (RSS summed per process: ${mbOf(bookPeak.totalRss)} MB)`, target: '<= 600 MB', met: largest >= 60 ? bookPeak.totalPss <= 600 * 1024 * 1024 : undefined });
  }
  for (const [what, walls] of [['site', siteWall], ['book', bookWall]] as const) {
    const linear = linearity(walls);
    if (linear) checks.push({ what: `${what} time against guides`, value: linear.text, target: 'linear: the last step\'s seconds per guide <= 1.2 x the first\'s', met: linear.met });
  }

  save('done');
} finally {
  rmSync(work, { recursive: true, force: true });
}

/**
 * Writes the tables as they stand to dist/bench/ (after each part, so a run stopped half-way still
 * leaves what it measured); at the end, prints them too.
 */
function save(progress: string): void {
  const done = progress === 'done';
  const report: Report = {
    machine: machine(),
    mode: `${values.quick ? 'quick: 1 run each' : `median of ${runs} runs after a warm-up`}${done ? '' : `; partial, ${progress}`}`,
    rows,
    comparisons,
    checks,
    notes: [
      ...notes,
      'Whole processes; wall from spawn to exit; CPU is user + system of the process tree: the larger of GNU time\'s count (the process and every descendant it waited for) and the sum of each Node and Chromium process\'s own, read from /proc every 50 ms (Chromium\'s renderers are forked by its zygote, and a browser killed at the end leaves them out of GNU time\'s count); RSS of Node and of Chromium sampled every 50 ms from /proc and summed per kind (shared pages count once per process, so Chromium\'s RSS sum overstates it); PSS of the whole tree at each new high of the RSS sum, at most twice a second.',
      'Every guidepress run builds into an empty output folder' + (has.force ? ' with --force.' : '.'),
    ],
  };
  if (!anchors) report.notes.push('No --anchors DIR: no side-by-side ratios (bash bench/anchors.sh DIR installs the tools).');
  const markdown = toMarkdown(report);
  const outDir = resolve(values.out);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'bench.md'), markdown);
  writeFileSync(join(outDir, 'bench.json'), `${JSON.stringify({ ...report, samples }, null, 2)}\n`);
  if (!done) return;
  console.log(`\n${markdown}`);
  const shown = relative(process.cwd(), outDir).startsWith('..') ? outDir : relative(process.cwd(), outDir);
  log(`wrote ${join(shown, 'bench.md')} and bench.json in ${Math.round((performance.now() - started) / 1000)} s`);
}

/** Every file under a folder with its modification time and size, to tell which a build rewrote. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      // .cache holds the build's own state (diagrams, incremental keys), not outputs.
      if (entry.isDirectory()) {
        if (entry.name !== '.cache') walk(path);
      }
      else if (entry.isFile()) {
        const s = statSync(path);
        files.set(relative(dir, path), `${s.mtimeMs} ${s.size} ${s.ino}`);
      }
    }
  };
  if (existsSync(dir)) walk(dir);
  return files;
}

/** The dev server's measurement, from bench/dev.ts: its contract is this module's expectation. */

/**
 * bench/dev.ts (the dev server's branch) exports `measureDev({ contentDir, runs })`, resolving to
 * `{ htmlMs: number[], pdfMs: number[], ... }`: milliseconds from a one-word edit on disk to the
 * reloaded handout HTML in an open page, and to the rewritten handout PDF. Returns a note instead
 * when the file exports something else.
 */
async function measureDevServer(file: string, contentDir: string): Promise<z.infer<typeof devResult> | string> {
  const content = join(work, 'dev', 'content');
  cpSync(contentDir, content, { recursive: true });
  const module: Record<string, unknown> = await import(pathToFileURL(file).href);
  const fn = module.measureDev;
  if (typeof fn !== 'function') return 'bench/dev.ts exports no measureDev function: the dev server\'s times are left out.';
  const parsed = devResult.safeParse(await fn({ contentDir: content, runs: Math.max(runs, 5) }));
  return parsed.success ? parsed.data : `bench/dev.ts's measureDev returned an unexpected shape (${parsed.error.issues[0]?.message}): left out.`;
}

function machine(): Report['machine'] {
  const chromium = spawnSync(browser, ['--version'], { encoding: 'utf8' }).stdout.trim().replace(/ built on .*/, '') || browser;
  return {
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    cpus: `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown'})`,
    memory: `${Math.round(totalmem() / 1024 ** 3)} GiB`,
    node: process.versions.node,
    chromium,
    commit: spawnSync('git', ['-C', checkout, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout.trim() || undefined,
    load: loadAtStart.map((l) => l.toFixed(1)).join(' '),
    anchors: anchors?.versions,
    browsers: { guidepress: findBrowser(), anchors: browser },
  };
}
