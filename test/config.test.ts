import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaults, resolveConfig, validateConfigFile } from '../src/config.js';
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
  assert.deepEqual(defaults.only, ['handout', 'deck', 'pptx', 'notes', 'book', 'epub']);
  assert.equal(defaults.deck.maxQuotes, 4);
});

test('bad values are usage errors', () => {
  assert.throws(() => resolveConfig({ paper: 'tabloid' as never }), UsageError);
  assert.throws(() => resolveConfig({ only: ['poster' as never] }), /Unknown output "poster"/);
  assert.throws(() => resolveConfig({ deck: { maxQuotes: -1 } }), UsageError);
  for (const jobs of [0, 1.5, Number.NaN]) assert.throws(() => resolveConfig({ jobs }), /--jobs must be a whole number of at least 1/);
});

test('jobs: as many guides at once as there are cores, unless the config file or --jobs says', async () => {
  const { availableParallelism } = await import('node:os');
  assert.equal(resolveConfig().jobs, availableParallelism());
  assert.equal(resolveConfig(validateConfigFile({ jobs: 3 }, 'g.json')).jobs, 3);
  assert.equal(resolveConfig({ jobs: 3 }, { jobs: 1 }).jobs, 1);
  assert.throws(() => validateConfigFile({ jobs: 'all' }, 'g.json'), /"jobs"/);
});

test('a config file is checked against the schema: unknown keys with the closest known one, wrong types, by name', () => {
  assert.deepEqual(validateConfigFile({ paper: 'letter', timeout: 30, deck: { theme: 'gaia' } }, 'g.json'), { paper: 'letter', timeout: 30, deck: { theme: 'gaia' } });
  assert.throws(() => validateConfigFile({ papr: 'letter' }, 'g.json'), /^UsageError: Config file g\.json: unknown key "papr": did you mean "paper"\?$/);
  assert.throws(() => validateConfigFile({ deck: { maxQuote: 2 } }, 'g.json'), /unknown key "deck\.maxQuote": did you mean "deck\.maxQuotes"\?/);
  assert.throws(() => validateConfigFile({ qqqqqqqq: 1 }, 'g.json'), /unknown key "qqqqqqqq" \(known: contentDir, outDir/);
  assert.throws(() => validateConfigFile({ timeout: '60' }, 'g.json'), /"timeout": expected number, received string/);
  assert.throws(() => validateConfigFile({ only: ['handout', 'poster'] }, 'g.json'), /"only\.1": /);
  assert.throws(() => validateConfigFile([], 'g.json'), /must hold a JSON object/);
  assert.equal(resolveConfig().timeout, 120);
  assert.throws(() => resolveConfig({ timeout: 0 }), /timeout must be a number of seconds above 0/);
});

test('the code themes are config keys too: a misspelt one is named with the closest', () => {
  assert.deepEqual(validateConfigFile({ code: { theme: 'nord' } }, 'g.json'), { code: { theme: 'nord' } });
  assert.throws(() => validateConfigFile({ code: { deckThem: 'nord' } }, 'g.json'), /unknown key "code\.deckThem": did you mean "code\.deckTheme"\?/);
});
