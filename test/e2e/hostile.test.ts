/**
 * The hostile catalogue: guides full of known vectors (test/fixtures/hostile/), built once into
 * handouts, decks and a book with real Chromium, and every output then opened in a Chromium that
 * runs scripts and fetches freely. A local HTTP server, which every vector that could load
 * something points at, must see no request, during the build or while the outputs are open; no
 * dialog may open; and the words around each vector must reach the printed page.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { Marp } from '@marp-team/marp-core';
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { chromiumArgs, findBrowser, launchBrowser, withPage } from '../../src/browser.js';
import { run } from '../helpers/cli.js';
import { trapServer } from '../helpers/server.js';
import { fixtures } from '../helpers/guide.js';
import { flatten, pdfLinks, pdfPages } from '../helpers/pdf.js';
import { tempDir } from '../helpers/tmp.js';

const root = tempDir('hostile');
const content = join(root, 'content');
const out = join(root, 'dist');
const guides = ['markup', 'urls', 'text'];

let trap: Awaited<ReturnType<typeof trapServer>>;
/** Every request the server saw, as `METHOD /path`. */
let hits: string[] = [];
let origin: string;

/** The vector numbers of a guide: each sits between `before-N` and `after-N`. */
function vectors(slug: string): number[] {
  const source = readFileSync(join(content, 'guides', `${slug}.md`), 'utf8');
  return [...new Set([...source.matchAll(/\bbefore-(\d+)\b/g)].map((m) => Number(m[1])))];
}

/** The messages the build printed for one file (`guides/paths.md`), one a line. */
function messagesFor(stderr: string, name: string): string[] {
  const block = stderr.split(/\n\s*\n/).find((b) => b.trimStart().split('\n')[0]!.trim().endsWith(name));
  return block ? block.trim().split('\n').slice(1).map((l) => l.trim()) : [];
}

/** What a browser that runs everything did with one page: dialogs it opened, scripts and risky markup left in its DOM. */
interface Opened {
  dialogs: string[];
  failures: string[];
  dom: { handlers: string[]; elements: string[]; urls: string[] };
  /** How many script hashes the page's Content-Security-Policy allows, and the policy itself. */
  allowed: number;
  csp: string;
}

async function open(browser: Browser, url: string, act?: (page: Page) => Promise<void>): Promise<Opened> {
  const page = await browser.newPage();
  const dialogs: string[] = [];
  const failures: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => failures.push(String(error)));
  try {
    // Wait until the network has been quiet: any fetch a vector started has happened by then.
    await page.goto(url, { waitUntil: 'networkidle0' });
    await page.evaluate('document.fonts.ready');
    if (act) await act(page);
    const dom = await page.evaluate(() => {
      const all = [...document.querySelectorAll('*')];
      const handlers = all.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName} ${a.name}`));
      const risky = 'iframe, object, embed, form, base, link, video, audio, source, frame, frameset, applet, meta[http-equiv]:not([http-equiv="Content-Security-Policy" i])';
      const elements = [...document.querySelectorAll(risky)].map((el) => el.outerHTML.slice(0, 120));
      // Every URL the page could load or navigate to by script, wherever an attribute holds one.
      const urls = all.flatMap((el) =>
        [...el.attributes]
          .filter((a) => /^(src|srcset|poster|data|background|action|formaction|xlink:href|href)$/i.test(a.name))
          .filter((a) => !(a.name.toLowerCase() === 'href' && el.tagName === 'A' && /^(https?:|mailto:|#)/i.test(a.value.trim())))
          .filter((a) => !/^data:(image|font)\//i.test(a.value.trim()))
          .map((a) => `${el.tagName} ${a.name}=${a.value.slice(0, 80)}`),
      );
      const scripts = [...document.querySelectorAll('script:not([type="application/json"])')].map((el) => el.textContent ?? '');
      const csp = document.querySelector('meta[http-equiv="Content-Security-Policy" i]')?.getAttribute('content') ?? '';
      return { handlers, elements, urls, scripts, csp };
    });
    // A script may be in the page only if the page's own policy names its hash: the presenter's and Marp's.
    const allowed = [...dom.csp.matchAll(/'sha256-([^']+)'/g)].map((m) => m[1]);
    const scripts = dom.scripts.filter((text) => !allowed.includes(createHash('sha256').update(text).digest('base64')));
    return { dialogs, failures, dom: { handlers: dom.handlers, elements: [...dom.elements, ...scripts.map((t) => `<script>${t.slice(0, 80)}`)], urls: dom.urls }, allowed: allowed.length, csp: dom.csp };
  } finally {
    await page.close();
  }
}

describe('the hostile catalogue, built into handouts, decks and a book', () => {
  let build: Awaited<ReturnType<typeof run>>;
  let browser: Browser;

  before(async () => {
    trap = await trapServer();
    ({ hits, origin } = trap);

    cpSync(join(fixtures, 'hostile/content'), content, { recursive: true });
    for (const name of readdirSync(join(content, 'guides'))) {
      const path = join(content, 'guides', name);
      if (name.endsWith('.md')) writeFileSync(path, readFileSync(path, 'utf8').replaceAll('{{origin}}', origin));
    }
    // Symlinks inside the content folder that point out of it: a file and a folder.
    mkdirSync(join(content, 'guides/img'), { recursive: true });
    symlinkSync('/etc/passwd', join(content, 'guides/img/passwd.png'));
    symlinkSync('/etc', join(content, 'guides/img/etc'));

    build = await run('build', '--content', content, '--out', out);
    browser = await puppeteer.launch({ executablePath: findBrowser(), headless: true, args: chromiumArgs });
  });

  after(async () => {
    await browser?.close();
    await trap?.close();
  });

  test('the guides with vectors are built; the one whose paths leave the content folder is not', () => {
    assert.equal(build.code, 1, build.stderr);
    for (const slug of guides) {
      for (const name of ['handout.html', 'handout.pdf', 'deck.md', 'deck.html', 'deck.pdf']) {
        assert.ok(existsSync(join(out, slug, name)), `${slug}/${name}\n${build.stderr}`);
      }
    }
    assert.ok(existsSync(join(out, 'book/book.pdf')), build.stderr);
    assert.ok(!existsSync(join(out, 'paths')));
    for (const slug of guides) {
      const errors = messagesFor(build.stderr, `guides/${slug}.md`).filter((line) => /^\S+\s+error\b/.test(line));
      assert.deepEqual(errors, [], slug);
    }
    assert.ok(messagesFor(build.stderr, 'guides/paths.md').length > 0, build.stderr);
  });

  test('every path out of the content folder is an error at its line, and nothing of /etc/passwd is read', () => {
    const errorsAt = (line: number) => messagesFor(build.stderr, 'guides/paths.md').filter((l) => new RegExp(`^${line}:\\d+\\S*\\s+error\\b`).test(l));
    const expected: [number, RegExp][] = [
      [8, /image-outside-content/],
      [10, /link-outside-content/],
      [12, /file-url/],
      [14, /file-url/],
      [16, /file-url/],
      [18, /image-outside-content/],
      [20, /link-outside-content/],
      [22, /image-outside-content/],
      [24, /image-outside-content/],
    ];
    for (const [line, rule] of expected) {
      const found = errorsAt(line);
      assert.equal(found.length, 1, `line ${line}:\n${build.stderr}`);
      assert.match(found[0]!, rule);
    }
    const passwd = readFileSync('/etc/passwd', 'utf8').split('\n')[0]!;
    const written = readdirSync(out, { recursive: true }).map(String).map((f) => join(out, f)).filter((f) => /\.(html|md)$/.test(f));
    for (const file of written) {
      const text = readFileSync(file, 'utf8');
      assert.ok(!text.includes(passwd), file);
      assert.ok(!text.includes(Buffer.from(passwd).toString('base64').slice(0, 24)), `${file} holds /etc/passwd as base64`);
    }
  });

  test('the build fetched nothing, and remote images are warnings at their lines', () => {
    assert.deepEqual(hits, []);
    for (const [slug, line] of [['markup', 23], ['markup', 113], ['markup', 127], ['urls', 26], ['urls', 28], ['urls', 48]] as const) {
      const found = messagesFor(build.stderr, `guides/${slug}.md`).filter((l) => new RegExp(`^${line}:\\d+\\S*\\s+warning\\s+Remote image .*remote-image`).test(l));
      assert.equal(found.length, 1, `${slug}:${line}\n${build.stderr}`);
    }
  });

  test('the words around every vector are printed in the handouts and the book', () => {
    const book = flatten(pdfPages(join(out, 'book/book.pdf')).join('\n'));
    for (const slug of guides) {
      const text = flatten(pdfPages(join(out, slug, 'handout.pdf')).join('\n'));
      const numbers = vectors(slug);
      assert.ok(numbers.length > 0);
      for (const n of numbers) {
        for (const word of [`before-${n}`, `after-${n}`]) {
          assert.match(text, new RegExp(`\\b${word}\\b`), `${slug} handout: ${word}`);
          assert.match(book, new RegExp(`\\b${word}\\b`), `book: ${word}`);
        }
      }
    }
    assert.ok(guides.flatMap(vectors).length >= 40, 'the catalogue has at least 40 vectors');
  });

  test('a <style> block prints nothing of its CSS, and a remote image is a box with its alt text', () => {
    const text = flatten(pdfPages(join(out, 'markup/handout.pdf')).join('\n'));
    assert.match(text, /before-14 after-14/);
    assert.doesNotMatch(text, /@import|background:/);
    assert.match(text, /before-51 Remote inline fifty-one · 127\.0\.0\.1:\d+\/51 after-51/);
    const html = readFileSync(join(out, 'urls/handout.html'), 'utf8');
    assert.match(html, /<figure class="figure"><span class="image-placeholder" role="img" aria-label="A remote figure seventy-eight">/);
  });

  test('no written HTML names a remote URL that a browser would load', () => {
    for (const file of [...guides.flatMap((s) => [join(out, s, 'handout.html'), join(out, s, 'deck.html')]), join(out, 'book/book.html')]) {
      const html = readFileSync(file, 'utf8');
      assert.doesNotMatch(html, /<[a-z][^<>]*\s(src|srcset|poster|data|background)\s*=\s*["']?(?!data:)[a-z]*:?\/\//i, file);
      assert.doesNotMatch(html, /url\(\s*["']?(?!data:)[a-z]+:/i, file);
      assert.doesNotMatch(html, /@import/i, file);
      assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none';/, file);
    }
  });

  test('opened in a Chromium that runs scripts: no dialog, no request, no handler or risky element left', async () => {
    const pages: [string, ((page: Page) => Promise<void>)?][] = [[join(out, 'book/book.html')]];
    for (const slug of guides) {
      pages.push([join(out, slug, 'handout.html')]);
      // The presenter shows the slides and, in its own window, the notes: step through both.
      const step = async (page: Page) => {
        for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowRight');
      };
      pages.push([join(out, slug, 'deck.html'), step]);
      pages.push([`${pathToFileURL(join(out, slug, 'deck.html')).href}?view=presenter#1`, step]);
    }
    for (const [target, act] of pages) {
      const url = target.startsWith('file:') ? target : pathToFileURL(target).href;
      const opened = await open(browser, url, act);
      assert.deepEqual(opened.dialogs, [], url);
      assert.deepEqual(opened.failures, [], url);
      assert.deepEqual(opened.dom.handlers, [], url);
      assert.deepEqual(opened.dom.elements, [], url);
      assert.deepEqual(opened.dom.urls, [], url);
      assert.deepEqual(hits, [], url);
      // Print pages run nothing at all; the presenter runs its own script and Marp's, nothing inline else.
      assert.equal(opened.allowed, url.includes('deck.html') ? 2 : 0, url);
      assert.doesNotMatch(opened.csp, /script-src[^;]*unsafe/, url);
    }
  });

  test('deck.md carries no markup that Marp would run with HTML enabled', async () => {
    for (const slug of guides) {
      const markdown = readFileSync(join(out, slug, 'deck.md'), 'utf8');
      const { html, css } = new Marp({ html: true, script: false }).render(markdown);
      const file = join(root, `${slug}-marp.html`);
      writeFileSync(file, `<!doctype html><html><head><meta charset="utf-8"><style>${css}</style></head><body>${html}</body></html>`);
      const opened = await open(browser, pathToFileURL(file).href);
      assert.deepEqual(opened.dialogs, [], slug);
      assert.deepEqual(opened.dom.handlers, [], slug);
      assert.deepEqual(opened.dom.elements, [], slug);
      assert.deepEqual(hits, [], slug);
    }
  });

  test("the PDFs' links are web or mail links or internal, never script, data or file URLs", async () => {
    const pdfs = [...guides.flatMap((s) => [join(out, s, 'handout.pdf'), join(out, s, 'deck.pdf')]), join(out, 'book/book.pdf')];
    let count = 0;
    for (const pdf of pdfs) {
      for (const link of await pdfLinks(pdf)) {
        if (link.uri === undefined) continue;
        count++;
        assert.match(link.uri, /^(https?:\/\/|mailto:)/i, `${pdf}: ${link.uri}`);
      }
    }
    assert.ok(count > 0, 'the PDFs have links to check');
  });
});

describe('a guidepress page in Chromium', () => {
  test('loads nothing but data: URLs, whatever its HTML asks for, and runs no script', async () => {
    const local = await trapServer();
    const base = local.origin;
    const browser = await launchBrowser();
    try {
      const blocked: string[] = [];
      const ran = await withPage(
        browser,
        async (page) => {
          // No CSP and no sanitizer here: only the page's own interception stands in the way.
          await page.setContent(
            `<style>@import "${base}/import.css"; @font-face { font-family: x; src: url(${base}/font.woff2); } p { font-family: x; background: url(${base}/bg.png); }</style>
             <link rel="stylesheet" href="${base}/link.css"><p>text <img src="${base}/img.png"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></p>
             <iframe src="${base}/frame.html"></iframe><script>document.title = 'ran'</script>`,
            { waitUntil: 'load' },
          );
          await page.evaluate('document.fonts.ready');
          return page.title();
        },
        { onBlocked: (url) => blocked.push(url) },
      );
      assert.equal(ran, '', 'the page script did not run');
      assert.deepEqual(local.hits, []);
      for (const path of ['/import.css', '/link.css', '/img.png', '/bg.png', '/frame.html']) {
        assert.ok(blocked.includes(`${base}${path}`), `${path} was refused: ${blocked.join(', ')}`);
      }
      assert.ok(!blocked.some((url) => url.startsWith('data:')));
    } finally {
      await browser.close();
      await local.close();
    }
  });
});
