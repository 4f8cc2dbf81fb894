import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { fillLabel, labelKeys, labelsFor } from '../../src/shared/labels.js';
import { tempDir } from '../helpers/tmp.js';

const bundled = fileURLToPath(new URL('../../templates/labels/', import.meta.url));

test('every bundled table has exactly the English keys, each a non-empty string with the same places', () => {
  const english = JSON.parse(readFileSync(join(bundled, 'en.json'), 'utf8')) as Record<string, string>;
  assert.deepEqual(Object.keys(english), [...labelKeys]);
  const places = (s: string) => [...s.matchAll(/\{\w+\}/g)].map((m) => m[0]).sort();
  const files = readdirSync(bundled);
  for (const lang of ['en', 'de', 'fr', 'es', 'pt', 'it', 'nl', 'ja', 'zh', 'ko', 'ar']) assert.ok(files.includes(`${lang}.json`), lang);
  for (const file of files) {
    const table = JSON.parse(readFileSync(join(bundled, file), 'utf8')) as Record<string, string>;
    assert.deepEqual(Object.keys(table).sort(), Object.keys(english).sort(), file);
    for (const key of labelKeys) {
      assert.ok(table[key]!.trim(), `${file} ${key}`);
      assert.deepEqual(places(table[key]!), places(english[key]!), `${file} ${key}`);
    }
  }
});

test('a tag falls back to its base language, then to English', () => {
  assert.equal(labelsFor('de').contents, 'Inhalt');
  assert.equal(labelsFor('pt-BR').contents, 'Sumário');
  assert.equal(labelsFor('DE-at').chapter, 'Kapitel {n}');
  assert.equal(labelsFor('sv').contents, 'Contents');
});

test("the user's table adds a language and overrides a bundled one key by key", () => {
  const dir = tempDir('labels');
  mkdirSync(join(dir, 'labels'));
  writeFileSync(join(dir, 'labels', 'de.json'), JSON.stringify({ contents: 'Inhaltsverzeichnis' }));
  writeFileSync(join(dir, 'labels', 'sv.json'), JSON.stringify({ contents: 'Innehåll' }));
  writeFileSync(join(dir, 'labels', 'pt-br.json'), JSON.stringify({ notes: 'Notas de rodapé' }));
  assert.equal(labelsFor('de', dir).contents, 'Inhaltsverzeichnis');
  assert.equal(labelsFor('de', dir).notes, 'Anmerkungen');
  assert.equal(labelsFor('sv', dir).contents, 'Innehåll');
  assert.equal(labelsFor('sv', dir).notes, 'Notes');
  assert.equal(labelsFor('pt-BR', dir).notes, 'Notas de rodapé');
  assert.equal(labelsFor('pt-BR', dir).contents, 'Sumário');
});

test('a label file that is not a JSON object is a usage error that names it', () => {
  const dir = tempDir('labels-bad');
  mkdirSync(join(dir, 'labels'));
  writeFileSync(join(dir, 'labels', 'de.json'), '{ "contents": ');
  writeFileSync(join(dir, 'labels', 'fr.json'), '["Sommaire"]');
  assert.throws(() => labelsFor('de', dir), (error: Error) => error.name === 'UsageError' && error.message.includes(join(dir, 'labels', 'de.json')));
  assert.throws(() => labelsFor('fr', dir), (error: Error) => error.name === 'UsageError' && /not a JSON object/.test(error.message));
});

test('places are filled, numbers the language’s way', () => {
  assert.equal(fillLabel('{noun} {n} of {total}', 'en', { noun: 'Step', n: 2, total: 3 }), 'Step 2 of 3');
  assert.equal(fillLabel('Chapter {n}', 'en', { n: 1000 }), 'Chapter 1000');
  assert.equal(fillLabel('الفصل {n}', 'ar-EG', { n: 3 }), `الفصل ${new Intl.NumberFormat('ar-EG').format(3)}`);
  assert.equal(fillLabel('{n} {missing}', 'en', { n: 1 }), '1 {missing}');
});
