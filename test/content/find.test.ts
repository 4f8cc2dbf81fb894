import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { findGuides } from '../../src/content/find.js';
import { UsageError } from '../../src/errors.js';
import { fixtures } from '../helpers/guide.js';
import { tempDir } from '../helpers/tmp.js';

test('guides are .md files in any subfolder, except _index.md and static/', async () => {
  const dir = join(fixtures, 'hugo-site/content');
  const guides = await findGuides(dir);
  assert.deepEqual(guides.map((g) => relative(dir, g.path)), ['guides/writing-engineering-strategy.md', 'stories/keavy-mcminn.md']);
  assert.deepEqual(guides.map((g) => g.slug), ['writing-engineering-strategy', 'keavy-mcminn']);
});

test('two guides with one slug are marked with each other, a page bundle takes its folder\'s name, the output folder is skipped', async () => {
  const dir = tempDir('find');
  for (const sub of ['guides', 'stories', 'static/docs', 'posts/first-post', 'posts/second-post', 'dist/x']) mkdirSync(join(dir, sub), { recursive: true });
  writeFileSync(join(dir, 'guides/same.md'), '# A');
  writeFileSync(join(dir, 'stories/same.md'), '# B');
  writeFileSync(join(dir, 'static/docs/readme.md'), '# not a guide');
  writeFileSync(join(dir, 'posts/first-post/index.md'), '# First');
  writeFileSync(join(dir, 'posts/second-post/index.md'), '# Second');
  writeFileSync(join(dir, 'dist/x/deck.md'), '---\nmarp: true\n---');
  const guides = await findGuides(dir, { exclude: [join(dir, 'dist')] });
  assert.deepEqual(guides.map((g) => g.slug), ['same', 'first-post', 'second-post', 'same']);
  assert.deepEqual(guides[0]!.sameSlug, [join(dir, 'stories/same.md')]);
  assert.deepEqual(guides[3]!.sameSlug, [join(dir, 'guides/same.md')]);
  assert.equal(guides[1]!.sameSlug, undefined);
});

test('a missing content folder is a usage error', async () => {
  await assert.rejects(findGuides('/nonexistent/content'), UsageError);
});
