import type { Root as HastRoot } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import rehypeSlug from 'rehype-slug';
import rehypeStringify from 'rehype-stringify';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import remarkSmartypants from 'remark-smartypants';
import { type PluggableList, unified } from 'unified';
import type { VFile } from 'vfile';
import remarkDepthLimit, { capNesting } from './depth.js';
import remarkEpigraph from './epigraph.js';
import remarkFigures from './figures.js';
import remarkFrontmatterData from './frontmatter.js';
import remarkHugoShortcodes from './shortcodes.js';
import rehypeHyphenate from './hyphenate.js';
import rehypeImages from './images.js';
import rehypeNotes from './notes.js';
import remarkPractices from './practices.js';
import { sanitizeSchema } from './sanitize.js';

/**
 * Markdown -> mdast, with the guide's own transforms applied: front matter read and validated
 * (`file.data.meta`), epigraph, figures, practices, smart typography. The deck reads this tree;
 * the handout and the book turn it into HTML with `toHtml`.
 */
export async function parseGuide(file: VFile): Promise<MdastRoot> {
  const processor = unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml', 'toml'])
    .use(remarkGfm)
    // First: every transform after it walks the tree recursively.
    .use(remarkDepthLimit)
    .use(remarkFrontmatterData)
    // Before typography: shortcode arguments are quoted with straight quotes.
    .use(remarkHugoShortcodes)
    // Typography first, so the epigraph and practices the deck reads carry the same curly quotes as the page.
    .use(remarkSmartypants, { dashes: 'oldschool' })
    .use(remarkEpigraph)
    .use(remarkFigures)
    .use(remarkPractices);
  const markdown = capNesting(String(file.value));
  let tree: MdastRoot;
  try {
    tree = processor.parse(markdown);
  } catch (error) {
    if (!isStackOverflow(error)) throw error;
    // GFM's parse-time transforms (autolinks) recurse, and deep lists overflow them; CommonMark
    // alone does not, and gives a tree in which remarkDepthLimit can point at the nesting.
    tree = unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']).parse(markdown);
  }
  return (await processor.run(tree, file)) as MdastRoot;
}

function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

export interface HtmlOptions {
  /** The content folder: images resolve in it, and `/path` in its `static/`. */
  contentDir: string;
  /** Prefix for every generated id, so guides can share one document (the book). */
  idPrefix?: string;
  /** Plugins run on the HTML tree after sanitizing and before hyphenation (the book's link rewriting). */
  rehypePlugins?: PluggableList;
  /** Heading of the notes section (footnotes and link URLs, numbered together). */
  notesHeading?: string;
}

/** mdast -> sanitized, enriched hast: the body of a handout or of a book section. */
export async function toHast(tree: MdastRoot, file: VFile, options: HtmlOptions): Promise<HastRoot> {
  const prefix = options.idPrefix ?? '';
  const processor = unified()
    .use(remarkRehype, {
      allowDangerousHtml: true,
      clobberPrefix: prefix,
      footnoteBackLabel: (n: number) => `Back to reference ${n + 1}`,
      // remark-rehype's default ↩ is in none of the bundled fonts (Chromium would embed a system
      // font for it); ↑ is in their Latin subset.
      footnoteBackContent: '↑',
    })
    .use(rehypeRaw)
    .use(rehypeSanitize, sanitizeSchema)
    .use(rehypeSlug, { prefix })
    .use(rehypeImages, { contentDir: options.contentDir })
    .use(options.rehypePlugins ?? [])
    .use(rehypeNotes, { idPrefix: prefix, heading: options.notesHeading })
    .use(rehypeHyphenate);
  // remark-rehype mutates nothing in the mdast, so the same tree can serve several outputs.
  return (await processor.run(tree, file)) as HastRoot;
}

export function stringify(tree: HastRoot): string {
  return unified().use(rehypeStringify).stringify(tree);
}

/** mdast -> the HTML of the guide's body. */
export async function toHtml(tree: MdastRoot, file: VFile, options: HtmlOptions): Promise<string> {
  return stringify(await toHast(tree, file, options));
}
