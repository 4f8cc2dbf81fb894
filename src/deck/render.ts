import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Marp } from '@marp-team/marp-core';
import katexPlugin from '@marp-team/marp-core/plugins/katex';
import Mustache from 'mustache';
import { textDirection } from '../shared/display.js';
import { fontFaceCss, readFontList } from '../shared/fonts.js';
import { maxSizeEm } from '../markdown/math.js';
import { mathFontFaces } from '../shared/math.js';
import { type Labels, labelsFor } from '../shared/labels.js';
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

/**
 * What is wrong with a theme's CSS, if anything: Marp throws a bare Error on CSS that does not parse
 * or has no `@theme` line, and silently falls back to its default theme when the name differs.
 */
export function themeProblem(theme: Theme, templatesDir?: string): string | undefined {
  if (builtinThemes.includes(theme.name) && theme.css === undefined) return undefined;
  const path = theme.path ?? themeFile(theme.name, templatesDir) ?? `deck/${theme.name}.css`;
  try {
    if (!createMarp(theme.name, templatesDir, { themeCss: theme.css }).themeSet.get(theme.name)) return `The deck theme ${path} does not declare \`/* @theme ${theme.name} */\``;
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

/** A theme ready to render with: its name (what deck.md names), and its CSS unless it is one of Marp's own. */
export interface Theme {
  name: string;
  css?: string;
  /** Where its CSS was read from, for messages. */
  path?: string;
}

/** What `createMarp` may be given beyond the theme's name. */
export interface MarpOptions {
  /** Highlights code fences (the handout's Shiki, in `code.deckTheme`). */
  highlight?: SlideHighlighter;
  /** The CSS of a theme loaded by `loadTheme` (a user's file, a template). */
  themeCss?: string;
}

/** A theme given as a file rather than a name: a value that ends in `.css`. */
export function isThemeFile(value: string): boolean {
  return /\.css$/i.test(value);
}

/**
 * The theme a deck asks for: one of Marp's own, a `deck/<name>.css` template (the user's templates
 * folder first), or a CSS file of the user's (`path` is absolute, or relative to the working
 * folder). A file without Marp's `@theme` comment is named after itself. Undefined when there is no
 * such theme or file.
 */
export function loadTheme(value: string, templatesDir?: string): Theme | undefined {
  if (isThemeFile(value)) {
    if (!existsSync(value)) return undefined;
    const css = readFileSync(value, 'utf8');
    const named = /@theme\s+([\w-]+)/.exec(css)?.[1];
    if (named) return { name: named, css, path: value };
    const name = basename(value).replace(/\.css$/i, '').replace(/[^\w-]+/g, '-') || 'custom';
    return { name, css: `/* @theme ${name} */\n${css}`, path: value };
  }
  if (builtinThemes.includes(value)) return { name: value };
  const file = themeFile(value, templatesDir);
  return file ? { name: value, css: readTemplate(`deck/${value}.css`, templatesDir), path: file } : undefined;
}

/**
 * A Marp renderer as guidepress uses it: markdown line breaks off (as in the handout), emoji
 * shortcodes turned into Unicode characters instead of Twemoji images from a CDN, no raw HTML,
 * and the theme registered with its theme set. Math is KaTeX's HTML, as in the handout (Marp's
 * plugin of the same `katex` package; `renderMarp` drops its font URLs and `presenterHtml` embeds the faces used);
 * code is highlighted by the handout's Shiki when a highlighter is given.
 */
export function createMarp(theme: string, templatesDir?: string, options: MarpOptions = {}): Marp {
  // A Marp parses its three built-in themes and the deck's with PostCSS as it is made: the run
  // keeps one a theme, and each render sets its code highlighter.
  const css = options.themeCss ?? (builtinThemes.includes(theme) ? undefined : readTemplate(`deck/${theme}.css`, templatesDir));
  const key = createHash('sha256').update(JSON.stringify([theme, css ?? null])).digest('hex');
  let kept = marps.get(key);
  if (!kept) {
    const marp = newMarp(css);
    kept = { marp, highlighter: marp.highlighter };
    if (marps.size >= 16) marps.delete(marps.keys().next().value!);
    marps.set(key, kept);
  }
  kept.marp.highlighter = options.highlight ?? kept.highlighter;
  return kept.marp;
}

const marps = new Map<string, { marp: Marp; highlighter: Marp['highlighter'] }>();

function newMarp(themeCss: string | undefined): Marp {
  const marp = new Marp({
    markdown: { breaks: false },
    emoji: { shortcode: true, unicode: false },
    html: false,
    script: { source: 'inline' },
  }).use(katexPlugin({ options: { output: 'html', strict: 'ignore', trust: false, maxSize: maxSizeEm } }));
  if (themeCss !== undefined) marp.themeSet.add(themeCss);
  // markdown-it refuses SVG data URLs (an SVG page can run script); a diagram's slide shows one as
  // an <img>, where an SVG runs nothing and loads nothing, and only guidepress writes images into
  // the deck's markdown (the guide's own text is escaped).
  const validate = marp.markdown.validateLink.bind(marp.markdown);
  marp.markdown.validateLink = (url: string) => diagramUrl.test(url) || validate(url);
  keepPacked(marp);
  return marp;
}

/** Packed theme CSS by everything it is made of (see `keepPacked`); a run renders few distinct ones. */
const packedCss = new Map<string, string>();

/**
 * Marpit packs the theme's CSS with PostCSS on every render, about 200 ms, and a deck is rendered
 * several times as it is fitted and built, with the same CSS each time. Keep what a pack made, by
 * the CSS of every theme in the set (the theme and what it may `@import`) and the pack's options
 * (the slides' own styles among them): the same inputs, the same CSS.
 */
function keepPacked(marp: Marp): void {
  const set = marp.themeSet;
  const pack = set.pack.bind(set);
  set.pack = (name, opts) => {
    const key = createHash('sha256')
      .update(JSON.stringify([name ?? null, set.get(name ?? '', true)?.css ?? null, [...set.themes()].map((t) => t.css), opts]))
      .digest('hex');
    let css = packedCss.get(key);
    if (css === undefined) {
      css = pack(name, opts);
      if (packedCss.size >= 64) packedCss.delete(packedCss.keys().next().value!);
      packedCss.set(key, css);
    }
    return css;
  };
}

/** Render Marp markdown with guidepress's renderer (see `createMarp`). */
export function renderMarp(markdown: string, theme: string, templatesDir?: string, options: MarpOptions = {}): Rendered {
  const { html, css, comments } = createMarp(theme, templatesDir, options).render(markdown);
  // Marp's KaTeX faces point at a CDN (or, with `fontPath: false`, at files beside the page):
  // both are requests. `presenterHtml` embeds the faces the slides use instead.
  return { html, css: css.replace(/@font-face\s*\{[^}]*KaTeX_[^}]*\}/g, ''), comments };
}

export interface PresenterOptions {
  /** Names the channel the audience and presenter windows talk on: the guide's slug. */
  id: string;
  templatesDir?: string;
  /** The absolute URL of og.png, for the link-preview meta (see `ogImageUrl`); none without it. */
  ogImage?: string;
  /** The presenter's words; by default the deck's language's, from the templates folder. */
  labels?: Labels;
}

/**
 * deck.html: the rendered slides with every font, style and script inside, so it presents from
 * `file://` with no network. The notes go in as JSON for the presenter window.
 */
export function presenterHtml(deck: Deck, rendered: Rendered, options: PresenterOptions): string {
  const read = (name: string) => readTemplate(`deck/${name}`, options.templatesDir);
  const fontList = readFontList('deck', options.templatesDir);
  const labels = options.labels ?? labelsFor(deck.lang, options.templatesDir);
  const notes = rendered.comments.map((comments) => comments.flatMap((c) => c.split(/\n\s*\n/)).map((p) => p.replace(/\u200b/g, '').trim()).filter(Boolean));
  // Inside <script>, `<` is written as \u003c so no text can close the element.
  const data = JSON.stringify({ id: options.id, notes, labels: { endOfDeck: labels.endOfDeck } }).replace(/</g, '\\u003c');
  const template = read('presenter.html');
  const script = read('presenter.js');
  return Mustache.render(template, {
    scriptSources: scriptSources(template, { script }).join(' '),
    lang: deck.lang,
    dir: textDirection(deck.lang),
    title: deck.title,
    author: deck.author,
    description: deck.description,
    url: deck.url,
    ogImage: options.ogImage,
    generator,
    labels,
    fonts: fontFaceCss(fontList, `${rendered.html} ${notes.flat().join(' ')} ${Object.values(labels).join(' ')}`, [deck.lang]) + mathFontFaces(rendered.html),
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

let marpScriptList: string[] | undefined;
/** The browser script of marp-core, the same for every deck: taken once from the render of an empty one. */
function marpScripts(): string[] {
  if (!marpScriptList) {
    const marp = new Marp({ script: { source: 'inline' } });
    // Only the script is wanted: skip packing the default theme's CSS (200 ms of PostCSS).
    (marp as unknown as { renderStyle: () => string }).renderStyle = () => '';
    marpScriptList = [...marp.render('').html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
  }
  return marpScriptList;
}

/** A CSP hash source. Browsers hash the script as parsed, where every line break is a line feed. */
function cspHash(script: string): string {
  return `'sha256-${createHash('sha256').update(script.replace(/\r\n?/g, '\n')).digest('base64')}'`;
}
