/** The front-matter contract is declared by the markdown stage that produces it. */
export type { GuideMeta } from '../markdown/data.js';
