import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { run } from '../helpers/cli.js';
import { fixtures } from '../helpers/guide.js';
import { tempDir } from '../helpers/tmp.js';

// Any fixed time: the builds compared below must print the same dates.
const epoch = '1700000000';

const guide = (title: string, body: string) => `---\ntitle: ${title}\nauthor: Ada Fixture\nlang: en\ndescription: ${title}, for the build's order.\n---\n\n${body}\n`;
const paragraph = 'A paragraph of plain text, long enough to wrap on the page and to give the deck a sentence or two to quote from.';

/** Five small guides: one with an image, two with diagrams, one with a warning (a remote image), one a draft; and a book of three. */
function makeContent(dir: string): string {
  const content = join(dir, 'content');
  mkdirSync(join(content, 'guides', 'img'), { recursive: true });
  copyFileSync(join(fixtures, 'book/content/guides/img/archetypes.png'), join(content, 'guides/img/archetypes.png'));
  const diagram = (label: string) => `\`\`\`mermaid title="Flow ${label}"\nflowchart LR\n  A[Start ${label}] --> B{Ready?}\n  B -->|yes| C[Ship]\n\`\`\``;
  writeFileSync(join(content, 'guides/alpha.md'), guide('Alpha', `${paragraph}\n\n![Four quadrants](img/archetypes.png)\n\n- Practise the first thing.\n- Practise the second thing.`));
  writeFileSync(join(content, 'guides/bravo.md'), guide('Bravo', `${paragraph}\n\n${diagram('bravo')}\n\n${paragraph}`));
  writeFileSync(join(content, 'guides/charlie.md'), guide('Charlie', `${paragraph}\n\n${diagram('charlie')}\n\nThe end of it.`));
  writeFileSync(join(content, 'guides/delta.md'), guide('Delta', `${paragraph}\n\n![A remote picture](https://example.com/picture.png)`));
  writeFileSync(join(content, 'guides/echo.md'), guide('Echo', paragraph).replace('lang: en', 'lang: en\ndraft: true'));
  writeFileSync(join(content, 'book.yaml'), 'title: The Order Book\nauthor: Ada Fixture\nlang: en\nchapters:\n  - title: One\n    sections: [alpha, bravo]\n  - title: Two\n    sections: [delta]\n');
  return content;
}

/** Every file under `dir` with its sha256, by relative path (none when a shard had nothing to build). */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  for (const name of (readdirSync(dir, { recursive: true }) as string[]).sort()) {
    const path = join(dir, name);
    if (statSync(path).isFile()) out[name] = createHash('sha256').update(readFileSync(path)).digest('hex');
  }
  return out;
}

/** What the CLI printed, without what differs from run to run (times) or by folder (the --out path). */
function printed(result: { stdout: string; stderr: string }, out: string): string {
  return `${result.stdout}\n--\n${result.stderr}`.split(out).join('<out>').replace(/\d+\.\d s$/gm, '<s>').replace(/ in \d+\.\d s/, ' in <s>');
}

describe('a multi-guide build (images, diagrams, a warning, a draft, a book)', () => {
  const dir = tempDir('orchestration');
  const content = makeContent(dir);
  const saved = process.env.SOURCE_DATE_EPOCH;
  const build = (out: string, ...args: string[]) => run('build', '--content', content, '--out', join(dir, out), ...args);
  let one: Awaited<ReturnType<typeof run>>;
  let four: Awaited<ReturnType<typeof run>>;

  before(async () => {
    process.env.SOURCE_DATE_EPOCH = epoch;
    one = await build('j1', '--jobs', '1');
    four = await build('j4', '--jobs', '4');
  });
  after(() => {
    if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
    else process.env.SOURCE_DATE_EPOCH = saved;
  });

  test('--jobs 1 and --jobs 4 give the same bytes, the same messages and lines in the same order, and the same exit code', () => {
    assert.equal(one.code, 0, one.stderr);
    assert.equal(four.code, 0, four.stderr);
    assert.match(one.stderr, /delta\.md\n.*warning\s+Remote image/);
    assert.match(one.stderr, /echo\.md\n.*warning\s+Not built: the guide is a draft/);
    const files = tree(join(dir, 'j1'));
    assert.ok(files['book/book.pdf'] && files['bravo/deck.pptx'] && files['alpha/handout.pdf'], Object.keys(files).join(' '));
    assert.ok(Object.keys(files).filter((f) => f.startsWith('.cache/diagrams/')).length >= 2, 'both diagrams were drawn');
    assert.deepEqual(tree(join(dir, 'j4')), files);
    assert.equal(printed(four, join(dir, 'j4')), printed(one, join(dir, 'j1')));
  });

  test('the shards 1/3, 2/3, 3/3 and a book job, each into a folder of its own, together are the single build, byte for byte', async () => {
    const single = tree(join(dir, 'j4'));
    const union: Record<string, string> = {};
    const shards: string[][] = [];
    for (const shard of ['1/3', '2/3', '3/3']) {
      const out = `shard-${shard[0]}`;
      const result = await build(out, '--shard', shard);
      assert.equal(result.code, 0, result.stderr);
      const files = tree(join(dir, out));
      shards.push(Object.keys(files).filter((f) => !f.startsWith('.cache/')));
      assert.ok(!Object.keys(files).some((f) => f.startsWith('book/')), 'a shard builds no book');
      Object.assign(union, files);
    }
    const book = await build('shard-book', '--only', 'book,epub');
    assert.equal(book.code, 0, book.stderr);
    Object.assign(union, tree(join(dir, 'shard-book')));
    const outputs = (files: Record<string, string>) => Object.fromEntries(Object.entries(files).filter(([f]) => !f.startsWith('.cache/')));
    assert.deepEqual(outputs(union), outputs(single));
    // Each guide in exactly one shard.
    const guides = shards.map((files) => [...new Set(files.map((f) => f.split('/')[0]))]);
    assert.deepEqual(guides.flat().sort(), ['alpha', 'bravo', 'charlie', 'delta']);
  });

  test('built again unchanged: nothing is written, every artifact is unchanged, the warnings are reported again, the bytes are the same', async () => {
    const before = tree(join(dir, 'j1'));
    const again = await build('j1', '--jobs', '2');
    assert.equal(again.code, 0, again.stderr);
    // Four guides (the draft is not built), a handout, a deck and an EPUB each, and the book and its EPUB.
    assert.match(again.stdout, /^0 files from 5 guides in \d+\.\d s; unchanged: 14 /m);
    assert.doesNotMatch(again.stdout, /wrote/);
    assert.equal(again.stderr, one.stderr, 'the same messages as the build that made the files');
    assert.deepEqual(tree(join(dir, 'j1')), before);
  });

  test('one guide edited: only its handout and deck and the book are written, and the result is the clean build\'s bytes', async () => {
    writeFileSync(join(content, 'guides/bravo.md'), readFileSync(join(content, 'guides/bravo.md'), 'utf8').replace(paragraph, `${paragraph} Edited.`));
    const result = await build('j1');
    assert.equal(result.code, 0, result.stderr);
    const wrote = [...result.stdout.matchAll(/wrote \S*?j1\/(\S+)/g)].map((m) => m[1]).sort();
    assert.deepEqual(wrote, ['book/book.epub', 'book/book.html', 'book/book.pdf', 'bravo/bravo.epub', 'bravo/deck-notes.pdf', 'bravo/deck.html', 'bravo/deck.md', 'bravo/deck.pdf', 'bravo/deck.pptx', 'bravo/handout.html', 'bravo/handout.pdf', 'bravo/og.png']);
    assert.match(result.stdout, /unchanged: 9 /);
    // Delta's handout is skipped (its warning replayed) and the book makes its body again: said once.
    assert.equal(result.stderr.match(/Remote image/g)?.length, 1, result.stderr);
    const clean = await build('clean');
    assert.equal(clean.code, 0, clean.stderr);
    assert.deepEqual(tree(join(dir, 'j1')), tree(join(dir, 'clean')));
  });

  test('an embedded image changed rebuilds the guide that embeds it and the book; --force rebuilds everything', async () => {
    const image = join(content, 'guides/img/archetypes.png');
    writeFileSync(image, Buffer.concat([readFileSync(image), Buffer.from('trailing bytes after IEND')]));
    const result = await build('j1', '--only', 'handout,book');
    const wrote = [...result.stdout.matchAll(/wrote \S*?j1\/(\S+)/g)].map((m) => m[1]).sort();
    assert.deepEqual(wrote, ['alpha/handout.html', 'alpha/handout.pdf', 'book/book.html', 'book/book.pdf']);
    const forced = await build('j1', 'delta', '--force', '--only', 'handout');
    assert.deepEqual([...forced.stdout.matchAll(/wrote \S*?j1\/(\S+)/g)].map((m) => m[1]).sort(), ['delta/handout.html', 'delta/handout.pdf']);
    assert.doesNotMatch(forced.stdout, /unchanged/);
  });

  test('a bad --shard or --jobs is a usage error', async () => {
    for (const args of [['--shard', '4/3'], ['--shard', 'half'], ['--jobs', '0'], ['--jobs', 'many']]) {
      const result = await build('bad', ...args);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, args[0] === '--shard' ? /--shard takes I\/N/ : /--jobs must be a whole number/);
    }
  });
});
