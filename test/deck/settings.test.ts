import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaults } from '../../src/config.js';
import { extractDeck } from '../../src/deck/extract.js';
import { readDeckSettings } from '../../src/deck/settings.js';
import { asGuide, parse } from '../helpers/guide.js';

const lineOf = (source: string, text: string) => source.split('\n').findIndex((l) => l.includes(text)) + 1;

test('a TOML guide’s deck warnings are at the line of what they are about', async () => {
  const source = `+++
title = "Steering in TOML"

[deck]
maxQuotes = "lots"
quotes = [
  "Good strategy is boring.",
  "Strategy is mostly saying no.",
]
exclude = "Nowhere in the text"
+++

Good strategy is boring. It is also rarer than it should be, because nobody writes it down.
`;
  const parsed = await parse(source);
  extractDeck(asGuide('toml', parsed), defaults.deck);
  const where = (rule: string) => parsed.file.messages.filter((m) => m.ruleId === rule).map((m) => m.line);
  assert.deepEqual(where('deck-front-matter'), [lineOf(source, 'maxQuotes')]);
  assert.deepEqual(where('deck-quote-not-found'), [lineOf(source, 'mostly saying no')]);
  assert.deepEqual(where('deck-exclude-not-found'), [lineOf(source, 'exclude =')]);
});

test('TOML deck keys written as dotted keys or on one line are found too', async () => {
  const source = '+++\ntitle = "T"\ndeck.theme = 7\ndeck.quotes = ["Missing words here."]\n+++\n\nText.\n';
  const { file } = await parse(source);
  const settings = readDeckSettings(file, defaults.deck);
  assert.equal(settings.quotes[0]!.place?.line, 4);
  assert.deepEqual(file.messages.map((m) => `${m.line} ${m.ruleId}`), ['3 deck-front-matter']);
});

test('a YAML guide’s pinned quotes are placed at their own lines', async () => {
  const source = '---\ntitle: T\ndeck:\n  quotes:\n    - "First quote."\n    - Second quote.\n---\n\nText.\n';
  const { file } = await parse(source);
  const settings = readDeckSettings(file, defaults.deck);
  assert.deepEqual(settings.quotes.map((q) => [q.text, q.place?.line]), [['First quote.', 5], ['Second quote.', 6]]);
});
