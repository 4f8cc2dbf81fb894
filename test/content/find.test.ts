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

test('two guides with one slug are an error naming both files', async () => {
  const dir = tempDir('find');
  for (const sub of ['guides', 'stories', 'static/docs']) mkdirSync(join(dir, sub), { recursive: true });
  writeFileSync(join(dir, 'guides/same.md'), '# A');
  writeFileSync(join(dir, 'stories/same.md'), '# B');
  writeFileSync(join(dir, 'static/docs/readme.md'), '# not a guide');
  await assert.rejects(findGuides(dir), (error: unknown) => {
    assert.ok(error instanceof UsageError);
    assert.match(error.message, /"same"/);
    assert.match(error.message, /guides\/same\.md/);
    assert.match(error.message, /stories\/same\.md/);
    return true;
  });
});

test('a missing content folder is a usage error', async () => {
  await assert.rejects(findGuides('/nonexistent/content'), UsageError);
});
