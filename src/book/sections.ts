import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import type { Guide } from '../content/guide.js';
import { hasErrors } from '../errors.js';
import type { RenderDiagram } from '../markdown/diagrams.js';
import type { ScaleImage } from '../markdown/images.js';
import { stringify, toHast } from '../markdown/pipeline.js';
import { labelsFor } from '../shared/labels.js';
import rehypeBookLinks from './links.js';
import { type Book, type BookSection, lastSegment } from './manifest.js';

export interface SectionOptions {
  contentDir: string;
  /** Shiki theme of code blocks. */
  codeTheme?: string;
  /** Draws the guides' diagrams, as for the handout. */
  renderDiagram?: RenderDiagram;
  /** Scales the guides' images to what they print at, as for the handout. */
  scaleImage?: ScaleImage;
  /** The user's templates folder, for their label tables. */
  templatesDir?: string;
}

/**
 * Every section's body as HTML, made with the handout's pipeline: ids prefixed with the section's
 * id so the guides share one document, links between guides rewritten for the book, headings one
 * level down (the chapter is h1, the section h2, a guide's `##` h3), so that Chromium's bookmarks
 * nest chapter > section > heading. Returns undefined when a guide has content errors (on its file).
 */
export async function renderSections(book: Book, guides: Guide[], options: SectionOptions): Promise<Map<string, string> | undefined> {
  const sections = book.chapters.flatMap((c) => c.sections);
  const inBook = new Map<string, string>();
  const byName = new Map<string, Guide>();
  for (const guide of guides) {
    byName.set(guide.slug, guide);
    const segment = lastSegment(guide.meta.url);
    if (segment && !byName.has(segment)) byName.set(segment, guide);
  }
  for (const section of sections) {
    inBook.set(section.guide.slug, section.id);
    const segment = lastSegment(section.guide.meta.url);
    if (segment && !inBook.has(segment)) inBook.set(segment, section.id);
  }

  const trees = new Map<BookSection, { tree: Root; file: VFile }>();
  for (const section of sections) {
    const { guide } = section;
    if (hasErrors(guide.file)) return undefined;
    // A copy of the file, so that the handout's messages (made from the same guide) are not repeated.
    const file = new VFile({ path: guide.file.path, cwd: guide.file.cwd, value: guide.file.value, data: guide.file.data });
    const tree = await toHast(guide.tree, file, {
      contentDir: options.contentDir,
      idPrefix: `${section.id}--`,
      codeTheme: options.codeTheme,
      renderDiagram: options.renderDiagram,
      scaleImage: options.scaleImage,
      labels: labelsFor(guide.meta.lang, options.templatesDir),
      rehypePlugins: [[rehypeBookLinks, { id: section.id, inBook, guides: byName, baseUrl: book.baseUrl ?? guide.meta.source }]],
    });
    demoteHeadings(tree);
    trees.set(section, { tree, file });
  }

  // A link to a heading that is not there still lands in the right section: at its start.
  const ids = new Set(sections.map((s) => s.id));
  for (const { tree } of trees.values()) {
    visit(tree, 'element', (node: Element) => {
      if (typeof node.properties.id === 'string') ids.add(node.properties.id);
    });
  }
  for (const [section, { tree, file }] of trees) {
    visit(tree, 'element', (node: Element) => {
      const href = node.tagName === 'a' && typeof node.properties.href === 'string' ? node.properties.href : '';
      if (!href.startsWith('#') || ids.has(href.slice(1))) return;
      const owner = sections.find((s) => href.startsWith(`#${s.id}--`)) ?? section;
      file.message(`No heading \`${href.slice(owner.id.length + 3)}\` in \`${owner.guide.slug}\`: the link goes to the start of its section`, {
        place: node.position, ruleId: 'book-link', source: 'guidepress',
      });
      node.properties.href = `#${owner.id}`;
    });
    mergeMessages(section.guide.file, file);
  }
  if (sections.some((s) => hasErrors(s.guide.file))) return undefined;
  return new Map([...trees].map(([section, { tree }]) => [section.id, stringify(tree)]));
}

/** h2 -> h3 ... h5 -> h6; h6 stays. */
export function demoteHeadings(tree: Root): void {
  visit(tree, 'element', (node: Element) => {
    const level = /^h([1-5])$/.exec(node.tagName)?.[1];
    if (level) node.tagName = `h${Number(level) + 1}`;
  });
}

/** Copy the messages of `from` onto `to`, leaving out those `to` already has (the handout made them). */
function mergeMessages(to: VFile, from: VFile): void {
  const key = (m: VFile['messages'][number]) => `${m.line}:${m.column}:${m.ruleId}:${m.reason}`;
  const known = new Set(to.messages.map(key));
  for (const message of from.messages) if (!known.has(key(message))) to.messages.push(message);
}
