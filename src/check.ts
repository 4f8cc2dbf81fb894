import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { VFile } from 'vfile';
import { parseManifest } from './book/index.js';
import type { Config } from './config.js';
import { type Guide, loadGuide } from './content/guide.js';
import { checkLinks } from './content/links.js';
import { readContentFile } from './content/load.js';
import { findContent, selectGuides } from './content/select.js';
import { extractDeck } from './deck/index.js';
import { hasErrors } from './errors.js';
import { guard } from './fault.js';
import { renderHandoutHtml } from './handout/index.js';
import { templateWarnings } from './shared/templates.js';

export interface CheckResult {
  /** The files checked, each with its messages (errors and warnings). */
  files: VFile[];
  guides: Guide[];
}

/**
 * Read all the content and report what `build` would, without a browser and writing nothing:
 * front matter, images (missing, outside the content, without alt text), links between guides
 * that lead nowhere, headings that skip a level, undefined footnotes, the deck's steering (a pinned
 * quote not in the text) and the book's manifest. Mermaid diagrams are not drawn, so a diagram's
 * own mistakes are found only by `build`. With `paths`, only those guides (and not the book) are reported.
 */
export async function check(config: Config, paths: string[] = []): Promise<CheckResult> {
  const contentDir = resolve(config.contentDir);
  const entries = await findContent(contentDir, resolve(config.outDir));
  const selected = paths.length ? selectGuides(entries, paths, contentDir) : undefined;
  const all = await Promise.all(entries.map((entry) => loadGuide(entry)));
  checkLinks(all, contentDir);
  const guides = selected ? all.filter((g) => selected.has(g.path)) : all;
  const options = { contentDir, paper: config.paper, templatesDir: config.templatesDir, codeTheme: config.code.theme };
  for (const guide of guides) {
    // The handout's HTML stage finds the images' and the body's problems, as in `build`.
    await guard(guide.file, 'checking the guide', () => renderHandoutHtml(guide, options));
    if (!hasErrors(guide.file) && !guide.meta.draft) {
      await guard(guide.file, 'checking the deck', async () => extractDeck(guide, config.deck));
    }
  }
  const files = guides.map((g) => g.file);
  const manifestPath = join(contentDir, 'book.yaml');
  if (!selected && existsSync(manifestPath)) {
    const manifest = await readContentFile(manifestPath);
    if (!hasErrors(manifest)) await guard(manifest, 'checking the book', async () => parseManifest(manifest, all));
    files.push(manifest);
  }
  files.push(...templateWarnings(config.templatesDir));
  return { files, guides };
}
