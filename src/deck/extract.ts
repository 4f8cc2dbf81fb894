import type { Heading, List, ListItem, Paragraph, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Position } from 'unist';
import type { VFile } from 'vfile';
import type { DeckConfig } from '../config.js';
import type { Guide } from '../content/guide.js';
import { practiceCue } from '../markdown/practices.js';
import { splitSentences } from '../markdown/sentences.js';
import { displayDate, displayUrl } from '../shared/display.js';
import { type DeckSettings, type Given, readDeckSettings } from './settings.js';
import { type Scored, isCandidate, scoreSentence, wordCount } from './score.js';
import type { Deck, Slide } from './slides.js';

/** Words of a quotation that one slide shows at the designed size; more is split or cut. */
export const quoteWordsPerSlide = 55;
/** Words of a practice's gist under its headline; the whole item is in the notes. */
export const gistWords = 45;
/** Words of the closing thought taken from the end of the last paragraph. */
export const closingWords = 35;
/** A paragraph pinned with `<!-- deck: quote -->` is shown whole up to this length, else its best sentence. */
export const pinnedParagraphWords = 50;

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

interface Block {
  kind: 'paragraph' | 'heading' | 'practices';
  node: Paragraph | Heading | List;
  /** Paragraphs: the plain text and its sentences. */
  text: string;
  sentences: string[];
  /** Index of the `##` section the block is in, -1 before the first. */
  section: number;
  /** Paragraphs: pinned by a `<!-- deck: quote -->` comment before it. */
  pinned?: boolean;
  /** Practices: the paragraph that introduces the list. */
  leadIn?: Block;
}

interface Candidate {
  text: string;
  block: Block;
  order: number;
  scored: Scored;
  pinned: boolean;
}

/**
 * Pick what a speaker would put on slides, from the parsed guide: a title slide, the epigraph,
 * key quotes (scored as `score.ts` documents), the practices with an overview, a divider per `##`
 * section, and a closing slide. Deterministic: the same guide always gives the same deck. Problems
 * with the author's steering (a pinned quote that is not in the text) are warnings on `guide.file`.
 */
export function extractDeck(guide: Guide, config: DeckConfig): Extracted {
  const { tree, file, meta } = guide;
  const settings = readDeckSettings(tree, file, config);
  const lang = meta.lang;
  const blocks = readBlocks(tree, file, lang);
  const paragraphs = blocks.filter((b) => b.kind === 'paragraph');
  const headings = blocks.filter((b) => b.kind === 'heading');
  const withSections = headings.length >= 2 && !settings.excludeKinds.has('sections');

  // The closing thought: whole sentences from the end of the last paragraph.
  const last = paragraphs.at(-1);
  const closing = last && !settings.excludeKinds.has('closing') ? closingThought(last.sentences) : [];
  const leadIns = new Set(blocks.flatMap((b) => (b.leadIn ? [b.leadIn] : [])));

  // Every sentence that may be a key quote, scored.
  const candidates: Candidate[] = [];
  let order = 0;
  const openingDone = new Set<number>();
  for (const block of paragraphs) {
    const opening = !openingDone.has(block.section);
    openingDone.add(block.section);
    if (leadIns.has(block)) continue;
    for (const [i, sentence] of block.sentences.entries()) {
      order++;
      if (block === last && closing.includes(sentence)) continue;
      if (!isCandidate(sentence) || isExcluded(sentence, settings.excludeText)) continue;
      const scored = scoreSentence(sentence, { opening: opening && i === 0, closing: block === last });
      candidates.push({ text: sentence, block, order, scored, pinned: false });
    }
  }
  warnUnusedExcludes(file, settings.excludeText, paragraphs);

  const chosen = chooseQuotes(candidates, pinnedQuotes(file, settings, blocks, candidates), settings.maxQuotes);
  const keySentences = withSections ? sectionSentences(headings, candidates, chosen) : new Map<Block, Candidate>();

  const slides: Slide[] = [titleSlide(guide)];
  const epigraph = file.data.epigraph;
  if (epigraph && !settings.excludeKinds.has('epigraph')) {
    const quote = epigraph.quote.map((p) => splitSentences(plainText(p), lang));
    slides.push(...epigraphSlides(quote, epigraph.attributionText, epigraph.position));
  }
  let part = 0;
  for (const block of blocks) {
    if (block.kind === 'heading' && withSections) {
      part++;
      const key = keySentences.get(block);
      slides.push({
        kind: 'section',
        kicker: `Part ${part}`,
        heading: block.text,
        body: key ? [key.text] : undefined,
        notes: [block.text, ...(key ? [key.block.text] : [])],
        position: block.node.position,
        shrink: 0,
      });
    }
    if (block.kind === 'paragraph') {
      for (const quote of chosen.filter((c) => c.block === block).sort((a, b) => a.order - b.order)) {
        slides.push({
          kind: 'quote',
          quote: [splitSentences(quote.text, lang)],
          notes: [block.text],
          position: block.node.position,
          shrink: 0,
        });
      }
    }
    if (block.kind === 'practices' && !settings.excludeKinds.has('practices')) {
      slides.push(...practiceSlides(block, lang));
    }
  }
  if (last && closing.length) slides.push(closingSlide(guide, closing, last));

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

/** The guide's top-level paragraphs, `##` headings and practices lists, in order; reads `<!-- deck: ... -->`. */
function readBlocks(tree: Root, file: VFile, lang: string): Block[] {
  const practices = new Set(file.data.practices ?? []);
  const blocks: Block[] = [];
  let section = -1;
  let pin: RootContent | undefined;
  tree.children.forEach((node, index) => {
    if (node.type === 'html') {
      const directive = /^<!--\s*deck:\s*([\w-]*)\s*-->$/.exec(node.value.trim());
      if (!directive) return;
      if (directive[1] === 'quote') pin = node;
      else file.message(`Unknown deck comment \`${node.value.trim()}\`: use \`<!-- deck: quote -->\` before a paragraph`, { place: node.position, ruleId: 'deck-comment', source: 'guidepress' });
      return;
    }
    const pinned = pin !== undefined;
    if (pin && node.type !== 'paragraph') {
      file.message('`<!-- deck: quote -->` must come right before a paragraph', { place: pin.position, ruleId: 'deck-comment', source: 'guidepress' });
    }
    pin = undefined;
    if (node.type === 'heading' && node.depth === 2) {
      section++;
      blocks.push({ kind: 'heading', node, text: plainText(node), sentences: [], section });
    } else if (node.type === 'paragraph' && node.data?.hName === undefined && !isImageOnly(node)) {
      const text = plainText(node);
      if (text) blocks.push({ kind: 'paragraph', node, text, sentences: splitSentences(text, lang), section, pinned });
    } else if (node.type === 'list' && practices.has(node)) {
      const before = tree.children[index - 1];
      const leadIn = blocks.at(-1);
      const introduces = before?.type === 'paragraph' && leadIn?.node === before;
      blocks.push({ kind: 'practices', node, text: '', sentences: [], section, leadIn: introduces ? leadIn : undefined });
    }
  });
  if (pin) file.message('`<!-- deck: quote -->` must come right before a paragraph', { place: pin.position, ruleId: 'deck-comment', source: 'guidepress' });
  return blocks;
}

/** Nodes whose children are blocks (paragraphs, lists, items): their texts are separate, not run together. */
const blockContainers = new Set(['root', 'list', 'listItem', 'blockquote', 'footnoteDefinition', 'table', 'tableRow', 'containerDirective']);

/**
 * Text as the reader sees it: no HTML, no image alt text, one space between words. Block children
 * (a paragraph and the nested list after it, one list item and the next) are joined with a space;
 * inline text is taken as it is (`mdast-util-to-string` alone would run the blocks together).
 */
export function plainText(node: Parameters<typeof toString>[0]): string {
  return blockText(node).replace(/\s+/g, ' ').trim();
}

function blockText(node: Parameters<typeof toString>[0]): string {
  if (node && typeof node === 'object' && 'type' in node && blockContainers.has(node.type as string) && 'children' in node && Array.isArray(node.children)) {
    return (node.children as Parameters<typeof toString>[0][]).map(blockText).join(' ');
  }
  return toString(node, { includeHtml: false, includeImageAlt: false });
}

function isImageOnly(node: Paragraph): boolean {
  return node.children.every((child) => child.type === 'image' || child.type === 'imageReference' || (child.type === 'text' && !child.value.trim()));
}

function closingThought(sentences: string[]): string[] {
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
 * A regular expression that finds a text the author typed (straight quotes, `--`, `...`) in the
 * parsed guide (curly quotes, dashes, ellipses), across any run of white space.
 */
export function looseMatcher(text: string): RegExp {
  const alternatives: Record<string, string> = {
    '...': '(?:\\.\\.\\.|…)', '…': '(?:\\.\\.\\.|…)',
    '---': '(?:---|—)', '—': '(?:---|—)',
    '--': '(?:--|–)', '–': '(?:--|–)',
    "'": "['‘’]", '‘': "['‘’]", '’': "['‘’]",
    '"': '["“”]', '“': '["“”]', '”': '["“”]',
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

function warnUnusedExcludes(file: VFile, excluded: Given[], paragraphs: Block[]): void {
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
function pinnedQuotes(file: VFile, settings: DeckSettings, blocks: Block[], candidates: Candidate[]): Candidate[] {
  const paragraphs = blocks.filter((b) => b.kind === 'paragraph');
  const orderOf = (block: Block) => candidates.find((c) => c.block === block)?.order ?? blocks.indexOf(block) * 1000;
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
      .map((text, i) => ({ text, i, ...scoreSentence(text, { opening: false, closing: false }) }))
      .sort((a, b) => b.score - a.score || a.i - b.i)[0];
    if (best) pinned.push({ text: best.text, block, order: orderOf(block) + best.i / 1e3, scored: { ...scored, reasons: [...scored.reasons, ...best.reasons] }, pinned: true });
  }
  // Pinned twice (in the front matter and by a comment): one slide, with the longer text.
  return pinned.filter((p, i) => !pinned.some((q, j) => j !== i && q.block === p.block && q.text.includes(p.text) && (q.text.length > p.text.length || j < i)));
}

/** Pinned quotes first (all of them), then the best-scoring sentences, one a paragraph, up to `max`. */
function chooseQuotes(candidates: Candidate[], pinned: Candidate[], max: number): Candidate[] {
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
function sectionSentences(headings: Block[], candidates: Candidate[], chosen: Candidate[]): Map<Block, Candidate> {
  const taken = new Set(chosen.map((c) => c.text));
  const out = new Map<Block, Candidate>();
  for (const heading of headings) {
    const best = candidates
      .filter((c) => c.block.section === heading.section && !taken.has(c.text))
      .sort((a, b) => b.scored.score - a.scored.score || a.order - b.order)[0];
    if (best) out.set(heading, best);
  }
  return out;
}

function titleSlide(guide: Guide): Slide {
  const { meta } = guide;
  const yaml = guide.tree.children.find((node) => node.type === 'yaml');
  return {
    kind: 'title',
    kicker: meta.site,
    heading: meta.title,
    credits: [meta.author, meta.date ? displayDate(meta.date, meta.lang) : undefined].filter((s): s is string => Boolean(s)),
    link: meta.source ? { text: displayUrl(meta.source), url: meta.source } : undefined,
    notes: [meta.description ?? meta.title],
    position: titlePosition(yaml) ?? yaml?.position ?? { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
    shrink: 0,
  };
}

/** The `title:` line of the front matter, so that a title too long for its slide is pointed at. */
function titlePosition(yaml: RootContent | undefined): Position | undefined {
  if (yaml?.type !== 'yaml' || !yaml.position) return undefined;
  const lines = yaml.value.split('\n');
  const index = lines.findIndex((l) => /^title\s*:/.test(l));
  if (index < 0) return undefined;
  // The value starts on the line after the opening `---`.
  const line = yaml.position.start.line + 1 + index;
  return { start: { line, column: 1 }, end: { line, column: lines[index]!.length + 1 } };
}

/**
 * The epigraph on one slide when it is short enough; split over two at a sentence boundary when
 * two hold it; otherwise its opening sentences with an ellipsis. The notes hold it whole.
 */
export function epigraphSlides(paragraphs: string[][], attribution: string, position?: Position): Slide[] {
  const notes = [...paragraphs.map((p) => p.join(' ')), `— ${attribution}`];
  const chunks = packSentences(paragraphs, quoteWordsPerSlide);
  const base = { kind: 'epigraph' as const, notes, position, shrink: 0 };
  if (chunks.length === 1) return [{ ...base, quote: chunks[0], attribution }];
  if (chunks.length === 2) {
    return [
      { ...base, quote: chunks[0], continues: true },
      { ...base, quote: chunks[1], attribution, continued: true },
    ];
  }
  return [{ ...base, quote: chunks[0], attribution, cutAfter: true }];
}

/** Whole sentences packed into chunks of at most `words` words (a longer sentence is a chunk alone). */
function packSentences(paragraphs: string[][], words: number): string[][][] {
  const chunks: string[][][] = [];
  let current: string[][] = [];
  let count = 0;
  paragraphs.forEach((sentences) => {
    let para: string[] = [];
    current.push(para);
    for (const sentence of sentences) {
      const n = wordCount(sentence);
      if (count > 0 && count + n > words) {
        chunks.push(current.filter((p) => p.length));
        para = [];
        current = [para];
        count = 0;
      }
      para.push(sentence);
      count += n;
    }
  });
  if (current.some((p) => p.length)) chunks.push(current.filter((p) => p.length));
  return chunks;
}

const nouns: Record<string, string> = { steps: 'Step', habits: 'Habit', lessons: 'Lesson', principles: 'Principle', rules: 'Rule', tips: 'Tip', techniques: 'Technique' };

/** One slide listing the practices' headlines, then a slide per practice: headline, gist, whole item in the notes. */
function practiceSlides(block: Block, lang: string): Slide[] {
  const list = block.node as List;
  const lead = block.leadIn?.text;
  const cue = lead ? practiceCue.exec(lead)?.[1]?.toLowerCase() : undefined;
  const noun = (cue && (nouns[cue] ?? nouns[`${cue}s`])) || 'Practice';
  const practices = list.children.map((item) => practice(item, lang));
  const heading = lead && wordCount(lead) <= 16 ? lead.replace(/\s*[.:]$/, '') : `${noun}s`;
  const overview: Slide = {
    kind: 'overview',
    heading,
    items: practices.map((p) => p.headline),
    notes: lead ? [lead] : [heading],
    position: list.position,
    shrink: 0,
  };
  return [
    overview,
    ...practices.map((p, i): Slide => ({
      kind: 'practice',
      kicker: `${noun} ${i + 1} of ${practices.length}`,
      heading: p.headline,
      body: p.gist.length ? p.gist : undefined,
      notes: p.notes,
      position: p.position,
      shrink: 0,
    })),
  ];
}

function practice(item: ListItem, lang: string) {
  const [first, ...rest] = item.children;
  let headline: string;
  let remainder: string;
  if (first?.type === 'paragraph' && first.children[0]?.type === 'strong') {
    headline = plainText(first.children[0]);
    remainder = plainText({ ...first, children: first.children.slice(1) });
  } else {
    const sentences = first ? splitSentences(plainText(first), lang) : [];
    headline = sentences[0] ?? '';
    remainder = sentences.slice(1).join(' ');
  }
  const restText = [remainder, ...rest.map((node) => plainText(node))].filter(Boolean).join(' ');
  const sentences = splitSentences(restText, lang);
  const gist: string[] = [];
  let words = 0;
  for (const sentence of sentences) {
    words += wordCount(sentence);
    if (gist.length && words > gistWords) break;
    gist.push(sentence);
  }
  const notes = [headline, restText].filter(Boolean).join(' ');
  return { headline, gist, notes: [notes], position: item.position };
}

function closingSlide(guide: Guide, closing: string[], block: Block): Slide {
  const { meta } = guide;
  const by = [meta.author, meta.site].filter(Boolean).join(', ');
  return {
    kind: 'closing',
    quote: [closing],
    credits: by ? [by] : [],
    link: meta.source ? { text: displayUrl(meta.source), url: meta.source } : undefined,
    notes: [block.text, ...(meta.source ? [`The whole guide: ${meta.source}`] : [])],
    position: block.node.position,
    shrink: 0,
  };
}
