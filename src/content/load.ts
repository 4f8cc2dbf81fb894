import { readFile } from 'node:fs/promises';
import { VFile } from 'vfile';

/**
 * Read a content file (a guide, `book.yaml`) as a VFile. Bytes that are not UTF-8 make the file unusable: the error points at
 * the line and column of the first bad byte.
 */
export async function readContentFile(path: string, cwd = process.cwd()): Promise<VFile> {
  const bytes = await readFile(path);
  const file = new VFile({ path, cwd });
  const bad = firstInvalidUtf8(bytes);
  if (bad !== undefined) {
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, bad));
    const lines = before.split('\n');
    const place = { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
    file.value = '';
    const message = file.message(
      `The file is not UTF-8 (byte 0x${bytes[bad]!.toString(16).padStart(2, '0')} at offset ${bad}); save it as UTF-8`,
      { place, ruleId: 'encoding', source: 'guidepress' },
    );
    message.fatal = true;
    return file;
  }
  // Strip a byte order mark: it is not content.
  let text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  file.value = text;
  return file;
}

/** Offset of the first byte that breaks UTF-8, or undefined when all of it decodes. */
function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return undefined;
  } catch {
    // Find where: decode growing prefixes would be quadratic, so walk the bytes once.
  }
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return bytes.length - 1;
}
