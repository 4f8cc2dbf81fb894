import type { Blockquote, Paragraph, PhrasingContent, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { VFile } from 'vfile';
import type {} from './data.js';

const dash = /^\s*(?:\\?-{1,3}|–|—|―)\s*/;

/**
 * An epigraph is a blockquote at the top of the guide whose last line is an attribution
 * (`- Name`, `— Name`, `\- [Name](url)`). It becomes `<figure class="epigraph">` with the quote
 * and a `<figcaption>`, and is kept on `file.data.epigraph` for the deck.
 */
export default function remarkEpigraph() {
  return (tree: Root, file: VFile) => {
    const first = tree.children.find((node) => node.type !== 'yaml' && (node.type as string) !== 'toml' && node.type !== 'html' && node.type !== 'definition');
    if (first?.type !== 'blockquote') return;
    const split = splitAttribution(first);
    if (!split) return;
    const { quote, attribution } = split;
    const inner: Blockquote = { type: 'blockquote', children: quote, position: first.position };
    const caption: Paragraph = { type: 'paragraph', children: attribution, data: { hName: 'figcaption' } };
    first.children = [inner, caption];
    first.data = { ...first.data, hName: 'figure', hProperties: { className: ['epigraph'] } };
    file.data.epigraph = {
      quote,
      attribution,
      text: quote.map((p) => toString(p)).join('\n\n'),
      attributionText: toString({ type: 'paragraph', children: attribution }),
      position: first.position,
    };
  };
}

function splitAttribution(node: Blockquote): { quote: Paragraph[]; attribution: PhrasingContent[] } | undefined {
  const children = node.children;
  if (!children.every((child) => child.type === 'paragraph' || child.type === 'list')) return undefined;
  const last = children.at(-1);
  const paragraphs = children.slice(0, -1) as Paragraph[];
  if (!last) return undefined;

  // `> - Name` parses as a one-item list.
  if (last.type === 'list') {
    const item = last.children[0];
    const para = item?.children[0];
    if (last.ordered || last.children.length !== 1 || item?.children.length !== 1 || para?.type !== 'paragraph') return undefined;
    if (paragraphs.length === 0 || !isShort(para.children)) return undefined;
    return { quote: paragraphs, attribution: para.children };
  }
  if (last.type !== 'paragraph') return undefined;

  // `— Name` as a paragraph of its own.
  const lead = last.children[0];
  if (paragraphs.length > 0 && lead?.type === 'text' && dash.test(lead.value) && isShort(last.children)) {
    return { quote: paragraphs, attribution: stripDash(last.children) };
  }

  // `— Name` as the last line of the quote's last paragraph.
  for (let i = last.children.length - 1; i >= 0; i--) {
    const child = last.children[i]!;
    if (child.type === 'break') {
      const rest = last.children.slice(i + 1);
      const head = rest[0];
      if (head?.type === 'text' && dash.test(head.value) && isShort(rest)) {
        const quoteEnd: Paragraph = { ...last, children: last.children.slice(0, i) };
        return { quote: [...paragraphs, quoteEnd], attribution: stripDash(rest) };
      }
      return undefined;
    }
    if (child.type === 'text') {
      const at = child.value.lastIndexOf('\n');
      if (at < 0) continue;
      const tail = child.value.slice(at + 1);
      if (!dash.test(tail)) return undefined;
      const rest: PhrasingContent[] = [{ type: 'text', value: tail }, ...last.children.slice(i + 1)];
      if (!isShort(rest)) return undefined;
      const headText: PhrasingContent = { type: 'text', value: child.value.slice(0, at) };
      const quoteEnd: Paragraph = { ...last, children: [...last.children.slice(0, i), headText] };
      return { quote: [...paragraphs, quoteEnd], attribution: stripDash(rest) };
    }
  }
  return undefined;
}

/** An attribution is a name and maybe a role: a dozen words at most. */
function isShort(children: PhrasingContent[]): boolean {
  const text = toString({ type: 'paragraph', children }).replace(dash, '');
  return text.length > 0 && text.split(/\s+/).length <= 12;
}

function stripDash(children: PhrasingContent[]): PhrasingContent[] {
  const [head, ...rest] = children;
  if (head?.type !== 'text') return children;
  const value = head.value.replace(dash, '');
  return value ? [{ ...head, value }, ...rest] : rest;
}
