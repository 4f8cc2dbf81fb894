import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { VFile } from 'vfile';
import type {} from './data.js';

/**
 * Take a leading `# Heading` out of the body, keeping its text on `file.data.leadingHeading`: the
 * title block prints the title, so the heading would print twice, and a guide without `title:` in
 * its front matter takes this text as its title.
 */
export default function remarkLeadingHeading() {
  return (tree: Root, file: VFile) => {
    const first = tree.children.find((node) => node.type !== 'yaml' && (node.type as string) !== 'toml' && node.type !== 'html');
    if (first?.type !== 'heading' || first.depth !== 1) return;
    file.data.leadingHeading = toString(first);
    tree.children.splice(tree.children.indexOf(first), 1);
  };
}
