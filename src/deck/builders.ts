import { type Labels, baseLanguage, fillLabel } from '../shared/labels.js';
import type { ListItem } from 'mdast';
import type { Position } from 'unist';
import type { GuideMeta, MetaPlaces } from '../markdown/data.js';
import { metaPlace } from '../markdown/data.js';
import { cuesFor } from '../markdown/cues.js';
import { splitSentences } from '../markdown/sentences.js';
import { displayDate, displayUrl } from '../shared/display.js';
import type { HeadingBlock, ParagraphBlock, PracticesBlock, ShowBlock } from './blocks.js';
import { plainText } from './blocks.js';
import type { Candidate } from './quotes.js';
import { wordCount } from './score.js';
import type { Slide, SlideKind, SlideTable } from './slides.js';

/** Words of a quotation that one slide shows at the designed size; more is split or cut. */
export const quoteWordsPerSlide = 55;
/** Words of a practice's gist under its headline; the whole item is in the notes. */
export const gistWords = 45;

type Content = Omit<Slide, 'kind' | 'notes' | 'position' | 'shrink'>;

/** A slide of `kind` at the designed text size (the fit may set it smaller later). */
function slide(kind: SlideKind, content: Content, notes: string[], position: Position | undefined): Slide {
  return { kind, ...content, notes, position, shrink: 0 };
}

/** The title slide, pointing at the front matter's `title` (a title too long for its slide is an error there). */
export function titleSlide(meta: GuideMeta, places: MetaPlaces | undefined): Slide {
  const content: Content = {
    kicker: meta.site,
    heading: meta.title,
    credits: [meta.author, meta.date ? displayDate(meta.date, meta.lang) : undefined].filter((s): s is string => Boolean(s)),
    link: meta.source ? { text: displayUrl(meta.source), url: meta.source } : undefined,
  };
  const position = metaPlace(places, 'title') ?? { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
  return slide('title', content, [meta.description ?? meta.title], position);
}

/**
 * The epigraph on one slide when it is short enough; split over two at a sentence boundary when
 * two hold it; otherwise its opening sentences with an ellipsis. The notes hold it whole.
 */
export function epigraphSlides(paragraphs: string[][], attribution: string, position?: Position): Slide[] {
  const notes = [...paragraphs.map((p) => p.join(' ')), `— ${attribution}`];
  const chunks = packSentences(paragraphs, quoteWordsPerSlide);
  if (chunks.length === 1) return [slide('epigraph', { quote: chunks[0], attribution }, notes, position)];
  if (chunks.length === 2) {
    return [
      slide('epigraph', { quote: chunks[0], continues: true }, notes, position),
      slide('epigraph', { quote: chunks[1], attribution, continued: true }, notes, position),
    ];
  }
  return [slide('epigraph', { quote: chunks[0], attribution, cutAfter: true }, notes, position)];
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

/** A `##` section's divider: its kicker ("Part n"), its heading, and its key sentence when it has one. */
export function sectionSlide(block: HeadingBlock, kicker: string, key: Candidate | undefined): Slide {
  const content: Content = { kicker, heading: block.text, body: key ? [key.text] : undefined };
  return slide('section', content, [block.text, ...(key ? [key.block.text] : [])], block.node.position);
}

/** A key quote, with its whole paragraph in the notes. */
export function quoteSlide(quote: Candidate, lang: string): Slide {
  return slide('quote', { quote: [splitSentences(quote.text, lang)] }, [quote.block.text], quote.block.node.position);
}


/** One slide listing the practices' headlines, then a slide per practice: headline, gist, whole item in the notes. */
export function practiceSlides(block: PracticesBlock, lang: string, labels: Labels): Slide[] {
  const list = block.node;
  const lead = block.leadIn?.text;
  const { practice: cueWords, nouns } = cuesFor(lang);
  const cue = lead ? cueWords.exec(lead)?.[1]?.toLowerCase() : undefined;
  // The practices are named after the lead-in's word ("three habits" -> Habit 1 of 3).
  const named = cue ? (nouns[cue] ?? nouns[`${cue}s`]) : undefined;
  const noun = named ?? labels.practice;
  const practices = list.children.map((item) => practice(item, lang));
  const heading = lead && wordCount(lead) <= 16 ? lead.replace(/\s*[.:：。]$/, '') : named && baseLanguage(lang) === 'en' ? `${named}s` : labels.practices;
  const overview = slide('overview', { heading, items: practices.map((p) => p.headline) }, lead ? [lead] : [heading], list.position);
  return [
    overview,
    ...practices.map((p, i) =>
      slide('practice', { kicker: fillLabel(labels.practiceOf, lang, { noun, n: i + 1, total: practices.length }), heading: p.headline, body: p.gist.length ? p.gist : undefined }, p.notes, p.position),
    ),
  ];
}

/** A list item as a practice: its headline (bold lead or first sentence), a gist of what follows, all of it for the notes. */
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

/** A drawn diagram as the deck gets it: a standalone SVG (fonts inside) and its own size. */
export interface DeckDiagram {
  svg: string;
  width: number;
  height: number;
  title?: string;
}

/**
 * The box a diagram fills on its slide, in CSS px: the 1280 x 720 slide inside its padding
 * (1040 x 552), less the heading above it (one line of the theme's 37 px heading and its margin
 * take 64 px, a kicker 45 px; a heading longer than `oneLineHeading` characters is taken as two). A diagram is
 * scaled to fit the box, enlarged at most `maxDiagramScale` times, so a small one does not end
 * with labels bigger than the heading.
 */
export const diagramBox = { width: 1040, height: 552, headingLine: 43, headingGap: 21, oneLineHeading: 48, kicker: 45 } as const;
export const maxDiagramScale = 1.6;

/**
 * A code block, table, diagram or formula on its own slide, under `heading` (the section's name,
 * or the diagram's title). Undefined for a diagram that was not drawn (its error is on the guide).
 */
export function showSlide(block: ShowBlock, label: { heading?: string; kicker?: string }, diagram: DeckDiagram | undefined): Slide | undefined {
  const notes = [block.leadIn?.text ?? label.heading ?? ''].filter(Boolean);
  const place = block.node.position;
  if (block.what === 'code') {
    const lines = block.node.value.replace(/\s+$/, '').split('\n');
    return slide('code', { ...label, code: { lang: block.node.lang ?? undefined, lines } }, notes, place);
  }
  if (block.what === 'formula') return slide('formula', { ...label, formula: block.node.value }, notes, place);
  if (block.what === 'table') {
    const [head, ...rows] = block.node.children.map((row) => row.children.map((cell) => plainText(cell)));
    const table: SlideTable = { align: block.node.align ?? [], header: head ?? [], rows };
    return slide('table', { ...label, table }, notes, place);
  }
  if (!diagram) return undefined;
  const heading = diagram.title ?? label.heading;
  const lines = !heading ? 0 : heading.length > diagramBox.oneLineHeading ? 2 : 1;
  const box = { width: diagramBox.width, height: diagramBox.height - (lines ? lines * diagramBox.headingLine + diagramBox.headingGap : 0) - (label.kicker ? diagramBox.kicker : 0) - 4 };
  const scale = Math.min(box.width / diagram.width, box.height / diagram.height, maxDiagramScale);
  const image = {
    src: `data:image/svg+xml;base64,${Buffer.from(diagram.svg).toString('base64')}`,
    alt: 'Diagram',
    width: Math.floor(diagram.width * scale),
    height: Math.floor(diagram.height * scale),
  };
  return slide('diagram', { kicker: label.kicker, heading, image }, notes.length ? notes : [heading ?? 'Diagram'], place);
}

/** The closing thought, the byline and the link to the whole guide. */
export function closingSlide(meta: GuideMeta, closing: string[], block: ParagraphBlock): Slide {
  const by = [meta.author, meta.site].filter(Boolean).join(', ');
  const content: Content = {
    quote: [closing],
    credits: by ? [by] : [],
    link: meta.source ? { text: displayUrl(meta.source), url: meta.source } : undefined,
  };
  return slide('closing', content, [block.text, ...(meta.source ? [`The whole guide: ${meta.source}`] : [])], block.node.position);
}
