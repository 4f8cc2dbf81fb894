import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { run } from '../helpers/cli.js';
import { fixtures } from '../helpers/guide.js';
import { flatten, pdfText } from '../helpers/pdf.js';
import { tempDir } from '../helpers/tmp.js';

const content = join(fixtures, 'technical/content');
const out = tempDir('technical');
const guide = join(out, 'retries-with-backoff');

describe('a technical guide\'s mermaid diagrams, printed by real Chromium', () => {
  before(async () => {
    const result = await run('build', '--content', content, '--out', out, '--only', 'handout');
    assert.equal(result.code, 0, result.stderr);
  });

  test('the node labels of both diagrams are text in the handout PDF, and the title is the caption', () => {
    const text = flatten(pdfText(join(guide, 'handout.pdf'))).replace(/\u00ad/g, '');
    for (const label of ['Mobile client', 'Orders service', 'Transient failure?', 'Wait with jitter', 'Reply to client', 'HTTPS',
      'Caller', 'Service', 'request (attempt 1)', '503 Unavailable', 'sleep backoff(1)', '200 OK', 'Request flow']) {
      assert.ok(text.includes(label), `${label} is not in the PDF's text`);
    }
    assert.doesNotMatch(text, /flowchart LR|sequenceDiagram|-->/, 'the source is not printed');
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

describe('a diagram that does not parse', () => {
  test('is an error at its line with mermaid\'s message, and the guide is not written', async () => {
    const dir = tempDir('diagram-broken');
    const result = await run('build', '--content', join(fixtures, 'diagram-broken'), '--out', dir, '--only', 'handout');
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /diagram-broken\/guide\.md\n\s*11:1\s+error\s+The diagram does not parse: Parse error on line 3: .*Expecting .* diagram /);
    assert.ok(!existsSync(join(dir, 'guide/handout.pdf')));
  });
});
