import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../errors.js';
import { packageTemplatesDir } from '../version.js';

/**
 * Every word guidepress itself prints, by key. The English table (`templates/labels/en.json`)
 * names them all; another language's table may leave some out, and they stay English.
 */
export type Labels = Record<LabelKey, string>;

export const labelKeys = [
  'notes',
  'backToReference',
  'image',
  'imageNotEmbedded',
  'contents',
  'chapter',
  'colophonSource',
  'colophonOnline',
  'colophonBuilt',
  'builtWith',
  'part',
  'practice',
  'practices',
  'practiceOf',
  'continues',
  'continued',
  'speakersNotes',
  'noNotes',
  'slides',
  'presenterView',
  'currentSlide',
  'nextSlide',
  'next',
  'elapsed',
  'clock',
  'slide',
  'keys',
  'keyNext',
  'keyPrevious',
  'keyFirstLast',
  'keyFullscreen',
  'keyOverview',
  'keyPresenter',
  'keyRestart',
  'keyHelp',
  'keyClose',
  'keyNextKeys',
  'keyPreviousKeys',
  'helpNote',
  'endOfDeck',
  'slideTitle',
  'slideEpigraph',
  'slideQuote',
  'slideClosing',
  'slideCode',
  'slideTable',
  'slideDiagram',
  'slideFormula',
] as const;

export type LabelKey = (typeof labelKeys)[number];

/**
 * The labels for a language tag: English, then the base language's table (`pt` for `pt-BR`), then
 * the tag's own, each key taken from the last table that has it. At each step the user's
 * `labels/<lang>.json` in their templates folder overrides the bundled one key by key, so a user
 * adds a language or changes one word without copying the rest.
 */
export function labelsFor(lang: string, templatesDir?: string): Labels {
  // The tag as written and in lower case: `pt-BR.json` and `pt-br.json` both serve `pt-BR`.
  const tags = [...new Set(['en', baseLanguage(lang), lang.toLowerCase(), lang])];
  const bundled = fileURLToPath(packageTemplatesDir);
  const table: Record<string, string> = {};
  for (const tag of tags) {
    for (const dir of [bundled, templatesDir]) {
      if (!dir) continue;
      const path = join(dir, 'labels', `${tag}.json`);
      if (existsSync(path)) Object.assign(table, readTable(path));
    }
  }
  return table as Labels;
}

/** The language of a tag: `pt` for `pt-BR`, `zh` for `zh-Hant-TW`. */
export function baseLanguage(lang: string): string {
  return lang.toLowerCase().split('-')[0] || 'en';
}

/**
 * A label with its `{name}` places filled in; numbers are written the language's way (`Intl`).
 * A place the values do not name is left as it is.
 */
export function fillLabel(label: string, lang: string, values: Record<string, string | number>): string {
  const numbers = new Intl.NumberFormat(lang || 'en', { useGrouping: false });
  return label.replace(/\{(\w+)\}/g, (place, name: string) => {
    const value = values[name];
    if (value === undefined) return place;
    return typeof value === 'number' ? numbers.format(value) : value;
  });
}

/** A label table's strings; a file that is not a JSON object of them is the user's mistake, named. */
function readTable(path: string): Record<string, string> {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`Cannot read the labels ${path}: ${(error as Error).message}`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new UsageError(`The labels ${path} are not a JSON object of words by key`);
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}
