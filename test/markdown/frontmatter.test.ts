import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasErrors } from '../../src/errors.js';
import { parse } from '../helpers/guide.js';

test('Hugo front matter: known keys are read, unknown keys kept and ignored', async () => {
  const { meta, file } = await parse(`---
title: "Keavy McMinn - Principal Engineer"
date: 2020-03-14T09:00:00-07:00
url: /stories/keavy-mcminn
weight: 40
book_section: stories
tags: ["interview", "infrastructure"]
lang: en-GB
---

Text.
`);
  assert.equal(hasErrors(file), false);
  assert.equal(meta.title, 'Keavy McMinn - Principal Engineer');
  assert.equal(meta.date, '2020-03-14');
  assert.equal(meta.url, '/stories/keavy-mcminn');
  assert.equal(meta.lang, 'en-GB');
  assert.deepEqual(meta.keywords, ['interview', 'infrastructure']);
  assert.deepEqual(meta.extra, { weight: 40, book_section: 'stories' });
});

test('a leading # heading is the title when the front matter has none, and leaves the body', async () => {
  const { meta, tree } = await parse('# Staff archetypes\n\nThere are four.\n');
  assert.equal(meta.title, 'Staff archetypes');
  assert.equal(meta.lang, 'en');
  assert.ok(!tree.children.some((n) => n.type === 'heading'));
});

test('no title at all is a positioned error', async () => {
  const { file } = await parse('---\nsite: StaffEng\n---\n\nJust text.\n');
  const [m] = file.messages;
  assert.ok(m?.fatal);
  assert.equal(m?.ruleId, 'missing-title');
  assert.equal(m?.line, 1);
  assert.match(m!.reason, /add `title: \.\.\.`/);
});

test('YAML that does not parse is an error at its own line in the guide', async () => {
  const { file } = await parse('---\ntitle: Fine\nsite: [StaffEng\nlang: en\n---\n\nText.\n');
  const m = file.messages.find((x) => x.ruleId === 'yaml');
  assert.ok(m?.fatal, file.messages.join('\n'));
  assert.ok(m!.line! >= 3 && m!.line! <= 5, `line ${m!.line}`);
  assert.match(m!.reason, /not valid YAML/);
});

test('a title that is not text, and a date that is not a date, are errors', async () => {
  const { file } = await parse('---\ntitle: [a, b]\ndate: someday\n---\n\nText.\n');
  const rules = file.messages.map((m) => `${m.line}:${m.ruleId}`);
  assert.ok(rules.includes('2:front-matter'), rules.join());
  assert.ok(rules.includes('3:front-matter'), rules.join());
});

test('Hugo TOML front matter between +++ is read like YAML', async () => {
  const { meta, file, tree } = await parse(`+++
title = "Staff archetypes"
date = 2020-02-01T10:00:00Z
tags = ["archetypes", "roles"]
url = "/guides/staff-archetypes"
weight = 10
+++

> Four shapes of the role.
>
> — Will Larson

Text.
`);
  assert.equal(file.messages.length, 0, file.messages.join('\n'));
  assert.equal(meta.title, 'Staff archetypes');
  assert.equal(meta.date, '2020-02-01');
  assert.deepEqual(meta.keywords, ['archetypes', 'roles']);
  assert.equal(meta.url, '/guides/staff-archetypes');
  assert.deepEqual(meta.extra, { weight: 10 });
  assert.equal(file.data.epigraph?.attributionText, 'Will Larson', 'the epigraph is found after TOML front matter');
  assert.ok(!tree.children.some((n) => n.type === 'paragraph' && JSON.stringify(n).includes('+++')));
});

test('TOML that does not parse is an error at its line in the guide', async () => {
  const { file } = await parse('+++\ntitle = "Fine"\ntags = [1,\n+++\n\nText.\n');
  const m = file.messages.find((x) => x.ruleId === 'toml');
  assert.ok(m?.fatal, file.messages.join('\n'));
  assert.equal(m!.line, 3, 'the line of the unfinished list');
  assert.match(m!.reason, /not valid TOML/);
  assert.ok(!file.messages.some((x) => x.ruleId === 'missing-title'));
});

test('a date that is no day of the calendar is an error; a Hugo timestamp keeps its written day', async () => {
  const bad = await parse('---\ntitle: T\ndate: 2024-02-30\n---\n\nText.\n');
  assert.ok(bad.file.messages.some((m) => m.fatal && m.ruleId === 'front-matter' && m.line === 3), bad.file.messages.join('\n'));
  const late = await parse('---\ntitle: T\ndate: 2020-03-14T22:00:00-07:00\n---\n\nText.\n');
  assert.equal(late.meta.date, '2020-03-14');
});

test('the title and description get the same typography as the body; drafts are marked', async () => {
  const { meta } = await parse('---\ntitle: "Dashes -- and \'quotes\' \\"double\\" ..."\ndescription: It\'s -- fine\ndraft: true\n---\n\nText.\n');
  assert.equal(meta.title, 'Dashes – and ‘quotes’ “double” …');
  assert.equal(meta.description, 'It’s – fine');
  assert.equal(meta.draft, true);
  const hash = await parse('---\ntitle: "# of *people*"\n---\n\nText.\n');
  assert.equal(hash.meta.title, '# of *people*', 'front matter is not markdown');
});

test('where each key is written is kept on the file, for YAML and TOML alike', async () => {
  const line = (places: typeof yaml.file.data.metaPlaces, key: string) => places?.keys[key]?.start.line;
  const yaml = await parse('---\ntitle: T\ndeck:\n  theme: gaia\n  quotes:\n    - One.\n---\n\nText.\n');
  assert.deepEqual(['title', 'deck', 'deck.theme', 'deck.quotes', 'deck.quotes.0'].map((k) => line(yaml.file.data.metaPlaces, k)), [2, 3, 4, 5, 6]);
  const toml = await parse('+++\ntitle = "T"\n# a comment\n[deck]\ntheme = "gaia"\nquotes = [\n  "One, \\"two\\"",  # why\n  \'Three\',\n]\n+++\n\nText.\n');
  assert.deepEqual(['title', 'deck', 'deck.theme', 'deck.quotes', 'deck.quotes.0', 'deck.quotes.1'].map((k) => line(toml.file.data.metaPlaces, k)), [2, 4, 5, 6, 7, 8]);
  assert.equal(toml.file.data.metaPlaces?.matter?.start.line, 1);
  assert.equal(toml.meta.title, 'T');
});

test('a TOML value over several lines hides no keys: what is inside a string or a list is not a key', async () => {
  const toml = await parse('+++\ntitle = "T"\ndescription = """\nnot = a key\n[not.a.table]\n"""\nlist = [\n  ["x"], # not a table\n]\n[[entries]]\nname = "e"\n[deck]\ntheme = "gaia" # a comment\nquotes = [ "a", \'b\' ]\n+++\n\nText.\n');
  const keys = toml.file.data.metaPlaces!.keys;
  assert.deepEqual(Object.keys(keys).sort(), ['deck', 'deck.quotes', 'deck.quotes.0', 'deck.quotes.1', 'deck.theme', 'description', 'list', 'title']);
  assert.deepEqual([keys['deck.theme']!.start.line, keys['deck.quotes.1']!.start.line, keys['deck.quotes.1']!.start.column], [13, 14, 17]);
});

test('a source that is not a web address, a lang that is no language tag, an alias with no anchor: positioned, never thrown', async () => {
  const { file, meta } = await parse('---\ntitle: T\nsource: staffeng.com/guides/x\nlang: not a language\nsite: *nowhere\n---\n\nText.\n');
  const at = (key: string) => file.messages.find((m) => m.reason.includes(key));
  assert.equal(hasErrors(file), true, 'the alias makes the YAML unusable');
  assert.equal(at('alias')?.ruleId, 'yaml');
  const fine = await parse('---\ntitle: T\nsource: staffeng.com/guides/x\nlang: not a language\n---\n\n[x](/guides/y)\n');
  const source = fine.file.messages.find((m) => m.reason.includes('`source`'));
  assert.equal(source?.line, 3);
  assert.equal(source?.fatal, false);
  assert.match(source!.reason, /not a web address: "staffeng\.com\/guides\/x"/);
  assert.equal(fine.meta.source, undefined);
  const lang = fine.file.messages.find((m) => m.reason.includes('`lang`'));
  assert.equal(lang?.line, 4);
  assert.equal(fine.meta.lang, 'en');
  assert.ok(meta);
});
