/** The talk deck: extract slides from a guide -> Marp markdown -> presenter HTML and PDF. */
export { buildDeck } from './build.js';
export { extractDeck, type Choice, type Extracted } from './extract.js';
export { fitDeck, splitSlide } from './fit.js';
export { hyphenateDeck } from './hyphenate.js';
export { toMarp } from './marp.js';
export { createMarp, presenterHtml, renderMarp } from './render.js';
export { scoreSentence } from './score.js';
export { slideLabel, type Deck, type Slide, type SlideKind } from './slides.js';
