import type { Labels } from '../shared/labels.js';
import type { Position } from 'unist';

/** What a slide is for; it names the slide's class in the theme (`section.quote`, ...). */
export type SlideKind = 'title' | 'epigraph' | 'quote' | 'overview' | 'practice' | 'section' | 'code' | 'table' | 'diagram' | 'formula' | 'closing';

/** A fenced code block on a slide: its lines as written, and its language for the highlighter. */
export interface SlideCode {
  lang?: string;
  lines: string[];
}

/** A table on a slide: plain-text cells, the header row repeated on every slide it runs over. */
export interface SlideTable {
  align: ('left' | 'right' | 'center' | null)[];
  header: string[];
  rows: string[][];
}

/** A drawn diagram on a slide: the standalone SVG as a data URL, at the size it is shown. */
export interface SlideImage {
  src: string;
  alt: string;
  width: number;
  height: number;
}

/**
 * One slide, as plain data: every text is already chosen and typographically final (curly quotes,
 * dashes), and is written to Marp markdown by `marp.ts`. Only the fields a kind uses are set.
 */
export interface Slide {
  kind: SlideKind;
  /** Small label above the heading: "Practice 2 of 3", "Part 2", the site's name. */
  kicker?: string;
  /** The slide's heading: the title, a practice's headline, a section's name. */
  heading?: string;
  /** A quotation as paragraphs of whole sentences (epigraph, key quote, closing thought). */
  quote?: string[][];
  /** `quote` leaves sentences out before / after it: an ellipsis marks the cut. */
  cutBefore?: boolean;
  cutAfter?: boolean;
  attribution?: string;
  /** Body text as whole sentences, set as one paragraph (a practice's gist, a section's key sentence). */
  body?: string[];
  /** A numbered list (the practices' overview). */
  items?: string[];
  /** The number of the first item, when a list is continued from the slide before. */
  itemsStart?: number;
  /** A code block, table, diagram or formula (its TeX) shown on its own slide. */
  code?: SlideCode;
  formula?: string;
  table?: SlideTable;
  image?: SlideImage;
  /** Small lines under the content: byline, date, source. */
  credits?: string[];
  /** A link shown last (the source URL): its text and target. */
  link?: { text: string; url: string };
  /** Speaker notes: paragraphs of plain text. */
  notes: string[];
  /** Where the slide's content starts in the guide, for messages. */
  position?: Position;
  /** Text size step chosen by the fit (0 = as designed; see `shrinkSteps`). */
  shrink: number;
  /** Its text runs on to the next slide / runs on from the slide before. */
  continues?: boolean;
  continued?: boolean;
}

/** A guide's deck: its slides and the Marp front matter they are written with. */
export interface Deck {
  title: string;
  lang: string;
  theme: string;
  /** Shown at the foot of every slide but the first and last. */
  footer: string;
  author?: string;
  description?: string;
  keywords: string[];
  url?: string;
  slides: Slide[];
  /**
   * What the theme prints itself, when the deck is not in English: the words for a slide that runs
   * on and one that ran over (`labels/`), and the key quote's hanging opening mark.
   */
  themeText?: { continues: string; continued: string; quoteOpen: string };
}

/**
 * The text sizes the fit may step down to, as a fraction of the designed size. The smallest keeps
 * body text at about 24 px on a 1280 px slide, what reads from the back of a meeting room.
 */
export const shrinkSteps = [1, 0.9, 0.8, 0.72] as const;

/**
 * The smallest step a slide may take. Code stops at 0.8 (about 19 px for the 1280 px slide's
 * monospace): below that a character is misread from a few metres away, so a longer block is
 * split between slides instead.
 */
export function smallestStep(slide: Slide): number {
  return slide.kind === 'code' ? 2 : shrinkSteps.length - 1;
}

/** The words of a slide's name, in the deck's language (`labels/`); English by default. */
export type SlideWords = Pick<Labels, 'slideTitle' | 'slideEpigraph' | 'slideQuote' | 'slideClosing' | 'slideCode' | 'slideTable' | 'slideDiagram' | 'slideFormula' | 'practice' | 'practices' | 'continued'>;

const english: SlideWords = {
  slideTitle: 'Title', slideEpigraph: 'Epigraph', slideQuote: 'Quote', slideClosing: 'Closing', slideCode: 'Code',
  slideTable: 'Table', slideDiagram: 'Diagram', slideFormula: 'Formula', practice: 'Practice', practices: 'Practices', continued: 'continued',
};

/** A one-line name for a slide: its bookmark in the PDF (in the deck's language) and its name in messages. */
export function slideLabel(slide: Slide, words: SlideWords = english): string {
  // Soft hyphens would show in the PDF's bookmarks and in messages.
  return label(slide, words).replace(/\u00ad/g, '');
}

const kindWords = { code: 'slideCode', table: 'slideTable', diagram: 'slideDiagram', formula: 'slideFormula' } as const;

function label(slide: Slide, words: SlideWords): string {
  const part = slide.continued ? ` (${words.continued})` : '';
  const first = (slide.quote?.[0]?.[0] ?? slide.body?.[0] ?? '').trim();
  const clip = (text: string) => {
    const words = text.split(/\s+/);
    return words.length > 9 ? `${words.slice(0, 8).join(' ')}…` : text;
  };
  switch (slide.kind) {
    case 'title':
      return slide.heading ?? words.slideTitle;
    case 'epigraph':
      return `${words.slideEpigraph}${part}`;
    case 'quote':
      return `${words.slideQuote}: ${clip(first)}${part}`;
    case 'overview':
      return `${slide.heading ?? words.practices}${part}`;
    case 'practice':
      return `${slide.kicker ?? words.practice}: ${clip(slide.heading ?? '')}${part}`;
    case 'section':
      return `${slide.kicker ? `${slide.kicker}: ` : ''}${slide.heading ?? ''}${part}`;
    case 'code':
    case 'table':
    case 'diagram':
    case 'formula':
      return `${words[kindWords[slide.kind]]}${slide.heading ? `: ${clip(slide.heading)}` : ''}${part}`;
    case 'closing':
      return `${words.slideClosing}: ${clip(first)}${part}`;
  }
}
