import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { closest } from './closest.js';
import { UsageError } from './errors.js';

export type Paper = 'a4' | 'letter' | 'a5';
/**
 * What a build can write: the handout; the deck (`deck.md`, `deck.html`, `deck.pdf`, `og.png`); its
 * PowerPoint (`deck.pptx`) and its speaker's notes (`deck-notes.pdf`), made from the same render;
 * the book; the EPUBs.
 */
export type Artifact = 'handout' | 'deck' | 'pptx' | 'notes' | 'book' | 'epub';
export const papers: readonly Paper[] = ['a4', 'letter', 'a5'];
export const artifacts: readonly Artifact[] = ['handout', 'deck', 'pptx', 'notes', 'book', 'epub'];
/** The artifacts made from a guide's rendered deck: one step builds whichever are asked for. */
export const deckArtifacts: readonly Artifact[] = ['deck', 'pptx', 'notes'];
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
  /** Seconds one artifact (a handout, a deck, the book) may take before it is given up as an error. */
  timeout: number;
  /** How many guides are built at once, each in a page of the one browser; the output is the same whatever it is. */
  jobs: number;
  deck: DeckConfig;
  code: CodeConfig;
}

export const defaults: Config = {
  contentDir: 'content',
  outDir: 'dist',
  paper: 'a4',
  only: [...artifacts],
  duplex: false,
  // Generous: the 60-guide benchmark book prints in about 20 s on 2 cores.
  timeout: 120,
  // One guide's Node work (parsing, templating, pdf-lib) overlaps another's printing in Chromium.
  jobs: availableParallelism(),
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
  if (config.deck.images !== undefined && !slideImageFormats.includes(config.deck.images)) {
    throw new UsageError(`Unknown slide image format "${String(config.deck.images)}": use ${slideImageFormats.join(' or ')}`);
  }
  if (!Number.isInteger(config.deck.maxQuotes) || config.deck.maxQuotes < 0) {
    throw new UsageError(`deck.maxQuotes must be a whole number, not ${String(config.deck.maxQuotes)}`);
  }
  if (typeof config.timeout !== 'number' || !(config.timeout > 0)) {
    throw new UsageError(`The timeout must be a number of seconds above 0, not ${String(config.timeout)}`);
  }
  if (!Number.isInteger(config.jobs) || config.jobs < 1) {
    throw new UsageError(`--jobs must be a whole number of at least 1, not ${String(config.jobs)}`);
  }
  return config;
}

/** What a config file may hold: every key of `Config`, each optional, and nothing else. */
const configSchema = z.strictObject({
  contentDir: z.string(),
  outDir: z.string(),
  paper: z.enum(papers),
  only: z.array(z.enum(artifacts)),
  browser: z.string(),
  templatesDir: z.string(),
  duplex: z.boolean(),
  timeout: z.number().positive(),
  jobs: z.number().int().positive(),
  deck: z.strictObject({ maxQuotes: z.number().int().nonnegative(), theme: z.string().min(1) }).partial(),
  code: z.strictObject({ theme: z.string().min(1), deckTheme: z.string().min(1) }).partial(),
}).partial();

/**
 * Check a config file's parsed JSON: an unknown key (with the closest known one, when one is
 * close) or a value of the wrong type is a UsageError that names the file and the key.
 */
export function validateConfigFile(data: unknown, path: string): ConfigInput {
  const result = configSchema.safeParse(data);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const at = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      const nested: Record<string, object> = { deck: defaults.deck, code: defaults.code };
      const known = Object.keys(nested[at] ?? { ...defaults, browser: '', templatesDir: '' });
      return issue.keys.map((key) => {
        const name = at ? `${at}.${key}` : key;
        const guess = closest(key, known, 1)[0];
        return `unknown key "${name}"${guess ? `: did you mean "${at ? `${at}.` : ''}${guess}"?` : ` (known: ${known.join(', ')})`}`;
      }).join('; ');
    }
    return at ? `"${at}": ${issue.message.replace(/^Invalid input: /, '')}` : `the file must hold a JSON object: ${issue.message.replace(/^Invalid input: /, '')}`;
  });
  throw new UsageError(`Config file ${path}: ${problems.join('; ')}`);
}
