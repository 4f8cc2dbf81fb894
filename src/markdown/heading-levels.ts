import type { Heading, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

/**
 * Warn about a heading that skips a level (`##` then `####`): the PDF's outline and a screen
 * reader's list of headings would nest it under a level that is not there. The title is level 1.
 */
export default function remarkHeadingLevels() {
  return (tree: Root, file: VFile) => {
    let previous = 1;
    visit(tree, 'heading', (node: Heading) => {
      if (node.depth > previous + 1) {
        file.message(`Heading level ${node.depth} follows level ${previous}: use ${'#'.repeat(previous + 1)}, or add the level between`, {
          place: node.position, ruleId: 'heading-skip', source: 'guidepress',
        });
      }
      previous = node.depth;
    });
  };
}
