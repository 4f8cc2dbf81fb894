import type { Position } from 'unist';
import { type Node as YamlNode, isMap, isScalar, isSeq } from 'yaml';

/**
 * Where each key of a front matter is written, by its path (`deck.quotes.0` for the first item
 * of a list): what `MetaPlaces.keys` holds. `value` is the front matter's text and `fence` the
 * line of its opening `---` or `+++` in the guide.
 */
export type KeyPlaces = Record<string, Position>;

/** The keys of parsed YAML, from the node ranges the `yaml` package keeps. */
export function yamlKeyPlaces(contents: unknown, value: string, fence: number): KeyPlaces {
  const keys: KeyPlaces = {};
  const place = placer(value, fence);
  const walk = (node: unknown, prefix: string) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const keyNode = pair.key as YamlNode | null;
        const key = `${prefix}${String(isScalar(keyNode) ? keyNode.value : keyNode)}`;
        const offset = keyNode?.range?.[0];
        if (offset !== undefined) keys[key] = place(offset);
        walk(pair.value, `${key}.`);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const offset = (item as YamlNode | null)?.range?.[0];
        if (offset !== undefined) keys[`${prefix}${i}`] = place(offset);
        walk(item, `${prefix}${i}.`);
      });
    }
  };
  walk(contents, '');
  return keys;
}

const keyName = String.raw`(?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')`;
const dotted = String.raw`${keyName}(?:[ \t]*\.[ \t]*${keyName})*`;
const tableLine = new RegExp(String.raw`[ \t]*\[(\[)?[ \t]*(${dotted})[ \t]*\]`, 'y');
const keyLine = new RegExp(String.raw`([ \t]*)(${dotted})[ \t]*=[ \t]*`, 'y');

/**
 * The keys of valid TOML: `key = ...` under its `[table]` (dotted keys too), a table's own
 * header, and the texts of a list (`quotes = ["...", "..."]`, on one line or over several).
 * smol-toml keeps no positions, so the text is scanned here; a value (a multi-line string, an
 * array) is skipped whole, so nothing inside it is taken for a key. The keys of an inline table
 * and of an array of tables (`[[x]]`) are left to their parent.
 */
export function tomlKeyPlaces(value: string, fence: number): KeyPlaces {
  const keys: KeyPlaces = {};
  const place = placer(value, fence);
  const path = (text: string) => text.split(/[ \t]*\.[ \t]*/).map((part) => part.replace(/^(["'])(.*)\1$/, '$2')).join('.');
  let prefix: string | undefined = '';
  for (let at = 0; at < value.length; at = nextLine(value, at)) {
    tableLine.lastIndex = at;
    const table = tableLine.exec(value);
    if (table) {
      prefix = table[1] ? undefined : `${path(table[2]!)}.`;
      if (prefix) keys[prefix.slice(0, -1)] ??= place(at + table[0].indexOf('['));
      continue;
    }
    keyLine.lastIndex = at;
    const key = keyLine.exec(value);
    if (!key) continue;
    const start = at + key[0].length;
    const { end, items } = skipValue(value, start);
    if (prefix !== undefined) {
      const name = `${prefix}${path(key[2]!)}`;
      keys[name] ??= place(at + key[1]!.length);
      items.forEach((offset, i) => (keys[`${name}.${i}`] ??= place(offset)));
    }
    at = end;
  }
  return keys;
}

/** Where the TOML value starting at `start` ends (the newline after it), and where the texts of an array start. */
function skipValue(value: string, start: number): { end: number; items: number[] } {
  const items: number[] = [];
  let depth = 0;
  let i = start;
  for (; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\n' && depth === 0) break;
    if (c === '#') {
      // To the end of the comment: the newline after it may end the value.
      i = value.indexOf('\n', i) - 1;
      if (i < 0) i = value.length;
    } else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
    else if (c === '"' || c === "'") {
      if (depth === 1 && value[start] === '[') items.push(i);
      const close = value.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      let j = i + close.length;
      while (j < value.length && !value.startsWith(close, j)) j += c === '"' && value[j] === '\\' ? 2 : 1;
      i = j + close.length - 1;
    }
  }
  return { end: i, items };
}

function nextLine(value: string, at: number): number {
  const end = value.indexOf('\n', at);
  return end < 0 ? value.length : end + 1;
}

/** A position in the guide for an offset into the front matter's text, from there to the end of its line. */
function placer(value: string, fence: number) {
  return (offset: number): Position => {
    const lineStart = value.lastIndexOf('\n', offset - 1) + 1;
    // The text starts on the line after the opening fence.
    const line = fence + 1 + (value.slice(0, lineStart).match(/\n/g)?.length ?? 0);
    const lineEnd = value.indexOf('\n', offset);
    return { start: { line, column: offset - lineStart + 1 }, end: { line, column: (lineEnd < 0 ? value.length : lineEnd) - lineStart + 1 } };
  };
}
