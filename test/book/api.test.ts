import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as api from '../../src/index.js';

test('the package exports the book stage', () => {
  for (const name of ['buildBook', 'parseManifest', 'paginate']) assert.equal(typeof (api as Record<string, unknown>)[name], 'function', name);
});
