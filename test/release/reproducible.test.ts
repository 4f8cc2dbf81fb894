import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { findGuides } from '../../src/content/find.js';
import { repoRoot } from '../helpers/guide.js';
import { stageCheckout } from '../helpers/stage.js';

// 2023-11-14T22:13:20Z: any fixed time will do, as long as both builds get the same one.
const epoch = '1700000000';
const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

/** `npm run release:build` in a staged checkout, as release.yml runs it (lib/ is already compiled). */
function releaseBuild(dir: string, args: string[] = [], env: NodeJS.ProcessEnv = { SOURCE_DATE_EPOCH: epoch }, cwd = dir) {
  const base = { ...process.env };
  delete base.SOURCE_DATE_EPOCH;
  return spawnSync(process.execPath, [join(dir, 'scripts/release-build.mjs'), ...args], { cwd, encoding: 'utf8', env: { ...base, ...env } });
}

/** Every file under `dir`, as sorted relative paths. */
function filesIn(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name).slice(dir.length + 1))
    .sort();
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** A file's text as a reader of its bytes sees it: PDFs with every stream decompressed (qpdf). */
function inspectable(path: string): string {
  if (!path.endsWith('.pdf')) return readFileSync(path, 'latin1');
  return execFileSync('qpdf', ['--qdf', '--object-streams=disable', path, '-'], { encoding: 'latin1', maxBuffer: 256 << 20 });
}

describe('release:build, twice, in two folders', () => {
  // Two copies of this checkout at absolute paths of different lengths, so that a path inside any
  // output, or anything laid out around one, would change its bytes.
  let first: string;
  let second: string;

  before(() => {
    first = stageCheckout('release');
    second = stageCheckout('release-in-a-second-folder', first);
    // The second as if on another machine: a time zone where the pinned instant is already the next
    // day, and another locale, so a date or number formatted the machine's way would show.
    const elsewhere = { SOURCE_DATE_EPOCH: epoch, TZ: 'Pacific/Kiritimati', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' };
    for (const [dir, env] of [[first, { SOURCE_DATE_EPOCH: epoch, TZ: 'UTC' }], [second, elsewhere]] as const) {
      const result = releaseBuild(dir, [], env);
      assert.equal(result.status, 0, `release:build in ${dir}:\n${result.stdout}\n${result.stderr}`);
    }
  });

  test('every file of both builds has the same sha256', () => {
    const a = filesIn(join(first, 'dist'));
    assert.deepEqual(filesIn(join(second, 'dist')), a);
    const differ = a.filter((f) => sha256(join(first, 'dist', f)) !== sha256(join(second, 'dist', f)));
    assert.deepEqual(differ, [], 'files whose bytes differ between the two builds');
    assert.ok(a.some((f) => f.endsWith('.pdf')), 'the builds made PDFs');
  });

  test('dist/release/ holds each guide\'s handout and deck, the book, and SHA256SUMS', async () => {
    const slugs = (await findGuides(join(first, 'content'))).map((g) => g.slug);
    assert.ok(slugs.length > 0);
    const expected = slugs.flatMap((s) => [`${s}-handout.pdf`, `${s}-deck.pdf`, `${s}-deck.html`, `${s}-deck.md`, `${s}-deck.pptx`, `${s}-og.png`]);
    if (existsSync(join(first, 'content/book.yaml'))) expected.push('book.pdf', 'book.epub');
    expected.push('SHA256SUMS');
    assert.deepEqual(readdirSync(join(first, 'dist/release')).sort(), expected.sort());
    // Each is the build's own file, copied unchanged.
    for (const slug of slugs) {
      assert.equal(sha256(join(first, 'dist/release', `${slug}-handout.pdf`)), sha256(join(first, 'dist', slug, 'handout.pdf')));
      assert.equal(sha256(join(first, 'dist/release', `${slug}-deck.md`)), sha256(join(first, 'dist', slug, 'deck.md')));
      assert.equal(sha256(join(first, 'dist/release', `${slug}-deck.pptx`)), sha256(join(first, 'dist', slug, 'deck.pptx')));
      assert.equal(sha256(join(first, 'dist/release', `${slug}-og.png`)), sha256(join(first, 'dist', slug, 'og.png')));
    }
  });

  test('SHA256SUMS lists every other release file, sorted, and sha256sum -c accepts it', () => {
    const dir = join(first, 'dist/release');
    const lines = readFileSync(join(dir, 'SHA256SUMS'), 'utf8').trimEnd().split('\n');
    const listed = lines.map((line) => {
      const m = /^([0-9a-f]{64}) {2}(\S+)$/.exec(line);
      assert.ok(m, `not a sha256sum line: ${line}`);
      assert.equal(m[1], sha256(join(dir, m[2]!)), m[2]);
      return m[2]!;
    });
    assert.deepEqual(listed, [...listed].sort(), 'sorted by name');
    assert.deepEqual(listed, readdirSync(dir).filter((f) => f !== 'SHA256SUMS').sort());
    const check = spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: dir, encoding: 'utf8' });
    assert.equal(check.status, 0, check.stdout + check.stderr);
    // And it notices a changed file.
    const tampered = join(first, 'tampered');
    cpSync(dir, tampered, { recursive: true });
    const victim = listed[0]!;
    writeFileSync(join(tampered, victim), Buffer.concat([readFileSync(join(tampered, victim)), Buffer.from('\n')]));
    assert.notEqual(spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: tampered }).status, 0);
  });

  test('every PDF carries the pinned dates and a fixed Creator and Producer', () => {
    const pdfs = filesIn(join(first, 'dist/release')).filter((f) => f.endsWith('.pdf'));
    assert.ok(pdfs.length >= 2, pdfs.join(', '));
    for (const name of pdfs) {
      const info = execFileSync('pdfinfo', ['-isodates', join(first, 'dist/release', name)], { encoding: 'utf8' });
      assert.match(info, /^CreationDate:\s+2023-11-14T22:13:20(Z|\+00)/m, name);
      assert.match(info, /^ModDate:\s+2023-11-14T22:13:20(Z|\+00)/m, name);
      assert.match(info, new RegExp(`^Creator:\\s+guidepress ${version.replace(/\./g, '\\.')}$`, 'm'), name);
      assert.match(info, new RegExp(`^Producer:\\s+guidepress ${version.replace(/\./g, '\\.')} \\(Chromium, pdf-lib\\)$`, 'm'), name);
    }
  });

  test('no output names a folder of the build machine', () => {
    // The checkouts, the installed packages (repoRoot/node_modules) and any file URL of an absolute path.
    const machinePaths = [first, second, repoRoot.replace(/\/$/, ''), join(tmpdir(), 'gp-'), 'file:///'];
    for (const name of filesIn(join(first, 'dist'))) {
      const text = inspectable(join(first, 'dist', name));
      for (const p of machinePaths) assert.ok(!text.includes(p), `${name} contains ${p}`);
    }
  });

  test('without SOURCE_DATE_EPOCH a build is dated when it runs', () => {
    const out = join(first, 'undated');
    const started = Date.now();
    const base = { ...process.env };
    delete base.SOURCE_DATE_EPOCH;
    const result = spawnSync(process.execPath, [join(first, 'bin/guidepress.js'), 'build', '--only', 'handout', '--out', out, '-q'], { cwd: first, encoding: 'utf8', env: base });
    assert.equal(result.status, 0, result.stderr);
    const [slug] = readdirSync(out).filter((f) => f !== '.cache');
    const info = execFileSync('pdfinfo', ['-isodates', join(out, slug!, 'handout.pdf')], { encoding: 'utf8' });
    const created = Date.parse(/^CreationDate:\s+(\S+)/m.exec(info)![1]!);
    // PDF dates have whole seconds.
    assert.ok(created >= started - 1000 && created <= Date.now() + 1000, `CreationDate ${new Date(created).toISOString()}`);
  });

  test('a failed build fails the release, loudly, and releases nothing', () => {
    const content = join(first, 'broken-content');
    mkdirSync(content);
    writeFileSync(join(content, 'fine.md'), '---\ntitle: Fine\n---\n\nA paragraph.\n');
    writeFileSync(join(content, 'untitled.md'), '---\nsite: StaffEng\n---\n\nNo title anywhere.\n');
    const result = releaseBuild(first, ['--content', content, '--out', join(first, 'broken-dist')]);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /untitled\.md/);
    assert.match(result.stderr, /^release:build: the build failed \(exit code 1\): nothing was released$/m);
    assert.ok(!existsSync(join(first, 'broken-dist/release')));
  });

  test('a build that leaves out an output fails the release rather than shipping less', () => {
    // A config file where the release runs limits the build to handouts: the decks are missing.
    const limited = join(first, 'limited');
    mkdirSync(limited);
    writeFileSync(join(limited, 'guidepress.config.json'), '{ "only": ["handout"] }\n');
    const result = releaseBuild(first, ['--content', join(first, 'content'), '--out', join(limited, 'dist')], { SOURCE_DATE_EPOCH: epoch }, limited);
    assert.equal(result.status, 1, result.stdout);
    assert.match(result.stderr, /^release:build: the build did not write .*deck\.pdf/m);
    assert.ok(existsSync(join(limited, 'dist')) && !existsSync(join(limited, 'dist/release')));
  });

  test('it will not empty a folder that holds the sources', () => {
    for (const out of ['.', '..']) {
      const result = releaseBuild(first, ['--out', out]);
      assert.equal(result.status, 1, out);
      assert.match(result.stderr, /refusing to empty/);
    }
    assert.ok(existsSync(join(first, 'package.json')) && existsSync(join(first, 'content')));
  });
});
