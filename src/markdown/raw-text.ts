import type { Parent, Root } from 'mdast';
import { visit } from 'unist-util-visit';

/** Elements whose content is code or markup, never text for the reader: the sanitizer strips them whole. */
const rawTextElements = 'script|style|textarea|title|xmp|noscript|iframe|noembed|noframes|template|select';
const opening = new RegExp(`^<(${rawTextElements})(?=[\\s/>])[^>]*>$`, 'i');

/**
 * Inside a paragraph, markdown reads `<style>` and `</style>` as two tags and what lies between as
 * text (autolinking a URL in it, curling its quotes), so part of the CSS or script could escape
 * the element and print, or reach the deck as a sentence. Drop what lies between such tags: the
 * tags stay, and the sanitizer removes them with nothing left inside.
 */
export default function remarkDropRawText() {
  return (tree: Root) => {
    visit(tree, (node) => {
      if (!('children' in node)) return;
      const parent = node as Parent;
      for (let i = 0; i < parent.children.length; i++) {
        const child = parent.children[i]!;
        const name = child.type === 'html' ? opening.exec(child.value)?.[1] : undefined;
        if (!name) continue;
        const closing = new RegExp(`^</${name}\\s*>$`, 'i');
        const end = parent.children.findIndex((c, k) => k > i && c.type === 'html' && closing.test(c.value));
        if (end > i + 1) parent.children.splice(i + 1, end - i - 1);
      }
    });
  };
}
