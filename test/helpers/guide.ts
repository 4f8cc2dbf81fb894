import { join } from 'node:path';
import { VFile } from 'vfile';
import type { Guide } from '../../src/content/guide.js';
import type { GuideMeta } from '../../src/content/meta.js';
import { hasErrors } from '../../src/errors.js';
import { parseGuide, toHtml } from '../../src/markdown/pipeline.js';

export const fixtures = new URL('../fixtures/', import.meta.url).pathname;
export const repoRoot = new URL('../../', import.meta.url).pathname;

/** Parse markdown given as a string, as if it were `content/guides/<name>` under `contentDir`. */
export async function parse(markdown: string, contentDir = join(fixtures, 'hugo-site/content'), name = 'guides/test.md') {
  const file = new VFile({ path: join(contentDir, name), value: markdown, cwd: repoRoot });
  const tree = await parseGuide(file);
  return { file, tree, meta: file.data.meta as GuideMeta };
}

/** Markdown to the HTML body, with the messages the pipeline left on the file. */
export async function render(markdown: string, contentDir = join(fixtures, 'hugo-site/content'), name = 'guides/test.md') {
  const { file, tree } = await parse(markdown, contentDir, name);
  const html = hasErrors(file) ? '' : await toHtml(tree, file, { contentDir });
  return { html, file, messages: file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.reason}`) };
}

export function asGuide(slug: string, parsed: Awaited<ReturnType<typeof parse>>): Guide {
  return { slug, path: parsed.file.path, file: parsed.file, tree: parsed.tree, meta: parsed.meta };
}

/** Drop soft hyphens: tests compare words, not break opportunities. */
export const plain = (s: string) => s.replace(/\u00ad/g, '');
