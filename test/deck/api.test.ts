import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as api from '../../src/index.js';

test('the package exports the deck stage', () => {
  for (const name of ['buildDeck', 'extractDeck', 'toMarp', 'renderMarp', 'presenterHtml']) {
    assert.equal(typeof (api as Record<string, unknown>)[name], 'function', `missing export ${name}`);
  }
});
