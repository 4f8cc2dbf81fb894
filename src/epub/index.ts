export { buildBookEpub, buildEpub, type BookEpubResult } from './build.js';
export { bookPublication, guidePublication, type Publication } from './publication.js';
