import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaults, resolveConfig } from '../src/config.js';
import { UsageError } from '../src/errors.js';

test('later layers win: defaults <- config file <- flags', () => {
  const file = { paper: 'letter' as const, outDir: 'out', deck: { maxQuotes: 6 } };
  const flags = { paper: 'a5' as const, outDir: undefined };
  const config = resolveConfig(file, flags);
  assert.equal(config.paper, 'a5');
  assert.equal(config.outDir, 'out', 'an undefined flag does not erase the file value');
  assert.deepEqual(config.deck, { maxQuotes: 6, theme: 'guidepress' }, 'nested deck options merge key by key');
});

test('code themes: a light one for paper, a dark one for slides, merged key by key', () => {
  assert.deepEqual(resolveConfig().code, { theme: 'github-light', deckTheme: 'github-dark' });
  assert.deepEqual(resolveConfig({ code: { theme: 'one-light' } }).code, { theme: 'one-light', deckTheme: 'github-dark' });
  assert.deepEqual(defaults.code, { theme: 'github-light', deckTheme: 'github-dark' }, 'the defaults are not touched');
});

test('resolveConfig returns a new object and mutates nothing', () => {
  const layer = { only: ['handout' as const] };
  const config = resolveConfig(layer);
  config.only.push('deck');
  assert.deepEqual(layer.only, ['handout']);
  assert.deepEqual(defaults.only, ['handout', 'deck', 'book']);
  assert.equal(defaults.deck.maxQuotes, 4);
});

test('bad values are usage errors', () => {
  assert.throws(() => resolveConfig({ paper: 'tabloid' as never }), UsageError);
  assert.throws(() => resolveConfig({ only: ['poster' as never] }), /Unknown output "poster"/);
  assert.throws(() => resolveConfig({ deck: { maxQuotes: -1 } }), UsageError);
});
