import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { type RenderDiagram } from '../../src/markdown/diagrams.js';
import { parseFenceMeta } from '../../src/markdown/fence-meta.js';
import { toHtml } from '../../src/markdown/pipeline.js';
import { fixtures, parse, plain } from '../helpers/guide.js';

const contentDir = join(fixtures, 'hugo-site/content');

/** A stand-in for the browser: draws every source as a tiny SVG, or fails on "oops". */
const fake: RenderDiagram = async (source) =>
  source.includes('oops') ? { error: 'Parse error on line 2:\n...oops\n---^\nExpecting something' } : { svg: `<svg class="drawn"><text>${source.length}</text></svg>` };

async function html(markdown: string, renderDiagram: RenderDiagram | null = fake) {
  const { file, tree } = await parse(markdown);
  const out = await toHtml(tree, file, { contentDir, renderDiagram: renderDiagram ?? undefined });
  return { html: plain(out), file, messages: file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.reason}`) };
}

test('a mermaid fence becomes a figure holding the drawn SVG, captioned with its title', async () => {
  const { html: out, messages } = await html('# T\n\n```mermaid title="Request flow"\nflowchart LR\n  A --> B\n```\n\n```mermaid\nsequenceDiagram\n```\n');
  assert.deepEqual(messages, []);
  assert.match(out, /<figure class="diagram"><svg class="drawn"><text>22<\/text><\/svg><figcaption>Request flow<\/figcaption><\/figure>/);
  assert.match(out, /<figure class="diagram"><svg class="drawn"><text>15<\/text><\/svg><\/figure>/);
});

test('without a renderer (no browser) the diagram prints as its source', async () => {
  const { html: out } = await html('# T\n\n```mermaid\nflowchart LR\n```\n', null);
  assert.match(out, /<pre><code class="language-mermaid">flowchart LR\n<\/code><\/pre>/);
});

test('SVG the author writes is still refused, and a look-alike placeholder stays an empty div', async () => {
  const { html: out } = await html([
    '# T', '',
    '<svg onload="alert(1)"><script>alert(2)</script><text>mine</text></svg>', '',
    '<div class="diagram-0-0">fake</div>', '',
    '```mermaid', 'flowchart LR', '```', '',
  ].join('\n'));
  assert.equal(out.match(/<svg/g)?.length, 1, out);
  assert.match(out, /<svg class="drawn">/);
  for (const bad of ['onload', '<script', 'alert(']) assert.ok(!out.includes(bad), `${bad} leaked into ${out}`);
  assert.match(out, /<div class="diagram-0-0">fake<\/div>/);
});

test('a diagram that does not parse is an error at the line mermaid names, with its message on one line', async () => {
  const { file, messages } = await html('# T\n\nText.\n\n```mermaid\nflowchart LR\n  oops -->\n```\n');
  assert.deepEqual(messages, ['7:1 diagram: The diagram does not parse: Parse error on line 2: ...oops Expecting something']);
  assert.equal(file.messages[0]!.fatal, true);
});

test('the title comes from title="..." or title=\'...\' in the fence meta', () => {
  assert.equal(parseFenceMeta('title="Request flow"').title, 'Request flow');
  assert.equal(parseFenceMeta("x title='A B' y").title, 'A B');
  assert.equal(parseFenceMeta('subtitle="no"').title, undefined);
  assert.equal(parseFenceMeta('').title, undefined);
});
