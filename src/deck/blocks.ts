import type { Heading, List, Paragraph, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { VFile } from 'vfile';
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

/** What the deck reads from the guide's top level, in order. */
export type Block = HeadingBlock | ParagraphBlock | PracticesBlock;

/** The guide's top-level paragraphs, `##` headings and practices lists, in order; reads `<!-- deck: ... -->`. */
export function readBlocks(tree: Root, file: VFile, lang: string): Block[] {
  const practices = new Set(file.data.practices ?? []);
  const blocks: Block[] = [];
  let section = -1;
  let pin: RootContent | undefined;
  const misplacedPin = (node: RootContent) =>
    file.message('`<!-- deck: quote -->` must come right before a paragraph', { place: node.position, ruleId: 'deck-comment', source: 'guidepress' });
  tree.children.forEach((node, index) => {
    if (node.type === 'html') {
      const directive = /^<!--\s*deck:\s*([\w-]*)\s*-->$/.exec(node.value.trim());
      if (!directive) return;
      if (directive[1] === 'quote') pin = node;
      else file.message(`Unknown deck comment \`${node.value.trim()}\`: use \`<!-- deck: quote -->\` before a paragraph`, { place: node.position, ruleId: 'deck-comment', source: 'guidepress' });
      return;
    }
    const pinned = pin !== undefined;
    if (pin && node.type !== 'paragraph') misplacedPin(pin);
    pin = undefined;
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
    }
  });
  if (pin) misplacedPin(pin);
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
  return blockText(node).replace(/\s+/g, ' ').trim();
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
