import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { anchorContent, collectDecks, sequence } from '../../bench/anchors.js';
import { tempDir } from '../helpers/tmp.js';

test('anchorContent: site-absolute images made relative to static/, links left alone', () => {
  const dir = tempDir('anchors');
  mkdirSync(join(dir, 'content/guides/img'), { recursive: true });
  mkdirSync(join(dir, 'content/static/images'), { recursive: true });
  writeFileSync(join(dir, 'content/static/images/a.png'), 'png');
  writeFileSync(join(dir, 'content/guides/img/b.png'), 'png');
  writeFileSync(join(dir, 'content/guides/b.md'), '![B](img/b.png)\n');
  writeFileSync(join(dir, 'content/guides/a.md'), '![A](/images/a.png) and [a guide](/guides/b)\n');
  const files = anchorContent(join(dir, 'content'), join(dir, 'out'));
  assert.deepEqual(files, [join(dir, 'out/guides/a.md'), join(dir, 'out/guides/b.md')]);
  assert.equal(readFileSync(files[0]!, 'utf8'), '![A](../static/images/a.png) and [a guide](/guides/b)\n');
  assert.ok(existsSync(join(dir, 'out/static/images/a.png')));
  assert.ok(existsSync(join(dir, 'out/guides/img/b.png')));
});

test('collectDecks: one Marp input per built deck, named by its slug', () => {
  const dir = tempDir('decks');
  for (const slug of ['x', 'y']) {
    mkdirSync(join(dir, 'dist', slug), { recursive: true });
    writeFileSync(join(dir, 'dist', slug, 'deck.md'), `# ${slug}\n`);
  }
  mkdirSync(join(dir, 'dist/book'));
  assert.equal(collectDecks(join(dir, 'dist'), join(dir, 'decks')), 2);
  assert.equal(readFileSync(join(dir, 'decks/y.md'), 'utf8'), '# y\n');
});

test('sequence: arguments reach each command whole, quotes and spaces included', () => {
  const [shell, ...args] = sequence(['printf', '%s|', "it's", 'a b'], ['printf', '%s', '{"args":["--no-sandbox"]}']);
  const out = spawnSync(shell!, args, { encoding: 'utf8' }).stdout;
  assert.equal(out, 'it\'s|a b|{"args":["--no-sandbox"]}');
});
