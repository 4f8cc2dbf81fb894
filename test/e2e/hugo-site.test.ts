import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { run } from '../helpers/cli.js';
import { fixtures } from '../helpers/guide.js';
import { flatten, pdfFonts, pdfLinks, pdfOutline, pdfPages } from '../helpers/pdf.js';
import { tempDir } from '../helpers/tmp.js';

const content = join(fixtures, 'hugo-site/content');
const out = tempDir('hugo');
const pdf = join(out, 'keavy-mcminn/handout.pdf');
const headings = [
  'How do you spend your time day-to-day?',
  'Where do you feel most impactful as a Staff-plus engineer?',
  'Have you benefited from a sponsor or mentor?',
  'What are some resources that have shaped your approach?',
];

describe('a Hugo-shaped interview: sections, footnotes, images, raw HTML, links', () => {
  before(async () => {
    const result = await run('build', '--content', content, '--out', out, '--only', 'handout');
    assert.equal(result.code, 0, result.stderr);
  });

  test('every guide in every folder is built, _index.md is not', () => {
    const pdfs = execFileSync('find', [out, '-name', '*.pdf'], { encoding: 'utf8' }).trim().split('\n').sort();
    assert.deepEqual(pdfs, [join(out, 'keavy-mcminn/handout.pdf'), join(out, 'writing-engineering-strategy/handout.pdf')]);
  });

  test('the sections are bookmarks under the title', () => {
    const outline = pdfOutline(pdf);
    const titles = JSON.stringify(outline);
    for (const h of headings) assert.ok(titles.includes(JSON.stringify(h)), `no bookmark for ${h}`);
  });

  test('no heading is left alone at the foot of a page', () => {
    const pages = pdfPages(pdf);
    pages.forEach((page, i) => {
      const lines = page.split('\n').map((l) => l.trim()).filter((l) => l && !/^\d+\s*\/\s*\d+$/.test(l));
      const last = lines.at(-1) ?? '';
      assert.ok(!headings.includes(last), `page ${i + 1} ends with the heading "${last}"`);
    });
  });

  test('footnotes and link URLs are printed as one list of notes; the links stay live', async () => {
    const text = flatten(pdfPages(pdf).join('\n'));
    assert.match(text, /N ?O ?T ?E ?S 1\. https:\/\/www\.fastly\.com\/ 2\. https:\/\/github\.com\/about 3\. GitHub moved its workloads to Kubernetes/);
    assert.match(text, /See also the sponsorship chapter \(https:\/\/staffeng\.com\/guides\/staff-archetypes\) of the guide/);
    const uris = (await pdfLinks(pdf)).map((l) => l.uri).filter(Boolean);
    for (const uri of ['https://www.fastly.com/', 'https://github.com/about', 'https://staffeng.com/stories', 'https://lethain.com/']) {
      assert.ok(uris.includes(uri), `${uri} is not a link annotation: ${uris.join(' ')}`);
    }
  });

  test('both images are in the PDF, with their alt text as caption', () => {
    const list = execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' }).trim().split('\n').slice(2);
    assert.equal(list.length, 2, list.join('\n'));
    const text = flatten(pdfPages(pdf).join('\n'));
    assert.match(text, /A whiteboard covered in sticky notes from a planning session/);
    assert.match(text, /Portrait of the interviewee/);
  });

  test('raw HTML: the pull quote and date print; scripts, frames, forms and handlers leave no trace', () => {
    const text = flatten(pdfPages(pdf).join('\n'));
    assert.match(text, /Being a staff engineer is mostly about being trusted with ambiguity\./);
    assert.match(text, /Interviewed in March 2020\./);
    assert.match(text, /A paragraph whose handler is dropped but whose text stays\./);
    assert.doesNotMatch(text, /alert|this must not run/);
  });

  test('fonts are embedded, the monospace face included for the code block', () => {
    const fonts = pdfFonts(pdf);
    assert.ok(fonts.every((f) => f.embedded));
    for (const font of fonts) assert.match(font.name, /SourceSerif4|SourceSans3|JetBrainsMono/, 'no system font, even for the footnotes\' back arrows');
    assert.ok(fonts.some((f) => /JetBrainsMono/.test(f.name)), fonts.map((f) => f.name).join());
  });
});
