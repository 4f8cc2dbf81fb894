import { existsSync, readFileSync } from 'node:fs';

/**
 * The package's folder: the first one above this module with guidepress's package.json. That is
 * one level up from src/ and lib/, and two from the CLI's bundle (lib/bundle/ and its chunks/ below).
 */
export const packageRoot: URL = (() => {
  for (let dir = new URL('./', import.meta.url); ; dir = new URL('../', dir)) {
    const manifest = new URL('package.json', dir);
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'guidepress') return dir;
    if (new URL('../', dir).href === dir.href) throw new Error(`guidepress's package.json is not in any folder above ${import.meta.url}`);
  }
})();

/** The package's own version, read from its package.json. */
export const version: string = (
  JSON.parse(readFileSync(new URL('package.json', packageRoot), 'utf8')) as { version: string }
).version;

export const generator = `guidepress ${version}`;

/** The package's templates folder, beside src/ and lib/, so it travels inside the npm package. */
export const packageTemplatesDir = new URL('templates/', packageRoot);
