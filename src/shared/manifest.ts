import type { Position } from 'unist';
import type { VFile } from 'vfile';
import { isMap, isScalar, isSeq, LineCounter, type Node as YamlNode, type Pair, parseDocument, type YAMLMap } from 'yaml';
import type { Guide } from '../content/guide.js';
import { contentError } from '../errors.js';
import { closest } from '../closest.js';

/** A guide in the book: where it sits, what it is called there, and the ids it gets in the one document. */
export interface BookSection {
  title: string;
  guide: Guide;
  /** The section's anchor in the book (its guide's slug); every id inside it starts with `${id}--`. */
  id: string;
  /** Where the manifest names it, for messages about it. */
  place?: Position;
}

export interface BookChapter {
  title: string;
  id: string;
  sections: BookSection[];
}

export interface Book {
  title: string;
  subtitle?: string;
  author?: string;
  description?: string;
  /** The book's stable identifier (an ISBN, a URN, a URL), for the EPUB; derived from its title and `baseUrl` without. */
  id?: string;
  lang: string;
  /** The site the guides come from: `/paths` that are not in the book become links on it. */
  baseUrl?: string;
  /** The name of that site, for the title page; the guides' common `site` when not given. */
  site?: string;
  /** The cover image as written in the manifest (resolved like a guide's images), and where. */
  cover?: { src: string; place?: Position };
  chapters: BookChapter[];
  /** The manifest, carrying its messages. */
  file: VFile;
}

const topKeys = ['title', 'subtitle', 'author', 'description', 'id', 'lang', 'baseUrl', 'site', 'cover', 'chapters'];

/**
 * Read `book.yaml` (already on `file.value`) against the loaded guides. Every problem is a message
 * on `file` at its line and column; returns undefined when the book cannot be made.
 */
export function parseManifest(file: VFile, guides: Guide[]): Book | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(String(file.value), { lineCounter, prettyErrors: true, uniqueKeys: true });
  const at = (node: { range?: readonly number[] | null } | null | undefined): Position | undefined => {
    const range = node?.range;
    if (!range) return undefined;
    const start = lineCounter.linePos(range[0]!);
    const end = lineCounter.linePos(range[1]!);
    return { start: { line: start.line, column: start.col }, end: { line: end.line, column: end.col } };
  };
  const fail = (reason: string, place: Position | undefined, ruleId: string) => contentError(file, reason, place?.start ?? { line: 1, column: 1 }, ruleId);

  // The first YAML error is the one to fix: the ones after it mostly follow from it.
  const [error] = doc.errors;
  if (error) {
    const pos = error.linePos?.[0];
    const reason = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    contentError(file, `book.yaml is not valid YAML: ${reason}`, pos ? { line: pos.line, column: pos.col } : { line: 1, column: 1 }, 'book-yaml');
    return undefined;
  }
  if (!isMap(doc.contents)) {
    fail('book.yaml must be a mapping with `title:` and `chapters:`', at(doc.contents), 'book-manifest');
    return undefined;
  }
  const root = doc.contents;

  for (const pair of root.items) {
    const key = keyOf(pair);
    if (topKeys.includes(key)) continue;
    const guess = closest(key, topKeys, 1)[0];
    file.message(`Unknown key \`${key}\` in book.yaml${guess ? ` (did you mean \`${guess}\`?)` : ''}`, {
      place: at(pair.key as YamlNode)?.start, ruleId: 'book-manifest', source: 'guidepress',
    });
  }

  const text = (map: YAMLMap, key: string, required: boolean, owner: string): string | undefined => {
    const node = map.get(key, true) as YamlNode | undefined;
    if (node === undefined || (isScalar(node) && (node.value === null || node.value === ''))) {
      if (required) fail(`${owner} has no \`${key}\``, at(keyNode(map, key) ?? map), 'book-manifest');
      return undefined;
    }
    if (isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number')) return String(node.value).trim();
    fail(`\`${key}\` must be text`, at(node), 'book-manifest');
    return undefined;
  };

  const title = text(root, 'title', true, 'The book');
  const baseUrl = text(root, 'baseUrl', false, 'The book');
  if (baseUrl !== undefined && !/^https?:\/\/[^/]+/i.test(baseUrl)) {
    fail(`\`baseUrl\` must be the site's address, like https://example.com, not "${baseUrl}"`, at(root.get('baseUrl', true) as YamlNode), 'book-manifest');
  }
  const coverNode = root.get('cover', true) as YamlNode | undefined;
  const coverSrc = text(root, 'cover', false, 'The book');

  const chapters: BookChapter[] = [];
  const chaptersNode = root.get('chapters', true) as YamlNode | undefined;
  if (!isSeq(chaptersNode) || chaptersNode.items.length === 0) {
    fail('book.yaml lists no chapters: add `chapters:` with `- title: ...` and `sections:`', at(keyNode(root, 'chapters') ?? root), 'book-manifest');
  } else {
    const resolve = guideResolver(guides);
    const used = new Map<string, Position | undefined>();
    let draftChapters = 0;
    chaptersNode.items.forEach((chapterNode, c) => {
      if (!isMap(chapterNode)) {
        fail('A chapter must be a mapping with `title:` and `sections:`', at(chapterNode as YamlNode), 'book-manifest');
        return;
      }
      const chapterTitle = text(chapterNode, 'title', true, `Chapter ${c + 1}`);
      const sectionsNode = chapterNode.get('sections', true) as YamlNode | undefined;
      const sections: BookSection[] = [];
      let drafts = 0;
      if (!isSeq(sectionsNode) || sectionsNode.items.length === 0) {
        fail(`Chapter ${c + 1} lists no sections: add \`sections:\` with \`- slug: ...\``, at(keyNode(chapterNode, 'sections') ?? chapterNode), 'book-manifest');
      } else {
        for (const sectionNode of sectionsNode.items as YamlNode[]) {
          // `- some-slug` is short for `- slug: some-slug`.
          const slugNode = isMap(sectionNode) ? (sectionNode.get('slug', true) as YamlNode | undefined) : sectionNode;
          const slug = isScalar(slugNode) && typeof slugNode.value === 'string' ? slugNode.value.trim() : undefined;
          const place = at(slugNode ?? sectionNode);
          if (!slug) {
            fail('A section needs the `slug` of a guide (its file name without .md)', place, 'book-manifest');
            continue;
          }
          const found = resolve(slug);
          if (found.kind === 'none') {
            const guesses = closest(slug, found.names, 3);
            fail(`No guide has the slug \`${slug}\`${guesses.length ? `: did you mean ${guesses.map((g) => `\`${g}\``).join(', ')}?` : ''}`, place, 'book-slug');
            continue;
          }
          if (found.kind === 'many') {
            fail(`The slug \`${slug}\` names several guides (${found.guides.map((g) => g.slug).join(', ')}): use a file name`, place, 'book-slug');
            continue;
          }
          const guide = found.guide;
          if (guide.meta.draft) {
            // As Hugo does not publish a draft, and the handouts leave it out: the book does too.
            file.message(`The guide \`${guide.slug}\` is a draft (\`draft: true\`): left out of the book`, { place, ruleId: 'book-draft', source: 'guidepress' });
            drafts++;
            continue;
          }
          if (used.has(guide.slug)) {
            const first = used.get(guide.slug)?.start.line;
            fail(`The guide \`${guide.slug}\` is already in the book${first ? ` (line ${first})` : ''}: a guide can be one section only`, place, 'book-duplicate');
            continue;
          }
          used.set(guide.slug, place);
          const ownTitle = isMap(sectionNode) ? text(sectionNode, 'title', false, 'A section') : undefined;
          sections.push({ title: ownTitle ?? guide.meta.title, guide, id: guide.slug, place });
        }
      }
      // A chapter of drafts only is left out with them (the warnings above say why).
      if (sections.length > 0 || drafts === 0) chapters.push({ title: chapterTitle ?? '', id: `chapter-${c + 1}`, sections });
      else draftChapters++;
    });
    if (chapters.length === 0 && draftChapters > 0) {
      fail('Every guide the book names is a draft: nothing to print', at(keyNode(root, 'chapters') ?? root), 'book-draft');
    }
  }

  if (file.messages.some((m) => m.fatal)) return undefined;
  const sites = new Set(chapters.flatMap((c) => c.sections.map((s) => s.guide.meta.site)));
  const [onlySite] = sites;
  return {
    title: title!,
    subtitle: text(root, 'subtitle', false, 'The book'),
    author: text(root, 'author', false, 'The book'),
    description: text(root, 'description', false, 'The book'),
    id: text(root, 'id', false, 'The book'),
    lang: text(root, 'lang', false, 'The book') ?? chapters[0]?.sections[0]?.guide.meta.lang ?? 'en',
    baseUrl,
    site: text(root, 'site', false, 'The book') ?? (sites.size === 1 ? onlySite : undefined),
    cover: coverSrc ? { src: coverSrc, place: at(coverNode) } : undefined,
    chapters,
    file,
  };
}

type Resolved = { kind: 'one'; guide: Guide } | { kind: 'many'; guides: Guide[] } | { kind: 'none'; names: string[] };

/**
 * A section names its guide by file name, or, as a Hugo site names its pages, by the last segment
 * of the `url` in its front matter. A file name wins over a URL.
 */
export function guideResolver(guides: Guide[]): (name: string) => Resolved {
  const bySlug = new Map(guides.map((g) => [g.slug, g]));
  const byUrl = new Map<string, Guide[]>();
  for (const guide of guides) {
    const segment = lastSegment(guide.meta.url);
    if (segment && segment !== guide.slug) byUrl.set(segment, [...(byUrl.get(segment) ?? []), guide]);
  }
  const names = [...bySlug.keys(), ...byUrl.keys()];
  return (name) => {
    const guide = bySlug.get(name);
    if (guide) return { kind: 'one', guide };
    const matches = byUrl.get(name) ?? [];
    if (matches.length === 1) return { kind: 'one', guide: matches[0]! };
    if (matches.length > 1) return { kind: 'many', guides: matches };
    return { kind: 'none', names };
  };
}

/** `/guides/to-lead-follow/` -> `to-lead-follow`. */
export function lastSegment(path: string | undefined): string | undefined {
  return path?.split(/[?#]/)[0]!.split('/').filter(Boolean).at(-1);
}

/**
 * The names a link between guides may use for each guide and for each section of a combined
 * document (the book, its EPUB): its slug, then the last segment of its `url` when no slug has it.
 */
export function linkNames(guides: Guide[], sections: { id: string; guide: Guide }[]): { guides: Map<string, Guide>; sections: Map<string, string> } {
  const byName = new Map<string, Guide>();
  for (const guide of guides) {
    byName.set(guide.slug, guide);
    const segment = lastSegment(guide.meta.url);
    if (segment && !byName.has(segment)) byName.set(segment, guide);
  }
  const inDocument = new Map<string, string>();
  for (const section of sections) {
    inDocument.set(section.guide.slug, section.id);
    const segment = lastSegment(section.guide.meta.url);
    if (segment && !inDocument.has(segment)) inDocument.set(segment, section.id);
  }
  return { guides: byName, sections: inDocument };
}

/** The key of `key: value` in a mapping: where to point when the value is missing or empty. */
function keyNode(map: YAMLMap, key: string): YamlNode | undefined {
  return map.items.find((pair) => keyOf(pair) === key)?.key as YamlNode | undefined;
}

function keyOf(pair: Pair): string {
  const key = pair.key as YamlNode | null;
  return String(isScalar(key) ? key.value : key);
}
