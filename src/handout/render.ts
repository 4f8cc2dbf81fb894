import Mustache from 'mustache';
import type { Paper } from '../config.js';
import { type Guide, guideBody } from '../content/guide.js';
import { hasErrors } from '../errors.js';
import type { RenderDiagram } from '../markdown/diagrams.js';
import type { ScaleImage } from '../markdown/images.js';
import { printTail, runTail, stringify } from '../markdown/pipeline.js';
import rehypeSiteLinks from '../markdown/site-links.js';
import { pageSides, titleBlockView } from '../shared/display.js';
import { fontFaceCss, readFontList, uncoveredCharacters } from '../shared/fonts.js';
import { labelsFor } from '../shared/labels.js';
import { mathCss, withoutMath } from '../shared/math.js';
import { cssString, readTemplate } from '../shared/templates.js';
import { generator } from '../version.js';

export interface HandoutOptions {
  contentDir: string;
  paper: Paper;
  templatesDir?: string;
  /** Shiki theme of code blocks. */
  codeTheme?: string;
  /** Draws the guide's diagrams (`shared/diagrams.ts`); without it their source prints as code. */
  renderDiagram?: RenderDiagram;
  /** Scales the guide's images to what they print at (`shared/images.ts`); without it they are inlined as they are. */
  scaleImage?: ScaleImage;
}

/**
 * Fill the print template with a guide: its title block, its body as HTML, the paper's CSS and the
 * fonts it needs. Returns undefined when the guide's content has errors (they are on `guide.file`).
 */
export async function renderHandoutHtml(guide: Guide, options: HandoutOptions): Promise<string | undefined> {
  const labels = labelsFor(guide.meta.lang, options.templatesDir);
  const body = await guideBody(guide, {
    labels,
    contentDir: options.contentDir,
    codeTheme: options.codeTheme,
    renderDiagram: options.renderDiagram,
    scaleImage: options.scaleImage,
  });
  // The tail runs on a guide with errors too, so that one build reports all of its problems.
  const tree = await runTail(body, guide.file, [[rehypeSiteLinks, { base: guide.meta.source }], ...printTail({ notesHeading: labels.notes })]);
  const content = stringify(tree);
  if (hasErrors(guide.file)) return undefined;
  const { meta } = guide;
  const read = (name: string) => readTemplate(`print/${name}`, options.templatesDir);
  const fontList = readFontList('print', options.templatesDir);
  const view = {
    ...titleBlockView(meta),
    sides: pageSides(meta.lang),
    title: meta.title,
    site: meta.site,
    byline: meta.author,
    description: meta.description,
    keywords: meta.keywords.length ? meta.keywords.join(', ') : undefined,
    generator,
    labels,
    imageNotEmbedded: cssString(labels.imageNotEmbedded),
    runningHead: cssString(meta.title),
    paper: read(`paper-${options.paper}.css`),
    css: read('handout.css'),
    fonts: fontFaceCss(fontList, `${meta.title} ${meta.site ?? ''} ${meta.author ?? ''} ${content} ${labels.imageNotEmbedded}`, [meta.lang]) + mathCss(content),
    content,
  };
  const missing = uncoveredCharacters(fontList, `${meta.title} ${meta.site ?? ''} ${meta.author ?? ''} ${withoutMath(content)}`);
  if (missing.length) warnMissingGlyphs(guide, missing);
  return Mustache.render(read('handout.html'), view);
}

/** A warning at the first place the guide uses a character the template's fonts lack. */
function warnMissingGlyphs(guide: Guide, missing: string[]): void {
  const source = String(guide.file.value);
  const at = Math.min(...missing.map((c) => source.indexOf(c)).filter((i) => i >= 0));
  const before = Number.isFinite(at) ? source.slice(0, at).split('\n') : undefined;
  const place = before ? { line: before.length, column: before.at(-1)!.length + 1 } : undefined;
  const shown = missing.slice(0, 8).join(' ') + (missing.length > 8 ? ' …' : '');
  guide.file.message(
    `${missing.length} character${missing.length === 1 ? ' is' : 's are'} in none of the bundled fonts (${shown}): they print in a system font or as empty boxes; add an @fontsource package that has them to templates/print/fonts.json`,
    { place, ruleId: 'missing-glyphs', source: 'guidepress' },
  );
}
