import type { GuideMeta } from '../markdown/data.js';

/** `https://staffeng.com/guides/x` -> `staffeng.com/guides/x`: the URL as a reader types it. */
export function displayUrl(url: string): string {
  return url.replace(/^https?:\/\//i, '').replace(/^www\./i, '').replace(/\/$/, '');
}

/** An ISO date as the guide's language writes it, in UTC so no machine shifts the day. */
export function displayDate(iso: string, lang: string): string {
  const date = new Date(`${iso}T00:00:00Z`);
  try {
    return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
  } catch {
    return iso;
  }
}

/** Languages written right to left (their base tag): Arabic, Persian, Urdu, Hebrew, Yiddish and a few more. */
const rightToLeft = new Set(['ar', 'fa', 'ur', 'he', 'yi', 'ps', 'sd', 'ug', 'ckb', 'dv']);

/** The direction a language is written in, for the `dir` attribute of the document or section. */
export function textDirection(lang: string): 'ltr' | 'rtl' {
  const script = lang.split('-').find((part, i) => i > 0 && part.length === 4)?.toLowerCase();
  if (script) return script === 'arab' || script === 'hebr' || script === 'thaa' || script === 'syrc' ? 'rtl' : 'ltr';
  return rightToLeft.has(lang.toLowerCase().split('-')[0]!) ? 'rtl' : 'ltr';
}

type Side = 'left' | 'right';

/**
 * Where the running heads go: the page's margin boxes are named by side (`@top-left`), so a
 * right-to-left document swaps them, and its head sits at the top right. Facing pages: Chromium
 * binds a right-to-left document on the right, so its first page is a `:left` one; the verso, which
 * carries the book's title, is the `:right` page there (`verso`, `recto`).
 */
export function pageSides(lang: string): { start: Side; end: Side; verso: Side; recto: Side } {
  return textDirection(lang) === 'rtl'
    ? { start: 'right', end: 'left', verso: 'right', recto: 'left' }
    : { start: 'left', end: 'right', verso: 'left', recto: 'right' };
}

/** What a guide's title block prints under its title (a handout's head, a book section's opening). */
export interface TitleBlockView {
  author?: string;
  source?: string;
  sourceDisplay?: string;
  date?: string;
  dateDisplay?: string;
  /** Both are there: the template puts a separator between them. */
  sourceAndDate: boolean;
  /** The guide's language and its direction, for the element that holds it. */
  lang: string;
  dir: 'ltr' | 'rtl';
}

/** The title block's fields for the templates (`handout.html`, `book.html`), from a guide's front matter. */
export function titleBlockView(meta: GuideMeta): TitleBlockView {
  return {
    author: meta.author,
    source: meta.source,
    sourceDisplay: meta.source ? displayUrl(meta.source) : undefined,
    date: meta.date,
    dateDisplay: meta.date ? displayDate(meta.date, meta.lang) : undefined,
    sourceAndDate: Boolean(meta.source && meta.date),
    lang: meta.lang,
    dir: textDirection(meta.lang),
  };
}
