import { randomUUID } from 'node:crypto';
import type { Root as HastRoot } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import rehypeSlug from 'rehype-slug';
import rehypeStringify from 'rehype-stringify';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import remarkRehype, { defaultHandlers } from 'remark-rehype';
import remarkSmartypants from 'remark-smartypants';
import { type PluggableList, unified } from 'unified';
import type { VFile } from 'vfile';
import remarkAltText from './alt-text.js';
import remarkDollars from './dollars.js';
import { type RenderDiagram, diagramHandler, drawDiagrams, rehypeDiagrams } from './diagrams.js';
import remarkDepthLimit, { capNesting } from './depth.js';
import remarkEpigraph from './epigraph.js';
import remarkFigures from './figures.js';
import remarkFootnoteCalls from './footnote-calls.js';
import remarkFrontmatterData from './frontmatter.js';
import remarkHeadingLevels from './heading-levels.js';
import remarkLeadingHeading from './leading-heading.js';
import remarkHugoShortcodes from './shortcodes.js';
import rehypeHighlight from './highlight.js';
import rehypeHyphenate from './hyphenate.js';
import rehypeImages, { type ScaleImage } from './images.js';
import rehypeLocalPaths from './local-paths.js';
import rehypeMath from './math.js';
import rehypeNotes from './notes.js';
import rehypePrefixIds from './prefix-ids.js';
import remarkPractices from './practices.js';
import remarkLocalQuotes from './quotes.js';
import remarkDropRawText from './raw-text.js';
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
    // `$...$` and `$$...$$` are read as math, so their TeX (`\,`) is never taken for markdown
    // escapes or smart punctuation, and the deck sees the formulas too.
    .use(remarkMath)
    .use(remarkDollars)
    // Before anything rewrites text: they point at what the author wrote.
    .use(remarkFootnoteCalls)
    .use(remarkAltText)
    .use(remarkDropRawText)
    // Before the front matter: a guide without `title:` takes the leading heading's text.
    .use(remarkLeadingHeading)
    .use(remarkHeadingLevels)
    .use(remarkFrontmatterData)
    // Before typography: shortcode arguments are quoted with straight quotes.
    .use(remarkHugoShortcodes)
    // Typography first, so the epigraph and practices the deck reads carry the same curly quotes as the page.
    .use(remarkSmartypants, { dashes: 'oldschool' })
    .use(remarkLocalQuotes)
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

export interface BodyOptions {
  /** The content folder: images resolve in it, and `/path` in its `static/`. */
  contentDir: string;
  /** The words the body gets from guidepress, in the guide's language (`shared/labels.ts`); English without. */
  labels?: BodyLabels;
  /** Shiki theme of code blocks (`config.code.theme`). */
  codeTheme?: string;
  /** Draws ```` ```mermaid ```` fences (in the run's browser); without it they print as code. */
  renderDiagram?: RenderDiagram;
  /** Scales images down to what they print at; without it they are inlined as they are. */
  scaleImage?: ScaleImage;
}

export interface HtmlOptions extends BodyOptions {
  /** Prefix for every id, so guides can share one document (`prefixIds`). */
  idPrefix?: string;
  /** Plugins run on the body before the print tail (the book's link rewriting). */
  rehypePlugins?: PluggableList;
}

/** Words guidepress puts into a guide's body: `backToReference` has an `{n}` place for the note's number. */
export interface BodyLabels {
  /** Heading of the notes section (footnotes and link URLs, numbered together). */
  notes: string;
  backToReference: string;
  image: string;
  imageNotEmbedded: string;
}

/**
 * mdast -> the guide's body as hast, what every HTML output shares: sanitized, slugged, images
 * resolved, code highlighted, math typeset, diagrams drawn. Ids are the guide's own, unprefixed;
 * links are as the author wrote them. Each output then runs its own tail on a copy (`runTail`).
 */
export async function toBody(tree: MdastRoot, file: VFile, options: BodyOptions): Promise<HastRoot> {
  const drawn = options.renderDiagram ? await drawDiagrams(tree, file, options.renderDiagram) : new Map();
  const nonce = randomUUID().replace(/-/g, '');
  const processor = unified()
    .use(remarkRehype, {
      allowDangerousHtml: true,
      clobberPrefix: '',
      footnoteBackLabel: (n: number) => (options.labels?.backToReference ?? 'Back to reference {n}').replace('{n}', String(n + 1)),
      // remark-rehype's default ↩ is in none of the bundled fonts (Chromium would embed a system
      // font for it); ↑ is in their Latin subset.
      footnoteBackContent: '↑',
      handlers: { code: diagramHandler(drawn, nonce, defaultHandlers.code) },
    })
    .use(rehypeRaw)
    // Before the sanitizer, which would silently drop a `file:` URL the author should hear about.
    .use(rehypeLocalPaths, { contentDir: options.contentDir })
    .use(rehypeSanitize, sanitizeSchema)
    // Right after the sanitizer, which refuses every SVG: ours is trusted, the author's is not.
    .use(rehypeDiagrams, { drawn, nonce })
    .use(rehypeSlug)
    .use(rehypeImages, { contentDir: options.contentDir, labels: options.labels, scale: options.scaleImage })
    // Math and code are rendered from the sanitized tree by our own trusted code: their output is
    // inline styles and classes the allow-list would drop (hyphenation, in the print tail, skips them).
    .use(rehypeMath)
    .use(rehypeHighlight, { theme: options.codeTheme });
  // remark-rehype mutates nothing in the mdast, so the same tree can serve several outputs.
  return (await processor.run(tree, file)) as HastRoot;
}

/** An output's own plugins, run on (a copy of) the body; their messages go on `file`. */
export async function runTail(body: HastRoot, file: VFile, plugins: PluggableList): Promise<HastRoot> {
  return (await unified().use(plugins).run(body, file)) as HastRoot;
}

/**
 * The tail of a printed body (handout, book): external links' URLs as numbered notes with the
 * footnotes, then soft hyphens, since Chromium's `hyphens: auto` does nothing offline.
 */
export function printTail(options: { notesHeading?: string; idPrefix?: string } = {}): PluggableList {
  return [
    [rehypeNotes, { idPrefix: options.idPrefix, heading: options.notesHeading }],
    rehypeHyphenate,
  ];
}

/** mdast -> the body with the print tail: what a handout shows, or (with `idPrefix`) a book section. */
export async function toHast(tree: MdastRoot, file: VFile, options: HtmlOptions): Promise<HastRoot> {
  const body = await toBody(tree, file, options);
  const prefix = options.idPrefix ? [[rehypePrefixIds, { prefix: options.idPrefix }]] as PluggableList : [];
  return runTail(body, file, [...prefix, ...(options.rehypePlugins ?? []), ...printTail({ notesHeading: options.labels?.notes, idPrefix: options.idPrefix })]);
}

export function stringify(tree: HastRoot): string {
  // Raw markup is only ever put in after the sanitizer, by our own plugins (the diagrams' SVG):
  // rehype-raw has turned the author's into elements, and the sanitizer drops any raw node.
  return unified().use(rehypeStringify, { allowDangerousHtml: true }).stringify(tree);
}

/** mdast -> the HTML of the guide's body. */
export async function toHtml(tree: MdastRoot, file: VFile, options: HtmlOptions): Promise<string> {
  return stringify(await toHast(tree, file, options));
}
