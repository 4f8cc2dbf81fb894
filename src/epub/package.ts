import { strToU8, zipSync, type Zippable } from 'fflate';
import { labelsFor } from '../shared/labels.js';
import { readTemplate } from '../shared/templates.js';
import { generator } from '../version.js';
import { escapeXml, renderXml } from './xml.js';
import type { EpubDocument } from './documents.js';
import type { Resource } from './images.js';
import type { Publication } from './publication.js';

export interface PackageParts {
  publication: Publication;
  documents: EpubDocument[];
  /** Images (the cover first), fonts, the stylesheet. */
  resources: Resource[];
  cover?: Resource;
  modified: Date;
  templatesDir?: string;
}

const container = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
`;

/**
 * The EPUB file: `mimetype` first and stored, then the container, the package, nav, cover, title
 * page, the documents in reading order and the resources, every entry dated `modified`, so that
 * the same sources and SOURCE_DATE_EPOCH give the same bytes.
 */
export function zipEpub(parts: PackageParts): Uint8Array {
  const { publication, documents, templatesDir } = parts;
  const labels = labelsFor(publication.lang, templatesDir);
  const lang = publication.lang;
  const front: { id: string; href: string; xhtml: string; properties?: string }[] = [];
  if (parts.cover) {
    const xhtml = renderXml(readTemplate('epub/cover.xhtml', templatesDir), { lang, title: publication.title, image: parts.cover.href, alt: coverAlt(publication) });
    front.push({ id: 'cover', href: 'cover.xhtml', xhtml });
  }
  front.push({ id: 'title-page', href: 'title.xhtml', xhtml: renderXml(readTemplate('epub/title.xhtml', templatesDir), { ...publication, lang }) });
  const first = documents[0]!;
  const nav = renderXml(readTemplate('epub/nav.xhtml', templatesDir), { lang, labels, toc: tocList(publication, documents), bodymatter: first.href, start: first.title });
  front.push({ id: 'nav', href: 'nav.xhtml', xhtml: nav, properties: 'nav' });

  const items = [
    ...front.map((f) => ({ id: f.id, href: f.href, mediaType: 'application/xhtml+xml', properties: f.properties })),
    ...documents.map((d) => ({ id: d.id, href: d.href, mediaType: 'application/xhtml+xml', properties: d.properties })),
    ...parts.resources.map((r, i) => ({ id: r.properties === 'cover-image' ? 'cover-image' : `res-${i + 1}`, href: r.href, mediaType: r.mediaType, properties: r.properties })),
  ];
  const allText = documents.map((d) => d.xhtml).join('\n');
  const alts = [...allText.matchAll(/<img\b[^>]*\balt="([^"]*)"/g)].map((m) => m[1]!);
  const diagrams = documents.some((d) => d.properties === 'svg');
  const visual = alts.length > 0 || diagrams;
  const opf = renderXml(readTemplate('epub/package.opf', templatesDir), {
    ...publication,
    generator,
    modified: parts.modified.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    source: undefined,
    accessModes: visual ? ['textual', 'visual'] : ['textual'],
    // Text alone suffices when every picture has a text alternative; diagrams carry their labels as text.
    accessModeSufficient: visual ? (alts.every((a) => a.trim()) ? ['textual', 'textual,visual'] : ['textual,visual']) : ['textual'],
    accessibilityFeatures: ['structuralNavigation', 'tableOfContents', 'readingOrder', 'displayTransformability', ...(alts.length && alts.every((a) => a.trim()) ? ['alternativeText'] : [])],
    accessibilitySummary: 'Reflowable text with a table of contents and headings for navigation; footnotes are linked both ways'
      + (alts.length ? (alts.every((a) => a.trim()) ? '; every image has a text alternative.' : '; some images have no text alternative.') : '.'),
    items,
    spine: [...front, ...documents].map((d) => ({ id: d.id, linear: true })),
  });

  const files: Zippable = {
    mimetype: [strToU8('application/epub+zip'), { level: 0 }],
    'META-INF/container.xml': strToU8(container),
    'EPUB/package.opf': strToU8(opf),
  };
  for (const f of front) files[`EPUB/${f.href}`] = strToU8(f.xhtml);
  for (const d of documents) files[`EPUB/${d.href}`] = strToU8(d.xhtml);
  for (const r of parts.resources) files[`EPUB/${r.href}`] = [r.data, { level: /^(image\/(png|jpeg|gif|webp)|font\/woff2)$/.test(r.mediaType) ? 0 : 9 }];
  // A zip's dates are "local" fields, which fflate fills from the machine's time zone: given the
  // UTC fields, every machine writes the same bytes.
  const m = parts.modified;
  const mtime = new Date(m.getUTCFullYear(), m.getUTCMonth(), m.getUTCDate(), m.getUTCHours(), m.getUTCMinutes(), m.getUTCSeconds());
  return zipSync(files, { mtime });
}

/** The contents: chapters (a book's), their sections, the sections' headings, as nested lists. */
function tocList(publication: Publication, documents: EpubDocument[]): string {
  const esc = escapeXml;
  const section = (d: EpubDocument) => {
    const headings = d.headings.map((h) => `<li><a href="${d.href}#${esc(h.id)}">${esc(h.text)}</a></li>`).join('');
    return `<li><a href="${d.href}">${esc(d.title)}</a>${headings ? `<ol>${headings}</ol>` : ''}</li>`;
  };
  if (!publication.openings) return `<ol>${documents.map(section).join('')}</ol>`;
  const chapters = documents.filter((d) => d.kind === 'opening').map((opening) => {
    const sections = documents.filter((d) => d.kind === 'section' && d.chapter === opening.chapter).map(section).join('');
    return `<li><a href="${opening.href}">${esc(opening.title)}</a>${sections ? `<ol>${sections}</ol>` : ''}</li>`;
  });
  return `<ol>${chapters.join('')}</ol>`;
}

function coverAlt(publication: Publication): string {
  return [publication.title, publication.subtitle, publication.author].filter(Boolean).join(' — ');
}
