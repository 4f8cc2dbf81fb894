import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { run } from '../helpers/cli.js';
import { fixtures, repoRoot } from '../helpers/guide.js';
import { pdfText } from '../helpers/pdf.js';
import { tempDir } from '../helpers/tmp.js';

const good = (title: string) => `---\ntitle: ${title}\n---\n\nA paragraph of text that prints.\n`;

function files(dir: string): string[] {
  // .cache/ is the build's own (diagrams, the incremental state), not an output.
  return existsSync(dir) ? (readdirSync(dir, { recursive: true }) as string[]).filter((f) => !f.startsWith('.cache')).sort() : [];
}

test('a guide nested 3,000 deep or with a bare % in a URL is its own error; the plain guide beside it builds', async () => {
  const dir = tempDir('deep');
  const content = join(dir, 'content');
  mkdirSync(content);
  writeFileSync(join(content, 'deep.md'), `---\ntitle: Deep\n---\n\n${'>'.repeat(3000)} x\n`);
  writeFileSync(join(content, 'lists.md'), `---\ntitle: Lists\n---\n\n${'- '.repeat(3000)}x\n`);
  writeFileSync(join(content, 'html.md'), `---\ntitle: Html\n---\n\n${'<div>'.repeat(5000)}x${'</div>'.repeat(5000)}\n`);
  writeFileSync(join(content, 'plain.md'), `---\ntitle: Plain\n---\n\nShare it [here](https://example.com/?share=100%) and [there](#x%).\n`);
  const result = await run('build', '--content', content, '--out', join(dir, 'dist'), '--only', 'handout,deck');
  assert.equal(result.code, 1, result.stderr);
  for (const name of ['deep', 'lists', 'html']) {
    assert.match(result.stderr, new RegExp(`${name}\\.md\\n\\s*\\d+:\\d+\\s+error\\s+Nested more than 100 levels deep.*too-deep`));
  }
  assert.doesNotMatch(result.stderr, /RangeError|URIError|internal/);
  assert.deepEqual(files(join(dir, 'dist')), ['plain', 'plain/deck.html', 'plain/deck.md', 'plain/deck.pdf', 'plain/handout.html', 'plain/handout.pdf', 'plain/og.png']);
  assert.match(pdfText(join(dir, 'dist/plain/handout.pdf')), /example\.com\/\?share=100%/);
});

test('a render that outlives --timeout is that artifact\'s error, and nothing of it is written', async () => {
  const dir = tempDir('timeout');
  const content = join(dir, 'content');
  mkdirSync(content);
  writeFileSync(join(content, 'a.md'), good('A'));
  const result = await run('build', '--content', content, '--out', join(dir, 'dist'), '--only', 'handout', '--timeout', '0.01');
  assert.equal(result.code, 1, result.stderr);
  assert.match(result.stderr, /a\.md\n\s*1:1\s+error\s+Timed out making the handout after 0\.01 s.*--timeout.*timeout/);
  assert.deepEqual(files(join(dir, 'dist')), []);
  const bad = await run('build', '--content', content, '--out', join(dir, 'dist'), '--timeout', 'soon');
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /timeout must be a number of seconds/);
});

test('no guides, a mistyped config key or flag, and a link out of --out are usage errors that say what to fix', async () => {
  const dir = tempDir('usage');
  mkdirSync(join(dir, 'empty'));
  const empty = await run('build', '--content', join(dir, 'empty'), '--out', join(dir, 'dist'));
  assert.equal(empty.code, 2);
  assert.match(empty.stderr, /content folder .*empty has no guides/);

  writeFileSync(join(dir, 'config.json'), JSON.stringify({ papr: 'letter', deck: { maxQuote: 2 }, duplex: 'yes' }));
  const config = await run('build', '--config', join(dir, 'config.json'));
  assert.equal(config.code, 2);
  assert.match(config.stderr, /config\.json: .*unknown key "papr": did you mean "paper"\?/);
  assert.match(config.stderr, /unknown key "deck\.maxQuote": did you mean "deck\.maxQuotes"\?/);
  assert.match(config.stderr, /"duplex": expected boolean/);

  const flag = await run('build', '--contnet', 'x');
  assert.equal(flag.code, 2);
  assert.match(flag.stderr, /Unknown option '--contnet'\. Did you mean --content\?/);

  const content = join(dir, 'content');
  mkdirSync(content);
  writeFileSync(join(content, 'a.md'), good('A'));
  const outside = join(dir, 'outside');
  mkdirSync(outside);
  mkdirSync(join(dir, 'dist'));
  symlinkSync(outside, join(dir, 'dist/a'));
  const linked = await run('build', '--content', content, '--out', join(dir, 'dist'), '--only', 'handout');
  assert.equal(linked.code, 2, linked.stderr);
  assert.match(linked.stderr, /leads outside the output folder/);
  assert.deepEqual(files(outside), []);
});

/** The Chromium processes below `pid` (browser, zygotes, renderers), the browser first. */
function chromiumBelow(pid: number): number[] {
  const rows = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,comm='], { encoding: 'utf8' }).trim().split('\n').map((l) => l.trim().split(/\s+/));
  const found: number[] = [];
  const queue = [pid];
  while (queue.length) {
    const parent = queue.shift()!;
    for (const [child, ppid, comm] of rows) {
      if (Number(ppid) !== parent) continue;
      queue.push(Number(child));
      if (/chrom/i.test(comm ?? '')) found.push(Number(child));
    }
  }
  return found;
}

/** The processes of `pids` still running (not exited, not a zombie) after waiting up to 5 s for them to end. */
async function survivors(pids: number[]): Promise<number[]> {
  let left = pids;
  for (let i = 0; i < 50 && left.length; i++) {
    const states = new Map(execFileSync('ps', ['-e', '-o', 'pid=,stat='], { encoding: 'utf8' }).trim().split('\n').map((l) => l.trim().split(/\s+/) as [string, string]));
    left = left.filter((pid) => states.has(String(pid)) && !states.get(String(pid))!.startsWith('Z'));
    if (left.length) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return left;
}

/**
 * Build the book fixture in a child process; once the first file is written, `act` disrupts it.
 * Returns the exit code, what it printed, the output files and the Chromium processes it had.
 */
async function disrupted(act: (cli: number, chromium: number[]) => void) {
  const dir = tempDir('disrupt');
  cpSync(join(fixtures, 'book/content'), join(dir, 'content'), { recursive: true });
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'test/helpers/cli-main.ts'), 'build', '--content', join(dir, 'content'), '--out', join(dir, 'dist')], {
    cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let chromium: number[] = [];
  let profile: string | undefined;
  let acted = 0;
  child.stderr.on('data', (d: Buffer) => { stderr += String(d); });
  child.stdout.on('data', (d: Buffer) => {
    stdout += String(d);
    if (chromium.length === 0 && /wrote /.test(stdout)) {
      chromium = chromiumBelow(child.pid!);
      profile = readFileSync(`/proc/${chromium[0]}/cmdline`, 'utf8').split('\0').find((a) => a.startsWith('--user-data-dir='))?.split('=')[1];
      acted = performance.now();
      act(child.pid!, chromium);
    }
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  const seconds = (performance.now() - acted) / 1000;
  return { code, seconds, stdout, stderr, chromium, profile, left: await survivors(chromium), dist: files(join(dir, 'dist')) };
}

test('Chromium killed mid-build: the build says so, exits non-zero, and leaves no partial file, browser process or profile', async () => {
  const r = await disrupted((_cli, chromium) => process.kill(chromium[0]!, 'SIGKILL'));
  assert.ok(r.chromium.length > 0, 'the build had started Chromium');
  assert.equal(r.code, 3, r.stderr);
  assert.ok(r.seconds < 10, `stopped ${r.seconds.toFixed(1)} s after Chromium died`);
  assert.match(r.stderr, /Chromium crashed or was killed during the build/);
  assert.doesNotMatch(r.stderr, /internal|\n\s+at /);
  assert.deepEqual(r.dist.filter((f) => f.endsWith('.partial')), []);
  assert.deepEqual(r.left, []);
  // Nor Chromium's temporary profile (6 MB each time).
  assert.ok(r.profile && !existsSync(r.profile), `left ${r.profile}`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  test(`${signal} mid-build: exit 130, no partial file, no browser process or profile left`, async () => {
    const r = await disrupted((cli) => process.kill(cli, signal));
    assert.equal(r.code, 130, r.stderr);
    // Puppeteer left a navigation waiting out 30 s for the dead browser: the build must not wait for it.
    assert.ok(r.seconds < 10, `stopped ${r.seconds.toFixed(1)} s after ${signal}`);
    assert.match(r.stderr, new RegExp(`Interrupted \\(${signal}\\)`));
    assert.deepEqual(r.dist.filter((f) => f.endsWith('.partial')), []);
    assert.deepEqual(r.left, []);
    assert.ok(r.profile && !existsSync(r.profile), `left ${r.profile}`);
  });
}

test('one build reports every problem of a guide, and a broken deck theme is a positioned error, not a stack trace', async () => {
  const dir = tempDir('all');
  const content = join(dir, 'content');
  mkdirSync(content);
  writeFileSync(join(content, 'bad.md'), '---\ntitle: [oops\n---\n\nText ![x](missing.png).\n');
  const both = await run('build', '--content', content, '--out', join(dir, 'dist'), '--only', 'handout');
  assert.equal(both.code, 1);
  assert.match(both.stderr, /2:\d+\s+error\s+Front matter is not valid YAML[\s\S]*5:6-5:23\s+error\s+Cannot find image `missing\.png`/);

  const templates = join(dir, 'templates');
  mkdirSync(join(templates, 'deck'), { recursive: true });
  writeFileSync(join(templates, 'deck/broken.css'), '/* @theme broken */\nsection { color: red\n');
  writeFileSync(join(content, 'bad.md'), '---\ntitle: Themed\ndeck:\n  theme: broken\n---\n\nText.\n');
  const theme = await run('build', '--content', content, '--out', join(dir, 'dist'), '--only', 'deck', '--templates', templates);
  assert.equal(theme.code, 1, theme.stderr);
  assert.match(theme.stderr, /4:3-4:16\s+error\s+The deck theme .*broken\.css cannot be used: .*Unclosed block; fix the CSS or use another theme\s+deck-theme/);
  assert.doesNotMatch(theme.stderr, /\n\s+at /);
  assert.deepEqual(files(join(dir, 'dist')), []);
});

test('a deck whose render fails (a user template that cannot be read) is that guide\'s error: the run goes on, the handouts are written', async () => {
  const dir = tempDir('render-fails');
  const content = join(dir, 'content');
  mkdirSync(content);
  writeFileSync(join(content, 'a.md'), good('A'));
  writeFileSync(join(content, 'b.md'), good('B'));
  // A folder where the presenter's template should be: reading it throws as the deck is first rendered.
  const templates = join(dir, 'templates');
  mkdirSync(join(templates, 'deck', 'presenter.html'), { recursive: true });
  const result = await run('build', '--content', content, '--out', join(dir, 'dist'), '--only', 'handout,deck', '--templates', templates);
  assert.notEqual(result.code, 0, result.stderr);
  for (const name of ['a', 'b']) assert.match(result.stderr, new RegExp(`${name}\\.md\\n\\s*1:1\\s+error\\s+.*making the deck.*EISDIR`));
  assert.deepEqual(files(join(dir, 'dist')), ['a', 'a/handout.html', 'a/handout.pdf', 'b', 'b/handout.html', 'b/handout.pdf']);
});
