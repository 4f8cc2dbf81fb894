import type { List, Paragraph, PhrasingContent } from 'mdast';
import type { Position } from 'unist';

/**
 * What the markdown stage leaves on `file.data` for the stages after it (content, handout, deck,
 * book): the guide's front matter, where each of its keys is written, the epigraph and the
 * practices. Declared here, once, the way `mdast-util-to-hast` gathers its augmentations.
 */

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

/**
 * Where the front matter and each of its keys are written in the guide, for YAML and TOML alike,
 * so that any stage can pin a message on the key it is about.
 */
export interface MetaPlaces {
  /** The whole front matter block, when the guide has one. */
  matter?: Position;
  /**
   * Each key by its path: `title`, `deck`, `deck.quotes`, and `deck.quotes.0` for the items of a
   * list of texts. The position spans the key (or item) to the end of its line.
   */
  keys: Record<string, Position>;
}

/** The blockquote at the top of a guide whose last line is an attribution. */
export interface Epigraph {
  /** The quote's paragraphs, without the attribution. */
  quote: Paragraph[];
  /** The attribution's inline content, without its leading dash. */
  attribution: PhrasingContent[];
  text: string;
  attributionText: string;
  position?: Position;
}

declare module 'mdast' {
  interface LinkData {
    /** The link was a Hugo `ref`/`relref` shortcode: it must name a page (`remarkHugoShortcodes`). */
    hugoRef?: boolean;
  }
}

declare module 'vfile' {
  interface DataMap {
    /** The front matter, read and validated (`remarkFrontmatterData`). */
    meta: GuideMeta;
    /** Where the front matter's keys are written (`remarkFrontmatterData`). */
    metaPlaces: MetaPlaces;
    /** The text of a leading `# Heading` taken out of the body (`remarkLeadingHeading`). */
    leadingHeading: string;
    /** The epigraph (`remarkEpigraph`). */
    epigraph: Epigraph;
    /** The top-level lists set as practices (`remarkPractices`). */
    practices: List[];
    /** Absolute paths of the files read into the output (images, `rehypeImages`): what an incremental build re-hashes. */
    embedded: string[];
  }
}

/**
 * Where the front-matter key at `path` (`deck.quotes.0`) is written: the key itself, else the
 * nearest key above it that is written (a TOML inline table holds its keys on one line), else the
 * front matter as a whole.
 */
export function metaPlace(places: MetaPlaces | undefined, path: string): Position | undefined {
  if (!places) return undefined;
  for (let parts = path.split('.'); parts.length; parts = parts.slice(0, -1)) {
    const place = places.keys[parts.join('.')];
    if (place) return place;
  }
  return places.matter;
}
