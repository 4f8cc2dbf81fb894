import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { packageTemplatesDir } from '../version.js';

/**
 * Read a template file: from the user's templates folder when it has that file, else the bundled
 * one. A user restyles one file without copying the rest.
 */
export function readTemplate(relativePath: string, userDir?: string): string {
  if (userDir) {
    const own = join(userDir, relativePath);
    if (existsSync(own)) return readFileSync(own, 'utf8');
  }
  return readFileSync(join(fileURLToPath(packageTemplatesDir), relativePath), 'utf8');
}

/** A string safe inside a double-quoted CSS string within a <style> element. */
export function cssString(text: string): string {
  return text.replace(/[\\"]/g, '\\$&').replace(/\n/g, '\\A ').replace(/</g, '\\3C ');
}
