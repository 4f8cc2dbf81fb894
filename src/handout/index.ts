/** The print handout: a guide's HTML in the print template -> Chromium -> PDF with its metadata. */
export { buildHandout } from './build.js';
export { renderHandoutHtml, type HandoutOptions } from './render.js';
