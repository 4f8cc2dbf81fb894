import type { Element, ElementContent, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';
import { type Guide, guideBody } from '../content/guide.js';
import type { BodyOptions } from '../markdown/pipeline.js';
import { runTail } from '../markdown/pipeline.js';
import { labelsFor } from '../shared/labels.js';
import { linkNames } from '../shared/manifest.js';
import { readTemplate } from '../shared/templates.js';
import rehypeEpubImages, { type Resource } from './images.js';
import rehypeEpubLinks, { documentHref } from './links.js';
import rehypeEpubNotes from './notes.js';
import type { Publication } from './publication.js';
import { rehypeXhtml, stringifyXhtml } from './xhtml.js';
import { renderXml } from './xml.js';

/** A content document of the package, in reading order. */
export interface EpubDocument {
  /** The manifest item's id (an XML name). */
  id: string;
  /** Path inside `EPUB/`. */
  href: string;
  xhtml: string;
  /** Its words, for the fonts it needs and for the tests. */
  text: string;
  /** The nav entry: its title and the headings under it (chapter openings have none). */
  title: string;
  headings: { id: string; text: string }[];
  kind: 'opening' | 'section';
  /** The chapter whose opening this is, or which this section belongs to. */
  chapter: string;
  /** The OPF item's `properties`: `svg` when a diagram is in it. */
  properties?: string;
}

export interface DocumentOptions {
  /** Every guide loaded, to send links to guides outside the EPUB to their page on the site. */
  guides: Guide[];
  /** How the guides' bodies are made (the same for every output of the run), less the labels. */
  body: Omit<BodyOptions, 'labels'>;
  templatesDir?: string;
  /** The package's images, filled as the documents are made. */
  resources: Map<string, Resource>;
}

const rtl = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'yi']);
export const directionOf = (lang: string) => (rtl.has(lang.toLowerCase().split('-')[0]!) ? 'rtl' : undefined);

/**
 * The EPUB's documents, one per chapter opening and per section, made from each guide's body
 * (`guideBody`, shared with the other outputs) with the EPUB's tail: links to documents, footnotes
 * as pop-ups, images as package files, XHTML. A link to an anchor that is not there goes to the
 * start of its document (the missing heading is reported by `content/links.ts`).
 */
export async function makeDocuments(publication: Publication, options: DocumentOptions): Promise<EpubDocument[]> {
  const sections = publication.chapters.flatMap((c) => c.sections);
  const { guides: byName, sections: docs } = linkNames(options.guides, sections);

  const trees = new Map<string, Root>();
  for (const section of sections) {
    const { guide } = section;
    const labels = labelsFor(guide.meta.lang, options.templatesDir);
    const body = await guideBody(guide, { ...options.body, labels });
    const tree = await runTail(body, guide.file, [
      [rehypeEpubLinks, { docs, guides: byName, baseUrl: publication.baseUrl ?? guide.meta.source }],
      [rehypeEpubNotes, { heading: labels.notes }],
      [rehypeEpubImages, { resources: options.resources, prefix: '../' }],
      rehypeXhtml,
    ]);
    trees.set(section.id, tree);
  }
  retargetMissingAnchors(trees);

  const template = readTemplate('epub/document.xhtml', options.templatesDir);
  const out: EpubDocument[] = [];
  for (const chapter of publication.chapters) {
    if (publication.openings) {
      const list: ElementContent[] = chapter.sections.map((s) => el('li', {}, [el('a', { href: documentHref(s.id) }, [text(s.title)])]));
      const opening = el('section', { 'epub:type': 'part', role: 'doc-part', className: ['chapter-opening'] }, [
        el('h1', {}, [text(chapter.title)]),
        el('ol', {}, list),
      ]);
      const root: Root = { type: 'root', children: [opening] };
      out.push(document(chapter.id, chapter.title, root, 'opening', chapter.id, publication.lang, template));
    }
    for (const section of chapter.sections) {
      const body = trees.get(section.id)!;
      const { meta } = section.guide;
      const header: ElementContent[] = [el('h1', { className: ['section-title'] }, [text(section.title)])];
      if (meta.author && meta.author !== publication.author) header.push(el('p', { className: ['byline'] }, [text(meta.author)]));
      const root: Root = { type: 'root', children: [el('section', { 'epub:type': 'chapter', role: 'doc-chapter' }, [...header, ...(body.children as ElementContent[])])] };
      out.push(document(section.id, section.title, root, 'section', chapter.id, meta.lang, template));
    }
  }
  return out;
}

function document(id: string, title: string, root: Root, kind: EpubDocument['kind'], chapter: string, lang: string, template: string): EpubDocument {
  const headings: EpubDocument['headings'] = [];
  let svg = false;
  visit(root, 'element', (node: Element) => {
    if (node.tagName === 'svg') svg = true;
    if (kind === 'section' && node.tagName === 'h2' && typeof node.properties.id === 'string') headings.push({ id: node.properties.id, text: toString(node) });
  });
  const content = stringifyXhtml(root);
  const xhtml = renderXml(template, { lang, dir: directionOf(lang), title, root: '../', kind, content });
  return { id: `doc-${id}`, href: `text/${documentHref(id)}`, xhtml, text: toString(root), title, headings, kind, chapter, properties: svg ? 'svg' : undefined };
}

/** `x.xhtml#missing` -> `x.xhtml`, `#missing` -> this document: a reader cannot follow an anchor that is not there. */
function retargetMissingAnchors(trees: Map<string, Root>): void {
  const ids = new Map<string, Set<string>>();
  for (const [doc, tree] of trees) {
    const set = new Set<string>();
    visit(tree, 'element', (node: Element) => {
      if (typeof node.properties.id === 'string') set.add(node.properties.id);
    });
    ids.set(doc, set);
  }
  for (const [doc, tree] of trees) {
    visit(tree, 'element', (node: Element) => {
      const href = node.tagName === 'a' && typeof node.properties.href === 'string' ? node.properties.href : '';
      const match = /^(?:([^/#:]+)\.xhtml)?#(.*)$/.exec(href);
      if (!match) return;
      const target = match[1] ?? doc;
      if (ids.get(target)?.has(match[2]!)) return;
      node.properties.href = documentHref(target);
    });
  }
}

const text = (value: string): ElementContent => ({ type: 'text', value });
const el = (tagName: string, properties: Element['properties'], children: ElementContent[]): Element => ({ type: 'element', tagName, properties, children });
