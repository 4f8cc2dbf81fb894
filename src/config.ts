import { UsageError } from './errors.js';

export type Paper = 'a4' | 'letter' | 'a5';
export type Artifact = 'handout' | 'deck' | 'book';
export const papers: readonly Paper[] = ['a4', 'letter', 'a5'];
export const artifacts: readonly Artifact[] = ['handout', 'deck', 'book'];

export interface DeckConfig {
  /** How many key quotes the deck picks at most. */
  maxQuotes: number;
  /** Marp theme name; the bundled `guidepress` theme unless a guide or the config names another. */
  theme: string;
}

export interface CodeConfig {
  /** Shiki theme of code in the handout and the book: light, since it prints on paper. */
  theme: string;
  /** Shiki theme of code on slides. */
  deckTheme: string;
}

export interface Config {
  contentDir: string;
  outDir: string;
  paper: Paper;
  only: Artifact[];
  /** Path of a Chromium or Chrome; found automatically when unset. */
  browser?: string;
  /** A folder with `print/` and `deck/` templates that replace the bundled ones, file by file. */
  templatesDir?: string;
  /** Book: sections start on right-hand pages. */
  duplex: boolean;
  deck: DeckConfig;
  code: CodeConfig;
}

export const defaults: Config = {
  contentDir: 'content',
  outDir: 'dist',
  paper: 'a4',
  only: [...artifacts],
  duplex: false,
  deck: { maxQuotes: 4, theme: 'guidepress' },
  code: { theme: 'github-light', deckTheme: 'github-dark' },
};

export type ConfigInput = Partial<Omit<Config, 'deck' | 'code'>> & { deck?: Partial<DeckConfig>; code?: Partial<CodeConfig> };

/**
 * Merge in one written-down order, later wins: defaults <- config file <- command-line flags.
 * (A guide's front matter then overrides per guide, where a stage reads it.) Returns a new object;
 * the nested `deck` and `code` options are merged key by key.
 */
export function resolveConfig(...layers: (ConfigInput | undefined)[]): Config {
  let config: Config = { ...defaults, only: [...defaults.only], deck: { ...defaults.deck }, code: { ...defaults.code } };
  for (const layer of layers) {
    if (!layer) continue;
    const defined = Object.fromEntries(Object.entries(layer).filter(([, v]) => v !== undefined)) as ConfigInput;
    config = {
      ...config,
      ...defined,
      only: [...(defined.only ?? config.only)],
      deck: { ...config.deck, ...(defined.deck ?? {}) },
      code: { ...config.code, ...(defined.code ?? {}) },
    } as Config;
  }
  if (!papers.includes(config.paper)) {
    throw new UsageError(`Unknown paper size "${String(config.paper)}": use one of ${papers.join(', ')}`);
  }
  for (const a of config.only) {
    if (!artifacts.includes(a)) throw new UsageError(`Unknown output "${String(a)}" in --only: use ${artifacts.join(', ')}`);
  }
  if (!Number.isInteger(config.deck.maxQuotes) || config.deck.maxQuotes < 0) {
    throw new UsageError(`deck.maxQuotes must be a whole number, not ${String(config.deck.maxQuotes)}`);
  }
  return config;
}
