import Mustache from 'mustache';
import type { Paper } from '../config.js';
import type { Guide } from '../content/guide.js';
import { hasErrors } from '../errors.js';
import { toHtml } from '../markdown/pipeline.js';
import rehypeSiteLinks from '../markdown/site-links.js';
import { generator } from '../version.js';
import { type FontList, fontFaceCss } from './fonts.js';
import { cssString, displayDate, displayUrl, readTemplate } from './templates.js';

export interface HandoutOptions {
  contentDir: string;
  paper: Paper;
  templatesDir?: string;
  /** The site the guides come from, for `/path` links of guides that give no `source`. */
  baseUrl?: string;
}

/**
 * Fill the print template with a guide: its title block, its body as HTML, the paper's CSS and the
 * fonts it needs. Returns undefined when the guide's content has errors (they are on `guide.file`).
 */
export async function renderHandoutHtml(guide: Guide, options: HandoutOptions): Promise<string | undefined> {
  const content = await toHtml(guide.tree, guide.file, {
    contentDir: options.contentDir,
    rehypePlugins: [[rehypeSiteLinks, { base: guide.meta.source ?? options.baseUrl }]],
  });
  if (hasErrors(guide.file)) return undefined;
  const { meta } = guide;
  const read = (name: string) => readTemplate(`print/${name}`, options.templatesDir);
  const fontList = JSON.parse(read('fonts.json')) as FontList;
  const view = {
    lang: meta.lang,
    title: meta.title,
    author: meta.author,
    site: meta.site,
    byline: meta.author,
    description: meta.description,
    keywords: meta.keywords.length ? meta.keywords.join(', ') : undefined,
    source: meta.source,
    sourceDisplay: meta.source ? displayUrl(meta.source) : undefined,
    date: meta.date,
    dateDisplay: meta.date ? displayDate(meta.date, meta.lang) : undefined,
    sourceAndDate: Boolean(meta.source && meta.date),
    generator,
    runningHead: cssString(meta.title),
    paper: read(`paper-${options.paper}.css`),
    css: read('handout.css'),
    fonts: fontFaceCss(fontList, `${meta.title} ${meta.site ?? ''} ${meta.author ?? ''} ${content}`),
    content,
  };
  return Mustache.render(read('handout.html'), view);
}
