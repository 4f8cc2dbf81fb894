import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'puppeteer';
import { openPage } from '../browser.js';
import type { RenderDiagram } from '../markdown/diagrams.js';
import type { BrowserSession } from '../session.js';
import { fontFaceCss, readFontList } from './fonts.js';

const require = createRequire(import.meta.url);

/** The face mermaid measures and sets labels in: the print templates' sans, embedded in the page. */
export const diagramFont = '@fontsource/source-sans-3';

/**
 * Mermaid's settings. `htmlLabels: false` draws labels as SVG `<text>` instead of HTML in a
 * `<foreignObject>`: the text stays text in the PDF (sharp, searchable) and the SVG also works as
 * an `<img>` on a slide. The neutral theme is grey, so it prints the same in colour and greyscale.
 * `deterministicIds` keeps the same source giving the same bytes, build after build.
 */
export const mermaidConfig = {
  startOnLoad: false,
  securityLevel: 'strict',
  theme: 'neutral',
  fontFamily: '"Source Sans 3", "Helvetica Neue", Arial, sans-serif',
  htmlLabels: false,
  flowchart: { htmlLabels: false },
  deterministicIds: true,
} as const;

/** Bump when the way we draw changes, so the disk cache does not serve old drawings. */
const drawingVersion = 1;

export interface DiagramOptions {
  /** Where drawn SVGs are kept between runs; no disk cache without it. */
  cacheDir?: string;
  templatesDir?: string;
  /** Hears each request the diagram page refused (tests). */
  onBlocked?: (url: string) => void;
}

interface Drawer {
  draw: RenderDiagram;
  /** How many diagrams mermaid actually drew in this run (not served by a cache): for tests. */
  drawn: () => number;
}

/**
 * The function that draws a guide's diagrams, for `toHtml`'s `renderDiagram` and the deck. Mermaid
 * runs in one page of the run's browser, kept for the whole run (`session.keep`): the page runs
 * mermaid's script but, like every guidepress page, refuses every request, so nothing loads from
 * outside. An SVG is cached by a hash of its source, mermaid's version and settings, in memory
 * for the run and as a file under `cacheDir`, so an unchanged diagram is drawn once, ever.
 */
export function diagramRenderer(session: BrowserSession, options: DiagramOptions = {}): RenderDiagram {
  return (source) => drawer(session, options).then((d) => d.draw(source));
}

/** How many diagrams the session's page has drawn so far (a cache hit draws none). */
export async function diagramsDrawn(session: BrowserSession, options: DiagramOptions = {}): Promise<number> {
  return (await drawer(session, options)).drawn();
}

function drawer(session: BrowserSession, options: DiagramOptions): Promise<Drawer> {
  return session.keep('diagrams', async (browser) => {
    const page = await openPage(browser, { script: true, onBlocked: options.onBlocked });
    let ready: Promise<void> | undefined;
    let queue: Promise<unknown> = Promise.resolve();
    let count = 0;
    const memory = new Map<string, { svg: string } | { error: string }>();
    const draw: RenderDiagram = async (source) => {
      const key = cacheKey(source);
      const known = memory.get(key) ?? readCached(options.cacheDir, key);
      if (known) {
        memory.set(key, known);
        return known;
      }
      // One page draws one diagram at a time: mermaid keeps state in the document while it lays out.
      const result = queue.then(async () => {
        ready ??= preparePage(page, options.templatesDir);
        await ready;
        count++;
        return drawIn(page, `d${key.slice(0, 12)}`, source);
      });
      queue = result.catch(() => undefined);
      const out = await result;
      memory.set(key, out);
      if ('svg' in out) writeCached(options.cacheDir, key, out.svg);
      return out;
    };
    return { value: { draw, drawn: () => count }, close: () => page.close().catch(() => undefined) };
  });
}

function mermaidVersion(): string {
  return (JSON.parse(readFileSync(require.resolve('mermaid/package.json'), 'utf8')) as { version: string }).version;
}

function cacheKey(source: string): string {
  return createHash('sha256')
    .update(JSON.stringify({ drawingVersion, mermaid: mermaidVersion(), config: mermaidConfig, source }))
    .digest('hex');
}

function readCached(dir: string | undefined, key: string): { svg: string } | undefined {
  if (!dir) return undefined;
  try {
    return { svg: readFileSync(join(dir, `${key}.svg`), 'utf8') };
  } catch {
    // Not drawn before (or the cache was cleared): draw it.
    return undefined;
  }
}

function writeCached(dir: string | undefined, key: string, svg: string): void {
  if (!dir) return;
  try {
    mkdirSync(dir, { recursive: true });
    // Beside the target, then renamed: a run stopped half-way leaves no half file to serve later.
    const path = join(dir, `${key}.svg`);
    writeFileSync(`${path}.tmp`, svg);
    renameSync(`${path}.tmp`, path);
  } catch {
    // A cache that cannot be written only costs a redraw next time.
  }
}

/** The page mermaid draws in: the diagram font embedded, mermaid's browser bundle from node_modules. */
async function preparePage(page: Page, templatesDir?: string): Promise<void> {
  const list = readFontList('print', templatesDir);
  const sans = { fonts: list.fonts.filter((f) => f.package === diagramFont) };
  // A letter of every subset the face has (Latin, Latin Extended, Cyrillic and its extension,
  // Greek and its extension, Vietnamese): mermaid measures labels in whatever script they are,
  // and a label measured in a fallback font would not fit its box once printed in this one.
  const sample = 'Aé\u0100\u0410\u0500\u0391\u1F00\u1EA0';
  await page.setContent(`<!doctype html><html><head><meta charset="utf-8"><style>${fontFaceCss(sans, sample)}</style></head><body></body></html>`, { waitUntil: 'load' });
  await page.evaluate(() => Promise.all([...document.fonts].map((face) => face.load().catch(() => undefined))));
  await page.addScriptTag({ content: readFileSync(require.resolve('mermaid/dist/mermaid.min.js'), 'utf8') });
  await page.evaluate((config) => {
    (globalThis as unknown as { mermaid: { initialize: (c: unknown) => void } }).mermaid.initialize(config);
  }, mermaidConfig);
}

async function drawIn(page: Page, id: string, source: string): Promise<{ svg: string } | { error: string }> {
  return page.evaluate(
    async (id, source) => {
      const mermaid = (globalThis as unknown as { mermaid: { render: (id: string, text: string) => Promise<{ svg: string }> } }).mermaid;
      try {
        return { svg: (await mermaid.render(id, source)).svg };
      } catch (error) {
        return { error: error instanceof Error ? error.message : String(error) };
      } finally {
        // A failed render leaves its error drawing in the page.
        document.body.replaceChildren();
      }
    },
    id,
    source,
  );
}

/**
 * The SVG as a standalone image (a slide's `<img>`): an image sees none of its page's fonts, so
 * the face it was measured in goes inside it, and its size is its own (mermaid sets a width of
 * 100% for inline use).
 */
export function standaloneSvg(svg: string, templatesDir?: string): { svg: string; width: number; height: number } {
  const box = /viewBox="([-\d.]+)\s+([-\d.]+)\s+([\d.]+)\s+([\d.]+)"/.exec(svg);
  const width = box ? Number(box[3]) : 600;
  const height = box ? Number(box[4]) : 400;
  const list = readFontList('print', templatesDir);
  const fonts = fontFaceCss({ fonts: list.fonts.filter((f) => f.package === diagramFont) }, svg.replace(/<[^>]*>/g, ' '));
  const out = svg.replace(/^<svg\b([^>]*)>/, (_, attrs: string) => {
    const sized = attrs
      .replace(/\swidth="[^"]*"/, '')
      .replace(/\sstyle="[^"]*"/, '');
    return `<svg${sized} width="${width}" height="${height}"><style><![CDATA[${fonts}]]></style>`;
  });
  return { svg: out, width, height };
}

/** Where a build keeps drawn diagrams: beside its outputs, so cleaning them cleans it. */
export function diagramCacheDir(outDir: string): string {
  return join(outDir, '.cache', 'diagrams');
}
