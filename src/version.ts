import { readFileSync } from 'node:fs';

/** The package's own version, read from its package.json (one level above src/ and lib/). */
export const version: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export const generator = `guidepress ${version}`;

/** The package's templates folder, beside src/ and lib/, so it travels inside the npm package. */
export const packageTemplatesDir = new URL('../templates/', import.meta.url);
