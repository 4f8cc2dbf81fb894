import Mustache from 'mustache';
import type { PageHost } from '../browser.js';
import type { Paper } from '../config.js';
import { textDirection } from '../shared/display.js';
import { fontFaceCss, readFontList } from '../shared/fonts.js';
import { printDocument } from '../shared/pdf.js';
import { type Labels, labelsFor } from '../shared/labels.js';
import { cssString, readTemplate } from '../shared/templates.js';
import { generator } from '../version.js';
import type { Deck } from './slides.js';

/** CSS page sizes of the papers guidepress prints on. */
const pageSizes: Record<Paper, string> = { a4: 'A4', letter: 'letter', a5: 'A5' };

export interface NotesOptions {
  paper: Paper;
  /** Each slide's `<svg>` from the rendered deck, in order (see `captureSlides`). */
  svgs: string[];
  /** The theme's CSS as Marp compiled it for the deck, which styles the SVGs. */
  marpCss: string;
  templatesDir?: string;
  /** The handout's words; by default the deck's language's, from the templates folder. */
  labels?: Labels;
}

/**
 * The speaker's handout as HTML: `deck/notes.html` with every slide (the deck's own SVG, so text
 * stays text) beside its notes, and `deck/notes.css` on the paper asked for.
 */
export function notesHtml(deck: Deck, options: NotesOptions): string {
  if (options.svgs.length !== deck.slides.length) throw new TypeError(`${options.svgs.length} slide pictures for ${deck.slides.length} slides`);
  const labels = options.labels ?? labelsFor(deck.lang, options.templatesDir);
  const slides = deck.slides.map((slide, i) => ({ number: i + 1, total: deck.slides.length, svg: options.svgs[i]!, notes: slide.notes }));
  const text = `${deck.title} ${options.svgs.join(' ')} ${deck.slides.flatMap((s) => s.notes).join(' ')} ${labels.speakersNotes} ${labels.noNotes}`;
  return Mustache.render(readTemplate('deck/notes.html', options.templatesDir), {
    lang: deck.lang,
    dir: textDirection(deck.lang),
    paper: options.paper,
    pageSize: pageSizes[options.paper],
    title: deck.title,
    heading: labels.speakersNotes,
    labels,
    runningTitle: cssString(deck.title),
    runningLabel: cssString(labels.speakersNotes.replace(/^./, (c) => c.toLocaleUpperCase(deck.lang))),
    generator,
    fonts: fontFaceCss(readFontList('deck', options.templatesDir), text, [deck.lang]),
    marpCss: options.marpCss,
    notesCss: readTemplate('deck/notes.css', options.templatesDir),
    slides,
  });
}

/** deck-notes.pdf, printed in the run's browser. */
export async function printNotes(browser: PageHost, deck: Deck, options: NotesOptions): Promise<Uint8Array> {
  return (await printDocument(browser, notesHtml(deck, options))).pdf;
}
