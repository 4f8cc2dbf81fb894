import assert from 'node:assert/strict';
import { test } from 'node:test';
import { localQuotes } from '../../src/markdown/quotes.js';
import { parse, plain } from '../helpers/guide.js';

const body = async (lang: string, markdown: string) => {
  const { tree, file } = await parse(`---\ntitle: "Ein \\"Test\\""\nlang: ${lang}\n---\n\n${markdown}\n`);
  const paragraph = tree.children.find((n) => n.type === 'paragraph');
  const text = (node: unknown): string => {
    const n = node as { value?: string; children?: unknown[] };
    return n.value ?? (n.children ?? []).map(text).join('');
  };
  return { text: plain(text(paragraph)), title: file.data.meta!.title };
};

test('each language gets its own quotation marks, inner ones too', async () => {
  assert.equal((await body('de', 'Sie sagte: "Das ist \'gut\' so."')).text, 'Sie sagte: „Das ist ‚gut‘ so.“');
  assert.equal((await body('fr', 'Elle a dit : "C\'est bien."')).text, 'Elle a dit : «\u202fC’est bien.\u202f»');
  assert.equal((await body('ja', '彼は"はい"と言った。')).text, '彼は「はい」と言った。');
  assert.equal((await body('es', 'Dijo "sí".')).text, 'Dijo «sí».');
  assert.equal((await body('pt-BR', 'Disse "sim".')).text, 'Disse “sim”.');
  assert.equal((await body('pt', 'Disse "sim".')).text, 'Disse «sim».');
  assert.equal((await body('zh-Hant-TW', '他說"是"。')).text, '他說「是」。');
});

test('English, and a language that uses the same marks, are left as smart typography set them', async () => {
  assert.equal((await body('en', 'She said "it\'s \'fine\'".')).text, 'She said “it’s ‘fine’”.');
  assert.equal((await body('zh', '他说"是"。')).text, '他说“是”。');
});

test('a quote across emphasis keeps its pair, and an apostrophe stays one', async () => {
  assert.equal((await body('de', '"Das *ist* gut," sagte sie.')).text, '„Das ist gut,“ sagte sie.');
  assert.equal((await body('fr', "L'équipe dit 'l'avis' compte.")).text, 'L’équipe dit ‹\u202fl’avis\u202f› compte.'.replace('‹\u202f', '“\u202f').replace('\u202f›', '\u202f”'));
});

test('the front matter’s title gets the same marks', async () => {
  assert.equal((await body('de', 'x')).title, 'Ein „Test“');
  assert.equal(localQuotes('“Oui”', 'fr'), '«\u202fOui\u202f»');
  assert.equal(localQuotes('“Yes”', 'en'), '“Yes”');
});
