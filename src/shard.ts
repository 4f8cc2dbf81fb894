import { createHash } from 'node:crypto';
import { UsageError } from './errors.js';

/** The I-th of N shares of the guides (`--shard I/N`, 1-based), for building on several machines. */
export interface Shard {
  index: number;
  count: number;
}

/** `2/3` as a Shard; anything else (`0/3`, `4/3`, `2`, `a/b`) is a UsageError. */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard takes I/N, the I-th of N shares with 1 <= I <= N (say 2/3), not "${text}"`);
  }
  return { index, count };
}

/**
 * Whether the guide with this slug is in the shard: by a hash of the slug alone, so the share a
 * guide falls in never depends on the other guides (adding one moves none of the others), and
 * every machine computes the same shares.
 */
export function inShard(slug: string, shard: Shard): boolean {
  const n = createHash('sha256').update(slug).digest().readUInt32BE(0);
  return n % shard.count === shard.index - 1;
}
