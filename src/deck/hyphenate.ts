import { loadHyphenator } from '../markdown/hyphenate.js';
import type { Deck, Slide } from './slides.js';

/**
 * Words this long or longer get soft hyphens on slides. Shorter ones go to the next line whole, as
 * slides read best; a long compound (German `Softwareentwicklungsorganisationen`) may break, else it
 * is wider than a slide's heading at any text size.
 */
export const hyphenateFrom = 12;
const word = new RegExp(`\\p{L}[\\p{L}\\p{M}]{${hyphenateFrom - 1},}`, 'gu');

/**
 * The deck with soft hyphens (U+00AD) in the long words of what the slides show, by the deck's
 * language: headings, quotes, body text, list items. Kickers, credits, links and speaker notes are
 * left as they are. Without patterns for the language the deck is returned unchanged (the theme
 * still breaks a word too long for its line rather than let it overflow).
 */
export async function hyphenateDeck(deck: Deck): Promise<Deck> {
  return (await deckHyphenator(deck.lang))(deck);
}

/**
 * `hyphenateDeck` for one language, its patterns loaded once: what the deck's renderer applies to
 * each deck it renders, so that the slides break long words while the deck itself (and deck.md,
 * which a reader searches) keeps them whole.
 */
export async function deckHyphenator(lang: string): Promise<(deck: Deck) => Deck> {
  const hyphenate = await loadHyphenator(lang || 'en');
  if (!hyphenate) return (deck) => deck;
  const text = (s: string) => (/:\/\/|www\.|@/.test(s) ? s : s.replace(word, (w) => hyphenate(w, { minWordLength: hyphenateFrom })));
  const slide = (s: Slide): Slide => ({
    ...s,
    heading: s.heading === undefined ? undefined : text(s.heading),
    quote: s.quote?.map((p) => p.map(text)),
    attribution: s.attribution === undefined ? undefined : text(s.attribution),
    body: s.body?.map(text),
    items: s.items?.map(text),
  });
  return (deck) => ({ ...deck, slides: deck.slides.map(slide) });
}
