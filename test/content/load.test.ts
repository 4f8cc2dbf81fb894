import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readContentFile } from '../../src/content/load.js';
import { hasErrors } from '../../src/errors.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir('load');

test('a file that is not UTF-8 is an error at the line and column of the bad byte', async () => {
  const path = join(dir, 'latin1.md');
  // "café" in Latin-1 on line 3: é is 0xE9, which cannot start a UTF-8 sequence here.
  writeFileSync(path, Buffer.concat([Buffer.from('---\ntitle: T\n---\nUn caf'), Buffer.from([0xe9]), Buffer.from(' noir\n')]));
  const file = await readContentFile(path);
  assert.ok(hasErrors(file));
  const [message] = file.messages;
  assert.equal(message?.ruleId, 'encoding');
  assert.equal(message?.line, 4);
  assert.equal(message?.column, 7);
  assert.match(message!.reason, /not UTF-8.*0xe9/);
});

test('UTF-8 with a byte order mark loads, without the mark', async () => {
  const path = join(dir, 'bom.md');
  writeFileSync(path, '\ufeff# Café\n');
  const file = await readContentFile(path);
  assert.equal(hasErrors(file), false);
  assert.equal(String(file.value), '# Café\n');
});
