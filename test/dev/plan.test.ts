import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { type Plan, isScratch, mergePlans, planFor } from '../../src/dev/plan.js';

const content = '/site/content';
const a = join(content, 'guides/a.md');
const b = join(content, 'guides/b.md');
const c = join(content, 'posts/c/index.md');
const context = { contentDir: content, guides: new Map([[a, true], [b, false], [c, false]]) };

test('a guide rebuilds that guide, with the book only when the book holds it', () => {
  assert.deepEqual(planFor(a, context), { kind: 'guides', guides: [a], book: true });
  assert.deepEqual(planFor(b, context), { kind: 'guides', guides: [b], book: false });
});

test('an image beside guides rebuilds the guides of its folder', () => {
  assert.deepEqual(planFor(join(content, 'posts/c/diagram.png'), context), { kind: 'guides', guides: [c], book: false });
  assert.deepEqual(planFor(join(content, 'guides/photo.JPG'), context), { kind: 'guides', guides: [a, b], book: true });
});

test('the manifest rebuilds the book; anything else, everything', () => {
  assert.deepEqual(planFor(join(content, 'book.yaml'), context), { kind: 'book' });
  for (const path of [
    join(content, 'static/logo.png'), // served to every guide by its /path
    join(content, 'guides/new.md'), // a new guide: the index, the links, the book
    join(content, 'notes.txt'),
    '/site/templates/print/handout.css',
    '/site/guidepress.config.json',
  ]) assert.deepEqual(planFor(path, context), { kind: 'all' }, path);
});

test('plans gathered while a build runs merge into one', () => {
  const one: Plan = { kind: 'guides', guides: [a], book: false };
  const two: Plan = { kind: 'guides', guides: [b, a], book: true };
  assert.deepEqual(mergePlans(undefined, one), one);
  assert.deepEqual(mergePlans(one, two), { kind: 'guides', guides: [a, b], book: true });
  assert.deepEqual(mergePlans(one, { kind: 'book' }), { kind: 'guides', guides: [a], book: true });
  assert.deepEqual(mergePlans({ kind: 'book' }, { kind: 'book' }), { kind: 'book' });
  assert.deepEqual(mergePlans(two, { kind: 'all' }), { kind: 'all' });
  assert.deepEqual(mergePlans({ kind: 'all' }, one), { kind: 'all' });
});

test("an editor's scratch files are not changes", () => {
  for (const name of ['.a.md.swp', '4913', 'a.md~', 'sedAb12Cd', 'a.md.123.partial']) assert.ok(isScratch(join(content, 'guides', name)), name);
  for (const name of ['a.md', 'book.yaml', 'photo.png', 'handout.css']) assert.ok(!isScratch(join(content, 'guides', name)), name);
});
