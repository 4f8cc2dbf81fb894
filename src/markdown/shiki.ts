import {
  type BundledLanguage,
  type BundledTheme,
  type Highlighter,
  bundledLanguages,
  bundledLanguagesInfo,
  bundledThemes,
  createHighlighter,
} from 'shiki';
import { UsageError } from '../errors.js';

/**
 * The one Shiki highlighter of the process, shared by the handout, the book and the deck. It
 * starts with no grammar and no theme: each is loaded the first time a guide asks for it, so a run
 * whose guides hold TypeScript and bash loads those two grammars, not Shiki's two hundred.
 */
let shared: Promise<Highlighter> | undefined;

const aliases = new Map<string, BundledLanguage>();
for (const info of bundledLanguagesInfo) {
  aliases.set(info.id, info.id as BundledLanguage);
  for (const alias of info.aliases ?? []) aliases.set(alias, info.id as BundledLanguage);
}

/** Shiki's id for a fence's language (`ts` -> `typescript`), or undefined when Shiki does not know it. */
export function resolveLanguage(name: string): BundledLanguage | undefined {
  const key = name.toLowerCase();
  return aliases.get(key) ?? (key in bundledLanguages ? (key as BundledLanguage) : undefined);
}

/** How a reader names a language (`typescript` -> `TypeScript`), for the label over a block. */
export function languageLabel(id: BundledLanguage): string {
  return bundledLanguagesInfo.find((info) => info.id === id)?.name ?? id;
}

/** The highlighter with these grammars and themes loaded. An unknown theme is the user's mistake (a config value). */
export async function highlighterFor(languages: Iterable<BundledLanguage>, themes: string[]): Promise<Highlighter> {
  for (const theme of themes) checkCodeTheme(theme);
  shared ??= createHighlighter({ themes: [], langs: [] });
  const highlighter = await shared;
  const loadedThemes = new Set(highlighter.getLoadedThemes());
  const missingThemes = themes.filter((t) => !loadedThemes.has(t)) as BundledTheme[];
  if (missingThemes.length) await highlighter.loadTheme(...missingThemes);
  const loadedLanguages = new Set(highlighter.getLoadedLanguages());
  const missingLanguages = [...new Set(languages)].filter((l) => !loadedLanguages.has(l));
  if (missingLanguages.length) await highlighter.loadLanguage(...missingLanguages);
  return highlighter;
}

/** A code theme that Shiki does not have is a usage error (a setting, `code.theme` or `code.deckTheme`). */
export function checkCodeTheme(theme: string): void {
  if (!(theme in bundledThemes)) {
    throw new UsageError(`Unknown code theme "${theme}": use one of Shiki's themes, e.g. github-light, one-light, github-dark`);
  }
}
