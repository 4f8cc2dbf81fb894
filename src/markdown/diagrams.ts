import type { Element, ElementContent, Root as HastRoot } from 'hast';
import type { Code, Root } from 'mdast';
import type { Point } from 'unist';
import type { defaultHandlers } from 'remark-rehype';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { contentError } from '../errors.js';
import { parseFenceMeta } from './fence-meta.js';

type CodeHandler = typeof defaultHandlers.code;
type State = Parameters<CodeHandler>[0];

/**
 * What the layer that owns the browser hands the markdown stage to draw a diagram with: the SVG,
 * or the diagram language's own message when the source does not parse.
 */
export type RenderDiagram = (source: string) => Promise<{ svg: string } | { error: string }>;

/** A diagram fence, drawn. */
export interface Diagram {
  /** The SVG markup, from our renderer: trusted, inserted after the sanitizer (see `rehypeDiagrams`). */
  svg: string;
  /** The fence's `title="..."`: the figure's caption. */
  title?: string;
}

/** The fences drawn as diagrams, by node: made per output, the guide's tree is left as it is. */
export type Diagrams = Map<Code, Diagram>;

/** A ```` ```mermaid ```` fence. */
export function isDiagram(node: Code): boolean {
  return node.lang?.toLowerCase() === 'mermaid';
}

/**
 * Draw every diagram fence of the guide with `render`, one after another (the renderer has one
 * page). A diagram that does not parse is an error at its line in the guide, with the diagram
 * language's message; its fence is then left out of the result (and prints as code if ever used).
 */
export async function drawDiagrams(tree: Root, file: VFile, render: RenderDiagram): Promise<Diagrams> {
  const fences: Code[] = [];
  visit(tree, 'code', (node: Code) => {
    if (isDiagram(node)) fences.push(node);
  });
  const drawn: Diagrams = new Map();
  for (const node of fences) {
    const result = await render(node.value);
    if ('svg' in result) {
      drawn.set(node, { svg: result.svg, title: parseFenceMeta(node.meta ?? '').title });
      continue;
    }
    contentError(file, `The diagram does not parse: ${oneLine(result.error)}`, errorPlace(node, result.error), 'diagram');
  }
  return drawn;
}

/** Mermaid's messages span several lines (the line, a caret under it, what it expected). */
function oneLine(message: string): string {
  return message.split('\n').map((l) => l.trim()).filter((l) => l && !/^-*\^$/.test(l)).join(' ');
}

/** The guide's line that mermaid's "on line N" (counted in the diagram) points at, else the fence. */
function errorPlace(node: Code, message: string): Code['position'] | Point {
  const line = Number(/\bline (\d+)\b/.exec(message)?.[1]);
  const start = node.position?.start;
  if (!start || !Number.isInteger(line) || line < 1 || line > node.value.split('\n').length) return node.position;
  return { line: start.line + line, column: 1 };
}

/**
 * A remark-rehype handler for fences: a drawn diagram becomes `<figure class="diagram">` with a
 * placeholder where its SVG goes and its title as a caption; any other fence is left to the
 * default handler (`fallback`). The placeholder's class carries `nonce`, fresh for each rendering,
 * so markup an author wrote cannot pose as one.
 */
export function diagramHandler(drawn: Diagrams, nonce: string, fallback: CodeHandler): CodeHandler {
  const order = [...drawn.keys()];
  return (state: State, node: Code): Element => {
    const diagram = drawn.get(node);
    if (!diagram) return fallback(state, node);
    const children: ElementContent[] = [
      { type: 'element', tagName: 'div', properties: { className: [`diagram-${nonce}-${order.indexOf(node)}`] }, children: [] },
    ];
    if (diagram.title) children.push({ type: 'element', tagName: 'figcaption', properties: {}, children: [{ type: 'text', value: diagram.title }] });
    const figure: Element = { type: 'element', tagName: 'figure', properties: { className: ['diagram'] }, children };
    state.patch(node, figure);
    return figure;
  };
}

/**
 * Put each diagram's SVG in place of its placeholder, after the sanitizer has run: the sanitizer
 * lets no author-written SVG through (it could carry scripts, event handlers or remote
 * references), and it would strip ours just the same, so ours goes in afterwards as raw markup,
 * where nothing later (hyphenation, notes) looks inside it. It is trusted because guidepress made
 * it: mermaid, at its strict security level, escapes the labels it draws.
 */
export function rehypeDiagrams(options: { drawn: Diagrams; nonce: string }) {
  const svgs = [...options.drawn.values()].map((d) => d.svg);
  const prefix = `diagram-${options.nonce}-`;
  return (tree: HastRoot) => {
    visit(tree, 'element', (node: Element, index, parent) => {
      const className = node.properties.className;
      const name = Array.isArray(className) && className.length === 1 ? String(className[0]) : '';
      if (node.tagName !== 'div' || !name.startsWith(prefix) || !parent || index === undefined) return;
      const svg = svgs[Number(name.slice(prefix.length))];
      if (svg === undefined) return;
      parent.children[index] = { type: 'raw', value: svg };
    });
  };
}
