/** What guidepress reads from a guide's front matter. Unknown keys (Hugo's `url`, `weight`...) are kept in `extra`. */
export interface GuideMeta {
  title: string;
  lang: string;
  author?: string;
  site?: string;
  source?: string;
  description?: string;
  keywords: string[];
  /** ISO date (YYYY-MM-DD) when the guide gives one. */
  date?: string;
  /** Hugo's page path, e.g. `/guides/to-lead-follow`: the book names guides by its last segment. */
  url?: string;
  /** Hugo's `draft: true`: not built, as Hugo does not publish it. */
  draft?: boolean;
  /** Deck steering, read by the deck stage. */
  deck?: Record<string, unknown>;
  extra: Record<string, unknown>;
}
