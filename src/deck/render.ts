import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Marp } from '@marp-team/marp-core';
import Mustache from 'mustache';
import { fontFaceCss, readFontList } from '../shared/fonts.js';
import { readTemplate } from '../shared/templates.js';
import { generator, packageTemplatesDir } from '../version.js';
import type { Deck } from './slides.js';

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

function themeFile(name: string, templatesDir?: string): string | undefined {
  if (!/^[\w-]+$/.test(name)) return undefined;
  const candidates = [templatesDir && join(templatesDir, 'deck', `${name}.css`), join(fileURLToPath(packageTemplatesDir), 'deck', `${name}.css`)];
  return candidates.find((path): path is string => Boolean(path && existsSync(path)));
}

/** A theme ready to render with: its name (what deck.md names), and its CSS unless it is one of Marp's own. */
export interface Theme {
  name: string;
  css?: string;
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
    if (named) return { name: named, css };
    const name = basename(value).replace(/\.css$/i, '').replace(/[^\w-]+/g, '-') || 'custom';
    return { name, css: `/* @theme ${name} */\n${css}` };
  }
  if (builtinThemes.includes(value)) return { name: value };
  return themeFile(value, templatesDir) ? { name: value, css: readTemplate(`deck/${value}.css`, templatesDir) } : undefined;
}

/**
 * A Marp renderer as guidepress uses it: markdown line breaks off (as in the handout), emoji
 * shortcodes turned into Unicode characters instead of Twemoji images from a CDN, no math, no raw
 * HTML, and the theme registered with its theme set.
 */
export function createMarp(theme: string, templatesDir?: string, themeCss?: string): Marp {
  const marp = new Marp({
    markdown: { breaks: false },
    emoji: { shortcode: true, unicode: false },
    math: false,
    html: false,
    script: { source: 'inline' },
  });
  if (themeCss !== undefined) marp.themeSet.add(themeCss);
  else if (!builtinThemes.includes(theme)) marp.themeSet.add(readTemplate(`deck/${theme}.css`, templatesDir));
  return marp;
}

/** Render Marp markdown; `themeCss` is the CSS of a theme from a file (see `loadTheme`). */
export function renderMarp(markdown: string, theme: string, templatesDir?: string, themeCss?: string): Rendered {
  const { html, css, comments } = createMarp(theme, templatesDir, themeCss).render(markdown);
  return { html, css, comments };
}

export interface PresenterOptions {
  /** Names the channel the audience and presenter windows talk on: the guide's slug. */
  id: string;
  templatesDir?: string;
  /** The absolute URL of og.png, for the link-preview meta (see `ogImageUrl`); none without it. */
  ogImage?: string;
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
    url: deck.url,
    ogImage: options.ogImage,
    generator,
    fonts: fontFaceCss(fontList, `${rendered.html} ${notes.flat().join(' ')}`),
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
