import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { defaults } from '../../src/config.js';
import { loadGuide } from '../../src/content/guide.js';
import type { Code } from 'mdast';
import { visit } from 'unist-util-visit';
import type { DeckDiagram } from '../../src/deck/builders.js';
import { extractDeck } from '../../src/deck/extract.js';
import type { Slide } from '../../src/deck/slides.js';
import { splitSentences } from '../../src/markdown/sentences.js';
import { asGuide, fixtures, parse, repoRoot } from '../helpers/guide.js';

const seedPath = join(repoRoot, 'content/guides/to-lead-you-have-to-follow.md');
const fixture = (name: string) => join(fixtures, `deck-${name}`, 'guide.md');

async function extract(path: string, maxQuotes = defaults.deck.maxQuotes) {
  const guide = await loadGuide({ path, slug: 'guide' });
  return { guide, ...extractDeck(guide, { ...defaults.deck, maxQuotes }) };
}

/** Every sentence of the guide's source, with typography made plain, to check quotes are verbatim. */
function sourceSentences(path: string): Set<string> {
  const text = plainTypography(readFileSync(path, 'utf8').replace(/^---[\s\S]*?\n---\n/, ''));
  const paragraphs = text.split(/\n\s*\n/).map((p) => p.replace(/^\s*(?:>|\d+\.|[-*])\s?/gm, '').replace(/\*\*|\*/g, '').replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim());
  return new Set(paragraphs.flatMap((p) => splitSentences(p)));
}
const plainTypography = (s: string) => s.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/—/g, '---').replace(/–/g, '--');
const texts = (slide: Slide) => [slide.kicker, slide.heading, ...(slide.quote?.flat() ?? []), slide.attribution, ...(slide.body ?? []), ...(slide.items ?? []), ...(slide.credits ?? [])].filter(Boolean).join(' ');
const kinds = (slides: Slide[]) => slides.map((s) => s.kind);

describe('the seed guide', async () => {
  const { deck, quotes, guide } = await extract(seedPath);

  test('opens with a title slide and closes on the guide’s last thought and its URL', () => {
    assert.equal(deck.slides[0]!.kind, 'title');
    assert.equal(deck.slides[0]!.heading, 'To lead, you have to follow');
    assert.equal(deck.slides[0]!.kicker, 'StaffEng');
    assert.deepEqual(deck.slides[0]!.credits, ['Will Larson']);
    const closing = deck.slides.at(-1)!;
    assert.equal(closing.kind, 'closing');
    assert.ok(closing.quote!.flat().includes('To be a great leader, take your time learning to follow.'));
    assert.equal(closing.link?.url, 'https://staffeng.com/guides/to-lead-follow');
  });

  test('the epigraph, some ninety words, goes over two slides at a sentence, whole in the notes', () => {
    const epigraph = deck.slides.filter((s) => s.kind === 'epigraph');
    assert.equal(epigraph.length, 2);
    assert.ok(epigraph[0]!.continues && epigraph[1]!.continued);
    assert.equal(epigraph[1]!.attribution, 'Ras Kasa Williams');
    // The epigraph is read before smart quotes are applied; the slides show them curly.
    const source = plainTypography(guide.file.data.epigraph!.text.replace(/\s+/g, ' '));
    assert.equal(plainTypography(epigraph.flatMap((s) => s.quote!.flat()).join(' ')), source);
    assert.ok(epigraph[0]!.quote!.flat().at(-1)!.endsWith('stakeholders.'), 'the first part ends at a sentence end');
    for (const slide of epigraph) assert.ok(plainTypography(slide.notes.join(' ')).includes(source) && slide.notes.join(' ').includes('Ras Kasa Williams'));
  });

  test('the three practices, after an overview of their headlines, with the whole item in the notes', () => {
    const overview = deck.slides.find((s) => s.kind === 'overview')!;
    const practices = deck.slides.filter((s) => s.kind === 'practice');
    assert.equal(practices.length, 3);
    assert.deepEqual(overview.items, practices.map((p) => p.heading));
    assert.equal(overview.heading, 'There are many ways to put this approach into practice');
    assert.equal(practices[2]!.heading, 'Make your feedback explicitly non-blocking.');
    assert.equal(practices[1]!.kicker, 'Practice 2 of 3');
    assert.match(practices[0]!.body!.join(' '), /Will what we do here matter to me in six months\?/);
    assert.match(practices[1]!.notes.join(' '), /bad at giving feedback\.$/, 'the notes hold what the slide leaves out');
    assert.ok(deck.slides.indexOf(overview) === deck.slides.indexOf(practices[0]!) - 1);
  });

  test('four key quotes by the documented score: whole sentences of the text, in its order, the paragraph in the notes', () => {
    const sentences = sourceSentences(seedPath);
    assert.equal(quotes.length, 4);
    for (const quote of quotes) assert.ok(sentences.has(plainTypography(quote.text)), `not a whole sentence of the guide: ${quote.text}`);
    assert.deepEqual(
      quotes.map((q) => q.text.slice(0, 40)),
      [
        'Defining leadership and management is su',
        'If you only see the gap without acting o',
        'The lesson that I slowly learned was tha',
        'I think this is the most important lesso',
      ],
    );
    const lesson = quotes[2]!;
    assert.ok(lesson.reasons.includes('+3 cue "the lesson"') && lesson.reasons.includes('+3 condition "... until ..."'), lesson.reasons.join(', '));
    const slides = deck.slides.filter((s) => s.kind === 'quote');
    assert.deepEqual(slides.map((s) => s.quote!.flat().join(' ')), quotes.map((q) => q.text));
    assert.match(slides[2]!.notes[0]!, /^But this sort of leadership can only take you so far/);
  });

  test('the closing thought is not also a quote slide, and no sentence of a slide is cut', () => {
    const quoteTexts = deck.slides.filter((s) => s.kind === 'quote').map(texts);
    assert.ok(!quoteTexts.some((t) => t.includes('To be a great leader')));
    const all = deck.slides.map(texts).join(' ');
    assert.match(all, /Ras Kasa Williams/);
    assert.doesNotMatch(all, /…/, 'nothing is cut with an ellipsis in the seed deck');
  });

  test('the same guide always gives the same deck', async () => {
    const again = await extract(seedPath);
    assert.deepEqual(again.deck, deck);
  });
});

describe('a Hugo guide with ## sections, bullet lists and steering', async () => {
  const { deck, quotes, guide } = await extract(fixture('sections'));

  test('a divider per section, each carrying a sentence of that section', () => {
    const sections = deck.slides.filter((s) => s.kind === 'section');
    assert.deepEqual(sections.map((s) => s.heading), ['Start with design documents', 'Synthesize into a strategy', 'Share it and keep it current']);
    assert.deepEqual(sections.map((s) => s.kicker), ['Part 1', 'Part 2', 'Part 3']);
    assert.match(sections[0]!.body![0]!, /^You can’t write a useful strategy until/);
    // Its best sentence is a quote slide already (see below), so the next best carries the divider.
    assert.equal(sections[1]!.body![0]!, 'Take the five documents and look for the choices they share.');
  });

  test('quotes pinned in the front matter are found despite straight quotes; one not in the text is a positioned warning', () => {
    const pinned = quotes.filter((q) => q.pinned).map((q) => q.text);
    assert.ok(pinned.includes('Good strategy is boring.'));
    const missing = guide.file.messages.find((m) => m.ruleId === 'deck-quote-not-found');
    assert.ok(missing, 'a warning for the quote that is not in the text');
    assert.equal(missing.fatal, false);
    assert.match(missing.reason, /Strategy is mostly saying no\./);
    const line = readFileSync(fixture('sections'), 'utf8').split('\n').findIndex((l) => l.includes('Strategy is mostly saying no.')) + 1;
    assert.equal(missing.line, line);
  });

  test('<!-- deck: quote --> pins its paragraph, once even when the front matter pins a sentence of it', () => {
    const slides = deck.slides.filter((s) => s.kind === 'quote').map((s) => s.quote!.flat().join(' '));
    assert.ok(slides.includes('A strategy nobody can find doesn’t exist. Publish it where the design documents live.'));
    assert.ok(!slides.includes('A strategy nobody can find doesn’t exist.'));
  });

  test('deck.exclude keeps a sentence off the slides; maxQuotes from the front matter caps the chosen ones', () => {
    assert.ok(!quotes.some((q) => q.text.startsWith('Most of this guide is about design documents')));
    assert.equal(quotes.length, 3, 'maxQuotes: 3');
    assert.deepEqual(quotes.filter((q) => !q.pinned).map((q) => q.text.slice(0, 29)), ['The lesson is that a strategy']);
  });

  test('a bullet list introduced as habits is a set of practices named after them; other lists are not', () => {
    const practices = deck.slides.filter((s) => s.kind === 'practice');
    assert.equal(practices.length, 3);
    assert.deepEqual(practices.map((p) => p.kicker), ['Habit 1 of 3', 'Habit 2 of 3', 'Habit 3 of 3']);
    assert.ok(!deck.slides.some((s) => texts(s).includes('Don’t copy another company’s strategy')));
  });

  test('the footer and title slide make do without author or site', () => {
    assert.equal(deck.footer, 'Writing engineering strategy');
    assert.deepEqual(deck.slides[0]!.credits, ['February 14, 2021']);
  });
});

describe('other shapes', () => {
  test('no list at all: no practices, two quotes as the front matter asks, each a whole sentence', async () => {
    const { deck, quotes } = await extract(fixture('no-list'));
    assert.ok(!kinds(deck.slides).includes('overview') && !kinds(deck.slides).includes('practice'));
    assert.equal(quotes.length, 2);
    const sentences = sourceSentences(fixture('no-list'));
    for (const quote of quotes) assert.ok(sentences.has(plainTypography(quote.text)), quote.text);
    assert.ok(quotes.some((q) => q.text.startsWith('The point is that alignment is a habit')));
  });

  test('a very short guide: a title and its one thought, nothing invented', async () => {
    const { deck, quotes } = await extract(fixture('short'));
    assert.deepEqual(kinds(deck.slides), ['title', 'closing']);
    assert.equal(deck.title, 'Ask for the meeting');
    assert.equal(quotes.length, 0);
    assert.equal(deck.slides[1]!.quote!.flat().join(' '), 'If you need a decision, ask for the meeting instead of waiting for it to happen.');
  });

  test('a very long epigraph is cut after whole sentences with an ellipsis; a 70-word sentence is never a quote', async () => {
    const { deck, quotes, guide } = await extract(fixture('long-quote'));
    const epigraph = deck.slides.filter((s) => s.kind === 'epigraph');
    assert.equal(epigraph.length, 1);
    assert.ok(epigraph[0]!.cutAfter);
    assert.equal(epigraph[0]!.attribution, 'A. N. Engineer, Notes on practice');
    const full = plainTypography(guide.file.data.epigraph!.text.replace(/\s+/g, ' '));
    const shown = plainTypography(epigraph[0]!.quote!.flat().join(' '));
    assert.ok(full.startsWith(shown) && shown.endsWith('joins next year.'), shown);
    assert.ok(epigraph[0]!.notes[0]!.includes('even when you are sure that everyone already knows.'));
    assert.ok(!quotes.some((q) => q.text.startsWith('A decision log is the smallest useful habit')));
    assert.ok(quotes.some((q) => q.pinned && q.text === 'Write the decision, the date, and the people who made it. Nothing else is required, and everything else is optional.'));
  });

  test('deck.exclude may name whole kinds of slide; a wrong setting is a warning, not a failure', async () => {
    const { VFile } = await import('vfile');
    const { parseGuide } = await import('../../src/markdown/pipeline.js');
    const source = readFileSync(seedPath, 'utf8').replace('url: /guides/to-lead-follow', 'url: /guides/to-lead-follow\ndeck:\n  exclude: [epigraph, practices]\n  maxQuotes: lots');
    const file = new VFile({ path: seedPath, value: source });
    const tree = await parseGuide(file);
    const { deck } = extractDeck({ slug: 'x', path: seedPath, file, tree, meta: file.data.meta! }, defaults.deck);
    assert.deepEqual(kinds(deck.slides), ['title', 'quote', 'quote', 'quote', 'quote', 'closing']);
    const warning = file.messages.find((m) => m.ruleId === 'deck-front-matter');
    assert.match(warning?.reason ?? '', /maxQuotes must be a whole number/);
    assert.equal(warning?.line, source.split('\n').indexOf('  maxQuotes: lots') + 1);
  });
});

describe('code, tables and diagrams', () => {
  // Its own copy of the technical guide's diagram and code part: the merged technical fixture also holds math.
  const technical = join(fixtures, 'deck-technical', 'guide.md');
  const drawn = (guide: Awaited<ReturnType<typeof loadGuide>>) => {
    const map = new Map<Code, DeckDiagram>();
    visit(guide.tree, 'code', (node: Code) => {
      if (node.lang === 'mermaid') map.set(node, { svg: '<svg/>', width: 800, height: 200, title: /title="([^"]+)"/.exec(node.meta ?? '')?.[1] });
    });
    return map;
  };

  test('the technical fixture: a slide for the marked code, the table and both diagrams, in the guide\'s order', async () => {
    const guide = await loadGuide({ path: technical, slug: 'guide' });
    const { deck } = extractDeck(guide, defaults.deck, drawn(guide));
    const shown = deck.slides.filter((s) => ['code', 'table', 'diagram'].includes(s.kind));
    assert.deepEqual(shown.map((s) => [s.kind, s.kicker, s.heading]), [
      ['diagram', undefined, 'Request flow'],
      ['diagram', 'Part 2', 'One attempt, then another'],
      ['code', undefined, 'The helper'],
      ['table', 'Part 4', 'What to retry'],
    ]);
    const code = shown[2]!;
    assert.equal(code.code!.lang, 'ts');
    assert.equal(code.code!.lines[0], 'export interface RetryOptions {');
    assert.equal(code.code!.lines.length, 31);
    assert.equal(code.notes[0], 'The whole helper fits on a screen, and every line of it is there for a reason.');
    const table = shown[3]!.table!;
    assert.deepEqual(table.header, ['Failure', 'Retry?', 'Why']);
    assert.deepEqual(table.rows[1], ['429 Too Many Requests', 'yes, after Retry-After', 'the service said when']);
    assert.equal(shown[0]!.image!.width, 1040, 'a wide diagram takes the slide\'s width');
    assert.match(shown[0]!.image!.src, /^data:image\/svg\+xml;base64,/);
  });

  test('sections with nothing to say get no divider; one whose only content is shown names its slide', async () => {
    const guide = await loadGuide({ path: technical, slug: 'guide' });
    const { deck } = extractDeck(guide, defaults.deck, drawn(guide));
    const dividers = deck.slides.filter((s) => s.kind === 'section').map((s) => `${s.kicker}: ${s.heading}`);
    assert.deepEqual(dividers, ['Part 1: Where the retry sits', 'Part 3: The helper', 'Part 5: Giving up']);
    for (const s of deck.slides.filter((s) => s.kind === 'section')) assert.ok(s.body?.length || deck.slides[deck.slides.indexOf(s) + 1]?.kind !== 'section');
  });

  test('a block is shown when marked or when it is the heart of its section, not when the section is mostly text', async () => {
    const prose = 'This section explains at length why the code matters, sentence after sentence. '.repeat(6);
    const parsed = await parse(['# T', '', '## Mostly text', '', prose, '', '```sh', 'make all', '```', '', '## Mostly code', '', 'Run it:', '', '```sh', 'make test', '```', '',
      '## Two blocks', '', '```sh', 'a', '```', '', '```sh', 'b', '```', ''].join('\n'));
    const guide = asGuide('t', parsed);
    const { deck } = extractDeck(guide, defaults.deck);
    const code = deck.slides.filter((s) => s.kind === 'code').map((s) => s.code!.lines.join('\n'));
    assert.deepEqual(code, ['make test']);
    assert.ok(!deck.slides.some((s) => s.kind === 'section' && s.heading === 'Two blocks'), 'a section with nothing to show has no divider');
    assert.ok(!deck.slides.some((s) => s.kind === 'section' && !s.body?.length && s.heading === 'Mostly code'));
  });
});
