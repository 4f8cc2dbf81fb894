import { join, resolve } from 'node:path';
import type { Config } from '../config.js';
import type { Guide } from '../content/guide.js';
import { type Written, writeArtifact } from '../output.js';
import { diagramCacheDir, diagramRenderer } from '../shared/diagrams.js';
import { printImageScaler } from '../shared/images.js';
import { guidePdfMetadata, printDocument, setPdfMetadata } from '../shared/pdf.js';
import type { BrowserSession } from '../session.js';
import { renderHandoutHtml } from './render.js';

/**
 * One guide's handout: `handout.html` and `handout.pdf` in its folder, or nothing if its content
 * has errors. `onHtml` is called once its HTML is made without errors, as its print starts: the
 * guide's content problems are known then (a build starts the deck).
 */
export async function buildHandout(guide: Guide, config: Config, session: BrowserSession, dir: string, onHtml?: () => void): Promise<Written[] | undefined> {
  const started = performance.now();
  const html = await renderHandoutHtml(guide, {
    contentDir: resolve(config.contentDir),
    paper: config.paper,
    templatesDir: config.templatesDir,
    codeTheme: config.code.theme,
    renderDiagram: diagramRenderer(session, { cacheDir: diagramCacheDir(resolve(config.outDir)), templatesDir: config.templatesDir }),
    scaleImage: await printImageScaler(config, session),
  });
  if (html === undefined) return undefined;
  onHtml?.();
  const printed = await printDocument(await session.get(), html);
  const pdf = await setPdfMetadata(printed.pdf, guidePdfMetadata(guide.meta, printed.headings));
  return writeArtifact(
    [
      { path: join(dir, 'handout.html'), data: html },
      { path: join(dir, 'handout.pdf'), data: pdf },
    ],
    performance.now() - started,
    resolve(config.outDir),
  );
}
