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

/** What a guide's title block prints under its title (a handout's head, a book section's opening). */
export interface TitleBlockView {
  author?: string;
  source?: string;
  sourceDisplay?: string;
  date?: string;
  dateDisplay?: string;
  /** Both are there: the template puts a separator between them. */
  sourceAndDate: boolean;
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
  };
}
