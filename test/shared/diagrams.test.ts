import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { BrowserSession } from '../../src/session.js';
import { diagramRenderer, diagramsDrawn, standaloneSvg } from '../../src/shared/diagrams.js';
import { tempDir } from '../helpers/tmp.js';
import { trapServer } from '../helpers/server.js';

const cacheDir = join(tempDir('diagrams'), '.cache', 'diagrams');
const sessions: BrowserSession[] = [];
after(async () => {
  for (const session of sessions) await session.close();
});

function newSession() {
  const session = new BrowserSession();
  sessions.push(session);
  return session;
}

const flowchart = 'flowchart TD\n  A[Mobile client] --> B{Transient failure?}\n  B -->|yes| C[Wait with jitter]';

test('mermaid draws in the run\'s browser: labels as SVG text in the guide\'s sans, no HTML labels, sized by a viewBox', async () => {
  const session = newSession();
  const result = await diagramRenderer(session)(flowchart);
  assert.ok('svg' in result, JSON.stringify(result));
  const { svg } = result;
  assert.match(svg, /^<svg id="d[0-9a-f]{12}" width="100%"/);
  assert.match(svg, /style="max-width: [\d.]+px;"/);
  assert.doesNotMatch(svg, /<foreignObject/);
  const texts = [...svg.matchAll(/<text\b[^>]*>([\s\S]*?)<\/text>/g)].map((m) => m[1]!.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim());
  for (const label of ['Mobile client', 'Transient failure?', 'Wait with jitter', 'yes']) assert.ok(texts.includes(label), `${label} in ${texts.join(' | ')}`);
  assert.match(svg, /font-family:"Source Sans 3"/);
  const broken = await diagramRenderer(session)('flowchart LR\n  A -->> ]]');
  assert.ok('error' in broken);
  assert.match(broken.error, /Parse error on line 2/);
});

test('an unchanged diagram is drawn once: from memory within the run, from the cache folder in the next', async () => {
  const first = newSession();
  const draw = diagramRenderer(first, { cacheDir });
  const a = await draw(flowchart);
  const b = await draw('sequenceDiagram\n  Caller->>Service: request');
  assert.equal(await diagramsDrawn(first), 2);
  assert.deepEqual(await draw(flowchart), a);
  assert.equal(await diagramsDrawn(first), 2, 'the second ask is served from memory');
  assert.equal(readdirSync(cacheDir).filter((f) => f.endsWith('.svg')).length, 2);

  const second = newSession();
  const again = diagramRenderer(second, { cacheDir });
  assert.deepEqual(await again(flowchart), a);
  assert.deepEqual(await again('sequenceDiagram\n  Caller->>Service: request'), b);
  assert.equal(await diagramsDrawn(second), 0, 'the next run reads the cache folder');
  await again('flowchart LR\n  X --> Y');
  assert.equal(await diagramsDrawn(second), 1, 'a changed diagram is drawn');
});

test('the same source gives the same bytes in another run (no random ids)', async () => {
  const a = await diagramRenderer(newSession())(flowchart);
  const b = await diagramRenderer(newSession())(flowchart);
  assert.deepEqual(a, b);
});

test('the diagram page runs mermaid but no request leaves it', async () => {
  const trap = await trapServer();
  const url = trap.origin;
  try {
    const blocked: string[] = [];
    const draw = diagramRenderer(newSession(), { onBlocked: (u) => blocked.push(u) });
    // Ways a diagram could try to load something: a style with a remote image, a link, an image label.
    await draw(`flowchart LR\n  A[one] --> B[two]\n  style A fill:url(${url}/fill.png)\n  click B "${url}/click"`);
    await draw(`flowchart LR\n  A["<img src='${url}/label.png'>"] --> B`);
    await draw(`%%{init: {"themeCSS": "svg { background: url(${url}/theme.png) }"}}%%\nflowchart LR\n  A --> B`);
    assert.deepEqual(trap.hits, [], `the local server was reached: ${blocked.join(', ')}`);
    for (const u of blocked) assert.ok(u.startsWith(url), u);
  } finally {
    await trap.close();
  }
});

test('as a standalone image the SVG gets its own size and the font it was measured in', async () => {
  const result = await diagramRenderer(newSession())(flowchart);
  assert.ok('svg' in result);
  const { svg, width, height } = standaloneSvg(result.svg);
  assert.ok(width > 50 && height > 50, `${width} x ${height}`);
  assert.match(svg, new RegExp(`^<svg [^>]*width="${width}" height="${height}"><style><!\\[CDATA\\[@font-face`));
  assert.doesNotMatch(svg.slice(0, svg.indexOf('>')), /100%|max-width/);
  assert.match(svg, /font-family: 'Source Sans 3'/);
});
