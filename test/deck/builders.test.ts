import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { epigraphSlides } from '../../src/deck/builders.js';
import { defaults } from '../../src/config.js';
import { loadGuide } from '../../src/content/guide.js';
import { extractDeck } from '../../src/deck/extract.js';
import { asGuide, fixtures, parse } from '../helpers/guide.js';

async function extract(name: string) {
  const guide = await loadGuide({ path: join(fixtures, `deck-${name}`, 'guide.md'), slug: 'guide' });
  return extractDeck(guide, defaults.deck);
}

test('a practice’s nested list items are separate words on the slide and in the notes, inline text unchanged', async () => {
  const { deck } = await extract('nested-practices');
  const first = deck.slides.find((s) => s.kind === 'practice')!;
  assert.equal(first.heading, 'Write the plan down.');
  const expected = 'Nobody can support a plan they cannot read, so get it into the open. share it with the skeptics first then with the sponsors especially the finance partner';
  assert.equal(first.body?.join(' '), expected);
  assert.equal(first.notes.join(' '), `Write the plan down. ${expected}`);
  const second = deck.slides.filter((s) => s.kind === 'practice')[1]!;
  assert.equal(second.body?.join(' '), 'People who were asked speak up; people who were not wait until it is too late to change anything.');
});

test('the title slide points at the front matter’s title: line, not the whole front matter', async () => {
  const { deck } = await extract('german');
  const position = deck.slides[0]!.position!;
  assert.deepEqual([position.start.line, position.end.line], [2, 2]);
});

test('in a TOML guide too, the title slide points at the title line', async () => {
  const parsed = await parse('+++\ndraft = false\n\ntitle = "A TOML guide"\n+++\n\nSome text that closes the guide.\n');
  const { deck } = extractDeck(asGuide('toml', parsed), defaults.deck);
  const position = deck.slides[0]!.position!;
  assert.deepEqual([position.start.line, position.start.column, position.end.line], [4, 1, 4]);
});

test('an epigraph that fits is one slide; two slides’ worth is split at a sentence; more is cut', () => {
  const sentence = (n: number) => `${Array.from({ length: n - 1 }, () => 'word').join(' ')} end.`;
  const one = epigraphSlides([[sentence(20), sentence(20)]], 'Someone');
  assert.deepEqual(one.map((s) => [s.kind, s.attribution, s.shrink]), [['epigraph', 'Someone', 0]]);
  const two = epigraphSlides([[sentence(40), sentence(40)]], 'Someone');
  assert.deepEqual(two.map((s) => [s.continues, s.continued, s.attribution]), [[true, undefined, undefined], [undefined, true, 'Someone']]);
  const cut = epigraphSlides([[sentence(40), sentence(40), sentence(40)]], 'Someone');
  assert.equal(cut.length, 1);
  assert.ok(cut[0]!.cutAfter);
  assert.equal(cut[0]!.notes.at(-1), '— Someone', 'the notes hold it whole, attribution last');
});
