import type { Literal, Root, Yaml } from 'mdast';
import { parse as parseTomlText } from 'smol-toml';
import { toString } from 'mdast-util-to-string';
import remarkSmartypants from 'remark-smartypants';
import { localQuotes } from './quotes.js';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import { isMap, parseDocument } from 'yaml';
import { contentError } from '../errors.js';
import type { GuideMeta } from './data.js';
import { type KeyPlaces, tomlKeyPlaces, yamlKeyPlaces } from './key-places.js';

const known = new Set(['draft', 'title', 'lang', 'author', 'site', 'source', 'description', 'keywords', 'tags', 'date', 'url', 'deck']);

/** Front matter as Hugo writes it: YAML between `---`, or TOML between `+++`. */
type Matter = Yaml | (Literal & { type: 'toml' });

interface Parsed {
  data: Record<string, unknown>;
  keys: KeyPlaces;
}

/**
 * Parse and validate the front matter (YAML, or Hugo's TOML) into `file.data.meta`, and note where
 * each key is written in `file.data.metaPlaces`. A guide without `title` takes the text of the
 * leading `# Heading` that `remarkLeadingHeading` took out of the body.
 */
export default function remarkFrontmatterData() {
  return (tree: Root, file: VFile) => {
    const matterNode = tree.children.find((node) => node.type === 'yaml' || (node.type as string) === 'toml') as Matter | undefined;
    const { data, keys } = matterNode
      ? matterNode.type === 'yaml' ? parseYaml(matterNode, file) : parseToml(matterNode, file)
      : { data: {}, keys: {} };
    file.data.metaPlaces = { matter: matterNode?.position, keys };
    const placeOf = (key: string) => keys[key]?.start ?? matterNode?.position?.start;
    const text = (key: string): string | undefined => {
      const value = data[key];
      if (value === undefined || value === null) return undefined;
      if (typeof value === 'string' || typeof value === 'number') return String(value).trim();
      contentError(file, `Front matter \`${key}\` must be text, not ${Array.isArray(value) ? 'a list' : typeof value}`, placeOf(key), 'front-matter');
      return undefined;
    };

    let title = text('title');
    if (!title) title = file.data.leadingHeading;
    const yamlFailed = file.messages.some((m) => m.ruleId === 'yaml' || m.ruleId === 'toml');
    if (!title && !yamlFailed) {
      contentError(
        file,
        'The guide has no title: add `title: ...` to the front matter, or start the guide with a `# Heading`',
        matterNode?.position?.start ?? { line: 1, column: 1 },
        'missing-title',
      );
    }
    title ??= '';

    let keywords: string[] = [];
    const rawKeywords = data.keywords ?? data.tags;
    if (Array.isArray(rawKeywords)) keywords = rawKeywords.map(String);
    else if (typeof rawKeywords === 'string') keywords = rawKeywords.split(',').map((k) => k.trim()).filter(Boolean);

    let date: string | undefined;
    if (data.date !== undefined && data.date !== null && data.date !== '') {
      const raw = data.date instanceof Date ? data.date.toISOString() : String(data.date);
      // The calendar day as written (Hugo's `2020-03-14T20:00:00-07:00` is the 14th), and a real one.
      const ymd = /^(\d{4})-(\d{2})-(\d{2})/.exec(raw);
      const parsed = ymd ? new Date(Date.UTC(Number(ymd[1]), Number(ymd[2]) - 1, Number(ymd[3]))) : new Date(raw);
      const real = !Number.isNaN(parsed.getTime()) && (!ymd || parsed.toISOString().startsWith(ymd[0]));
      if (!real) {
        contentError(file, `Front matter \`date\` is not a date: "${raw}"; write it as YYYY-MM-DD`, placeOf('date'), 'front-matter');
      } else date = parsed.toISOString().slice(0, 10);
    }

    const deck = data.deck;
    if (deck !== undefined && (typeof deck !== 'object' || deck === null || Array.isArray(deck))) {
      contentError(file, 'Front matter `deck` must be a mapping (deck: { quotes: [...] })', placeOf('deck'), 'front-matter');
    }

    // Site links (`/guides/x`) are made absolute on `source`: one that is not a web address would
    // silently leave every one of them unlinked.
    let source = text('source');
    if (source && !isWebAddress(source)) {
      file.message(`Front matter \`source\` is not a web address: "${source}"; write it as https://example.com/path (site links print as plain text until then)`, {
        place: placeOf('source'), ruleId: 'front-matter', source: 'guidepress',
      });
      source = undefined;
    }

    // `lang` reaches Intl (sentence splitting, dates), which throws on what is not a language tag.
    let lang = text('lang');
    if (lang && !isLanguageTag(lang)) {
      file.message(`Front matter \`lang\` is not a language tag: "${lang}"; write it like en, de or pt-BR (using en)`, {
        place: placeOf('lang'), ruleId: 'front-matter', source: 'guidepress',
      });
      lang = undefined;
    }

    const extra: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(data)) if (!known.has(key)) extra[key] = value;

    const meta: GuideMeta = {
      title: smartTypography(title, lang),
      lang: lang || 'en',
      author: text('author'),
      site: text('site'),
      source,
      description: text('description') && smartTypography(text('description')!, lang),
      draft: data.draft === true || data.draft === 'true',
      keywords,
      date,
      url: text('url'),
      deck: deck && typeof deck === 'object' && !Array.isArray(deck) ? (deck as Record<string, unknown>) : undefined,
      extra,
    };
    file.data.meta = meta;
  };
}

function parseYaml(node: Yaml, file: VFile): Parsed {
  const base = node.position?.start.line ?? 1; // the line of the opening `---`
  const doc = parseDocument(node.value, { prettyErrors: true, uniqueKeys: true });
  for (const error of doc.errors) {
    const pos = error.linePos?.[0];
    const place = pos ? { line: base + pos.line, column: pos.col } : node.position;
    contentError(file, `Front matter is not valid YAML: ${error.message.split('\n')[0]}`, place, 'yaml');
  }
  if (doc.errors.length > 0) return { data: {}, keys: {} };
  if (doc.contents && !isMap(doc.contents)) {
    contentError(file, 'Front matter must be a YAML mapping of keys (title: ...)', node.position, 'yaml');
    return { data: {}, keys: {} };
  }
  if (!isMap(doc.contents)) return { data: {}, keys: {} };
  const keys = yamlKeyPlaces(doc.contents, node.value, base);
  try {
    return { data: (doc.toJS() ?? {}) as Record<string, unknown>, keys };
  } catch (error) {
    // The parse succeeds but building values can still fail: an alias (`*name`) with no anchor, a
    // billion-laughs alias bomb (the library caps it and throws).
    contentError(file, `Front matter is not valid YAML: ${(error as Error).message.split('\n')[0]}`, node.position?.start, 'yaml');
    return { data: {}, keys: {} };
  }
}

function parseToml(node: Literal, file: VFile): Parsed {
  const base = node.position?.start.line ?? 1; // the line of the opening `+++`
  let data: Record<string, unknown>;
  try {
    data = parseTomlText(node.value) as Record<string, unknown>;
  } catch (error) {
    const { line, column, message } = error as { line?: number; column?: number; message: string };
    const place = line ? { line: base + line, column: column ?? 1 } : node.position;
    contentError(file, `Front matter is not valid TOML: ${message.split('\n')[0]}`, place, 'toml');
    return { data: {}, keys: {} };
  }
  return { data, keys: tomlKeyPlaces(node.value, base) };
}

function isLanguageTag(text: string): boolean {
  try {
    return Intl.getCanonicalLocales(text).length === 1;
  } catch {
    return false;
  }
}

function isWebAddress(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** Curly quotes (the language's), dashes and ellipses for front-matter text, as the body gets them. */
function smartTypography(text: string, lang: string | undefined): string {
  // The text is not parsed as markdown (a title may start with `#` or hold `*`): one text node.
  const tree: Root = { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value: text }] }] };
  return localQuotes(toString(unified().use(remarkSmartypants, { dashes: 'oldschool' }).runSync(tree)) || text, lang);
}
