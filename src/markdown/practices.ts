import type { List, Paragraph, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type {} from './data.js';
import { cuesFor } from './cues.js';
import { firstSentenceLength } from './sentences.js';


/**
 * Mark the guide's practices: a top-level ordered list of substantial items, or any top-level list
 * introduced as practices, ways, steps or habits (in the guide's language: `cues.ts`). The list gets the class `practices` and each
 * item's first sentence is wrapped in `<span class="practice-lead">` so the template can set it
 * apart. The lists are kept on `file.data.practices` for the deck.
 */
export default function remarkPractices() {
  return (tree: Root, file: import('vfile').VFile) => {
    const found: List[] = [];
    tree.children.forEach((node: RootContent, index) => {
      if (node.type !== 'list') return;
      const before = tree.children[index - 1];
      const introduced = before?.type === 'paragraph' && cuesFor(file.data.meta?.lang).practice.test(toString(before));
      const words = node.children.map((item) => toString(item).split(/\s+/).length);
      const substantial = words.length >= 2 && words.reduce((a, b) => a + b, 0) / words.length >= 12;
      if (!(introduced || (node.ordered && substantial))) return;
      node.data = { ...node.data, hProperties: { className: ['practices'] } };
      for (const item of node.children) {
        const first = item.children[0];
        if (first?.type === 'paragraph') markLead(first, file.data.meta?.lang);
      }
      found.push(node);
    });
    file.data.practices = found;
  };
}

function markLead(paragraph: Paragraph, lang = 'en'): void {
  const head = paragraph.children[0];
  if (head?.type === 'strong') {
    head.data = { ...head.data, hProperties: { className: ['practice-lead'] } };
    return;
  }
  if (head?.type !== 'text') return;
  const end = firstSentenceLength(head.value, lang);
  // Only when the first sentence ends inside the first run of text and is not the whole item.
  if (end >= head.value.trimEnd().length && paragraph.children.length === 1) return;
  if (end > head.value.length) return;
  const lead = head.value.slice(0, end);
  const rest = head.value.slice(end);
  paragraph.children.splice(0, 1, {
    type: 'strong',
    children: [{ type: 'text', value: lead }],
    data: { hName: 'span', hProperties: { className: ['practice-lead'] } },
  }, ...(rest ? [{ type: 'text' as const, value: rest }] : []));
}
