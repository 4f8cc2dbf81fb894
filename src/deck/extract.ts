import { localQuotes } from '../markdown/quotes.js';
import { baseLanguage, fillLabel, labelsFor } from '../shared/labels.js';
import type { Code } from 'mdast';
import type { DeckConfig } from '../config.js';
import type { Guide } from '../content/guide.js';
import { splitSentences } from '../markdown/sentences.js';
import { type Block, type HeadingBlock, type ShowBlock, plainText, readBlocks } from './blocks.js';
import { type DeckDiagram, closingSlide, epigraphSlides, practiceSlides, quoteSlide, sectionSlide, showSlide, titleSlide } from './builders.js';
import { type Candidate, chooseQuotes, closingThought, pinnedQuotes, scoreCandidates, sectionSentences, warnUnusedExcludes } from './quotes.js';
import { wordCount } from './score.js';
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
 * section that has something to say, a slide for each code block, table, diagram or formula
 * worth showing (`shownBlocks`), and a closing slide. `diagrams` are the guide's drawn diagrams.
 * Deterministic: the same guide always gives the same deck. Problems with the author's steering
 * (a pinned quote that is not in the text) are warnings on `guide.file`.
 */
export function extractDeck(guide: Guide, config: DeckConfig, diagrams: Map<Code, DeckDiagram> = new Map(), labels = labelsFor(guide.meta.lang)): Extracted {
  const { tree, file, meta } = guide;
  const { lang } = meta;
  const partLabel = (n: number) => fillLabel(labels.part, lang, { n });
  const settings = readDeckSettings(file, config);
  const shows = (kind: 'epigraph' | 'practices' | 'sections' | 'closing') => !settings.excludeKinds.has(kind);
  const blocks = readBlocks(tree, file, lang);
  const headings = blocks.filter((b) => b.kind === 'heading');
  const withSections = headings.length >= 2 && shows('sections');

  // The text: the closing thought first, since its sentences are not also key quotes.
  const last = blocks.filter((b) => b.kind === 'paragraph').at(-1);
  const closing = last && shows('closing') ? closingThought(last.sentences) : [];
  const candidates = scoreCandidates(blocks, closing, settings.excludeText, lang);
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
  // A section divider says where the talk is; a section with no text of its own on slides (no key
  // sentence, quote or practices) gets none: its first shown block carries its name instead, and
  // a section with nothing at all to show gets no slide.
  const shown = shownBlocks(blocks);
  const spoken = new Set<number>([
    ...headings.filter((h) => keySentences.has(h)).map((h) => h.section),
    ...chosen.map((c) => c.block.section),
    ...(shows('practices') ? blocks.filter((b) => b.kind === 'practices').map((b) => b.section) : []),
  ]);
  const names = new Map(headings.map((h) => [h.section, h.text]));
  let part = 0;
  let unnamed: HeadingBlock | undefined;
  for (const block of blocks) {
    if (block.kind === 'heading' && withSections) {
      unnamed = spoken.has(block.section) ? undefined : block;
      if (!unnamed) slides.push(sectionSlide(block, partLabel(++part), keySentences.get(block)));
    }
    if (block.kind === 'paragraph') {
      const quotes = chosen.filter((c) => c.block === block).sort((a, b) => a.order - b.order);
      slides.push(...quotes.map((quote) => quoteSlide(quote, lang)));
    }
    if (block.kind === 'practices' && shows('practices')) slides.push(...practiceSlides(block, lang, labels));
    if (block.kind === 'show' && shown.has(block)) {
      const kicker = unnamed?.section === block.section ? partLabel(part + 1) : undefined;
      const made = showSlide(block, { heading: names.get(block.section), kicker }, block.what === 'diagram' ? diagrams.get(block.node) : undefined);
      if (made) {
        slides.push(made);
        if (kicker) {
          part++;
          unnamed = undefined;
        }
      }
    }
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
    themeText: baseLanguage(lang) === 'en' ? undefined : { continues: labels.continues, continued: labels.continued, quoteOpen: localQuotes('“', lang).trim() },
  };
  const quotes = chosen
    .sort((a, b) => a.order - b.order)
    .map((c) => ({ text: c.text, score: c.scored.score, reasons: c.scored.reasons, pinned: c.pinned, line: c.block.node.position?.start.line }));
  return { deck, quotes };
}

/** Running text, in words, that a section may have and still be "mostly" its one block. */
export const heartWords = 60;

/**
 * The code blocks, tables, diagrams and display formulas that get a slide: those marked
 * `<!-- deck: show -->`, and the heart of a `##` section, its one such block when the rest of the
 * section is a lead-in and a remark (at most `heartWords` words of running text).
 */
export function shownBlocks(blocks: Block[]): Set<ShowBlock> {
  const shown = new Set<ShowBlock>();
  const bySection = new Map<number, { show: ShowBlock[]; words: number }>();
  for (const block of blocks) {
    if (block.kind === 'heading') continue;
    const entry = bySection.get(block.section) ?? { show: [], words: 0 };
    bySection.set(block.section, entry);
    if (block.kind === 'show') entry.show.push(block);
    else if (block.kind === 'paragraph') entry.words += wordCount(block.text);
    else entry.words += wordCount(plainText(block.node));
    if (block.kind === 'show' && block.marked) shown.add(block);
  }
  for (const [section, { show, words }] of bySection) {
    if (section >= 0 && show.length === 1 && words <= heartWords) shown.add(show[0]!);
  }
  return shown;
}
