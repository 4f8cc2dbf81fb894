import { UsageError } from './errors.js';

export type Paper = 'a4' | 'letter' | 'a5';
export type Artifact = 'handout' | 'deck' | 'book';
export const papers: readonly Paper[] = ['a4', 'letter', 'a5'];
export const artifacts: readonly Artifact[] = ['handout', 'deck', 'book'];
export type SlideImageFormat = 'png' | 'jpeg';
export const slideImageFormats: readonly SlideImageFormat[] = ['png', 'jpeg'];

export interface DeckConfig {
  /** How many key quotes the deck picks at most. */
  maxQuotes: number;
  /** Marp theme name; the bundled `guidepress` theme unless a guide or the config names another. */
  theme: string;
  /** Also write each slide as a picture, `slides/01.png`...; none when unset. */
  images?: SlideImageFormat;
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
}

export const defaults: Config = {
  contentDir: 'content',
  outDir: 'dist',
  paper: 'a4',
  only: [...artifacts],
  duplex: false,
  deck: { maxQuotes: 4, theme: 'guidepress' },
};

export type ConfigInput = Partial<Omit<Config, 'deck'>> & { deck?: Partial<DeckConfig> };

/**
 * Merge in one written-down order, later wins: defaults <- config file <- command-line flags.
 * (A guide's front matter then overrides per guide, where a stage reads it.) Returns a new object;
 * the nested `deck` options are merged key by key.
 */
export function resolveConfig(...layers: (ConfigInput | undefined)[]): Config {
  let config: Config = { ...defaults, only: [...defaults.only], deck: { ...defaults.deck } };
  for (const layer of layers) {
    if (!layer) continue;
    const defined = Object.fromEntries(Object.entries(layer).filter(([, v]) => v !== undefined)) as ConfigInput;
    config = {
      ...config,
      ...defined,
      only: [...(defined.only ?? config.only)],
      deck: { ...config.deck, ...(defined.deck ?? {}) },
    } as Config;
  }
  if (!papers.includes(config.paper)) {
    throw new UsageError(`Unknown paper size "${String(config.paper)}": use one of ${papers.join(', ')}`);
  }
  for (const a of config.only) {
    if (!artifacts.includes(a)) throw new UsageError(`Unknown output "${String(a)}" in --only: use ${artifacts.join(', ')}`);
  }
  if (config.deck.images !== undefined && !slideImageFormats.includes(config.deck.images)) {
    throw new UsageError(`Unknown slide image format "${String(config.deck.images)}": use ${slideImageFormats.join(' or ')}`);
  }
  if (!Number.isInteger(config.deck.maxQuotes) || config.deck.maxQuotes < 0) {
    throw new UsageError(`deck.maxQuotes must be a whole number, not ${String(config.deck.maxQuotes)}`);
  }
  return config;
}
