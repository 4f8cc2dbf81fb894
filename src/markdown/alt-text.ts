import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

/** Warn about an image without alt text: a reader who cannot see it, and a figure, have no words for it. */
export default function remarkAltText() {
  return (tree: Root, file: VFile) => {
    visit(tree, (node) => {
      if (node.type !== 'image' && node.type !== 'imageReference') return;
      if (node.alt?.trim()) return;
      file.message('Image without alt text: say in `![...]` what it shows (its figure caption too)', {
        place: node.position, ruleId: 'image-alt', source: 'guidepress',
      });
    });
  };
}
