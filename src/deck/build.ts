import { join, resolve } from 'node:path';
import type { Code } from 'mdast';
import type { Config } from '../config.js';
import type { Guide } from '../content/guide.js';
import { withPage } from '../browser.js';
import { contentError, hasErrors } from '../errors.js';
import { metaPlace } from '../markdown/data.js';
import { drawDiagrams } from '../markdown/diagrams.js';
import { type Written, writeArtifact } from '../output.js';
import { diagramCacheDir, diagramRenderer, standaloneSvg } from '../shared/diagrams.js';
import { guidePdfMetadata, setPdfMetadata } from '../shared/pdf.js';
import type { BrowserSession } from '../session.js';
import { slideHighlighter } from './code.js';
import type { DeckDiagram } from './builders.js';
import { extractDeck } from './extract.js';
import { fitDeck } from './fit.js';
import { hyphenateDeck } from './hyphenate.js';
import { toMarp } from './marp.js';
import { addSlideOutline, printDeck } from './pdf.js';
import { hasTheme, presenterHtml, renderMarp, themeProblem } from './render.js';
import { type Deck, slideLabel } from './slides.js';

/**
 * One guide's talk deck: `deck.md` (Marp markdown), `deck.html` (the presenter) and `deck.pdf`
 * in its folder. Returns undefined, writing nothing, when a slide cannot be made to fit: that is
 * a positioned error on `guide.file` naming the slide.
 */
export async function buildDeck(guide: Guide, config: Config, session: BrowserSession, dir: string): Promise<Written[] | undefined> {
  const started = performance.now();
  // The same drawings as the handout's (the renderer's cache has them), as images a slide can hold.
  const drawn = await drawDiagrams(guide.tree, guide.file, diagramRenderer(session, { cacheDir: diagramCacheDir(resolve(config.outDir)), templatesDir: config.templatesDir }));
  if (hasErrors(guide.file)) return undefined;
  const diagrams = new Map<Code, DeckDiagram>([...drawn].map(([node, d]) => [node, { ...standaloneSvg(d.svg, config.templatesDir), title: d.title }]));
  let { deck } = extractDeck(guide, config.deck, diagrams);
  if (!hasTheme(deck.theme, config.templatesDir)) {
    guide.file.message(`Unknown deck theme "${deck.theme}": add templates/deck/${deck.theme}.css or use guidepress, default, gaia or uncover; using guidepress`, {
      place: metaPlace(guide.file.data.metaPlaces, 'deck.theme'),
      ruleId: 'deck-theme',
      source: 'guidepress',
    });
    deck = { ...deck, theme: 'guidepress' };
  }
  const problem = themeProblem(deck.theme, config.templatesDir);
  if (problem) {
    const place = metaPlace(guide.file.data.metaPlaces, 'deck.theme') ?? { line: 1, column: 1 };
    contentError(guide.file, `${problem}; fix the CSS or use another theme`, place, 'deck-theme');
    return undefined;
  }
  deck = await hyphenateDeck(deck);
  const highlight = await slideHighlighter(toMarp(deck), config.code.deckTheme);
  const render = (d: Deck) => presenterHtml(d, renderMarp(toMarp(d), d.theme, config.templatesDir, highlight), { id: guide.slug, templatesDir: config.templatesDir });

  const printed = await withPage(await session.get(), async (page) => {
    await page.setViewport({ width: 1280, height: 720 });
    const fitted = await fitDeck(page, deck, render);
    return { fitted, pdf: fitted.overflows.length ? undefined : await printDeck(page) };
  });
  const { fitted } = printed;
  for (const { index, slide, measured } of fitted.overflows) {
    const what = measured.tooWide ? 'a line is wider than the slide' : `its text needs ${Math.round(measured.needed)} px of ${Math.round(measured.available)} px`;
    contentError(
      guide.file,
      `Slide ${index + 1} (${slideLabel(slide)}) does not fit even at the smallest text size: ${what}. Shorten it, or pin a shorter quote in the front matter (deck: quotes)`,
      slide.position,
      'deck-overflow',
    );
  }
  if (!printed.pdf) return undefined;

  const outlined = await addSlideOutline(printed.pdf, fitted.deck.slides.map(slideLabel));
  const pdf = await setPdfMetadata(outlined, guidePdfMetadata(guide.meta));
  return writeArtifact(
    [
      { path: join(dir, 'deck.md'), data: toMarp(fitted.deck) },
      { path: join(dir, 'deck.html'), data: fitted.html },
      { path: join(dir, 'deck.pdf'), data: pdf },
    ],
    performance.now() - started,
    resolve(config.outDir),
  );
}
