import type { Element, ElementContent, Root, RootContent } from 'hast';
import { toString } from 'hast-util-to-string';
import { h } from 'hastscript';
import { SKIP, visit } from 'unist-util-visit';

export interface NotesOptions {
  /** Heading of the notes section. */
  heading?: string;
  /** Prefix for the ids, so several guides can share one document (the book). */
  idPrefix?: string;
}

const isElement = (node: RootContent | ElementContent | undefined, tag?: string): node is Element =>
  node?.type === 'element' && (tag === undefined || node.tagName === tag);

/**
 * Paper cannot click, so the URL of every external link is printed as a note, the way Pandoc's
 * "links as notes" does; the link itself stays live in the PDF. Footnotes and link notes share one
 * sequence of numbers in reading order, listed in one "Notes" section at the end. A link whose text
 * is its URL needs no note, the same URL keeps its number, and a link inside a footnote shows its
 * URL in parentheses instead of a note within a note.
 */
export default function rehypeNotes(options: NotesOptions = {}) {
  const heading = options.heading ?? 'Notes';
  const prefix = options.idPrefix ?? '';
  return (tree: Root) => {
    // remark-rehype puts footnotes in a <section data-footnotes> at the end; take it out of the flow.
    const footnoteIndex = tree.children.findIndex((n) => isElement(n, 'section') && n.properties.dataFootnotes !== undefined);
    const footnoteSection = footnoteIndex >= 0 ? (tree.children[footnoteIndex] as Element) : undefined;
    if (footnoteSection) tree.children.splice(footnoteIndex, 1);
    const footnoteItems = new Map<string, Element>();
    if (footnoteSection) {
      visit(footnoteSection, 'element', (node: Element) => {
        if (node.tagName === 'li' && typeof node.properties.id === 'string') footnoteItems.set(node.properties.id, node);
      });
      for (const item of footnoteItems.values()) inlineUrls(item);
    }

    const notes: Element[] = [];
    const byKey = new Map<string, number>();
    const numberFor = (key: string, make: (n: number) => Element | undefined): number => {
      const known = byKey.get(key);
      if (known !== undefined) return known;
      const n = notes.length + 1;
      const note = make(n);
      if (!note) return -1;
      byKey.set(key, n);
      notes.push(note);
      return n;
    };

    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName !== 'a' || index === undefined || !parent) return;
      // A footnote reference: renumber it in reading order.
      if (node.properties.dataFootnoteRef !== undefined) {
        const target = String(node.properties.href ?? '').replace(/^#/, '');
        const n = numberFor(`fn:${target}`, () => footnoteItems.get(target));
        if (n > 0) node.children = [{ type: 'text', value: String(n) }];
        return SKIP;
      }
      const href = typeof node.properties.href === 'string' ? node.properties.href : '';
      if (!/^https?:\/\//i.test(href) || sameUrl(toString(node).trim(), href)) return SKIP;
      const n = numberFor(`url:${href}`, (k) => h('li', { id: `${prefix}note-${k}`, className: ['link-note'] }, [h('a', { href }, href)]));
      const ref = h('sup.note-ref.link-note-ref', [h('a', { href: `#${prefix}note-${n}` }, String(n))]);
      parent.children.splice(index + 1, 0, ref);
      return [SKIP, index + 2];
    });

    if (notes.length === 0) return;
    tree.children.push(
      h('section.notes', { dataFootnotes: footnoteSection ? true : undefined }, [
        h('h2.notes-heading', { id: `${prefix}notes` }, heading),
        h('ol', notes),
      ]),
    );
  };
}

/** Inside a footnote, a link's URL follows its text in parentheses. */
function inlineUrls(item: Element): void {
  visit(item, 'element', (node: Element, index, parent) => {
    if (node.tagName !== 'a' || index === undefined || !parent) return;
    const href = typeof node.properties.href === 'string' ? node.properties.href : '';
    if (!/^https?:\/\//i.test(href) || sameUrl(toString(node).trim(), href)) return SKIP;
    parent.children.splice(index + 1, 0, { type: 'text', value: ' (' }, h('a.url', { href }, href), { type: 'text', value: ')' });
    return [SKIP, index + 4];
  });
}

function sameUrl(text: string, href: string): boolean {
  const bare = (s: string) => s.replace(/^https?:\/\//i, '').replace(/^www\./i, '').replace(/\/$/, '').toLowerCase();
  return bare(text) === bare(href);
}
