// guidepress dev driven as a user would: the CLI in its own process on a copy of the content, pages
// open in a real Chromium with JavaScript on, files written to disk, nothing reloaded by hand.
import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'puppeteer';
import { launchBrowser } from '../../src/browser.js';
import { startServer } from '../../src/dev/server.js';
import { repoRoot } from '../helpers/guide.js';
import { tempDir } from '../helpers/tmp.js';

const slug = 'to-lead-you-have-to-follow';
const dir = tempDir('dev');
const guidePath = join(dir, 'content/guides', `${slug}.md`);
cpSync(join(repoRoot, 'content'), join(dir, 'content'), { recursive: true });
const original = readFileSync(guidePath, 'utf8');

let child: ChildProcess;
let out = '';
let err = '';
let origin = '';
let browser: Browser;

/** Resolves once the dev process has printed a line matching `pattern` (after `from` characters of its output). */
function printed(pattern: RegExp, from = 0, ms = 120_000): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`dev never printed ${pattern}; stdout:\n${out}\nstderr:\n${err}`)), ms);
    const look = () => {
      const match = pattern.exec(out.slice(from));
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off('data', look);
      resolve(match);
    };
    child.stdout!.on('data', look);
    look();
  });
}

before(async () => {
  child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'test/helpers/cli-main.ts'), 'dev', '--content', join(dir, 'content'), '--out', join(dir, 'dist'), '--port', '0', '--only', 'handout,deck'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  origin = (await printed(/^(http:\/\/127\.0\.0\.1:\d+)\/$/m))[1]!;
  await printed(/^built \d+ files/m);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  if (child.exitCode === null) child.kill('SIGKILL');
});

async function open(path: string): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewport({ width: 1000, height: 700 });
  await page.goto(`${origin}${path}`, { waitUntil: 'load' });
  return page;
}

const overlayText = (page: Page) => page.evaluate(() => document.querySelector('.guidepress-dev-overlay')?.textContent ?? '');

test('the URL is printed on its own line and the server listens on 127.0.0.1 only', async () => {
  assert.match(out, /^http:\/\/127\.0\.0\.1:\d+\/$/m);
  assert.equal((await fetch(`${origin}/`)).status, 200);
  // 127.0.0.2 is this machine too, but another address: a server bound to every interface answers it.
  const port = new URL(origin).port;
  await assert.rejects(fetch(`http://127.0.0.2:${port}/`), /fetch failed/);
});

test('/ lists the guides with links to every artifact; the files in dist stay as build wrote them', async () => {
  const index = await (await fetch(`${origin}/`)).text();
  assert.match(index, /To lead, you have to follow/);
  for (const name of ['handout.html', 'handout.pdf', 'deck.html', 'deck.pdf']) assert.ok(index.includes(`href="/${slug}/${name}"`), name);
  const served = await (await fetch(`${origin}/${slug}/handout.html`)).text();
  const onDisk = readFileSync(join(dir, 'dist', slug, 'handout.html'), 'utf8');
  assert.match(served, /guidepress-dev/);
  assert.doesNotMatch(onDisk, /guidepress-dev|<script/);
  assert.equal((await fetch(`${origin}/${slug}/handout.pdf`)).headers.get('content-type'), 'application/pdf');
  assert.equal((await fetch(`${origin}/../../etc/passwd`)).status, 404);
});

test('an edit on disk shows in the open handout without a reload, at the same scroll position', async () => {
  const page = await open(`/${slug}/handout.html`);
  await page.evaluate(() => window.scrollTo(0, 600));
  const mark = out.length;
  writeFileSync(guidePath, original.replace('Years ago, the company', 'Years ago, the Zq42 company'));
  // Soft hyphens (the handout hyphenates) aside.
  await page.waitForFunction(() => document.body.textContent!.replace(/\u00ad/g, '').includes('Zq42'), { timeout: 60_000 });
  assert.equal(await page.evaluate(() => Math.round(window.scrollY)), 600);
  // The PDF is rewritten too, by the same warm browser.
  await printed(/^built \d+ files/m, mark);
  assert.match(execFileSync('pdftotext', [join(dir, 'dist', slug, 'handout.pdf'), '-'], { encoding: 'utf8' }), /Zq42/);
  await page.close();
});

test('a broken front matter shows as an overlay with the file and line in every page, and the fix clears it', async () => {
  const page = await open(`/${slug}/handout.html`);
  assert.equal(await overlayText(page), '');
  writeFileSync(guidePath, original.replace('title: To lead, you have to follow', 'title: [To lead'));
  await page.waitForSelector('.guidepress-dev-overlay', { timeout: 60_000 });
  const text = await overlayText(page);
  // The YAML's own line 2 (the unclosed `[` runs into it) is the file's line 3.
  assert.match(text, new RegExp(`content/guides/${slug}\\.md:3:1`));
  assert.match(text, /Front matter is not valid YAML/);
  // A page opened while the error stands shows it as well.
  const later = await open('/');
  await later.waitForSelector('.guidepress-dev-overlay', { timeout: 10_000 });
  assert.match(await overlayText(later), /\.md:3:1/);
  writeFileSync(guidePath, original);
  // By mutation, not by animation frame: `page` is a background tab now, where frames do not run,
  // and its body is replaced in place (no navigation that would check again).
  await page.waitForFunction(() => !document.querySelector('.guidepress-dev-overlay'), { timeout: 60_000, polling: 'mutation' });
  await later.waitForFunction(() => !document.querySelector('.guidepress-dev-overlay'), { timeout: 10_000, polling: 'mutation' });
  await Promise.all([page.close(), later.close()]);
});

test('a deck on slide 3 is on slide 3 after it reloads', async () => {
  const page = await open(`/${slug}/deck.html#3`);
  const currentSlide = () => page.evaluate(() => [...document.querySelectorAll('.deck .marpit > svg[data-marpit-svg]')].findIndex((s) => s.getAttribute('aria-current') === 'page') + 1);
  assert.equal(await currentSlide(), 3);
  writeFileSync(guidePath, original.replace('title: To lead, you have to follow', 'title: To lead, you have to follow along'));
  await page.waitForFunction(() => document.body.textContent!.includes('follow along'), { timeout: 120_000 });
  await page.waitForFunction(() => document.querySelector('[aria-current="page"]'));
  assert.equal(await currentSlide(), 3);
  assert.equal(await page.evaluate(() => location.hash), '#3');
  await page.close();
});

/** Whether a process still runs (a zombie waiting to be reaped is gone for our purpose). */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

test('SIGTERM closes the browser, the watcher and the server, and exits 0', async () => {
  // Chromium's own process among the children (tsx runs an esbuild service beside it).
  const chromium = execFileSync('pgrep', ['-P', String(child.pid), '-f', 'chrom'], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map(Number);
  assert.ok(chromium.length > 0, 'the dev process runs a browser');
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  assert.equal(await exited, 0, err);
  assert.deepEqual(chromium.filter(running), []);
  await assert.rejects(fetch(`${origin}/`), /fetch failed/);
});

test('a taken port gives way to the next free one', async () => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const taken = (blocker.address() as { port: number }).port;
  const server = await startServer({ outDir: dir, host: '127.0.0.1', port: taken, page: async () => undefined, greeting: () => [] });
  try {
    assert.ok(server.port > taken, `${server.port} after ${taken}`);
    assert.equal(server.url, `http://127.0.0.1:${server.port}/`);
  } finally {
    await server.close();
    blocker.close();
  }
});
