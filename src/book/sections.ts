import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import { type Guide, guideBody } from '../content/guide.js';
import { hasErrors } from '../errors.js';
import type { RenderDiagram } from '../markdown/diagrams.js';
import type { ScaleImage } from '../markdown/images.js';
import { printTail, runTail, stringify } from '../markdown/pipeline.js';
import rehypePrefixIds from '../markdown/prefix-ids.js';
import { labelsFor } from '../shared/labels.js';
import rehypeBookLinks from './links.js';
import { type Book, type BookSection, linkNames } from './manifest.js';

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
 * Every section's body as HTML, from the guide's one body tree with the book's tail: ids prefixed
 * with the section's id so the guides share one document (raw HTML's ids and footnotes too), links between guides rewritten for the book, headings one
 * level down (the chapter is h1, the section h2, a guide's `##` h3), so that Chromium's bookmarks
 * nest chapter > section > heading. Returns undefined when a guide has content errors (on its file).
 */
export async function renderSections(book: Book, guides: Guide[], options: SectionOptions): Promise<Map<string, string> | undefined> {
  const sections = book.chapters.flatMap((c) => c.sections);
  const { guides: byName, sections: inBook } = linkNames(guides, sections);

  const trees = new Map<BookSection, Root>();
  for (const section of sections) {
    const { guide } = section;
    if (hasErrors(guide.file)) return undefined;
    const labels = labelsFor(guide.meta.lang, options.templatesDir);
    const body = await guideBody(guide, { contentDir: options.contentDir, codeTheme: options.codeTheme, renderDiagram: options.renderDiagram, scaleImage: options.scaleImage, labels });
    const prefix = `${section.id}--`;
    const tree = await runTail(body, guide.file, [
      [rehypePrefixIds, { prefix }],
      [rehypeBookLinks, { inBook, guides: byName, baseUrl: book.baseUrl ?? guide.meta.source }],
      ...printTail({ notesHeading: labels.notes, idPrefix: prefix }),
    ]);
    demoteHeadings(tree);
    trees.set(section, tree);
  }

  // A link to a heading that is not there still lands in the right section: at its start.
  const ids = new Set(sections.map((s) => s.id));
  for (const tree of trees.values()) {
    visit(tree, 'element', (node: Element) => {
      if (typeof node.properties.id === 'string') ids.add(node.properties.id);
    });
  }
  for (const [section, tree] of trees) {
    visit(tree, 'element', (node: Element) => {
      const href = node.tagName === 'a' && typeof node.properties.href === 'string' ? node.properties.href : '';
      if (!href.startsWith('#') || ids.has(href.slice(1))) return;
      const owner = sections.find((s) => href.startsWith(`#${s.id}--`)) ?? section;
      section.guide.file.message(`No heading \`${href.slice(owner.id.length + 3)}\` in \`${owner.guide.slug}\`: the link goes to the start of its section`, {
        place: node.position, ruleId: 'book-link', source: 'guidepress',
      });
      node.properties.href = `#${owner.id}`;
    });
  }
  if (sections.some((s) => hasErrors(s.guide.file))) return undefined;
  return new Map([...trees].map(([section, tree]) => [section.id, stringify(tree)]));
}

/** h2 -> h3 ... h5 -> h6; h6 stays. */
export function demoteHeadings(tree: Root): void {
  visit(tree, 'element', (node: Element) => {
    const level = /^h([1-5])$/.exec(node.tagName)?.[1];
    if (level) node.tagName = `h${Number(level) + 1}`;
  });
}
