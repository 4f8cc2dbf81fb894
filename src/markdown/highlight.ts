import type { Element, ElementContent, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import type { BundledLanguage } from 'shiki';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { fenceMeta } from './fence-meta.js';
import { highlighterFor, languageLabel, resolveLanguage } from './shiki.js';

export interface HighlightOptions {
  /** A Shiki theme name; light, since it prints on paper. */
  theme?: string;
}

/** Fences whose content other plugins render: math (KaTeX) and diagrams. */
const notCode = new Set(['math', 'mermaid']);

interface Block {
  pre: Element;
  code: Element;
  /** The language as written, when the fence names one. */
  written?: string;
  language?: BundledLanguage;
}

/**
 * Highlight fenced code with Shiki at build time: colours as inline styles (so it runs after the
 * sanitizer, which would strip them), the language as a label, line numbers and highlighted lines
 * from the fence's meta. An unknown language is set as plain text, with a warning at its line.
 */
export default function rehypeHighlight(options: HighlightOptions = {}) {
  const theme = options.theme ?? 'github-light';
  return async (tree: Root, file: VFile) => {
    const blocks: Block[] = [];
    visit(tree, 'element', (pre: Element) => {
      const code = pre.tagName === 'pre' ? pre.children.find((c): c is Element => c.type === 'element' && c.tagName === 'code') : undefined;
      if (!code) return;
      const written = languageOf(code);
      if (written && notCode.has(written.toLowerCase())) return;
      const language = written ? resolveLanguage(written) : undefined;
      if (written && !language) {
        file.message(`Unknown code language \`${written}\`: the block is set as plain text`, {
          place: code.position ?? pre.position, ruleId: 'unknown-language', source: 'guidepress',
        });
      }
      blocks.push({ pre, code, written, language });
    });
    if (!blocks.length) return;
    const highlighter = await highlighterFor(blocks.flatMap((b) => (b.language ? [b.language] : [])), [theme]);
    const source = String(file.value);
    for (const block of blocks) {
      const meta = fenceMeta(source, block.code.position ?? block.pre.position);
      const text = toString(block.code).replace(/\n$/, '');
      const result = highlighter.codeToHast(text, {
        lang: block.language ?? 'text',
        theme,
        transformers: [{
          line(line, number) {
            if (meta.highlight.has(number)) this.addClassToHast(line, 'highlighted');
          },
        }],
      });
      const shikiPre = result.children[0] as Element;
      const shikiCode = shikiPre.children[0] as Element;
      // Lines are blocks (for line numbers and the continuation mark of a wrapped line): the
      // newlines between them would print as blank lines.
      shikiCode.children = shikiCode.children.filter((c) => c.type !== 'text');
      const classes = ['shiki', ...(meta.lineNumbers ? ['line-numbers'] : []), ...(meta.highlight.size ? ['has-highlighted'] : [])];
      const label: ElementContent[] = block.language
        ? [{ type: 'element', tagName: 'span', properties: { className: ['code-language'] }, children: [{ type: 'text', value: languageLabel(block.language) }] }]
        : [];
      Object.assign(block.pre, {
        tagName: 'div',
        properties: { className: ['code-block'], dataLanguage: block.language },
        children: [...label, {
          type: 'element',
          tagName: 'pre',
          properties: { className: classes, style: shikiPre.properties.style },
          children: [{ ...shikiCode, properties: block.language ? { className: [`language-${block.language}`] } : {} }],
        }],
      } satisfies Partial<Element>);
    }
  };
}

function languageOf(code: Element): string | undefined {
  const classes = code.properties.className;
  if (!Array.isArray(classes)) return undefined;
  const name = classes.map(String).find((c) => c.startsWith('language-'));
  return name?.slice('language-'.length) || undefined;
}
