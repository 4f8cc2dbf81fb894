import type { DeckConfig } from '../config.js';
import type { Guide } from '../content/guide.js';
import { splitSentences } from '../markdown/sentences.js';
import { type HeadingBlock, plainText, readBlocks } from './blocks.js';
import { closingSlide, epigraphSlides, practiceSlides, quoteSlide, sectionSlide, titleSlide } from './builders.js';
import { type Candidate, chooseQuotes, closingThought, pinnedQuotes, scoreCandidates, sectionSentences, warnUnusedExcludes } from './quotes.js';
import { readDeckSettings } from './settings.js';
import type { Deck, Slide } from './slides.js';

/** A key quote the deck chose, and why: for tests, and for anyone asking "why this sentence?". */
export interface Choice {
  text: string;
  score: number;
  reasons: string[];
  pinned: boolean;
  line?: number;
}

export interface Extracted {
  deck: Deck;
  quotes: Choice[];
}

/**
 * Pick what a speaker would put on slides, from the parsed guide: a title slide, the epigraph,
 * key quotes (scored as `score.ts` documents), the practices with an overview, a divider per `##`
 * section, and a closing slide. Deterministic: the same guide always gives the same deck. Problems
 * with the author's steering (a pinned quote that is not in the text) are warnings on `guide.file`.
 */
export function extractDeck(guide: Guide, config: DeckConfig): Extracted {
  const { tree, file, meta } = guide;
  const { lang } = meta;
  const settings = readDeckSettings(file, config);
  const shows = (kind: 'epigraph' | 'practices' | 'sections' | 'closing') => !settings.excludeKinds.has(kind);
  const blocks = readBlocks(tree, file, lang);
  const headings = blocks.filter((b) => b.kind === 'heading');
  const withSections = headings.length >= 2 && shows('sections');

  // The text: the closing thought first, since its sentences are not also key quotes.
  const last = blocks.filter((b) => b.kind === 'paragraph').at(-1);
  const closing = last && shows('closing') ? closingThought(last.sentences) : [];
  const candidates = scoreCandidates(blocks, closing, settings.excludeText);
  warnUnusedExcludes(file, settings.excludeText, blocks);
  const chosen = chooseQuotes(candidates, pinnedQuotes(file, settings, blocks, candidates), settings.maxQuotes);
  const keySentences = withSections ? sectionSentences(headings, candidates, chosen) : new Map<HeadingBlock, Candidate>();

  // The slides, in the guide's order.
  const slides: Slide[] = [titleSlide(meta, file.data.metaPlaces)];
  const epigraph = file.data.epigraph;
  if (epigraph && shows('epigraph')) {
    const quote = epigraph.quote.map((p) => splitSentences(plainText(p), lang));
    slides.push(...epigraphSlides(quote, epigraph.attributionText, epigraph.position));
  }
  let part = 0;
  for (const block of blocks) {
    if (block.kind === 'heading' && withSections) slides.push(sectionSlide(block, ++part, keySentences.get(block)));
    if (block.kind === 'paragraph') {
      const quotes = chosen.filter((c) => c.block === block).sort((a, b) => a.order - b.order);
      slides.push(...quotes.map((quote) => quoteSlide(quote, lang)));
    }
    if (block.kind === 'practices' && shows('practices')) slides.push(...practiceSlides(block, lang));
  }
  if (last && closing.length) slides.push(closingSlide(meta, closing, last));

  const deck: Deck = {
    title: meta.title,
    lang,
    theme: settings.theme,
    footer: [meta.title, meta.author ?? meta.site].filter(Boolean).join(' · '),
    author: meta.author ?? meta.site,
    description: meta.description,
    keywords: meta.keywords,
    url: meta.source,
    slides,
  };
  const quotes = chosen
    .sort((a, b) => a.order - b.order)
    .map((c) => ({ text: c.text, score: c.scored.score, reasons: c.scored.reasons, pinned: c.pinned, line: c.block.node.position?.start.line }));
  return { deck, quotes };
}
