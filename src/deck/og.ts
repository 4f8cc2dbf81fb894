import Mustache from 'mustache';
import { type PageHost, withFrontPage } from '../browser.js';
import type { GuideMeta } from '../markdown/data.js';
import { displayUrl, textDirection } from '../shared/display.js';
import { fontFaceCss, readFontList, setDocument } from '../shared/fonts.js';
import { readTemplate } from '../shared/templates.js';

/** The link-preview card's size: what Open Graph consumers (chat apps, social sites) expect. */
export const ogSize = { width: 1200, height: 630 } as const;

/**
 * Where a site serves og.png: beside the guide's page, as a page bundle does
 * (`https://example.com/guides/x` -> `https://example.com/guides/x/og.png`). Open Graph needs an
 * absolute URL, so there is none without the guide's `source`.
 */
export function ogImageUrl(source: string | undefined): string | undefined {
  if (!source) return undefined;
  try {
    const url = new URL(source);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    url.search = '';
    url.hash = '';
    url.pathname = `${url.pathname.replace(/\/$/, '')}/og.png`;
    return url.href;
  } catch {
    return undefined;
  }
}

/** The card's page: `deck/og.html` filled with the guide's site, title and author, and `deck/og.css`. */
export function ogHtml(meta: GuideMeta, templatesDir?: string): string {
  const view = { lang: meta.lang, title: meta.title, site: meta.site, author: meta.author, sourceDisplay: meta.source ? displayUrl(meta.source) : undefined };
  const text = [view.title, view.site, view.author, view.sourceDisplay].filter(Boolean).join(' ');
  return Mustache.render(readTemplate('deck/og.html', templatesDir), {
    ...view,
    fonts: fontFaceCss(readFontList('deck', templatesDir), `${text} ${text.toUpperCase()}`, [meta.lang]),
    dir: textDirection(meta.lang),
    css: readTemplate('deck/og.css', templatesDir),
  });
}

/** og.png: a picture of the card, rendered in the run's browser like every other output. */
export async function renderOgCard(browser: PageHost, meta: GuideMeta, templatesDir?: string): Promise<Uint8Array> {
  return withFrontPage(browser, async (page) => {
    await page.setViewport({ ...ogSize, deviceScaleFactor: 1 });
    await setDocument(page, ogHtml(meta, templatesDir));
    // The card is the viewport. Captured "beyond" it (Puppeteer's default with a clip), a
    // right-to-left card came out blank.
    return page.screenshot({ type: 'png', clip: { x: 0, y: 0, ...ogSize }, captureBeyondViewport: false });
  });
}
