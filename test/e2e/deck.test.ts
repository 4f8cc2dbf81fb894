import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { Browser, HTTPRequest, Page } from 'puppeteer';
import { launchBrowser, withPage } from '../../src/browser.js';
import { measureSlides, overflowing } from '../../src/deck/fit.js';
import { run } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { fixtures, repoRoot } from '../helpers/guide.js';
import { flatten, pdfFonts, pdfInfo, pdfOutline, pdfPages } from '../helpers/pdf.js';

const out = tempDir('deck');
const dir = join(out, 'to-lead-you-have-to-follow');
const deckPdf = join(dir, 'deck.pdf');
const deckHtml = join(dir, 'deck.html');

/** The slides of a deck.md: their classes, and the notes each carries, in order. */
function slidesOf(markdown: string) {
  const classes = [...markdown.matchAll(/<!-- _class: ([\w -]+) -->/g)].map((m) => m[1]!.split(' '));
  return { count: classes.length, kinds: classes.map((c) => c[0]!) };
}

describe('the seed guide as a talk deck', () => {
  let browser: Browser;
  let count: number;
  before(async () => {
    const result = await run('build', '--content', join(repoRoot, 'content'), '--out', out, '--only', 'deck');
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /wrote .*deck\.md/);
    assert.match(result.stdout, /wrote .*deck\.html/);
    assert.match(result.stdout, /wrote .*deck\.pdf/);
    count = slidesOf(readFileSync(join(dir, 'deck.md'), 'utf8')).count;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test('--only deck builds the deck and nothing else', () => {
    assert.ok(!existsSync(join(dir, 'handout.pdf')));
    assert.ok(count >= 10, `${count} slides`);
  });

  test('the PDF: one 16:9 page per slide, holding the epigraph, the practices and the closing line', () => {
    const info = pdfInfo(deckPdf);
    assert.equal(Number(info.Pages), count);
    assert.match(info['Page size']!, /^960 x 540 pts/);
    const pages = pdfPages(deckPdf).map(flatten);
    assert.equal(pages.length, count);
    assert.match(pages[0]!, /To lead, you have to follow/);
    assert.ok(pages.some((p) => p.includes('Ras Kasa Williams')), 'the epigraph is attributed');
    for (const practice of ['Be clear with yourself what your true priorities are', 'Give your support quickly to other leaders', 'Make your feedback explicitly non-blocking']) {
      assert.ok(pages.some((p) => p.startsWith(`PRACTICE`) && p.includes(practice)), practice);
    }
    assert.match(pages.at(-1)!, /To be a great leader, take your time learning to follow\./);
    assert.match(pages.at(-1)!, /staffeng\.com\/guides\/to-lead-follow/);
    assert.match(pages[3]!, /4 \/ \d+$/, 'slides are numbered');
  });

  test('the PDF: fonts embedded, the bundled faces only; a bookmark per slide; metadata as for the handout', () => {
    const fonts = pdfFonts(deckPdf);
    assert.ok(fonts.length >= 3);
    for (const font of fonts) {
      assert.ok(font.embedded, `${font.name} is not embedded`);
      assert.match(font.name, /SourceSerif4|SourceSans3/);
    }
    const outline = pdfOutline(deckPdf);
    assert.equal(outline.length, count);
    outline.forEach((item, i) => assert.equal(item.page, i + 1));
    assert.equal(outline[0]!.title, 'To lead, you have to follow');
    assert.deepEqual(outline.filter((o) => o.title.startsWith('Epigraph')).map((o) => o.title), ['Epigraph', 'Epigraph (continued)']);
    assert.ok(outline.some((o) => o.title === 'Practice 3 of 3: Make your feedback explicitly non-blocking.'));
    const info = pdfInfo(deckPdf);
    assert.equal(info.Title, 'To lead, you have to follow');
    assert.equal(info.Author, 'Will Larson');
    assert.match(info.Subject!, /most effective leaders/);
    assert.match(info.Creator!, /^guidepress \d+\.\d+\.\d+$/);
  });

  test('deck.html carries everything inside: no stylesheet, script, font or image from elsewhere', () => {
    const html = readFileSync(deckHtml, 'utf8');
    assert.doesNotMatch(html, /<link\b|<script\b[^>]*\bsrc=|<img\b|<iframe\b/i);
    assert.doesNotMatch(html, /url\((?!data:)/);
    assert.doesNotMatch(html, /cdn\.|twemoji|jsdelivr/i);
    assert.match(html, /@font-face[^}]*url\(data:font\/woff2;base64,/);
    assert.match(html, /<script type="application\/json" id="deck-data">/);
  });

  describe('presenting it in Chromium', () => {
    let page: Page;
    const external: string[] = [];
    const watch = async (p: Page) => {
      await p.setRequestInterception(true);
      p.on('request', (request: HTTPRequest) => {
        const url = request.url();
        if (url.startsWith('file:') || url.startsWith('data:')) void request.continue();
        else {
          external.push(url);
          void request.abort();
        }
      });
    };
    const at = () => page.evaluate(() => location.hash);
    const shown = () => page.evaluate(() => [...document.querySelectorAll('.deck svg[data-marpit-svg]')].filter((s) => getComputedStyle(s).display !== 'none').length);
    const press = async (key: Parameters<Page['keyboard']['press']>[0], expected: string) => {
      await page.keyboard.press(key);
      await page.waitForFunction((h) => location.hash === h, { timeout: 2000 }, expected).catch(() => undefined);
      assert.equal(await at(), expected, `after ${key}`);
    };

    before(async () => {
      page = await browser.newPage();
      await page.setViewport({ width: 1280, height: 720, hasTouch: true });
      await watch(page);
      await page.goto(pathToFileURL(deckHtml).href);
      await page.evaluate('document.fonts.ready');
    });
    after(async () => {
      await page?.close();
    });

    test('keys move between slides, one shown at a time, and the hash follows', async () => {
      assert.equal(await at(), '#1');
      assert.equal(await shown(), 1);
      await press('ArrowRight', '#2');
      await press('Space', '#3');
      await press('PageDown', '#4');
      await press('ArrowDown', '#5');
      await press('ArrowLeft', '#4');
      await press('PageUp', '#3');
      await press('ArrowUp', '#2');
      await press('End', `#${count}`);
      await press('ArrowRight', `#${count}`);
      await press('Home', '#1');
      assert.equal(await shown(), 1);
      const width = await page.$eval('.progress span', (el) => (el as HTMLElement).style.width);
      assert.equal(width, '0%');
    });

    test('a reload keeps the place; click, tap and swipe move too', async () => {
      await page.goto(pathToFileURL(deckHtml).href + '#5');
      await page.reload();
      assert.equal(await at(), '#5');
      const current = await page.evaluate(() => [...document.querySelectorAll('.deck svg[data-marpit-svg]')].findIndex((s) => s.classList.contains('current')));
      assert.equal(current, 4);
      await page.mouse.click(900, 360);
      assert.equal(await at(), '#6');
      await page.mouse.click(80, 360);
      assert.equal(await at(), '#5');
      await page.touchscreen.touchStart(900, 360);
      await page.touchscreen.touchMove(500, 370);
      await page.touchscreen.touchEnd();
      assert.equal(await at(), '#6', 'a swipe to the left goes on');
      await page.touchscreen.touchStart(300, 360);
      await page.touchscreen.touchMove(800, 350);
      await page.touchscreen.touchEnd();
      assert.equal(await at(), '#5', 'a swipe to the right goes back');
    });

    test('o opens the overview of every slide; clicking one goes there; ? lists the keys', async () => {
      await page.keyboard.press('o');
      assert.ok(await page.evaluate(() => document.documentElement.classList.contains('overview')));
      assert.equal(await shown(), count);
      const third = await page.$$('.deck svg[data-marpit-svg]');
      await third[2]!.click();
      assert.equal(await at(), '#3');
      assert.ok(!(await page.evaluate(() => document.documentElement.classList.contains('overview'))));
      assert.equal(await shown(), 1);
      await page.keyboard.press('?');
      assert.ok(await page.$eval('#help', (el) => !(el as HTMLElement).hidden && getComputedStyle(el).display !== 'none'));
      assert.match(await page.$eval('#help', (el) => el.textContent ?? ''), /fullscreen/);
      await page.keyboard.press('Escape');
      assert.ok(await page.$eval('#help', (el) => (el as HTMLElement).hidden));
    });

    test('p opens the presenter window: notes, next slide, timer and clock, in step both ways', async () => {
      await page.keyboard.press('Home');
      const popup = new Promise<Page>((resolve) => page.once('popup', (p) => resolve(p!)));
      await page.keyboard.press('p');
      const presenter = await popup;
      try {
        await presenter.waitForSelector('.presenter-notes p');
        assert.match(presenter.url(), /\?view=presenter#1$/);
        const view = () =>
          presenter.evaluate(() => ({
            notes: document.querySelector('.presenter-notes')!.textContent ?? '',
            counter: document.querySelector('.presenter .counter')!.textContent,
            current: document.querySelectorAll('.presenter-current svg').length,
            next: document.querySelector('.presenter-next')!.textContent ?? '',
            nextSlides: document.querySelectorAll('.presenter-next svg').length,
            elapsed: document.querySelector('.presenter .elapsed')!.textContent ?? '',
            clock: document.querySelector('.presenter .clock')!.textContent ?? '',
          }));
        let v = await view();
        assert.match(v.notes, /most effective leaders spend more time following/);
        assert.equal(v.counter, `1 / ${count}`);
        assert.equal(v.current, 1);
        assert.equal(v.nextSlides, 1);
        assert.match(v.elapsed, /^\d+:\d\d$/);
        assert.match(v.clock, /^\d\d:\d\d$/);

        await page.keyboard.press('ArrowRight');
        await presenter.waitForFunction(() => location.hash === '#2', { timeout: 3000 });
        v = await view();
        assert.equal(v.counter, `2 / ${count}`);
        assert.match(v.notes, /Ras Kasa Williams/, 'the presenter follows the audience window');

        await presenter.keyboard.press('ArrowRight');
        await page.waitForFunction(() => location.hash === '#3', { timeout: 3000 });
        assert.equal(await at(), '#3', 'the audience window follows the presenter');

        await presenter.keyboard.press('End');
        await page.waitForFunction((h) => location.hash === h, { timeout: 3000 }, `#${count}`);
        v = await view();
        assert.equal(v.nextSlides, 0);
        assert.match(v.next, /End of the deck/);
        assert.match(v.notes, /The whole guide: https:\/\/staffeng\.com\/guides\/to-lead-follow/);
      } finally {
        await presenter.close();
      }
    });

    test('nothing was fetched from the network', () => {
      assert.deepEqual(external, []);
    });

    test('printed from the browser, with its script running, it gives one slide per page', async () => {
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
      const file = join(out, 'printed.pdf');
      writeFileSync(file, pdf);
      assert.equal(Number(pdfInfo(file).Pages), count);
      assert.match(pdfInfo(file)['Page size']!, /^960 x 540 pts/);
    });
  });
});

describe('decks that must be fitted', () => {
  test('very long practices build with no overflowing slide', async () => {
    const target = tempDir('deck-long');
    const result = await run('build', '--content', join(fixtures, 'deck-long-practices'), '--out', target, '--only', 'deck', '-q');
    assert.equal(result.code, 0, result.stderr);
    const markdown = readFileSync(join(target, 'guide/deck.md'), 'utf8');
    const { count } = slidesOf(markdown);
    assert.match(markdown, /_class: \w+ shrink-\d/, 'some text was set smaller');
    assert.match(markdown, /_class: \w+( shrink-\d)? continued/, 'some slide was continued');
    assert.equal(Number(pdfInfo(join(target, 'guide/deck.pdf')).Pages), count);
    // Measure what was written, as a reader's browser lays it out.
    const browser = await launchBrowser();
    try {
      const measured = await withPage(browser, async (page) => {
        await page.setJavaScriptEnabled(false);
        // guidepress pages load nothing from disk: give the page the file's HTML, as the build does.
        await page.setContent(readFileSync(join(target, 'guide/deck.html'), 'utf8'), { waitUntil: 'load' });
        await page.evaluate('document.fonts.ready');
        return measureSlides(page);
      });
      assert.equal(measured.length, count);
      assert.deepEqual(measured.filter(overflowing), []);
    } finally {
      await browser.close();
    }
  });

  test('a slide that cannot fit fails the build, naming the slide and its source line', async () => {
    const target = tempDir('deck-overflow');
    const result = await run('build', '--content', join(fixtures, 'deck-overflow'), '--out', target, '--only', 'deck');
    assert.equal(result.code, 1);
    const line = readFileSync(join(fixtures, 'deck-overflow', 'guide.md'), 'utf8').split('\n').findIndex((l) => l.startsWith('And then')) + 1;
    assert.match(result.stderr, new RegExp(`${line}:1(-\\d+:\\d+)?\\s+error\\s+Slide 2 \\(Quote: And then the review`));
    assert.match(result.stderr, /does not fit even at the smallest text size/);
    assert.match(result.stderr, /deck-overflow/);
    assert.ok(!existsSync(join(target, 'guide/deck.pdf')) && !existsSync(join(target, 'guide/deck.md')), 'nothing is written');
  });
});
