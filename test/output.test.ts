import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeArtifact } from '../src/output.js';
import { tempDir } from './helpers/tmp.js';

test('an artifact is written whole or not at all', async () => {
  const dir = tempDir('out');
  writeFileSync(join(dir, 'handout.html'), 'old html');
  writeFileSync(join(dir, 'blocker'), 'a file where a folder should be');
  await assert.rejects(
    writeArtifact([{ path: join(dir, 'handout.html'), data: 'new html' }, { path: join(dir, 'blocker/handout.pdf'), data: 'pdf' }], 1),
  );
  assert.equal(readFileSync(join(dir, 'handout.html'), 'utf8'), 'old html', 'the earlier file is untouched');
  assert.deepEqual(readdirSync(dir).sort(), ['blocker', 'handout.html'], 'no partial files are left behind');

  const written = await writeArtifact([{ path: join(dir, 'a/handout.html'), data: 'new' }], 12);
  assert.deepEqual(written, [{ path: join(dir, 'a/handout.html'), bytes: 3, ms: 12 }]);
});
