import { join, resolve } from 'node:path';
import type { Config } from '../config.js';
import type { Guide } from '../content/guide.js';
import { withPage } from '../browser.js';
import { contentError } from '../errors.js';
import { type Written, writeArtifact } from '../output.js';
import { buildDate, setPdfMetadata } from '../print/pdf.js';
import type { BrowserSession } from '../session.js';
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
  let { deck } = extractDeck(guide, config.deck);
  if (!hasTheme(deck.theme, config.templatesDir)) {
    const yaml = guide.tree.children.find((node) => node.type === 'yaml');
    guide.file.message(`Unknown deck theme "${deck.theme}": add templates/deck/${deck.theme}.css or use guidepress, default, gaia or uncover; using guidepress`, {
      place: yaml?.position,
      ruleId: 'deck-theme',
      source: 'guidepress',
    });
    deck = { ...deck, theme: 'guidepress' };
  }
  const problem = themeProblem(deck.theme, config.templatesDir);
  if (problem) {
    const yaml = guide.tree.children.find((node) => node.type === 'yaml' || (node.type as string) === 'toml');
    contentError(guide.file, `${problem}; fix the CSS or use another theme`, yaml?.position?.start ?? { line: 1, column: 1 }, 'deck-theme');
    return undefined;
  }
  deck = await hyphenateDeck(deck);
  const render = (d: Deck) => presenterHtml(d, renderMarp(toMarp(d), d.theme, config.templatesDir), { id: guide.slug, templatesDir: config.templatesDir });

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

  const { meta } = guide;
  const outlined = await addSlideOutline(printed.pdf, fitted.deck.slides.map(slideLabel));
  const pdf = await setPdfMetadata(outlined, {
    title: meta.title,
    author: meta.author ?? meta.site,
    subject: meta.description,
    keywords: meta.keywords,
    lang: meta.lang,
    date: buildDate(),
  });
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
