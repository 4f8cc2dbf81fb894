import { readdir, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Code } from 'mdast';
import type { Config, SlideImageFormat } from '../config.js';
import type { Guide } from '../content/guide.js';
import type { Page } from 'puppeteer';
import { withFrontPage, withPage } from '../browser.js';
import { contentError, hasErrors } from '../errors.js';
import { metaPlace } from '../markdown/data.js';
import { drawDiagrams } from '../markdown/diagrams.js';
import { type Written, writeArtifact } from '../output.js';
import { diagramCacheDir, diagramRenderer, standaloneSvg } from '../shared/diagrams.js';
import { setDocument } from '../shared/fonts.js';
import { buildDate, guidePdfMetadata, setPdfMetadata } from '../shared/pdf.js';
import type { BrowserSession } from '../session.js';
import type { DeckDiagram } from './builders.js';
import { type SlideCapture, captureSlides } from './capture.js';
import { slideHighlighter } from './code.js';
import { extractDeck } from './extract.js';
import { type Fitted, fitDeck } from './fit.js';
import { deckHyphenator } from './hyphenate.js';
import { printNotes } from './notes.js';
import { ogImageUrl, renderOgCard } from './og.js';
import { toMarp } from './marp.js';
import { addSlideOutline, printDeck } from './pdf.js';
import { labelsFor } from '../shared/labels.js';
import { writePptx } from './pptx.js';
import { type Theme, builtinThemes, isThemeFile, loadTheme, presenterHtml, renderMarp, themeProblem } from './render.js';
import { type Deck, slideLabel } from './slides.js';

/**
 * One guide's talk deck in its folder: `deck.md` (Marp markdown), `deck.html` (the presenter),
 * `deck.pdf`, `og.png` (the link-preview card) and, when `deck.images` asks, `slides/01.png`...;
 * and its exports from the same render: `deck.pptx`, `deck-notes.pdf` (the speaker's handout).
 * `config.only` says which of the three (`deck`, `pptx`, `notes`) to write.
 * Returns undefined, writing nothing, when a slide cannot be made to fit: that is
 * a positioned error on `guide.file` naming the slide.
 */
export async function buildDeck(guide: Guide, config: Config, session: BrowserSession, dir: string): Promise<Written[] | undefined> {
  const started = performance.now();
  // The same drawings as the handout's (the renderer's cache has them), as images a slide can hold.
  const drawn = await drawDiagrams(guide.tree, guide.file, diagramRenderer(session, { cacheDir: diagramCacheDir(resolve(config.outDir)), templatesDir: config.templatesDir }));
  if (hasErrors(guide.file)) return undefined;
  const diagrams = new Map<Code, DeckDiagram>([...drawn].map(([node, d]) => [node, { ...standaloneSvg(d.svg, config.templatesDir), title: d.title }]));
  const labels = labelsFor(guide.meta.lang, config.templatesDir);
  let { deck } = extractDeck(guide, config.deck, diagrams, labels);
  const theme = deckTheme(guide, deck.theme, config.templatesDir);
  const problem = themeProblem(theme, config.templatesDir);
  if (problem) {
    const place = metaPlace(guide.file.data.metaPlaces, 'deck.theme') ?? { line: 1, column: 1 };
    contentError(guide.file, `${problem}; fix the CSS or use another theme`, place, 'deck-theme');
    return undefined;
  }
  deck = { ...deck, theme: theme.name };
  // The slides are hyphenated as they are rendered, never the deck: deck.md keeps its words whole.
  const hyphenated = await deckHyphenator(deck.lang);
  const marpOptions = { highlight: await slideHighlighter(toMarp(deck), config.code.deckTheme), themeCss: theme.css };
  const ogImage = ogImageUrl(guide.meta.source);
  const render = (d: Deck) => {
    const shown = hyphenated(d);
    return presenterHtml(shown, renderMarp(toMarp(shown), shown.theme, config.templatesDir, marpOptions), { id: guide.slug, templatesDir: config.templatesDir, ogImage, labels });
  };

  // Which files: the deck itself, its PowerPoint, its speaker's notes (`--only`); slide pictures with the deck.
  const want = { deck: config.only.includes('deck'), pptx: config.only.includes('pptx'), notes: config.only.includes('notes') };
  const imagesFormat = want.deck ? config.deck.images : undefined;
  const pictures = imagesFormat ? 'all' : want.pptx ? 'pptx' : 'none';
  // 1.5 × the slide's 1280 × 720 CSS px: 1920 × 1080 pictures, taken only for what needs them.
  const capture = (page: Page, fitted: Fitted) => captureSlides(page, { scale: 1.5, kinds: fitted.deck.slides.map((s) => s.kind), pictures, jpeg: imagesFormat === 'jpeg' });
  // The link card needs the guide's front matter alone: Chromium pictures it while Node fits the
  // slides (Marp's render, run again for each size tried), instead of after the deck's print.
  const og = want.deck ? renderOgCard(await session.get(), guide.meta, config.templatesDir) : undefined;
  // Awaited where the deck is written; a deck that stops before (a slide that does not fit, a
  // failure) waits for it to settle, so no picture is still being taken for a deck given up.
  og?.catch(() => undefined);
  try {
    // The deck's first render (Marp, some 150 ms of Node) is made while Chromium opens the page it is
    // measured in, rather than after: the page is asked for first, then the render runs.
    let firstMade!: { resolve: (html: string) => void; reject: (error: unknown) => void };
    const first = new Promise<string>((resolve, reject) => {
      firstMade = { resolve, reject };
    });
    // A render that throws rejects `first` before fitDeck waits on it: that is fitDeck's to report
    // (the guide's error), not an unhandled rejection that would end the process.
    first.catch(() => undefined);
    const printing = withPage(await session.get(), async (page) => {
      await page.setViewport({ width: 1280, height: 720 });
      const fitted = await fitDeck(page, deck, render, first);
      if (fitted.overflows.length) return { fitted, pdf: undefined, captures: [] };
      const pdf = want.deck ? await printDeck(page) : undefined;
      // The SVGs alone (for the speaker's notes) come from the page that printed; pictures from the
      // same HTML in a page drawn in front. A deck with neither needs no capture: reading the slides
      // lays the whole deck out twice more (print media and back) and sends every SVG to Node.
      if (pictures !== 'none') return { fitted, pdf, captures: undefined };
      return { fitted, pdf, captures: want.notes ? await capture(page, fitted) : [] };
    });
    // (Awaited below, after the render: a failure meanwhile is not unhandled.)
    printing.catch(() => undefined);
    // A turn of the event loop lets Puppeteer send Chromium the request for a new page before the render holds Node.
    await new Promise((resolve) => setImmediate(resolve));
    try {
      firstMade.resolve(render(deck));
    } catch (error) {
      firstMade.reject(error);
    }
    const printed = await printing;
    const captures = printed.captures ?? (await withFrontPage(await session.get(), async (page) => {
      await page.setViewport({ width: 1280, height: 720 });
      await setDocument(page, printed.fitted.html);
      return capture(page, printed.fitted);
    }));
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
    if (fitted.overflows.length) return undefined;

    const metadata = guidePdfMetadata(guide.meta);
    const browser = await session.get();
    const files: { path: string; data: string | Uint8Array }[] = [];
    const images = slideImages(captures, imagesFormat).map(({ name, data }) => ({ path: join(dir, 'slides', name), data }));
    if (want.deck) {
      const outlined = await addSlideOutline(printed.pdf!, fitted.deck.slides.map((slide) => slideLabel(slide, labels)));
      files.push(
        { path: join(dir, 'deck.md'), data: toMarp(fitted.deck) },
        { path: join(dir, 'deck.html'), data: fitted.html },
        { path: join(dir, 'deck.pdf'), data: await setPdfMetadata(outlined, metadata) },
      );
    }
    if (want.pptx) {
      const pptx = await writePptx(fitted.deck, captures, {
        title: metadata.title,
        author: metadata.author,
        subject: metadata.subject,
        company: guide.meta.site,
        lang: metadata.lang,
        date: metadata.date ?? buildDate(),
      });
      files.push({ path: join(dir, 'deck.pptx'), data: pptx });
    }
    if (want.notes) {
      const notes = await printNotes(browser, fitted.deck, {
        paper: config.paper,
        svgs: captures.map((c) => c.svg),
        marpCss: renderMarp(toMarp(fitted.deck), fitted.deck.theme, config.templatesDir, marpOptions).css,
        templatesDir: config.templatesDir,
        labels,
      });
      files.push({ path: join(dir, 'deck-notes.pdf'), data: await setPdfMetadata(notes, { ...metadata, title: `${metadata.title}: ${labels.speakersNotes}` }) });
    }
    if (want.deck) files.push({ path: join(dir, 'og.png'), data: await og! }, ...images);
    const written = await writeArtifact(files, performance.now() - started, resolve(config.outDir));
    if (want.deck) await removeStaleSlideImages(join(dir, 'slides'), images.map((i) => i.path));
    return written;
  } finally {
    await og?.catch(() => undefined);
  }
}

/** `01.png`, `02.png`... (as many digits as the last number needs, at least two), in the format asked for. */
export function slideImages(captures: SlideCapture[], format: SlideImageFormat | undefined): { name: string; data: Uint8Array }[] {
  if (!format) return [];
  const digits = Math.max(2, String(captures.length).length);
  return captures.map((c, i) => ({
    name: `${String(i + 1).padStart(digits, '0')}.${format}`,
    data: format === 'jpeg' ? c.jpeg! : c.picture!,
  }));
}

/** A deck that lost slides since the last build leaves no pictures of them behind; other files stay. */
async function removeStaleSlideImages(folder: string, kept: string[]): Promise<void> {
  const names = await readdir(folder).catch(() => [] as string[]);
  const stale = names.filter((n) => /^\d+\.(png|jpeg)$/.test(n) && !kept.includes(join(folder, n)));
  await Promise.all(stale.map((n) => rm(join(folder, n), { force: true })));
}

/**
 * The deck's theme: by name, or a CSS file (from the front matter, relative to the guide; from the
 * config or `--deck-theme`, relative to the working folder). One that cannot be had is a warning
 * at the front matter's `deck.theme`, and the deck uses guidepress's own.
 */
function deckTheme(guide: Guide, value: string, templatesDir: string | undefined): Theme {
  const inFrontMatter = typeof guide.meta.deck?.theme === 'string';
  const path = isThemeFile(value) ? resolve(inFrontMatter && guide.file.path ? dirname(guide.file.path) : '.', value) : value;
  const theme = loadTheme(path, templatesDir);
  if (theme) return theme;
  const reason = isThemeFile(value)
    ? `Cannot read the deck theme file ${value}`
    : `Unknown deck theme "${value}": add templates/deck/${value}.css, give a CSS file, or use guidepress, ${builtinThemes.join(', ')}`;
  guide.file.message(`${reason}; using guidepress`, {
    place: metaPlace(guide.file.data.metaPlaces, 'deck.theme'),
    ruleId: 'deck-theme',
    source: 'guidepress',
  });
  return loadTheme('guidepress', templatesDir)!;
}
