import type { Code, Heading, List, Paragraph, Root, RootContent, Table } from 'mdast';
// remark-math declares the `math` node (a `$$` formula) on mdast.
import type {} from 'remark-math';

/** A `$$` display formula (the node remark-math adds). */
type Formula = Extract<RootContent, { type: 'math' }>;
import { toString } from 'mdast-util-to-string';
import type { VFile } from 'vfile';
import { isDiagram } from '../markdown/diagrams.js';
import { splitSentences } from '../markdown/sentences.js';

/** A `##` heading: a section divider. */
export interface HeadingBlock {
  kind: 'heading';
  node: Heading;
  text: string;
  /** Index of the `##` section it opens. */
  section: number;
}

/** A paragraph of running text (not an image, not a figure), with its sentences. */
export interface ParagraphBlock {
  kind: 'paragraph';
  node: Paragraph;
  text: string;
  sentences: string[];
  /** Index of the `##` section the paragraph is in, -1 before the first. */
  section: number;
  /** Pinned by a `<!-- deck: quote -->` comment right before it. */
  pinned: boolean;
}

/** A list the markdown stage set as practices. */
export interface PracticesBlock {
  kind: 'practices';
  node: List;
  section: number;
  /** The paragraph right before the list, which introduces it. */
  leadIn?: ParagraphBlock;
}

/** A fenced code block, a table, a diagram or a display formula: what a slide can show as it is. */
export type ShowBlock = {
  kind: 'show';
  section: number;
  /** Marked with a `<!-- deck: show -->` comment right before it. */
  marked: boolean;
  /** The paragraph right before it in its section, which introduces it. */
  leadIn?: ParagraphBlock;
} & ({ what: 'code'; node: Code } | { what: 'diagram'; node: Code } | { what: 'table'; node: Table } | { what: 'formula'; node: Formula });

/** What the deck reads from the guide's top level, in order. */
export type Block = HeadingBlock | ParagraphBlock | PracticesBlock | ShowBlock;

/**
 * The guide's top-level paragraphs, `##` headings, practices lists, code blocks, tables,
 * diagrams and display formulas, in order; reads `<!-- deck: quote -->` and `<!-- deck: show -->`.
 */
export function readBlocks(tree: Root, file: VFile, lang: string): Block[] {
  const practices = new Set(file.data.practices ?? []);
  const blocks: Block[] = [];
  let section = -1;
  let pin: RootContent | undefined;
  let show: RootContent | undefined;
  const misplacedPin = (node: RootContent) =>
    file.message('`<!-- deck: quote -->` must come right before a paragraph', { place: node.position, ruleId: 'deck-comment', source: 'guidepress' });
  const misplacedShow = (node: RootContent) =>
    file.message('`<!-- deck: show -->` must come right before a code block, a table, a diagram or a formula', { place: node.position, ruleId: 'deck-comment', source: 'guidepress' });
  tree.children.forEach((node, index) => {
    if (node.type === 'html') {
      const directive = /^<!--\s*deck:\s*([\w-]*)\s*-->$/.exec(node.value.trim());
      if (!directive) return;
      if (directive[1] === 'quote') pin = node;
      else if (directive[1] === 'show') show = node;
      else file.message(`Unknown deck comment \`${node.value.trim()}\`: use \`<!-- deck: quote -->\` before a paragraph or \`<!-- deck: show -->\` before a code block, table or diagram`, { place: node.position, ruleId: 'deck-comment', source: 'guidepress' });
      return;
    }
    const pinned = pin !== undefined;
    const marked = show !== undefined;
    if (pin && node.type !== 'paragraph') misplacedPin(pin);
    if (show && node.type !== 'code' && node.type !== 'table' && node.type !== 'math') misplacedShow(show);
    pin = undefined;
    show = undefined;
    if (node.type === 'heading' && node.depth === 2) {
      section++;
      blocks.push({ kind: 'heading', node, text: plainText(node), section });
    } else if (node.type === 'paragraph' && node.data?.hName === undefined && !isImageOnly(node)) {
      const text = plainText(node);
      if (text) blocks.push({ kind: 'paragraph', node, text, sentences: splitSentences(text, lang), section, pinned });
    } else if (node.type === 'list' && practices.has(node)) {
      const before = tree.children[index - 1];
      const last = blocks.at(-1);
      const leadIn = before?.type === 'paragraph' && last?.kind === 'paragraph' && last.node === before ? last : undefined;
      blocks.push({ kind: 'practices', node, section, leadIn });
    } else if (node.type === 'code' || node.type === 'table' || node.type === 'math') {
      const last = blocks.at(-1);
      // The paragraph right before it, across a `<!-- deck: show -->` comment.
      const before = tree.children.slice(0, index).filter((n) => n.type !== 'html').at(-1);
      const leadIn = last?.kind === 'paragraph' && last.section === section && before === last.node ? last : undefined;
      const base = { kind: 'show' as const, section, marked, leadIn };
      if (node.type === 'table') blocks.push({ ...base, what: 'table', node });
      else if (node.type === 'math') blocks.push({ ...base, what: 'formula', node });
      else blocks.push({ ...base, what: isDiagram(node) ? 'diagram' : 'code', node });
    }
  });
  if (pin) misplacedPin(pin);
  if (show) misplacedShow(show);
  return blocks;
}

/** Nodes whose children are blocks (paragraphs, lists, items): their texts are separate, not run together. */
const blockContainers = new Set(['root', 'list', 'listItem', 'blockquote', 'footnoteDefinition', 'table', 'tableRow', 'containerDirective']);

/**
 * Text as the reader sees it: no HTML, no image alt text, one space between words. Block children
 * (a paragraph and the nested list after it, one list item and the next) are joined with a space;
 * inline text is taken as it is (`mdast-util-to-string` alone would run the blocks together).
 */
export function plainText(node: Parameters<typeof toString>[0]): string {
  // Runs of white space become one space, but for the narrow no-break space French sets inside « ».
  return blockText(node).replace(/(?:(?!\u202f)\s)+/gu, ' ').trim();
}

function blockText(node: Parameters<typeof toString>[0]): string {
  if (node && typeof node === 'object' && 'type' in node && blockContainers.has(node.type as string) && 'children' in node && Array.isArray(node.children)) {
    return (node.children as Parameters<typeof toString>[0][]).map(blockText).join(' ');
  }
  return toString(node, { includeHtml: false, includeImageAlt: false });
}

function isImageOnly(node: Paragraph): boolean {
  return node.children.every((child) => child.type === 'image' || child.type === 'imageReference' || (child.type === 'text' && !child.value.trim()));
}
