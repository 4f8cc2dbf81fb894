import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { main } from '../src/cli.js';
import { run } from './helpers/cli.js';
import { fixtures, repoRoot } from './helpers/guide.js';
import { pdfInfo } from './helpers/pdf.js';
import { tempDir } from './helpers/tmp.js';

const good = (title: string) => `---\ntitle: ${title}\n---\n\nA paragraph of text that prints.\n`;

test('--help and --version answer; bad usage exits 2', async () => {
  const help = await run('--help');
  assert.equal(help.code, 0);
  assert.match(help.stdout, /guidepress build \[options\]/);
  assert.match(help.stdout, /--paper SIZE/);
  const version = await run('--version');
  assert.match(version.stdout, /^\d+\.\d+\.\d+$/);
  for (const argv of [['publish'], [], ['build', '--paper', 'tabloid'], ['build', '--only', 'poster'], ['build', '--frobnicate'], ['build', '--content', '/nonexistent/dir']]) {
    const result = await run(...argv);
    assert.equal(result.code, 2, `${argv.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, /^guidepress: /m);
  }
});

test('--only book without a book.yaml is a usage error', async () => {
  const dir = tempDir('nobook');
  mkdirSync(join(dir, 'content'));
  writeFileSync(join(dir, 'content/a.md'), good('A'));
  const result = await run('build', '--content', join(dir, 'content'), '--out', join(dir, 'dist'), '--only', 'book');
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, /--only book, but .*book\.yaml does not exist/);
});

test('duplicate slugs are content errors on both files; the other guides build; dist inside content is not read back', async () => {
  const dir = tempDir('dupes');
  const content = join(dir, 'content');
  for (const sub of ['guides', 'stories', 'posts/first-post']) mkdirSync(join(content, sub), { recursive: true });
  writeFileSync(join(content, 'guides/same.md'), good('A'));
  writeFileSync(join(content, 'stories/same.md'), good('B'));
  writeFileSync(join(content, 'posts/first-post/index.md'), good('Bundle'));
  for (let i = 0; i < 2; i++) {
    const result = await run('build', '--content', content, '--out', join(content, 'dist'), '--only', 'handout,deck', '-q');
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /guides\/same\.md\n\s*1:1\s+error\s+Another guide has the slug "same" \(.*stories\/same\.md\).*duplicate-slug/);
    assert.match(result.stderr, /stories\/same\.md\n\s*1:1\s+error\s+Another guide has the slug "same"/);
    assert.equal(pdfInfo(join(content, 'dist/first-post/handout.pdf')).Title, 'Bundle', 'a page bundle is named after its folder');
  }
});

test('an output folder that is a file is a usage error, not a stack trace', async () => {
  const dir = tempDir('outfile');
  mkdirSync(join(dir, 'content'));
  writeFileSync(join(dir, 'content/a.md'), good('A'));
  writeFileSync(join(dir, 'afile'), 'x');
  const result = await run('build', '--content', join(dir, 'content'), '--out', join(dir, 'afile'));
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, /The output folder .*afile is a file/);
});

test('the installed bin runs the compiled CLI', () => {
  const out = execFileSync(process.execPath, [join(repoRoot, 'bin/guidepress.js'), '--version'], { encoding: 'utf8' });
  assert.equal(out.trim(), JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version);
});

test('no browser: exit 3 and one message naming the fix', async () => {
  const dir = tempDir('nobrowser');
  mkdirSync(join(dir, 'content'));
  writeFileSync(join(dir, 'content/a.md'), good('A'));
  const result = spawnSync(process.execPath, [join(repoRoot, 'bin/guidepress.js'), 'build', '--content', join(dir, 'content'), '--out', join(dir, 'dist')], {
    encoding: 'utf8',
    env: { ...process.env, PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chrome' },
  });
  assert.equal(result.status, 3, result.stderr);
  assert.match(result.stderr, /The browser \/nonexistent\/chrome does not exist/);
  assert.match(result.stderr, /apt-get install chromium/);
});

test('bad content: positioned errors, exit 1, good guides still built, earlier outputs untouched', async () => {
  const dir = tempDir('bad');
  const content = join(dir, 'content');
  const outDir = join(dir, 'dist');
  for (const sub of ['guides', 'static/images']) mkdirSync(join(content, sub), { recursive: true });
  copyFileSync(join(fixtures, 'hugo-site/content/static/images/portrait.png'), join(content, 'static/images/portrait.png'));
  const names = ['no-title', 'bad-yaml', 'missing-image', 'outside', 'latin1', 'fine'];
  for (const name of names) writeFileSync(join(content, `guides/${name}.md`), good(name));

  const first = await run('build', '--content', content, '--out', outDir, '--only', 'handout', '-q');
  assert.equal(first.code, 0, first.stderr);
  const before = new Map(names.map((n) => [n, readFileSync(join(outDir, n, 'handout.pdf'))]));

  writeFileSync(join(content, 'guides/no-title.md'), '---\nsite: StaffEng\n---\n\nText.\n');
  writeFileSync(join(content, 'guides/bad-yaml.md'), '---\ntitle: Bad\ntags: [a, b\n---\n\nText.\n');
  writeFileSync(join(content, 'guides/missing-image.md'), '# Missing\n\nText.\n\n![Chart](/images/chart.png)\n');
  writeFileSync(join(content, 'guides/outside.md'), '# Outside\n\n![Key](../../../secret.png)\n');
  writeFileSync(join(content, 'guides/latin1.md'), Buffer.concat([Buffer.from('# Caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
  writeFileSync(join(content, 'guides/fine.md'), '# Fine, updated\n\nNew text.\n');

  const second = await run('build', '--content', content, '--out', outDir, '--only', 'handout', '-q');
  assert.equal(second.code, 1, second.stderr);
  const err = second.stderr;
  // vfile-reporter's shape: the file, then "line:column  error  reason  rule".
  const expect: [string, RegExp][] = [
    ['no-title', /no-title\.md\n\s*1:1\s+error\s+The guide has no title: add `title: \.\.\.`.*missing-title/],
    ['bad-yaml', /bad-yaml\.md\n\s*[34]:\d+\s+error\s+Front matter is not valid YAML.*yaml/],
    ['missing-image', /missing-image\.md\n\s*5:1(-5:\d+)?\s+error\s+Cannot find image `\/images\/chart\.png`.*missing-image/],
    ['outside', /outside\.md\n\s*3:1(-3:\d+)?\s+error\s+Image `\.\.\/\.\.\/\.\.\/secret\.png` is outside the content folder.*image-outside-content/],
    ['latin1', /latin1\.md\n\s*1:6\s+error\s+The file is not UTF-8.*encoding/],
  ];
  for (const [name, pattern] of expect) assert.match(err, pattern, `${name}:\n${err}`);
  assert.match(err, /5 files have errors: what they would build was not written, and earlier outputs are untouched/);

  for (const name of names.slice(0, 5)) {
    assert.ok(readFileSync(join(outDir, name, 'handout.pdf')).equals(before.get(name)!), `${name}'s earlier handout changed`);
    assert.equal(pdfInfo(join(outDir, name, 'handout.pdf')).Title, name, `${name}'s earlier handout is whole`);
  }
  assert.equal(pdfInfo(join(outDir, 'fine', 'handout.pdf')).Title, 'Fine, updated', 'the good guide was rebuilt');
});

test('build SLUG or PATH builds only the named guides, without the book; a name that matches no guide is a usage error', async () => {
  const dir = tempDir('targets');
  const content = join(dir, 'content');
  mkdirSync(join(content, 'guides'), { recursive: true });
  writeFileSync(join(content, 'guides/alpha.md'), good('Alpha'));
  writeFileSync(join(content, 'guides/beta.md'), good('Beta'));
  writeFileSync(join(content, 'guides/gamma.md'), good('Gamma'));
  writeFileSync(join(content, 'book.yaml'), 'title: B\nchapters:\n  - title: One\n    sections: [alpha, beta]\n');
  const out = join(dir, 'dist');
  const bySlug = await run('build', '--content', content, '--out', out, '--only', 'handout', 'beta');
  assert.equal(bySlug.code, 0, bySlug.stderr);
  // (.cache holds the incremental build's state.)
  assert.deepEqual(readdirSync(out).filter((n) => n !== '.cache').sort(), ['beta']);
  assert.equal(pdfInfo(join(out, 'beta/handout.pdf')).Title, 'Beta');
  assert.match(bySlug.stdout, /from 1 guide in/);

  const byPath = await run('build', '--content', content, '--out', out, '--only', 'handout', join(content, 'guides/gamma.md'));
  assert.equal(byPath.code, 0, byPath.stderr);
  assert.deepEqual(readdirSync(out).filter((n) => n !== '.cache').sort(), ['beta', 'gamma'], 'no book unless --only names it');

  const typo = await run('build', '--content', content, '--out', out, 'alhpa');
  assert.equal(typo.code, 2, typo.stderr);
  assert.match(typo.stderr, /"alhpa" names no guide in .*: did you mean "alpha"\?/);
  const missing = await run('build', '--content', content, '--out', out, 'guides/nope.md');
  assert.equal(missing.code, 2, missing.stderr);
  assert.match(missing.stderr, /"guides\/nope\.md" does not exist/);
  const folder = await run('build', '--content', content, '--out', out, join(content, 'guides'));
  assert.equal(folder.code, 2, folder.stderr);
  assert.match(folder.stderr, /is a folder: to use the guides in it, pass --content /);
  assert.deepEqual(readdirSync(out).filter((n) => n !== '.cache').sort(), ['beta', 'gamma'], 'a usage error writes nothing');
});

test('--content naming a file says to pass the file as an argument', async () => {
  const dir = tempDir('contentfile');
  writeFileSync(join(dir, 'one.md'), good('One'));
  const result = await run('build', '--content', join(dir, 'one.md'), '--out', join(dir, 'dist'));
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, /is a file: to use one guide, pass it as an argument instead/);
});

test('a terminal gets a live progress line with the elapsed time; a pipe gets plain lines; --verbose names each step', async () => {
  const dir = tempDir('progress');
  const content = join(dir, 'content');
  mkdirSync(content);
  writeFileSync(join(content, 'alpha.md'), good('Alpha'));
  writeFileSync(join(content, 'beta.md'), `---\ntitle: Beta\n---\n\n#### Deep\n\n${'A warning that is long enough to wrap. '.repeat(4)}[link](nowhere.md)\n`);
  const argv = ['build', '--content', content, '--out', join(dir, 'dist'), '--only', 'handout'];
  const drawn: string[] = [];
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l), tty: { write: (t) => drawn.push(t), columns: 60, color: false } });
  assert.equal(code, 0, err.join('\n'));
  const screen = drawn.join('');
  assert.ok(screen.includes('\r\u001b[2K[1/2] handout alpha  '), screen);
  assert.match(screen, /\[1\/2\] handout alpha {2}\d+\.\d s/);
  assert.match(screen, /\[2\/2\] handout beta/);
  assert.ok(screen.endsWith('\r\x1b[2K'), 'the line is cleared at the end');
  assert.doesNotMatch(out.join('\n'), /\[1\/2\]/, 'the progress line is drawn, not printed');
  // The messages wrap at the terminal's width, under themselves; no line is longer than it.
  const report = err.join('\n').split('\n');
  assert.ok(report.every((l) => l.length <= 60 && !l.endsWith(' ')), report.join('\n'));
  assert.ok(report.some((l) => /^\s{10,}\S/.test(l)), 'a continuation line');
  assert.ok(!err.join('\n').includes('\u001b['), 'no colour when the terminal says NO_COLOR');
  // build reports what check does, as warnings that do not stop the guide.
  assert.match(err.join('\n'), /5:1-5:10\s+warning\s+Heading level 4 follows level 1[^]*heading-skip/);
  assert.match(err.join('\n'), /dead-link/);

  // Forced: built again unchanged, the artifacts would be skipped, with no step to show.
  const piped = await run(...argv, '--force');
  assert.ok(!/\[\d\/2\]/.test(piped.stdout + piped.stderr) && !(piped.stdout + piped.stderr).includes('\u001b['), 'no progress line and no colour in a pipe');
  assert.match(piped.stdout, /wrote .*alpha\/handout\.pdf/);
  const verbose = await run(...argv, '--verbose', '--force');
  assert.match(verbose.stdout, /^\[1\/2\] handout alpha$/m);
  assert.match(verbose.stdout, /^\[2\/2\] handout beta$/m);
});

test('--templates warns about a file that replaces nothing, naming where it belongs', async () => {
  const dir = tempDir('tplwarn');
  mkdirSync(join(dir, 'content'));
  writeFileSync(join(dir, 'content/a.md'), good('A'));
  mkdirSync(join(dir, 'T'));
  writeFileSync(join(dir, 'T/handout.css'), 'body { color: red }');
  mkdirSync(join(dir, 'T/labels'));
  writeFileSync(join(dir, 'T/labels/sv.json'), '{"notes": "Noter"}');
  mkdirSync(join(dir, 'T/deck'));
  writeFileSync(join(dir, 'T/deck/mine.css'), '/* @theme mine */');
  const result = await run('check', '--content', join(dir, 'content'), '--templates', join(dir, 'T'));
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stderr, /T\/handout\.css\n1:1\s+warning\s+This template replaces nothing: to replace the bundled `print\/handout\.css`, move it to `print\/handout\.css` in the templates folder\s+template-unused/);
  assert.equal((result.stderr.match(/template-unused/g) ?? []).length, 1, 'a new language and a new deck theme add, they replace nothing and are no mistake');
});

test('dev is listed in --help; its flags and a guide named to it are usage errors elsewhere', async () => {
  const help = await run('--help');
  assert.match(help.stdout, /guidepress dev \[options\] \[--port N\] \[--host H\] \[--open\]/);
  const port = await run('build', '--port', '4000');
  assert.equal(port.code, 2);
  assert.match(port.stderr, /--port is for `guidepress dev`/);
  const named = await run('dev', 'some-guide');
  assert.equal(named.code, 2);
  assert.match(named.stderr, /serves the whole content folder/);
  const bad = await run('dev', '--port', 'x');
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--port must be a port number/);
  assert.match((await run('dve')).stderr, /did you mean "dev"/);
});
