import type { Point } from 'unist';
import type { VFile } from 'vfile';
import type { DeckConfig } from '../config.js';
import { metaPlace } from '../markdown/data.js';

/** Slide kinds that `deck.exclude` may name to leave them out. */
export const excludableKinds = ['epigraph', 'practices', 'sections', 'closing'] as const;
export type ExcludableKind = (typeof excludableKinds)[number];

/** A text the author gave in the front matter, with where it is written there. */
export interface Given {
  text: string;
  place?: Point;
}

export interface DeckSettings {
  maxQuotes: number;
  theme: string;
  /** Quotes pinned by the author, verbatim from the text. */
  quotes: Given[];
  /** Texts whose sentences are never chosen as quotes. */
  excludeText: Given[];
  excludeKinds: Set<ExcludableKind>;
}

/**
 * The deck's settings for one guide: the config's, overridden by the front matter's `deck:`
 * mapping (`quotes`, `exclude`, `maxQuotes`, `theme`). A value of the wrong type is a warning and
 * is ignored, so a typo never stops the handout or the book.
 */
export function readDeckSettings(file: VFile, config: DeckConfig): DeckSettings {
  const deck = file.data.meta?.deck ?? {};
  const placeOf = (path: string) => metaPlace(file.data.metaPlaces, `deck.${path}`)?.start;
  const warn = (reason: string, key: string) =>
    file.message(reason, { place: placeOf(key), ruleId: 'deck-front-matter', source: 'guidepress' });

  const settings: DeckSettings = {
    maxQuotes: config.maxQuotes,
    theme: config.theme,
    quotes: [],
    excludeText: [],
    excludeKinds: new Set(),
  };
  const known = new Set(['quotes', 'exclude', 'maxQuotes', 'theme']);
  for (const key of Object.keys(deck)) {
    if (!known.has(key)) warn(`Unknown deck setting \`${key}\`: use quotes, exclude, maxQuotes or theme`, key);
  }
  if (deck.maxQuotes !== undefined) {
    if (Number.isInteger(deck.maxQuotes) && (deck.maxQuotes as number) >= 0) settings.maxQuotes = deck.maxQuotes as number;
    else warn(`deck.maxQuotes must be a whole number, not ${JSON.stringify(deck.maxQuotes)}`, 'maxQuotes');
  }
  if (deck.theme !== undefined) {
    if (typeof deck.theme === 'string' && deck.theme.trim()) settings.theme = deck.theme.trim();
    else warn('deck.theme must be the name of a theme', 'theme');
  }
  const texts = (key: 'quotes' | 'exclude'): Given[] => {
    const value = deck[key];
    if (value === undefined) return [];
    const list = Array.isArray(value) ? value : [value];
    if (!list.every((item) => typeof item === 'string')) {
      warn(`deck.${key} must be a list of texts`, key);
      return [];
    }
    return (list as string[]).map((text, i) => ({ text, place: placeOf(Array.isArray(value) ? `${key}.${i}` : key) }));
  };
  settings.quotes = texts('quotes');
  for (const given of texts('exclude')) {
    const kind = given.text.trim().toLowerCase();
    if ((excludableKinds as readonly string[]).includes(kind)) settings.excludeKinds.add(kind as ExcludableKind);
    else settings.excludeText.push(given);
  }
  return settings;
}
