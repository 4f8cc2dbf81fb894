import type { Literal, Root, Yaml } from 'mdast';
import { parse as parseTomlText } from 'smol-toml';
import { toString } from 'mdast-util-to-string';
import remarkSmartypants from 'remark-smartypants';
import { unified } from 'unified';
import type { Position } from 'unist';
import type { VFile } from 'vfile';
import { type Node as YamlNode, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { contentError } from '../errors.js';
import type { GuideMeta } from './data.js';

const known = new Set(['draft', 'title', 'lang', 'author', 'site', 'source', 'description', 'keywords', 'tags', 'date', 'url', 'deck']);

/** Front matter as Hugo writes it: YAML between `---`, or TOML between `+++`. */
type Matter = Yaml | (Literal & { type: 'toml' });

interface Parsed {
  data: Record<string, unknown>;
  /** Where each key is written, by its path (`deck.quotes.0`); see `MetaPlaces`. */
  keys: Record<string, Position>;
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

    const extra: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(data)) if (!known.has(key)) extra[key] = value;

    const meta: GuideMeta = {
      title: smartTypography(title),
      lang: text('lang') || 'en',
      author: text('author'),
      site: text('site'),
      source: text('source'),
      description: text('description') && smartTypography(text('description')!),
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

/** A position in the guide for an offset into the front matter's text, spanning to the end of its line. */
function placer(value: string, fence: number) {
  return (offset: number): Position => {
    const before = value.slice(0, offset);
    // The value starts on the line after the opening fence.
    const line = fence + 1 + before.split('\n').length - 1;
    const column = offset - (before.lastIndexOf('\n') + 1) + 1;
    const end = value.indexOf('\n', offset);
    const endColumn = (end < 0 ? value.length : end) - (before.lastIndexOf('\n') + 1) + 1;
    return { start: { line, column }, end: { line, column: endColumn } };
  };
}

function parseYaml(node: Yaml, file: VFile): Parsed {
  const keys: Record<string, Position> = {};
  const base = node.position?.start.line ?? 1; // the line of the opening `---`
  const doc = parseDocument(node.value, { prettyErrors: true, uniqueKeys: true });
  for (const error of doc.errors) {
    const pos = error.linePos?.[0];
    const place = pos ? { line: base + pos.line, column: pos.col } : node.position;
    contentError(file, `Front matter is not valid YAML: ${error.message.split('\n')[0]}`, place, 'yaml');
  }
  if (doc.errors.length > 0) return { data: {}, keys };
  if (doc.contents && !isMap(doc.contents)) {
    contentError(file, 'Front matter must be a YAML mapping of keys (title: ...)', node.position, 'yaml');
    return { data: {}, keys };
  }
  if (!isMap(doc.contents)) return { data: {}, keys };
  const place = placer(node.value, base);
  const walk = (value: unknown, prefix: string) => {
    if (isMap(value)) {
      for (const pair of value.items) {
        const keyNode = pair.key as YamlNode | null;
        const key = `${prefix}${String(isScalar(keyNode) ? keyNode.value : keyNode)}`;
        const offset = keyNode?.range?.[0];
        if (offset !== undefined) keys[key] = place(offset);
        walk(pair.value, `${key}.`);
      }
    } else if (isSeq(value)) {
      value.items.forEach((item, i) => {
        const offset = (item as YamlNode | null)?.range?.[0];
        if (offset !== undefined) keys[`${prefix}${i}`] = place(offset);
        walk(item, `${prefix}${i}.`);
      });
    }
  };
  walk(doc.contents, '');
  return { data: (doc.toJS() ?? {}) as Record<string, unknown>, keys };
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
  return { data, keys: tomlKeys(node.value, base) };
}

/**
 * Where the keys of valid TOML are written: `key = ...` lines under their `[table]` (dotted keys
 * too), and the texts of a list (`quotes = ["...", "..."]`, over one line or several). smol-toml
 * keeps no positions, so the lines are read here; an inline table's keys are left to its own key.
 */
function tomlKeys(value: string, fence: number): Record<string, Position> {
  const keys: Record<string, Position> = {};
  const place = placer(value, fence);
  const keyName = String.raw`(?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')`;
  const keyLine = new RegExp(String.raw`^([ \t]*)(${keyName}(?:[ \t]*\.[ \t]*${keyName})*)[ \t]*=[ \t]*`, 'gm');
  const header = new RegExp(String.raw`^[ \t]*\[(\[)?[ \t]*(${keyName}(?:[ \t]*\.[ \t]*${keyName})*)[ \t]*\]`, 'gm');
  const path = (dotted: string) => dotted.split(/[ \t]*\.[ \t]*/).map((part) => part.replace(/^(["'])(.*)\1$/, '$2')).join('.');

  // Each line is either a table header or may be a `key = value` line: walk them in order.
  const tables = [...value.matchAll(header)].map((m) => ({ at: m.index, prefix: m[1] ? undefined : `${path(m[2]!)}.` }));
  for (const table of tables) if (table.prefix) keys[table.prefix.slice(0, -1)] ??= place(table.at);
  for (const m of value.matchAll(keyLine)) {
    const table = tables.filter((t) => t.at < m.index).at(-1);
    // Keys inside an array of tables (`[[x]]`) have no single path.
    if (table && table.prefix === undefined) continue;
    const key = `${table?.prefix ?? ''}${path(m[2]!)}`;
    if (key in keys) continue;
    keys[key] = place(m.index + m[1]!.length);
    const valueAt = m.index + m[0].length;
    if (value[valueAt] === '[') listItems(value, valueAt).forEach((offset, i) => (keys[`${key}.${i}`] = place(offset)));
  }
  return keys;
}

/** The offsets of the strings that are direct items of the TOML array opening at `open`. */
function listItems(value: string, open: number): number[] {
  const items: number[] = [];
  let depth = 0;
  for (let i = open; i < value.length; i++) {
    const c = value[i]!;
    if (c === '#') i = value.indexOf('\n', i) < 0 ? value.length : value.indexOf('\n', i);
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') {
      depth--;
      if (depth === 0) break;
    } else if (c === '"' || c === "'") {
      if (depth === 1) items.push(i);
      const triple = value.startsWith(c.repeat(3), i);
      const close = triple ? c.repeat(3) : c;
      let j = i + close.length;
      while (j < value.length && !value.startsWith(close, j)) j += c === '"' && value[j] === '\\' ? 2 : 1;
      i = j + close.length - 1;
    }
  }
  return items;
}

/** Curly quotes, dashes and ellipses for front-matter text, as remark-smartypants gives the body. */
function smartTypography(text: string): string {
  // The text is not parsed as markdown (a title may start with `#` or hold `*`): one text node.
  const tree: Root = { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value: text }] }] };
  return toString(unified().use(remarkSmartypants, { dashes: 'oldschool' }).runSync(tree)) || text;
}
