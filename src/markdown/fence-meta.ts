import type { Position } from 'unist';

/** What a code fence's info line asks for beyond its language: ```` ```ts {2,4-5} showLineNumbers ````. */
export interface FenceMeta {
  /** 1-based line numbers to highlight. */
  highlight: Set<number>;
  lineNumbers: boolean;
  /** `title="..."` (or `'...'`, or one word): a diagram's caption. */
  title?: string;
}

/**
 * The meta of the fence that starts at `position`, read back from the guide's source: remark-rehype
 * puts it on the `<code>` element's `data`, but rehype-raw rebuilds the tree without it, and an
 * attribute carrying it would have to pass the sanitizer. The fence's first line is where the
 * node's position starts, in a blockquote or a list item too.
 */
export function fenceMeta(source: string, position: Position | undefined): FenceMeta {
  const meta: FenceMeta = { highlight: new Set(), lineNumbers: false };
  const offset = position?.start.offset;
  if (offset === undefined) return meta;
  const end = source.indexOf('\n', offset);
  const line = source.slice(offset, end === -1 ? undefined : end);
  const info = /^(?:`{3,}|~{3,})\s*\S*\s*(.*)$/.exec(line)?.[1];
  return info ? parseFenceMeta(info) : meta;
}

/** The meta of an info line after its language: `{2,4-5} showLineNumbers title="Request flow"`. */
export function parseFenceMeta(info: string): FenceMeta {
  const meta: FenceMeta = { highlight: new Set(), lineNumbers: /(?:^|\s)showLineNumbers\b/.test(info) };
  const title = /(?:^|\s)title=(?:"([^"]*)"|'([^']*)'|(\S+))/.exec(info);
  const text = (title?.[1] ?? title?.[2] ?? title?.[3])?.trim();
  if (text) meta.title = text;
  const ranges = /\{([\d,\s-]+)\}/.exec(info)?.[1] ?? '';
  for (const part of ranges.split(',')) {
    const [from, to] = part.trim().split('-').map(Number);
    if (!from) continue;
    // A range is bounded, so that `{1-99999999}` cannot hang the build.
    for (let n = from; n <= (to && to >= from && to - from < 10000 ? to : from); n++) meta.highlight.add(n);
  }
  return meta;
}
