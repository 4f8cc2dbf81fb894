import assert from 'node:assert/strict';
import { test } from 'node:test';
import { closingThought, looseMatcher } from '../../src/deck/quotes.js';

test('a quote typed with straight quotes, -- and ... finds the typeset text', () => {
  const typeset = 'It’s “done” – mostly — and then… it isn’t (really) [sic].';
  assert.ok(looseMatcher(`It's "done" -- mostly --- and then... it isn't (really) [sic].`).test(typeset));
  assert.ok(looseMatcher('done” –   mostly').test(typeset));
  assert.ok(!looseMatcher("It's done").test(typeset));
});

test('the closing thought is whole sentences from the end, at least one however long', () => {
  const long = Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ') + '.';
  assert.deepEqual(closingThought(['First one here.', 'Second one.', 'Last words.']), ['First one here.', 'Second one.', 'Last words.']);
  assert.deepEqual(closingThought(['Before it.', long]), [long]);
  assert.deepEqual(closingThought([long, 'A short end.']), ['A short end.']);
});
