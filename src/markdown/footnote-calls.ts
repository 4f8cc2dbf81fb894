import type { Root, Text } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

/**
 * Warn about a footnote call with no definition: remark-gfm reads `[^x]` as a call only when
 * `[^x]: ...` is defined, and leaves any other as the text `[^x]`, which would print as typed.
 */
export default function remarkFootnoteCalls() {
  return (tree: Root, file: VFile) => {
    const source = String(file.value);
    visit(tree, 'text', (node: Text) => {
      const start = node.position?.start;
      const end = node.position?.end;
      if (start?.offset === undefined || end?.offset === undefined) return;
      // The source, not the text value: escapes and entities make the two differ in length.
      const written = source.slice(start.offset, end.offset);
      for (const m of written.matchAll(/(?<!\\)\[\^([^\]\s]+)\]/g)) {
        const before = written.slice(0, m.index);
        const lines = before.split('\n');
        const line = start.line + lines.length - 1;
        const column = lines.length > 1 ? lines.at(-1)!.length + 1 : start.column + before.length;
        file.message(`Footnote \`[^${m[1]}]\` is not defined: add a line \`[^${m[1]}]: ...\` or remove the call`, {
          place: { start: { line, column }, end: { line, column: column + m[0].length } }, ruleId: 'footnote-undefined', source: 'guidepress',
        });
      }
    });
  };
}
