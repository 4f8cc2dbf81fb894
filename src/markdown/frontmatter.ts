import type { Root, Yaml } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Point } from 'unist';
import type { VFile } from 'vfile';
import { isMap, parseDocument } from 'yaml';
import type { GuideMeta } from '../content/meta.js';
import { contentError } from '../errors.js';

const known = new Set(['title', 'lang', 'author', 'site', 'source', 'description', 'keywords', 'tags', 'date', 'url', 'deck']);

/**
 * Parse and validate the YAML front matter into `file.data.meta`. A guide that starts with a
 * `# heading` may leave out `title`: the heading becomes the title (and leaves the body, since the
 * title block shows it).
 */
export default function remarkFrontmatterData(options: { defaultLang?: string } = {}) {
  return (tree: Root, file: VFile) => {
    const yamlNode = tree.children.find((node): node is Yaml => node.type === 'yaml');
    let data: Record<string, unknown> = {};
    const keyPlace = new Map<string, Point>();
    if (yamlNode) {
      const base = yamlNode.position?.start.line ?? 1; // the line of the opening `---`
      const doc = parseDocument(yamlNode.value, { prettyErrors: true, uniqueKeys: true });
      for (const error of doc.errors) {
        const pos = error.linePos?.[0];
        const place = pos ? { line: base + pos.line, column: pos.col } : yamlNode.position;
        contentError(file, `Front matter is not valid YAML: ${error.message.split('\n')[0]}`, place, 'yaml');
      }
      if (doc.errors.length === 0) {
        if (doc.contents && !isMap(doc.contents)) {
          contentError(file, 'Front matter must be a YAML mapping of keys (title: ...)', yamlNode.position, 'yaml');
        } else if (isMap(doc.contents)) {
          const lineOf = (offset: number) => base + 1 + yamlNode.value.slice(0, offset).split('\n').length - 1;
          for (const pair of doc.contents.items) {
            const keyNode = pair.key as { value?: unknown; range?: number[] } | null;
            const key = String(keyNode?.value ?? keyNode);
            const range = keyNode?.range;
            if (range?.[0] !== undefined) keyPlace.set(key, { line: lineOf(range[0]), column: 1 });
          }
          data = (doc.toJS() ?? {}) as Record<string, unknown>;
        }
      }
    }

    const placeOf = (key: string) => keyPlace.get(key) ?? yamlNode?.position?.start;
    const text = (key: string): string | undefined => {
      const value = data[key];
      if (value === undefined || value === null) return undefined;
      if (typeof value === 'string' || typeof value === 'number') return String(value).trim();
      contentError(file, `Front matter \`${key}\` must be text, not ${Array.isArray(value) ? 'a list' : typeof value}`, placeOf(key), 'front-matter');
      return undefined;
    };

    let title = text('title');
    const first = tree.children.find((node) => node.type !== 'yaml' && node.type !== 'html');
    if (first?.type === 'heading' && first.depth === 1) {
      if (!title) title = toString(first);
      // The title block prints the title: a leading `# Title` would print it twice.
      tree.children.splice(tree.children.indexOf(first), 1);
    }
    const yamlFailed = file.messages.some((m) => m.ruleId === 'yaml');
    if (!title && !yamlFailed) {
      contentError(
        file,
        'The guide has no title: add `title: ...` to the front matter, or start the guide with a `# Heading`',
        yamlNode?.position?.start ?? { line: 1, column: 1 },
        'missing-title',
      );
    }
    title ??= '';

    let keywords: string[] = [];
    const rawKeywords = data.keywords ?? data.tags;
    if (Array.isArray(rawKeywords)) keywords = rawKeywords.map(String);
    else if (typeof rawKeywords === 'string') keywords = rawKeywords.split(',').map((k) => k.trim()).filter(Boolean);

    let date: string | undefined;
    if (data.date instanceof Date) date = data.date.toISOString().slice(0, 10);
    else if (data.date !== undefined && data.date !== null) {
      const parsed = new Date(String(data.date));
      if (Number.isNaN(parsed.getTime())) {
        contentError(file, `Front matter \`date\` is not a date: "${String(data.date)}"; write it as YYYY-MM-DD`, placeOf('date'), 'front-matter');
      } else date = parsed.toISOString().slice(0, 10);
    }

    const deck = data.deck;
    if (deck !== undefined && (typeof deck !== 'object' || deck === null || Array.isArray(deck))) {
      contentError(file, 'Front matter `deck` must be a mapping (deck: { quotes: [...] })', placeOf('deck'), 'front-matter');
    }

    const extra: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(data)) if (!known.has(key)) extra[key] = value;

    const meta: GuideMeta = {
      title,
      lang: text('lang') || options.defaultLang || 'en',
      author: text('author'),
      site: text('site'),
      source: text('source'),
      description: text('description'),
      keywords,
      date,
      url: text('url'),
      deck: deck && typeof deck === 'object' && !Array.isArray(deck) ? (deck as Record<string, unknown>) : undefined,
      extra,
    };
    file.data.meta = meta;
  };
}

declare module 'vfile' {
  interface DataMap {
    meta: GuideMeta;
  }
}
