import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Marp } from '@marp-team/marp-core';
import Mustache from 'mustache';
import { type FontList, fontFaceCss } from '../print/fonts.js';
import { readTemplate } from '../print/templates.js';
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
 * shortcodes turned into Unicode characters instead of Twemoji images from a CDN, no math, no raw
 * HTML, and the theme registered with its theme set.
 */
export function createMarp(theme: string, templatesDir?: string): Marp {
  const marp = new Marp({
    markdown: { breaks: false },
    emoji: { shortcode: true, unicode: false },
    math: false,
    html: false,
    script: { source: 'inline' },
  });
  if (!builtinThemes.includes(theme)) marp.themeSet.add(readTemplate(`deck/${theme}.css`, templatesDir));
  return marp;
}

export function renderMarp(markdown: string, theme: string, templatesDir?: string): Rendered {
  const { html, css, comments } = createMarp(theme, templatesDir).render(markdown);
  return { html, css, comments };
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
  const fontList = JSON.parse(read('fonts.json')) as FontList;
  const notes = rendered.comments.map((comments) => comments.flatMap((c) => c.split(/\n\s*\n/)).map((p) => p.replace(/\u200b/g, '').trim()).filter(Boolean));
  // Inside <script>, `<` is written as \u003c so no text can close the element.
  const data = JSON.stringify({ id: options.id, notes }).replace(/</g, '\\u003c');
  return Mustache.render(read('presenter.html'), {
    lang: deck.lang,
    title: deck.title,
    author: deck.author,
    description: deck.description,
    generator,
    fonts: fontFaceCss(fontList, `${rendered.html} ${notes.flat().join(' ')}`),
    marpCss: rendered.css,
    presenterCss: read('presenter.css'),
    slides: rendered.html,
    data,
    script: read('presenter.js'),
  });
}
