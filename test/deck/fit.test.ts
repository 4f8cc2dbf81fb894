import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'puppeteer';
import { launchBrowser, withPage } from '../../src/browser.js';
import { defaults } from '../../src/config.js';
import { loadGuide } from '../../src/content/guide.js';
import { extractDeck } from '../../src/deck/extract.js';
import { codeBreak, evenChains, fitDeck, measureSlides, overflowing, splitSlide } from '../../src/deck/fit.js';
import { hyphenateDeck } from '../../src/deck/hyphenate.js';
import { toMarp } from '../../src/deck/marp.js';
import { presenterHtml, renderMarp } from '../../src/deck/render.js';
import { type Deck, type Slide, slideLabel, smallestStep } from '../../src/deck/slides.js';
import { fixtures } from '../helpers/guide.js';

const slide = (fields: Partial<Slide>): Slide => ({ kind: 'practice', notes: ['all of it'], shrink: 3, ...fields });

describe('splitting a slide that is too full', () => {
  test('a practice continues at the sentence nearest the middle, heading and notes on both parts', () => {
    const body = ['One two three four five six.', 'Seven eight.', 'Nine ten eleven twelve thirteen fourteen fifteen sixteen.', 'End.'];
    const [a, b] = splitSlide(slide({ kicker: 'Practice 1 of 2', heading: 'H', body }))!;
    assert.deepEqual(a.body, body.slice(0, 2));
    assert.deepEqual(b.body, body.slice(2));
    assert.ok(a.continues && !a.continued && b.continued && !b.continues);
    assert.equal(b.heading, 'H');
    assert.equal(b.kicker, 'Practice 1 of 2');
    assert.deepEqual(b.notes, ['all of it']);
    assert.equal(a.shrink + b.shrink, 0, 'both parts start again at the designed size');
  });

  test('a list continues its numbering; a quote keeps its paragraphs and its attribution goes last', () => {
    const [a, b] = splitSlide(slide({ kind: 'overview', items: ['a', 'b', 'c', 'd', 'e'] }))!;
    assert.deepEqual([a.items, b.items, b.itemsStart], [['a', 'b', 'c'], ['d', 'e'], 4]);
    const quote = [['First sentence here.', 'Second one is here.'], ['Third paragraph sentence is longer than both.']];
    const [q1, q2] = splitSlide(slide({ kind: 'epigraph', quote, attribution: 'Someone', cutAfter: true }))!;
    assert.deepEqual(q1.quote, [['First sentence here.', 'Second one is here.']]);
    assert.deepEqual(q2.quote, [['Third paragraph sentence is longer than both.']]);
    assert.equal(q1.attribution, undefined);
    assert.equal(q2.attribution, 'Someone');
    assert.ok(!q1.cutAfter && q2.cutAfter, 'the ellipsis stays at the end of the cut quote');
  });

  test('one sentence cannot be split', () => {
    assert.equal(splitSlide(slide({ kind: 'quote', quote: [['Only one very long sentence.']] })), undefined);
    assert.equal(splitSlide(slide({ heading: 'Only a headline' })), undefined);
  });

  test('the parts of a continued slide share the smallest size any of them needed', () => {
    const out = evenChains([slide({ shrink: 0 }), slide({ shrink: 1, continues: true }), slide({ shrink: 3, continued: true }), slide({ shrink: 0 })]);
    assert.deepEqual(out.map((s) => s.shrink), [0, 3, 3, 0]);
  });
});

describe('fitting in Chromium', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test('the long practices overflow as extracted, and fit once set smaller and continued', async () => {
    const guide = await loadGuide({ path: join(fixtures, 'deck-long-practices', 'guide.md'), slug: 'guide' });
    const { deck } = extractDeck(guide, defaults.deck);
    const render = (d: Deck) => presenterHtml(d, renderMarp(toMarp(d), d.theme), { id: 'test' });
    await withPage(browser, async (page) => {
      await page.setJavaScriptEnabled(false);
      await page.setContent(render(deck), { waitUntil: 'load' });
      await page.evaluate('document.fonts.ready');
      const before = await measureSlides(page);
      assert.ok(before.filter(overflowing).length >= 2, 'the fixture overflows before fitting (else this test proves nothing)');

      const fitted = await fitDeck(page, deck, render);
      assert.deepEqual(fitted.overflows, []);
      const after = await measureSlides(page);
      assert.equal(after.length, fitted.deck.slides.length);
      assert.deepEqual(after.filter(overflowing), []);
      assert.ok(fitted.deck.slides.some((s) => s.shrink > 0), 'some text was set smaller');
      assert.ok(fitted.deck.slides.some((s) => s.continued), 'some slide was continued on the next');
      assert.ok(fitted.deck.slides.length > deck.slides.length);

      // What fitted as designed is left as it was: same slide, designed size.
      const fine = deck.slides.filter((_, i) => !overflowing(before[i]!));
      assert.ok(fine.length > 0);
      for (const s of fine) assert.ok(fitted.deck.slides.includes(s), `${slideLabel(s)} was changed though it fitted`);
      // A slide set smaller is set no smaller than it needs: one step larger, it overflows. (The parts
      // of a continued slide share the smallest size any part needed, so they are left out.)
      const shrunk = fitted.deck.slides.flatMap((s, i) => (s.shrink > 0 && !s.continues && !s.continued ? [i] : []));
      assert.ok(shrunk.length > 0, 'some slide fits only when set smaller (else this proves nothing)');
      for (const i of shrunk) {
        const larger = fitted.deck.slides.map((s, j) => (j === i ? { ...s, shrink: s.shrink - 1 } : s));
        await page.setContent(render({ ...fitted.deck, slides: larger }), { waitUntil: 'load' });
        await page.evaluate('document.fonts.ready');
        const m = (await measureSlides(page))[i]!;
        assert.ok(overflowing(m), `${slideLabel(fitted.deck.slides[i]!)} would fit one step larger`);
      }
    });
  });

  test('a single sentence too long for any slide is reported, not hidden', async () => {
    const guide = await loadGuide({ path: join(fixtures, 'deck-overflow', 'guide.md'), slug: 'guide' });
    const { deck } = extractDeck(guide, defaults.deck);
    const render = (d: Deck) => presenterHtml(d, renderMarp(toMarp(d), d.theme), { id: 'test' });
    const fitted = await withPage(browser, (page) => fitDeck(page, deck, render));
    assert.equal(fitted.overflows.length, 1);
    const [overflow] = fitted.overflows;
    assert.equal(overflow!.slide.kind, 'quote');
    assert.equal(overflow!.slide.shrink, 3, 'it was tried at the smallest size first');
    assert.ok(overflow!.measured.needed > overflow!.measured.available);
  });

  test('a German title with a very long compound fits: hyphenated by the guide’s language', async () => {
    const guide = await loadGuide({ path: join(fixtures, 'deck-german', 'guide.md'), slug: 'guide' });
    const { deck } = extractDeck(guide, defaults.deck);
    const hyphenated = await hyphenateDeck(deck);
    const title = hyphenated.slides[0]!;
    assert.match(title.heading!, /Soft\u00ad?ware\u00ad?ent\u00ad?wick\u00adlungs/);
    assert.equal(slideLabel(title), deck.slides[0]!.heading, 'no soft hyphen in the bookmark');
    assert.deepEqual(hyphenated.slides.map((s) => s.notes), deck.slides.map((s) => s.notes), 'the notes are left alone');
    const fitted = await withPage(browser, (page) => fitDeck(page, hyphenated, render));
    assert.deepEqual(fitted.overflows.map((o) => slideLabel(o.slide)), []);
  });

  test('even unhyphenated, a word too long for its line breaks rather than run off the slide', async () => {
    const guide = await loadGuide({ path: join(fixtures, 'deck-german', 'guide.md'), slug: 'guide' });
    const { deck } = extractDeck(guide, defaults.deck);
    const fitted = await withPage(browser, (page) => fitDeck(page, deck, render));
    assert.deepEqual(fitted.overflows.map((o) => slideLabel(o.slide)), []);
  });

  test('short words are not hyphenated on slides; a language without patterns leaves the deck as it is', async () => {
    const deck: Deck = { title: 't', lang: 'en', theme: 'guidepress', footer: '', keywords: [], slides: [slide({ heading: 'Make your feedback explicitly non-blocking', body: ['Responsibilities multiply.'] })] };
    const out = await hyphenateDeck(deck);
    assert.equal(out.slides[0]!.heading, 'Make your feedback explicitly non-blocking');
    assert.match(out.slides[0]!.body![0]!, /\u00ad/);
    const unknown = { ...deck, lang: 'xx' };
    assert.equal(await hyphenateDeck(unknown), unknown);
  });
});

const render = (d: Deck) => presenterHtml(d, renderMarp(toMarp(d), d.theme), { id: 'test' });

describe('code on slides', () => {
  test('code is cut where the slide is full, at a pause (after a blank line, before a new statement), never mid-way by default', () => {
    const lines = ['function a() {', '  one;', '}', '', 'function b() {', '  two;', '  three;', '}', 'const c = 1;', 'const d = 2;'];
    assert.equal(codeBreak(lines, 7), 4, 'after the blank line, not inside function b');
    assert.equal(codeBreak(['a;', 'b;', 'c;', 'function f() {', '  x;', '  y;', '}'], 6), 3, 'before a statement at the margin, not inside f');
    assert.equal(codeBreak(['  a', '  b', '  c', '  d', '  e', '  f'], 5), 5, 'no pause: as many lines as fit');
    assert.equal(codeBreak(lines), 4, 'without a measure: near the middle');
    const [first, second] = splitSlide({ kind: 'code', heading: 'H', code: { lang: 'ts', lines }, notes: ['n'], shrink: 2 }, { codeLines: 7 })!;
    assert.deepEqual(first.code, { lang: 'ts', lines: lines.slice(0, 3) }, 'the blank line at the cut is dropped');
    assert.deepEqual(second.code, { lang: 'ts', lines: lines.slice(4) });
    assert.ok(first.continues && second.continued && first.heading === 'H' && second.heading === 'H');
    assert.equal(smallestStep(first), 2, 'code stops at 0.8 of its size');
  });

  test('a table continues by rows under its header', () => {
    const table = { align: [null, 'right' as const], header: ['a', 'b'], rows: [['1', '2'], ['3', '4'], ['5', '6']] };
    const [first, second] = splitSlide({ kind: 'table', table, notes: [], shrink: 3 })!;
    assert.deepEqual(first.table!.rows, [['1', '2'], ['3', '4']]);
    assert.deepEqual(second.table, { ...table, rows: [['5', '6']] });
  });

  test('the technical fixture\'s code overflows as extracted and fits, set smaller then split, every line kept', async () => {
    const browser = await launchBrowser();
    try {
      const guide = await loadGuide({ path: join(fixtures, 'deck-technical', 'guide.md'), slug: 'guide' });
      const { deck } = extractDeck(guide, defaults.deck);
      const render = (d: Deck) => presenterHtml(d, renderMarp(toMarp(d), d.theme), { id: 'test' });
      await withPage(browser, async (page) => {
        await page.setViewport({ width: 1280, height: 720 });
        await page.setContent(render(deck), { waitUntil: 'load' });
        await page.evaluate('document.fonts.ready');
        const index = deck.slides.findIndex((s) => s.kind === 'code');
        const before = (await measureSlides(page))[index]!;
        assert.ok(overflowing(before), 'the code overflows at its designed size (else this proves nothing)');
        assert.equal(before.code!.lineRows.length, deck.slides[index]!.code!.lines.length);
        assert.ok(before.code!.lineRows.some((r) => r > 1), 'a long line wraps, and is counted as two rows');

        const fitted = await fitDeck(page, deck, render);
        assert.deepEqual(fitted.overflows, []);
        const after = await measureSlides(page);
        assert.deepEqual(after.filter(overflowing), []);
        const parts = fitted.deck.slides.filter((s) => s.kind === 'code');
        assert.ok(parts.length >= 2, 'the code is split between slides');
        for (const part of parts) assert.ok(part.shrink <= 2, 'never smaller than the legible floor');
        const kept = parts.flatMap((p) => p.code!.lines).filter((l) => l.trim());
        assert.deepEqual(kept, deck.slides[index]!.code!.lines.filter((l) => l.trim()));
        for (const part of parts.slice(1)) assert.doesNotMatch(part.code!.lines[0]!, /^\s*[})\]]/, 'no part starts by closing what the one before opened');
      });
    } finally {
      await browser.close();
    }
  });
});
