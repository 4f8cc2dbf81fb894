import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError } from '../src/errors.js';
import { inShard, parseShard } from '../src/shard.js';

test('--shard I/N: 1 <= I <= N, anything else is a usage error', () => {
  assert.deepEqual(parseShard('2/3'), { index: 2, count: 3 });
  assert.deepEqual(parseShard('1/1'), { index: 1, count: 1 });
  for (const bad of ['0/3', '4/3', '3', '1/0', 'a/b', '-1/3', '1.5/3', '']) {
    assert.throws(() => parseShard(bad), UsageError, bad);
  }
});

test('every guide is in exactly one shard, the shares are about even, and adding guides moves none', () => {
  const slugs = Array.from({ length: 600 }, (_, i) => `guide-${i}`);
  const shards = [1, 2, 3].map((index) => ({ index, count: 3 }));
  const counts = shards.map(() => 0);
  for (const slug of slugs) {
    const hits = shards.filter((s) => inShard(slug, s));
    assert.equal(hits.length, 1, slug);
    counts[hits[0]!.index - 1]! += 1;
  }
  for (const n of counts) assert.ok(n > 150 && n < 250, `uneven shares: ${counts.join(', ')}`);
  // By the slug alone: the same answer whatever else is in the content folder.
  const before = slugs.map((slug) => shards.findIndex((s) => inShard(slug, s)));
  const more = [...slugs, 'a-new-guide', 'another'];
  assert.deepEqual(more.slice(0, slugs.length).map((slug) => shards.findIndex((s) => inShard(slug, s))), before);
});
