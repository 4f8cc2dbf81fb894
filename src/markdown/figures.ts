import type { Paragraph, Root } from 'mdast';
import { visit } from 'unist-util-visit';

/** An image alone in its paragraph becomes a `<figure>` whose caption is the image's alt text. */
export default function remarkFigures() {
  return (tree: Root) => {
    visit(tree, 'paragraph', (node: Paragraph) => {
      const content = node.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''));
      const image = content[0];
      if (content.length !== 1 || image?.type !== 'image') return;
      node.data = { ...node.data, hName: 'figure', hProperties: { className: ['figure'] } };
      node.children = [image];
      if (image.alt) {
        node.children.push({
          type: 'emphasis',
          children: [{ type: 'text', value: image.alt }],
          data: { hName: 'figcaption' },
        });
      }
    });
  };
}
