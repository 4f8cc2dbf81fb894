import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Marp } from '@marp-team/marp-core';
import katexPlugin from '@marp-team/marp-core/plugins/katex';
import Mustache from 'mustache';
import { fontFaceCss, readFontList } from '../shared/fonts.js';
import { maxSizeEm } from '../markdown/math.js';
import { mathFontFaces } from '../shared/math.js';
import { readTemplate } from '../shared/templates.js';
import { generator, packageTemplatesDir } from '../version.js';
import type { SlideHighlighter } from './code.js';
import type { Deck } from './slides.js';

const diagramUrl = /^data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+$/;

/** Marp's own themes, always available by name. */
export const builtinThemes = ['default', 'gaia', 'uncover'];

export interface Rendered {
  /** The slides: `<div class="marpit">` with one inline SVG per slide. */
  html: string;
  css: string;
  /** Speaker notes per slide, as Marp reads them from the markdown. */
  comments: string[][];
}

/** Whether a theme is one guidepress can render: a `deck/<name>.css` template or one of Marp's own. */
export function hasTheme(name: string, templatesDir?: string): boolean {
  return builtinThemes.includes(name) || themeFile(name, templatesDir) !== undefined;
}

/**
 * What is wrong with a theme's CSS, if anything: Marp throws a bare Error on CSS that does not parse
 * or has no `@theme` line, and silently falls back to its default theme when the name differs.
 */
export function themeProblem(name: string, templatesDir?: string): string | undefined {
  if (builtinThemes.includes(name)) return undefined;
  const path = themeFile(name, templatesDir) ?? `deck/${name}.css`;
  try {
    if (!createMarp(name, templatesDir).themeSet.get(name)) return `The deck theme ${path} does not declare \`/* @theme ${name} */\``;
  } catch (error) {
    return `The deck theme ${path} cannot be used: ${(error as Error).message.split('\n')[0]}`;
  }
  return undefined;
}

function themeFile(name: string, templatesDir?: string): string | undefined {
  if (!/^[\w-]+$/.test(name)) return undefined;
  const candidates = [templatesDir && join(templatesDir, 'deck', `${name}.css`), join(fileURLToPath(packageTemplatesDir), 'deck', `${name}.css`)];
  return candidates.find((path): path is string => Boolean(path && existsSync(path)));
}

/**
 * A Marp renderer as guidepress uses it: markdown line breaks off (as in the handout), emoji
 * shortcodes turned into Unicode characters instead of Twemoji images from a CDN, no raw HTML,
 * and the theme registered with its theme set. Math is KaTeX's HTML, as in the handout (Marp's
 * plugin of the same `katex` package; `renderMarp` drops its font URLs and `presenterHtml` embeds the faces used);
 * code is highlighted by the handout's Shiki when a highlighter is given.
 */
export function createMarp(theme: string, templatesDir?: string, highlight?: SlideHighlighter): Marp {
  const marp = new Marp({
    markdown: { breaks: false },
    emoji: { shortcode: true, unicode: false },
    html: false,
    script: { source: 'inline' },
  }).use(katexPlugin({ options: { output: 'html', strict: 'ignore', trust: false, maxSize: maxSizeEm } }));
  if (highlight) marp.highlighter = highlight;
  if (!builtinThemes.includes(theme)) marp.themeSet.add(readTemplate(`deck/${theme}.css`, templatesDir));
  // markdown-it refuses SVG data URLs (an SVG page can run script); a diagram's slide shows one as
  // an <img>, where an SVG runs nothing and loads nothing, and only guidepress writes images into
  // the deck's markdown (the guide's own text is escaped).
  const validate = marp.markdown.validateLink.bind(marp.markdown);
  marp.markdown.validateLink = (url: string) => diagramUrl.test(url) || validate(url);
  return marp;
}

export function renderMarp(markdown: string, theme: string, templatesDir?: string, highlight?: SlideHighlighter): Rendered {
  const { html, css, comments } = createMarp(theme, templatesDir, highlight).render(markdown);
  // Marp's KaTeX faces point at a CDN (or, with `fontPath: false`, at files beside the page):
  // both are requests. `presenterHtml` embeds the faces the slides use instead.
  return { html, css: css.replace(/@font-face\s*\{[^}]*KaTeX_[^}]*\}/g, ''), comments };
}

export interface PresenterOptions {
  /** Names the channel the audience and presenter windows talk on: the guide's slug. */
  id: string;
  templatesDir?: string;
}

/**
 * deck.html: the rendered slides with every font, style and script inside, so it presents from
 * `file://` with no network. The notes go in as JSON for the presenter window.
 */
export function presenterHtml(deck: Deck, rendered: Rendered, options: PresenterOptions): string {
  const read = (name: string) => readTemplate(`deck/${name}`, options.templatesDir);
  const fontList = readFontList('deck', options.templatesDir);
  const notes = rendered.comments.map((comments) => comments.flatMap((c) => c.split(/\n\s*\n/)).map((p) => p.replace(/\u200b/g, '').trim()).filter(Boolean));
  // Inside <script>, `<` is written as \u003c so no text can close the element.
  const data = JSON.stringify({ id: options.id, notes }).replace(/</g, '\\u003c');
  const template = read('presenter.html');
  const script = read('presenter.js');
  return Mustache.render(template, {
    scriptSources: scriptSources(template, { script }).join(' '),
    lang: deck.lang,
    title: deck.title,
    author: deck.author,
    description: deck.description,
    generator,
    fonts: fontFaceCss(fontList, `${rendered.html} ${notes.flat().join(' ')}`) + mathFontFaces(rendered.html),
    marpCss: rendered.css,
    presenterCss: read('presenter.css'),
    slides: rendered.html,
    data,
    script,
  });
}

/**
 * The Content-Security-Policy sources that let the presenter's own scripts run and nothing else:
 * the SHA-256 of each inline script of the template that `view` fills in (as it will read once
 * filled, so a restyled template keeps working), and of the script Marp puts after the slides.
 * A script that came from content, had one slipped through, matches no hash and does not run.
 */
export function scriptSources(template: string, view: Record<string, string>): string[] {
  const own = [...template.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => Mustache.render(m[1]!, view));
  return [...new Set([...own, ...marpScripts()].map(cspHash))];
}

/** The browser script of marp-core, the same for every deck: taken from the render of an empty one. */
function marpScripts(): string[] {
  const { html } = new Marp({ script: { source: 'inline' } }).render('');
  return [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
}

/** A CSP hash source. Browsers hash the script as parsed, where every line break is a line feed. */
function cspHash(script: string): string {
  return `'sha256-${createHash('sha256').update(script.replace(/\r\n?/g, '\n')).digest('base64')}'`;
}
