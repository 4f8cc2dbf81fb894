// `npm run release:build`: a clean build of every output into dist/, then dist/release/ with the files
// a GitHub release carries, named for what they are, and their SHA256SUMS. release.yml runs exactly
// this, split across machines; so can anyone, to check a release against its source (README, "Releasing").
//
//   node scripts/release-build.mjs [--content DIR] [--out DIR]      (after `npm run compile`)
//   node scripts/release-build.mjs --part I/N | --part book         one machine's share: the guides of
//                                     shard I of N (`build --shard I/N`), or the book and the release notes
//   node scripts/release-build.mjs --gather                         no build: the parts' folders, merged
//                                     into --out, become dist/release/ and SHA256SUMS
//
// SOURCE_DATE_EPOCH fixes the dates inside the PDFs; when it is unset, the checked-out commit's time
// is used, so a build of a release tag gives that release's bytes without remembering a variable.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const bin = join(root, 'bin/guidepress.js');

class ReleaseError extends Error {}

const { values } = parseArgs({ options: {
  content: { type: 'string', default: 'content' },
  out: { type: 'string', default: 'dist' },
  part: { type: 'string' },
  gather: { type: 'boolean' },
} });
const contentDir = resolve(values.content);
const outDir = resolve(values.out);
const releaseDir = join(outDir, 'release');

try {
  const epoch = values.gather ? undefined : sourceDateEpoch();
  if (!values.gather) {
    await cleanOut();
    build(epoch, partArgs(values.part));
  }
  if (values.part === 'book') await writeFile(join(outDir, 'release-notes.md'), await releaseNotes(epoch));
  if (values.part === undefined) {
    const files = await collect();
    await mkdir(releaseDir);
    for (const { from, name } of files) await copyFile(from, join(releaseDir, name));
    const sums = await sha256sums(releaseDir, files.map((f) => f.name));
    await writeFile(join(releaseDir, 'SHA256SUMS'), sums);
    // Gathered: the book's machine wrote the notes, with the tools every part was built with.
    if (!values.gather) await writeFile(join(outDir, 'release-notes.md'), await releaseNotes(epoch));
    else if (!existsSync(join(outDir, 'release-notes.md'))) throw new ReleaseError(`no release-notes.md in ${outDir}: the book's part writes it`);
    console.log(`release: ${files.length + 1} files in ${relative(process.cwd(), releaseDir) || '.'}/ (${values.gather ? 'gathered' : `SOURCE_DATE_EPOCH=${epoch ?? 'unset'}`})`);
    process.stdout.write(sums);
  } else {
    console.log(`release: part ${values.part} built into ${relative(process.cwd(), outDir) || '.'}/ (SOURCE_DATE_EPOCH=${epoch ?? 'unset'})`);
  }
} catch (error) {
  if (!(error instanceof ReleaseError)) throw error;
  console.error(`release:build: ${error.message}`);
  process.exitCode = 1;
}

/** The build's arguments for one part: a shard of the guides (no book), or the book alone. */
function partArgs(part) {
  if (part === undefined) return [];
  // The book's EPUB comes with the book (the guides' EPUBs it also makes are the shards' bytes).
  if (part === 'book') return ['--only', 'book,epub'];
  if (/^\d+\/\d+$/.test(part)) return ['--shard', part];
  throw new ReleaseError(`--part takes I/N (a shard of the guides, say 2/3) or book, not "${part}"`);
}

/** SOURCE_DATE_EPOCH as given, else HEAD's commit time, else undefined (dates are the build's own). */
function sourceDateEpoch() {
  const given = process.env.SOURCE_DATE_EPOCH;
  if (given) {
    if (!/^\d+$/.test(given)) throw new ReleaseError(`SOURCE_DATE_EPOCH must be whole seconds since 1970, not "${given}"`);
    return given;
  }
  try {
    const fromGit = execFileSync('git', ['log', '-1', '--format=%ct'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (/^\d+$/.test(fromGit)) return fromGit;
  } catch {
    // Not a git checkout (an unpacked tarball): fall through.
  }
  console.warn('release: SOURCE_DATE_EPOCH is unset and this is not a git checkout: the PDFs carry today\'s date and will not match another build.');
  return undefined;
}

/** "Clean" means the outputs of earlier builds, or of removed guides, can never reach a release. */
async function cleanOut() {
  const inside = (child, parent) => child === parent || child.startsWith(parent + sep);
  if (inside(root, outDir) || inside(process.cwd(), outDir) || inside(contentDir, outDir)) {
    throw new ReleaseError(`refusing to empty ${outDir}: it holds the sources; pass --out a folder of its own`);
  }
  await rm(outDir, { recursive: true, force: true });
}

function build(epoch, args) {
  const env = { ...process.env, ...(epoch === undefined ? {} : { SOURCE_DATE_EPOCH: epoch }) };
  const result = spawnSync(process.execPath, [bin, 'build', '--content', contentDir, '--out', outDir, ...args], { stdio: 'inherit', env });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new ReleaseError(`the build failed (exit code ${result.status ?? result.signal}): nothing was released`);
}

/**
 * What the release carries: for each guide (a folder with a handout) its handout PDF and its deck
 * as PDF, HTML, Marp markdown and PowerPoint, and its link-preview card; the book PDF when the content has a book manifest. A missing file
 * fails the release rather than quietly shipping less.
 */
async function collect() {
  const files = [];
  const missing = [];
  const take = (from, name) => (existsSync(from) ? files.push({ from, name }) : missing.push(relative(process.cwd(), from)));
  if (!existsSync(outDir)) throw new ReleaseError(`the build wrote nothing into ${outDir}`);
  const dirs = (await readdir(outDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  const guides = dirs.filter((slug) => existsSync(join(outDir, slug, 'handout.pdf')));
  if (guides.length === 0) throw new ReleaseError(`the build wrote no handout into ${outDir}: is ${contentDir} the content folder?`);
  for (const slug of guides) {
    take(join(outDir, slug, 'handout.pdf'), `${slug}-handout.pdf`);
    take(join(outDir, slug, 'deck.pdf'), `${slug}-deck.pdf`);
    take(join(outDir, slug, 'deck.html'), `${slug}-deck.html`);
    take(join(outDir, slug, 'deck.md'), `${slug}-deck.md`);
    take(join(outDir, slug, 'deck.pptx'), `${slug}-deck.pptx`);
    take(join(outDir, slug, 'og.png'), `${slug}-og.png`);
  }
  const book = join(outDir, 'book', 'book.pdf');
  if (existsSync(join(contentDir, 'book.yaml')) || existsSync(book)) {
    take(book, 'book.pdf');
    take(join(outDir, 'book', 'book.epub'), 'book.epub');
  }
  if (missing.length) throw new ReleaseError(`the build did not write ${missing.join(', ')}`);
  const names = files.map((f) => f.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) throw new ReleaseError(`two outputs would both be released as ${twice}`);
  return files;
}

/** The `sha256sum` format (`<hex>  <name>`), sorted by name, so `sha256sum -c SHA256SUMS` checks it. */
async function sha256sums(dir, names) {
  const lines = [];
  for (const name of [...names].sort()) {
    lines.push(`${createHash('sha256').update(await readFile(join(dir, name))).digest('hex')}  ${name}\n`);
  }
  return lines.join('');
}

/** What a reader needs to reproduce the release: the pinned date and the tools that made it. */
async function releaseNotes(epoch) {
  const { version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
  const run = (cmd, args) => {
    try {
      return execFileSync(cmd, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return undefined;
    }
  };
  const { findBrowser } = await import('../lib/browser.js');
  const chromium = run(findBrowser(), ['--version']) ?? 'unknown';
  const commit = run('git', ['rev-parse', 'HEAD']);
  const date = epoch === undefined ? undefined : new Date(Number(epoch) * 1000).toISOString();
  return [
    `Handouts, decks and the book built by guidepress ${version}${commit ? ` from commit ${commit}` : ''}.`,
    '',
    `- SOURCE_DATE_EPOCH=${epoch ?? 'unset'}${date ? ` (${date})` : ''}`,
    `- Node.js ${process.version}, ${chromium}`,
    '',
    'Check a download with `sha256sum -c SHA256SUMS --ignore-missing`; rebuild it from the tag as the README\'s "Releasing" section says.',
    '',
  ].join('\n');
}
