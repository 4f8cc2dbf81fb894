import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import sharp from 'sharp';
import { imageScaler, printWidth, scaleImage } from '../../src/shared/images.js';
import { tempDir } from '../helpers/tmp.js';

/** A noisy picture (so it compresses like a photo), `width` x `height`, as `format`. */
function photo(width: number, height: number, format: 'jpeg' | 'png' | 'webp', options: { alpha?: boolean } = {}): Promise<Buffer> {
  const image = sharp({ create: { width, height, channels: options.alpha ? 4 : 3, background: { r: 90, g: 120, b: 150, alpha: 0.5 }, noise: { type: 'gaussian', mean: 128, sigma: 20 } } });
  return image.toFormat(format, format === 'png' ? {} : { quality: 90 }).toBuffer();
}

test('the print width is the text block at 300 dpi: the paper less its left and right margins', () => {
  // A4 210 mm less 2 x 34 mm = 142 mm; letter 8.5 in less 2 x 1.45 in = 5.6 in; A5 148 mm less 2 x 17 mm = 114 mm.
  assert.equal(printWidth('a4'), Math.ceil((142 / 25.4) * 300));
  assert.equal(printWidth('letter'), Math.ceil(5.6 * 300));
  assert.equal(printWidth('a5'), Math.ceil((114 / 25.4) * 300));
});

test('the user\'s paper template decides the margins; one it cannot read gives the whole paper', () => {
  const dir = tempDir('paper-template');
  const print = join(dir, 'print');
  mkdirSync(print, { recursive: true });
  writeFileSync(join(print, 'paper-a4.css'), '@page { size: A4; margin: 20mm 10mm; }');
  assert.equal(printWidth('a4', dir), Math.ceil((190 / 25.4) * 300));
  writeFileSync(join(print, 'paper-a4.css'), '@page { size: A4; margin: var(--m); }');
  assert.equal(printWidth('a4', dir), Math.ceil((210 / 25.4) * 300));
});

test('a 4000 px JPEG is scaled down to the width, stays a JPEG and is much smaller', async () => {
  const input = await photo(4000, 2500, 'jpeg');
  const out = await scaleImage(input, 'image/jpeg', 1677);
  const meta = await sharp(out).metadata();
  assert.equal(meta.format, 'jpeg');
  assert.equal(meta.width, 1677);
  assert.equal(meta.height, Math.round((2500 * 1677) / 4000));
  assert.ok(out.length < input.length / 3, `${out.length} bytes from ${input.length}`);
});

test('a PNG stays a PNG and keeps its alpha; a WebP stays a WebP', async () => {
  const png = await sharp(await scaleImage(await photo(2400, 800, 'png', { alpha: true }), 'image/png', 1200)).metadata();
  assert.deepEqual([png.format, png.width, png.hasAlpha], ['png', 1200, true]);
  const webp = await sharp(await scaleImage(await photo(2400, 800, 'webp'), 'image/webp', 1200)).metadata();
  assert.deepEqual([webp.format, webp.width], ['webp', 1200]);
});

test('an image no wider than the width, or that cannot be read, is its own bytes: never scaled up, never re-encoded', async () => {
  const small = await photo(800, 600, 'jpeg');
  assert.equal(await scaleImage(small, 'image/jpeg', 1677), small);
  const broken = Buffer.from('not an image at all');
  assert.equal(await scaleImage(broken, 'image/png', 10), broken);
});

test('the same image gives the same bytes, and carries no metadata', async () => {
  const input = await sharp(await photo(3000, 2000, 'jpeg')).withMetadata({ exif: { IFD0: { Copyright: 'Someone' } } }).jpeg().toBuffer();
  const [a, b] = [await scaleImage(input, 'image/jpeg', 1000), await scaleImage(input, 'image/jpeg', 1000)];
  assert.ok(a.equals(b));
  assert.equal((await sharp(a).metadata()).exif, undefined);
});

test('a photo turned by its EXIF orientation is turned upright, since the orientation goes with the metadata', async () => {
  // Stored 1000 x 3000, shown (orientation 6: a quarter turn) 3000 x 1000: it prints 3000 wide.
  const input = await sharp(await photo(1000, 3000, 'jpeg')).withMetadata({ orientation: 6 }).jpeg().toBuffer();
  const meta = await sharp(await scaleImage(input, 'image/jpeg', 1500)).metadata();
  assert.deepEqual([meta.width, meta.height, meta.orientation], [1500, 500, undefined]);
});

test('a PNG or WebP turned by its EXIF orientation is measured upright too: stored narrow, it prints wide', async () => {
  // Stored 1000 x 3000, which fits 2000; shown (orientation 6) 3000 x 1000, which does not.
  for (const format of ['png', 'webp'] as const) {
    const input = await sharp(await photo(1000, 3000, 'png')).withMetadata({ orientation: 6 })[format]().toBuffer();
    assert.equal((await sharp(input).metadata()).orientation, 6, `${format} carries the orientation`);
    const meta = await sharp(await scaleImage(input, `image/${format}`, 2000)).metadata();
    assert.deepEqual([meta.width, meta.height, meta.orientation], [2000, 667, undefined], format);
  }
});

test('the scaler leaves GIF and SVG alone, and caches by hash and width, in memory and on disk', async () => {
  const cacheDir = join(tempDir('image-cache'), '.cache/images');
  const gif = Buffer.from('GIF89a');
  const memory = new Map<string, Promise<Buffer>>();
  const scale = imageScaler({ width: 1000, cacheDir, memory });
  assert.equal(await scale({ path: 'x.gif', bytes: gif, mime: 'image/gif' }), gif);
  assert.equal(existsSync(cacheDir), false);

  const input = await photo(3000, 1000, 'png');
  const first = await scale({ path: 'a.png', bytes: input, mime: 'image/png' });
  assert.equal(memory.size, 1);
  assert.equal(await scale({ path: 'b.png', bytes: input, mime: 'image/png' }), first, 'the same bytes under another name: from memory');
  const files = readdirSync(cacheDir);
  assert.equal(files.length, 1);
  assert.match(files[0]!, /^[0-9a-f]{64}-1000-v\d+\.png$/);
  // Another run (no memory) reads the file instead of scaling: prove it by planting other bytes there.
  writeFileSync(join(cacheDir, files[0]!), 'cached');
  assert.equal(String(await imageScaler({ width: 1000, cacheDir })({ path: 'a.png', bytes: input, mime: 'image/png' })), 'cached');
});
