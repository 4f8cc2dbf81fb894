import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { imageSize } from 'image-size';
import type { Metadata } from 'sharp';
import { loadSharp } from './sharp.js';
import type { Config, Paper } from '../config.js';
import type { ScaleImage } from '../markdown/images.js';
import type { BrowserSession } from '../session.js';
import { readTemplate } from './templates.js';

/** Print resolution images are scaled to: what a laser printer or a press resolves. */
export const printDpi = 300;

/** Bump when the way images are scaled changes, so the disk cache does not serve old ones. */
const scalingVersion = 1;

/** The formats sharp writes back as they came; GIF (animation) and SVG (no pixels) are left alone, as is AVIF (slow to encode, and already small). */
const scaled = new Set(['image/jpeg', 'image/png', 'image/webp']);

/** Where scaled images are kept between runs, beside the diagrams: `<out>/.cache/images/`. */
export function imageCacheDir(outDir: string): string {
  return join(outDir, '.cache', 'images');
}

export interface ScalerOptions {
  /** The widest an image prints, in pixels at `printDpi`: see `printWidth`. */
  width: number;
  /** Where scaled images are kept between runs; no disk cache without it. */
  cacheDir?: string;
  /** Scaled images by hash and width, for the run: `imageMemory(session)`; none without it. */
  memory?: Map<string, Promise<Buffer>>;
}

/** The run's scaled images, kept with its session so that the handouts and the book share them. */
export function imageMemory(session: BrowserSession): Map<string, Promise<Buffer>> {
  // Not `session.keep`, which would wait for Chromium to start: scaling images needs no browser.
  return session.memo('images', () => new Map<string, Promise<Buffer>>());
}

/**
 * The `ScaleImage` for the outputs: a JPEG, PNG or WebP wider than `width` is scaled down to it
 * (never up) in its own format (JPEG at quality 85, PNG losslessly and with its alpha), turned
 * upright by its EXIF orientation first since the metadata goes, with nothing but the pixels
 * kept so the same image gives the same bytes. Anything else, or an image sharp cannot read
 * (Chromium shows it as it would have), is inlined as it is. A result is cached by the image's
 * hash and the width, in memory for the run (`memory`) and as a file under `cacheDir`.
 */
export function imageScaler(options: ScalerOptions): ScaleImage {
  return async (image) => {
    if (!scaled.has(image.mime)) return image.bytes;
    const key = `${createHash('sha256').update(image.bytes).digest('hex')}-${options.width}-v${scalingVersion}`;
    let result = options.memory?.get(key);
    if (!result) {
      result = scaleCached(image.bytes, image.mime, key, options);
      options.memory?.set(key, result);
    }
    return result;
  };
}

async function scaleCached(bytes: Buffer, mime: string, key: string, options: ScalerOptions): Promise<Buffer> {
  const path = options.cacheDir ? join(options.cacheDir, `${key}.${mime.slice('image/'.length)}`) : undefined;
  if (path) {
    try {
      return readFileSync(path);
    } catch {
      // Not scaled before (or the cache was cleared): scale it.
    }
  }
  const out = await scaleImage(bytes, mime, options.width);
  if (path && out !== bytes) {
    try {
      mkdirSync(options.cacheDir!, { recursive: true });
      // Beside the target, then renamed: a run stopped half-way leaves no half file to serve later.
      writeFileSync(`${path}.tmp`, out);
      renameSync(`${path}.tmp`, path);
    } catch {
      // A cache that cannot be written only costs scaling again next time.
    }
  }
  return out;
}

/** `bytes` no wider than `width` pixels, in the same format; the bytes themselves when they already are (or cannot be read). */
export async function scaleImage(bytes: Buffer, mime: string, width: number): Promise<Buffer> {
  // Most images of a guide are narrower than the page already: their header says so, read by
  // image-size, and sharp (libvips, some 27 MB of a run's memory, and 60 ms to load) is not loaded for them.
  if (fitsAlready(bytes, width)) return bytes;
  let meta: Metadata;
  try {
    meta = await (await loadSharp())(bytes).metadata();
  } catch {
    return bytes;
  }
  // Orientations 5 to 8 turn the image a quarter: its printed width is its stored height.
  const upright = (meta.orientation ?? 1) >= 5 ? meta.height : meta.width;
  if (!upright || upright <= width || (meta.pages ?? 1) > 1) return bytes;
  try {
    const pipeline = (await loadSharp())(bytes).rotate().resize({ width, withoutEnlargement: true });
    if (mime === 'image/jpeg') return await pipeline.jpeg({ quality: 85 }).toBuffer();
    // Not as a palette even when it came as one: sharp would quantize the scaled colours, and PNG is for pixels kept exactly.
    if (mime === 'image/png') return await pipeline.png({ compressionLevel: 9 }).toBuffer();
    return await pipeline.webp({ quality: 85 }).toBuffer();
  } catch {
    return bytes;
  }
}

/**
 * True when the image's header says it is no wider than `width` whichever way it is turned: its
 * longer side fits (image-size reads the EXIF orientation of some JPEGs only, so the turn is not
 * trusted to it). False when it may be wider, or cannot be read: sharp decides.
 */
function fitsAlready(bytes: Buffer, width: number): boolean {
  try {
    const size = imageSize(bytes);
    const longer = Math.max(size.width ?? Infinity, size.height ?? Infinity);
    return longer > 0 && longer <= width;
  } catch {
    return false;
  }
}

/**
 * The widest an image prints, in pixels at `printDpi`: the text block, the paper's width less the
 * left and right `margin` of the `@page` rule in `print/paper-<paper>.css` (the user's first). A
 * margin it cannot read gives the whole paper's width, which is never too small.
 */
export function printWidth(paper: Paper, templatesDir?: string): number {
  const paperWidth = { a4: 210, a5: 148, letter: 215.9 }[paper];
  let mm = paperWidth;
  const rule = /@page\s*\{([^}]*)\}/.exec(readTemplate(`print/paper-${paper}.css`, templatesDir))?.[1] ?? '';
  const margin = /(?:^|;)\s*margin\s*:\s*([^;]+)/.exec(rule)?.[1]?.trim().split(/\s+/).map(toMm);
  if (margin && margin.length >= 1 && margin.length <= 4 && margin.every((m) => m !== undefined)) {
    // CSS's shorthand: one value for all sides, two (vertical, horizontal), three (top, horizontal, bottom), four (top, right, bottom, left).
    const [right, left] = margin.length === 1 ? [margin[0]!, margin[0]!] : margin.length < 4 ? [margin[1]!, margin[1]!] : [margin[1]!, margin[3]!];
    if (right + left < paperWidth) mm = paperWidth - right - left;
  }
  // Rounded first: 5.6 inches come out of millimetres as 1680.0000001 pixels.
  return Math.ceil(Number(((mm / 25.4) * printDpi).toFixed(3)));
}

const units: Record<string, number> = { mm: 1, cm: 10, in: 25.4, pt: 25.4 / 72, pc: 25.4 / 6, px: 25.4 / 96, q: 0.25 };

function toMm(length: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?|\.\d+)(mm|cm|in|pt|pc|px|q)$/i.exec(length);
  if (m) return Number(m[1]) * units[m[2]!.toLowerCase()]!;
  return length === '0' ? 0 : undefined;
}

/** The scaler the printed outputs (handout, book) share: the text block's width, the run's cache. */
export async function printImageScaler(config: Pick<Config, 'paper' | 'templatesDir' | 'outDir'>, session: BrowserSession): Promise<ScaleImage> {
  return imageScaler({ width: printWidth(config.paper, config.templatesDir), cacheDir: imageCacheDir(resolve(config.outDir)), memory: imageMemory(session) });
}
