import type { VFile } from 'vfile';
import type { Block, HeadingBlock, ParagraphBlock } from './blocks.js';
import { type Scored, isCandidate, scoreSentence, wordCount } from './score.js';
import type { DeckSettings, Given } from './settings.js';

/** Words of the closing thought taken from the end of the last paragraph. */
export const closingWords = 35;
/** A paragraph pinned with `<!-- deck: quote -->` is shown whole up to this length, else its best sentence. */
export const pinnedParagraphWords = 50;

/** A text that may go on a quote slide: a sentence of a paragraph, scored, or a pinned text. */
export interface Candidate {
  text: string;
  block: ParagraphBlock;
  /** Reading order, to keep quotes in the order of the argument. */
  order: number;
  scored: Scored;
  pinned: boolean;
}

/** The closing thought: whole sentences from the end of the last paragraph, up to `closingWords`. */
export function closingThought(sentences: string[]): string[] {
  const out: string[] = [];
  let words = 0;
  for (const sentence of [...sentences].reverse()) {
    words += wordCount(sentence);
    if (out.length && words > closingWords) break;
    out.unshift(sentence);
  }
  return out;
}

/**
 * Every sentence that may be a key quote, scored: not in a paragraph that introduces practices,
 * not in the closing thought, not excluded by the author.
 */
export function scoreCandidates(blocks: Block[], closing: string[], excluded: Given[], lang = 'en'): Candidate[] {
  const paragraphs = blocks.filter((b) => b.kind === 'paragraph');
  const last = paragraphs.at(-1);
  const leadIns = new Set(blocks.flatMap((b) => (b.kind === 'practices' && b.leadIn ? [b.leadIn] : [])));
  const out: Candidate[] = [];
  let order = 0;
  const openingDone = new Set<number>();
  for (const block of paragraphs) {
    const opening = !openingDone.has(block.section);
    openingDone.add(block.section);
    if (leadIns.has(block)) continue;
    for (const [i, sentence] of block.sentences.entries()) {
      order++;
      if (block === last && closing.includes(sentence)) continue;
      if (!isCandidate(sentence) || isExcluded(sentence, excluded)) continue;
      const scored = scoreSentence(sentence, { opening: opening && i === 0, closing: block === last, lang });
      out.push({ text: sentence, block, order, scored, pinned: false });
    }
  }
  return out;
}

/**
 * A regular expression that finds a text the author typed (straight quotes, `--`, `...`) in the
 * parsed guide (curly quotes, dashes, ellipses), across any run of white space.
 */
const single = "\u202f?['‘’‚‹›『』]\u202f?";
const double = '\u202f?["“”„«»「」]\u202f?';

export function looseMatcher(text: string): RegExp {
  const alternatives: Record<string, string> = {
    '...': '(?:\\.\\.\\.|…)', '…': '(?:\\.\\.\\.|…)',
    '---': '(?:---|—)', '—': '(?:---|—)',
    '--': '(?:--|–)', '–': '(?:--|–)',
    // Any language's marks (`markdown/quotes.ts`), with the narrow space French sets inside them.
    "'": single, '‘': single, '’': single,
    '"': double, '“': double, '”': double,
  };
  // One pass, longest first, so that what one replacement writes is never replaced again.
  const source = text.trim().replace(/\.\.\.|---|--|[…—–'‘’"“”]|\s+|[.*+?^${}()|[\]\\/]/g, (m) => {
    if (alternatives[m]) return alternatives[m];
    if (/^\s+$/.test(m)) return '\\s+';
    return `\\${m}`;
  });
  return new RegExp(source, 'u');
}

function isExcluded(sentence: string, excluded: Given[]): boolean {
  return excluded.some((given) => looseMatcher(given.text).test(sentence) || looseMatcher(sentence).test(given.text));
}

/** A warning for each text in `deck.exclude` that is in no paragraph (a typo excludes nothing). */
export function warnUnusedExcludes(file: VFile, excluded: Given[], blocks: Block[]): void {
  const paragraphs = blocks.filter((b) => b.kind === 'paragraph');
  for (const given of excluded) {
    if (paragraphs.some((p) => looseMatcher(given.text).test(p.text))) continue;
    file.message(`deck.exclude: "${given.text}" is not in the text (give it verbatim, or one of: epigraph, practices, sections, closing)`, {
      place: given.place,
      ruleId: 'deck-exclude-not-found',
      source: 'guidepress',
    });
  }
}

/** The quotes the author pinned, from the front matter and from `<!-- deck: quote -->`. */
export function pinnedQuotes(file: VFile, settings: DeckSettings, blocks: Block[], candidates: Candidate[]): Candidate[] {
  const paragraphs = blocks.filter((b) => b.kind === 'paragraph');
  const orderOf = (block: ParagraphBlock) => candidates.find((c) => c.block === block)?.order ?? blocks.indexOf(block) * 1000;
  const pinned: Candidate[] = [];
  for (const given of settings.quotes) {
    const pattern = looseMatcher(given.text);
    const block = paragraphs.find((p) => pattern.test(p.text));
    const found = block ? pattern.exec(block.text)?.[0] : undefined;
    if (!block || !found) {
      file.message(`Pinned quote not found verbatim in the text: "${given.text}"`, { place: given.place, ruleId: 'deck-quote-not-found', source: 'guidepress' });
      continue;
    }
    const scored: Scored = { score: Infinity, reasons: ['pinned in the front matter'] };
    pinned.push({ text: found, block, order: orderOf(block) + block.text.indexOf(found) / 1e6, scored, pinned: true });
  }
  for (const block of paragraphs.filter((p) => p.pinned)) {
    const scored: Scored = { score: Infinity, reasons: ['pinned with <!-- deck: quote -->'] };
    if (wordCount(block.text) <= pinnedParagraphWords) {
      pinned.push({ text: block.text, block, order: orderOf(block), scored, pinned: true });
      continue;
    }
    const best = block.sentences
      .map((text, i) => ({ text, i, ...scoreSentence(text, { opening: false, closing: false, lang: file.data.meta?.lang }) }))
      .sort((a, b) => b.score - a.score || a.i - b.i)[0];
    if (best) pinned.push({ text: best.text, block, order: orderOf(block) + best.i / 1e3, scored: { ...scored, reasons: [...scored.reasons, ...best.reasons] }, pinned: true });
  }
  // Pinned twice (in the front matter and by a comment): one slide, with the longer text.
  return pinned.filter((p, i) => !pinned.some((q, j) => j !== i && q.block === p.block && q.text.includes(p.text) && (q.text.length > p.text.length || j < i)));
}

/** Pinned quotes first (all of them), then the best-scoring sentences, one a paragraph, up to `max`. */
export function chooseQuotes(candidates: Candidate[], pinned: Candidate[], max: number): Candidate[] {
  const chosen = [...pinned];
  const used = new Set(pinned.map((p) => p.block));
  const ranked = [...candidates].sort((a, b) => b.scored.score - a.scored.score || a.order - b.order);
  for (const candidate of ranked) {
    if (chosen.length >= max) break;
    if (used.has(candidate.block) || candidate.scored.score <= 0) continue;
    if (pinned.some((p) => p.text.includes(candidate.text) || candidate.text.includes(p.text))) continue;
    chosen.push(candidate);
    used.add(candidate.block);
  }
  return chosen;
}

/** Each `##` section's key sentence: its best sentence not already on a quote slide. */
export function sectionSentences(headings: HeadingBlock[], candidates: Candidate[], chosen: Candidate[]): Map<HeadingBlock, Candidate> {
  const taken = new Set(chosen.map((c) => c.text));
  const out = new Map<HeadingBlock, Candidate>();
  for (const heading of headings) {
    const best = candidates
      .filter((c) => c.block.section === heading.section && !taken.has(c.text))
      .sort((a, b) => b.scored.score - a.scored.score || a.order - b.order)[0];
    if (best) out.set(heading, best);
  }
  return out;
}
