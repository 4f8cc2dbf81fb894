import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { run } from '../helpers/cli.js';
import { fixtures } from '../helpers/guide.js';
import { launchBrowser, withPage } from '../../src/browser.js';
import { measureSlides, overflowing } from '../../src/deck/fit.js';
import { flatten, pdfPages, pdfText } from '../helpers/pdf.js';
import { tempDir } from '../helpers/tmp.js';

const content = join(fixtures, 'technical/content');
const out = tempDir('technical');
const guide = join(out, 'retries-with-backoff');

describe('a technical guide\'s mermaid diagrams, printed by real Chromium', () => {
  before(async () => {
    const result = await run('build', '--content', content, '--out', out, '--only', 'handout,deck');
    assert.equal(result.code, 0, result.stderr);
  });

  test('the node labels of both diagrams are text in the handout PDF, and the title is the caption', () => {
    const text = flatten(pdfText(join(guide, 'handout.pdf'))).replace(/\u00ad/g, '');
    for (const label of ['Mobile client', 'Orders service', 'Transient failure?', 'Wait with jitter', 'Reply to client', 'HTTPS',
      'Caller', 'Service', 'request (attempt 1)', '503 Unavailable', 'sleep backoff(1)', '200 OK', 'Request flow']) {
      assert.ok(text.includes(label), `${label} is not in the PDF's text`);
    }
    // (`-->` is in the guide's TypeScript too: look for what only the diagrams' source says.)
    assert.doesNotMatch(text, /flowchart LR|sequenceDiagram|participant Caller|Orders\[/, 'the source is not printed');
  });

  test('the handout holds each diagram as inline SVG in a figure, with SVG text labels', () => {
    const html = readFileSync(join(guide, 'handout.html'), 'utf8');
    const figures = [...html.matchAll(/<figure class="diagram">(<svg[\s\S]*?<\/svg>)(<figcaption>([^<]*)<\/figcaption>)?<\/figure>/g)];
    assert.equal(figures.length, 2);
    assert.equal(figures[0]![3]?.replace(/\u00ad/g, ''), 'Request flow');
    assert.equal(figures[1]![2], undefined, 'a fence without a title has no caption');
    for (const [, svg] of figures) {
      assert.match(svg!, /<text\b/);
      assert.doesNotMatch(svg!, /<foreignObject/);
      assert.match(svg!, /^<svg [^>]*width="100%"[^>]*style="max-width: [\d.]+px;"/);
    }
    assert.ok(existsSync(join(out, '.cache/diagrams')), 'drawn diagrams are kept beside the outputs');
  });
});

describe('the technical guide\'s deck', () => {
  test('has a diagram slide and code slides, and its PDF holds the diagrams\' labels as text', () => {
    const md = readFileSync(join(guide, 'deck.md'), 'utf8');
    const classes = [...md.matchAll(/<!-- _class: ([\w -]+) -->/g)].map((m) => m[1]!.split(' ')[0]);
    assert.equal(classes.filter((c) => c === 'diagram').length, 2);
    assert.ok(classes.filter((c) => c === 'code').length >= 2, 'the code is split between slides');
    assert.ok(classes.includes('table'));
    const pages = pdfPages(join(guide, 'deck.pdf')).map((p) => flatten(p));
    assert.equal(pages.length, classes.length);
    const flow = pages[classes.indexOf('diagram')]!;
    for (const label of ['Request flow', 'Mobile client', 'Orders service', 'Transient failure?', 'Reply to client']) assert.ok(flow.includes(label), `${label} on the slide: ${flow}`);
    const code = pages[classes.indexOf('code')]!;
    assert.ok(code.includes('export interface RetryOptions {'), code);
  });

  test('every slide fits as measured in the presenter, which shows the diagrams and asks for nothing outside', async () => {
    const html = readFileSync(join(guide, 'deck.html'), 'utf8');
    const browser = await launchBrowser();
    try {
      const blocked: string[] = [];
      const measured = await withPage(browser, async (page) => {
        await page.setViewport({ width: 1280, height: 720 });
        await page.setContent(html, { waitUntil: 'load' });
        await page.evaluate('document.fonts.ready');
        return measureSlides(page);
      });
      assert.deepEqual(measured.filter(overflowing), []);
      const shown = await withPage(browser, async (page) => {
        await page.setViewport({ width: 1280, height: 720 });
        await page.setContent(html, { waitUntil: 'load' });
        // decode() settles once the image is drawable, and fails if it cannot be shown.
        return page.evaluate(() => Promise.all([...document.querySelectorAll('section.diagram img')].map(async (img) => {
          const i = img as HTMLImageElement;
          const complete = await i.decode().then(() => true, () => false);
          return { complete, width: i.naturalWidth, src: i.src.slice(0, 26) };
        })));
      }, { script: true, onBlocked: (u) => blocked.push(u) });
      assert.equal(shown.length, 2);
      for (const img of shown) assert.deepEqual({ ...img, width: img.width > 0 }, { complete: true, width: true, src: 'data:image/svg+xml;base64,' });
      assert.deepEqual(blocked, []);
      assert.match(html, /img-src data:/, 'the presenter\'s CSP lets the data: images show');
    } finally {
      await browser.close();
    }
  });
});

describe('a diagram that does not parse', () => {
  test('is an error at its line with mermaid\'s message, and the guide is not written', async () => {
    const dir = tempDir('diagram-broken');
    const result = await run('build', '--content', join(fixtures, 'diagram-broken'), '--out', dir, '--only', 'handout');
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /diagram-broken\/guide\.md\n\s*11:1\s+error\s+The diagram does not parse: Parse error on line 3: .*Expecting .* diagram /);
    assert.ok(!existsSync(join(dir, 'guide/handout.pdf')));
  });
});
