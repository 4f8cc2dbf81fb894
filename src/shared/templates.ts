import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { basename, join, resolve, sep } from 'node:path';
import { VFile } from 'vfile';
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

/**
 * The files of a user's templates folder that replace no bundled template (`T/handout.css` where
 * `T/print/handout.css` was meant), each with the bundled file of the same name, when there is one.
 */
export function unusedTemplates(userDir: string): { path: string; meant?: string }[] {
  const bundled = listFiles(fileURLToPath(packageTemplatesDir));
  const known = new Set(bundled);
  return listFiles(userDir)
    // A new language's labels and a new deck theme add to the bundled files rather than replace one.
    .filter((path) => !known.has(path) && !/^labels\/[\w-]+\.json$/.test(path) && !/^deck\/[\w-]+\.css$/.test(path))
    .map((path) => ({ path, meant: bundled.find((b) => basename(b) === basename(path)) }));
}

/** Files under a folder, as paths relative to it with `/`; none when it cannot be read. */
function listFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir, { recursive: true }) as string[];
  } catch {
    return [];
  }
  return names
    .filter((name) => !name.split(sep).some((part) => part.startsWith('.')) && statSync(join(dir, name)).isFile())
    .map((name) => name.split(sep).join('/'))
    .sort();
}

/** A warning on each file of `--templates DIR` that replaces nothing, so a misplaced one is not silently ignored. */
export function templateWarnings(templatesDir: string | undefined): VFile[] {
  if (!templatesDir) return [];
  return unusedTemplates(resolve(templatesDir)).map(({ path, meant }) => {
    const file = new VFile({ path: join(resolve(templatesDir), path), cwd: process.cwd() });
    const hint = meant ? `: to replace the bundled \`${meant}\`, move it to \`${meant}\` in the templates folder` : ': the bundled templates have no file of that name';
    file.message(`This template replaces nothing${hint}`, { place: { line: 1, column: 1 }, ruleId: 'template-unused', source: 'guidepress' });
    return file;
  });
}
