import { createHash } from 'node:crypto';
import type { Book } from '../shared/manifest.js';
import type { Guide } from '../content/guide.js';

/** A guide in the EPUB: one XHTML document, `text/<id>.xhtml`. */
export interface EpubSection {
  id: string;
  title: string;
  guide: Guide;
}

/** A chapter of the book: an opening document, then its sections. */
export interface EpubChapter {
  id: string;
  title: string;
  sections: EpubSection[];
}

/** What an EPUB is made of, whether from the book's manifest or from one guide. */
export interface Publication {
  title: string;
  subtitle?: string;
  author?: string;
  description?: string;
  lang: string;
  /** The site the guides come from, named: `dc:publisher`. */
  publisher?: string;
  /** Its address: `/paths` that are not in the EPUB become links on it. */
  baseUrl?: string;
  /** `urn:uuid:...` or the manifest's own `id`. */
  identifier: string;
  /** The manifest's cover, as written there (resolved like a guide's image); drawn when absent. */
  cover?: Book['cover'];
  chapters: EpubChapter[];
  /** A book opens each chapter with a page of its own; a guide's EPUB is one section. */
  openings: boolean;
}

/** The book's manifest as an EPUB. */
export function bookPublication(book: Book): Publication {
  return {
    title: book.title,
    subtitle: book.subtitle,
    author: book.author,
    description: book.description,
    lang: book.lang,
    publisher: book.site,
    baseUrl: book.baseUrl,
    identifier: book.id ?? uuidUrn(`${book.baseUrl ?? ''}|${book.title}`),
    cover: book.cover,
    chapters: book.chapters.map((c) => ({ id: c.id, title: c.title, sections: c.sections.map((s) => ({ id: s.id, title: s.title, guide: s.guide })) })),
    openings: true,
  };
}

/** One guide as an EPUB of one section. */
export function guidePublication(guide: Guide): Publication {
  const { meta } = guide;
  const section = { id: guide.slug, title: meta.title, guide };
  return {
    title: meta.title,
    author: meta.author,
    description: meta.description,
    lang: meta.lang,
    publisher: meta.site,
    baseUrl: meta.source,
    identifier: uuidUrn(`${meta.source ?? meta.url ?? guide.slug}|${meta.title}`),
    chapters: [{ id: guide.slug, title: meta.title, sections: [section] }],
    openings: false,
  };
}

/** RFC 4122's URL namespace: the name hashed into the identifier starts with the site's address. */
const urlNamespace = Buffer.from('6ba7b8119dad11d180b400c04fd430c8', 'hex');

/**
 * A name-based (version 5) UUID: the same title and site give the same identifier on every
 * build, so a reader's library sees a rebuilt EPUB as a new edition of the same book.
 */
export function uuidUrn(name: string): string {
  const hash = createHash('sha1').update(urlNamespace).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
