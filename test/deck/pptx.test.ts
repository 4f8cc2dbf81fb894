import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'puppeteer';
import { launchBrowser, withFrontPage } from '../../src/browser.js';
import { type SlideCapture, captureSlides } from '../../src/deck/capture.js';
import { writePptx } from '../../src/deck/pptx.js';
import { renderMarp } from '../../src/deck/render.js';
import type { Deck, Slide } from '../../src/deck/slides.js';
import { readPptx } from '../helpers/pptx.js';
import { tempDir } from '../helpers/tmp.js';

// A red dot, 2 × 2 px.
const dot = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==';

const markdown = `---
marp: true
theme: guidepress
paginate: true
---

<!-- _class: quote -->

> Good strategy is *boring*, and [written down](https://example.com/strategy).

---

<!-- _class: code -->

## A slide of a kind the PPTX does not map

\`\`\`
const answer = 42;
\`\`\`

---

<!-- _class: quote -->

> A quote beside a picture.

![a dot](${dot})
`;

const slide = (kind: Slide['kind'], notes: string[]): Slide => ({ kind, notes, shrink: 0 });
const deck: Deck = {
  title: 'Exports',
  lang: 'en',
  theme: 'guidepress',
  footer: '',
  keywords: [],
  // 'code' stands for a kind another part of guidepress may add: the PPTX must not drop it.
  slides: [slide('quote', ['First notes.', 'Second paragraph.']), slide('code' as Slide['kind'], ['About the code.']), slide('quote', ['About the dot.'])],
};

describe('deck.pptx from a rendered deck', () => {
  let browser: Browser;
  let captures: SlideCapture[];
  before(async () => {
    browser = await launchBrowser();
    const { html, css } = renderMarp(markdown, 'guidepress');
    captures = await withFrontPage(browser, async (page) => {
      await page.setViewport({ width: 1280, height: 720 });
      await page.setContent(`<!doctype html><html><head><style>${css}</style></head><body>${html}</body></html>`, { waitUntil: 'load' });
      return captureSlides(page, { scale: 0.5, kinds: deck.slides.map((s) => s.kind), pictures: 'all' });
    });
  });
  after(async () => {
    await browser?.close();
  });

  test('a text slide is read as text boxes with their look; others are pictures only', () => {
    assert.equal(captures.length, 3);
    const [quote, code, withPicture] = captures;
    const runs = quote!.boxes!.flatMap((b) => b.runs);
    assert.equal(runs.map((r) => r.text).join(''), 'Good strategy is boring, and written down.');
    assert.ok(runs.some((r) => r.text === 'boring' && r.italic), 'emphasis is kept');
    assert.equal(runs.find((r) => r.text === 'written down')?.url, 'https://example.com/strategy');
    assert.equal(runs[0]!.font, 'Source Serif 4');
    assert.equal(runs[0]!.generic, 'serif');
    assert.equal(runs[0]!.color, '1B1B1B');
    const box = quote!.boxes!.find((b) => b.runs[0]!.text.startsWith('Good'))!;
    assert.ok(box.x > 100 && box.y > 100 && box.w > 500, `where the quote is: ${JSON.stringify(box)}`);
    assert.equal(code!.boxes, undefined, 'a kind that is not mapped');
    assert.equal(withPicture!.boxes, undefined, 'a slide with an image');
    assert.equal(code!.background, undefined);
    // The picture of a text slide without its text differs from the slide: the text was taken away.
    assert.notDeepEqual(Buffer.from(quote!.background!), Buffer.from(quote!.picture!));
    assert.match(captures[1]!.svg, /^<svg[^>]*data-marpit-svg/);
  });

  test('only the pictures asked for: the PowerPoint needs none of a text slide; the notes none at all', async () => {
    const { html, css } = renderMarp(markdown, 'guidepress');
    const [forPptx, svgsOnly] = await withFrontPage(browser!, async (page) => {
      await page.setViewport({ width: 1280, height: 720 });
      await page.setContent(`<!doctype html><html><head><style>${css}</style></head><body>${html}</body></html>`, { waitUntil: 'load' });
      const kinds = deck.slides.map((s) => s.kind);
      return [await captureSlides(page, { scale: 0.5, kinds, pictures: 'pptx' }), await captureSlides(page, { scale: 0.5, kinds, pictures: 'none' })];
    });
    assert.equal(forPptx![0]!.picture, undefined, 'a text slide: its text boxes and background are enough');
    assert.ok(forPptx![0]!.background && forPptx![0]!.boxes, 'its background and boxes');
    assert.ok(forPptx![1]!.picture && forPptx![2]!.picture, 'the others are pictures');
    assert.ok(svgsOnly!.every((c) => c.svg.startsWith('<svg') && !c.picture && !c.background && !c.boxes));
  });

  test('the PPTX: text boxes on the decoration, pictures for the rest, notes and properties', async () => {
    const data = await writePptx(deck, captures, { title: 'Exports', author: 'A. Writer', subject: 'Testing', company: 'Site', lang: 'en', date: new Date('2024-05-01T10:00:00Z') });
    const file = join(tempDir('pptx'), 'deck.pptx');
    writeFileSync(file, data);
    const pptx = await readPptx(file);
    assert.equal(pptx.slides.length, 3);
    assert.deepEqual(pptx.pictures, [0, 1, 1], 'slides 2 and 3 are a picture each, never a blank');
    assert.deepEqual(pptx.pictureBackground, [true, false, false]);
    assert.ok(pptx.slides[0]!.includes('Good strategy is boring, and written down.'));
    assert.deepEqual(pptx.slides[1], []);
    assert.deepEqual(pptx.notes, ['First notes.\n\nSecond paragraph.', 'About the code.', 'About the dot.']);
    assert.deepEqual(pptx.core, { title: 'Exports', creator: 'A. Writer', subject: 'Testing', created: '2024-05-01T10:00:00Z' });
    assert.equal(pptx.faces.get('Source Serif 4'), '18');
    // The same input gives the same bytes.
    assert.deepEqual(Buffer.from(await writePptx(deck, captures, { title: 'Exports', lang: 'en', author: 'A. Writer', subject: 'Testing', company: 'Site', date: new Date('2024-05-01T10:00:00Z') })), Buffer.from(data));
  });
});
