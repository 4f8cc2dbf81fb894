import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import sharp from 'sharp';
import { run } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

/** The images embedded in a PDF, as `pdfimages -list` gives them: width, height and encoding. */
function pdfImages(path: string): { width: number; height: number; enc: string }[] {
  const rows = execFileSync('pdfimages', ['-list', path], { encoding: 'utf8' }).split('\n').slice(2).filter((l) => l.trim());
  return rows.map((row) => {
    const cols = row.trim().split(/\s+/);
    return { width: Number(cols[3]), height: Number(cols[4]), enc: cols[8]! };
  });
}

describe('images are embedded at the size they print at, 300 dpi', () => {
  const dir = tempDir('print-size');
  const content = join(dir, 'content');
  const out = join(dir, 'out');
  let photo: Buffer;
  let small: Buffer;

  before(async () => {
    mkdirSync(join(content, 'guides/img'), { recursive: true });
    // A 4000 x 2500 photo-like JPEG (noise compresses like a photo) and a 300 x 200 PNG.
    photo = await sharp({ create: { width: 4000, height: 2500, channels: 3, background: '#5a7896', noise: { type: 'gaussian', mean: 128, sigma: 24 } } }).jpeg({ quality: 90 }).toBuffer();
    small = await sharp({ create: { width: 300, height: 200, channels: 4, background: { r: 30, g: 90, b: 120, alpha: 0.6 } } }).png().toBuffer();
    writeFileSync(join(content, 'guides/img/photo.jpg'), photo);
    writeFileSync(join(content, 'guides/img/small.png'), small);
    writeFileSync(join(content, 'guides/photos.md'), '---\ntitle: Photos\n---\n\nA guide with pictures.\n\n![A large photo](img/photo.jpg)\n\n![A small drawing](img/small.png)\n');
    writeFileSync(join(content, 'book.yaml'), 'title: Pictures\nchapters:\n  - title: One\n    sections:\n      - slug: photos\n');
    const result = await run('build', '--content', content, '--out', out, '--only', 'handout,book');
    assert.equal(result.code, 0, result.stderr);
  });

  test('the 4000 px photo prints at the text block\'s width (A4: 1678 px), still a JPEG, and the PDF is far smaller than the photo', () => {
    for (const pdf of [join(out, 'photos/handout.pdf'), join(out, 'book/book.pdf')]) {
      const jpeg = pdfImages(pdf).find((i) => i.enc === 'jpeg');
      assert.ok(jpeg, `a JPEG in ${pdf}`);
      assert.equal(jpeg.width, 1678);
      assert.ok(jpeg.width <= 2000);
      const size = statSync(pdf).size;
      assert.ok(size < photo.length / 3, `${pdf} is ${size} bytes; the photo alone ${photo.length}`);
    }
  });

  test('the small image is embedded untouched: the same bytes in the HTML, its own size in the PDF', () => {
    const html = readFileSync(join(out, 'photos/handout.html'), 'utf8');
    assert.ok(html.includes(`data:image/png;base64,${small.toString('base64')}`), 'the PNG\'s own bytes');
    assert.ok(pdfImages(join(out, 'photos/handout.pdf')).some((i) => i.width === 300 && i.height === 200));
  });

  test('the handout and the book scale the photo once, into the output\'s cache', () => {
    const cached = readdirSync(join(out, '.cache/images'));
    assert.deepEqual(cached.map((f) => f.replace(/^[0-9a-f]{64}/, 'HASH')), ['HASH-1678-v1.jpeg']);
  });
});
