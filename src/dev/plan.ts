import { basename, dirname, extname, relative, resolve, sep } from 'node:path';

/**
 * What one or more changed files ask to rebuild: some guides (handout and deck, by path) and maybe
 * the book; the book alone (its manifest changed); or everything (a template, the config, a file
 * no single guide owns).
 */
export type Plan =
  | { kind: 'guides'; guides: string[]; book: boolean }
  | { kind: 'book' }
  | { kind: 'all' };

/** What the planner knows of the content: its folder, and each guide's path with whether the book holds it. */
export interface PlanContext {
  contentDir: string;
  /** Guide paths (absolute) to whether the book includes the guide. */
  guides: ReadonlyMap<string, boolean>;
}

/** Images and other files a guide embeds from its own folder. */
const besideGuide = new Set(['.png', '.jpg', '.jpeg', '.gif', '.webp', '.svg', '.avif']);

/**
 * Map a changed file to what depends on it: a known guide's `.md` (or an image in a guide's folder)
 * to those guides, with the book when it holds one of them; `book.yaml` to the book; anything else
 * (templates, config, a new or removed guide, `static/`) to everything.
 */
export function planFor(changed: string, context: PlanContext): Plan {
  const path = resolve(changed);
  const contentDir = resolve(context.contentDir);
  const rel = relative(contentDir, path);
  if (rel.startsWith('..') || rel === '' || rel.split(sep)[0] === 'static') return { kind: 'all' };
  if (rel === 'book.yaml') return { kind: 'book' };
  const ext = extname(path).toLowerCase();
  if (ext === '.md') {
    // A guide that was not there before (or is gone) changes the index, the links and the book.
    if (!context.guides.has(path)) return { kind: 'all' };
    return { kind: 'guides', guides: [path], book: context.guides.get(path)! };
  }
  if (besideGuide.has(ext)) {
    const owners = [...context.guides.keys()].filter((guide) => dirname(guide) === dirname(path));
    if (owners.length) return { kind: 'guides', guides: owners, book: owners.some((g) => context.guides.get(g)) };
  }
  return { kind: 'all' };
}

/**
 * An editor's or a tool's scratch file (vim's `.x.swp` and `4913`, `x~`, sed's `sedAb12Cd`), not
 * content: without this, each save would rebuild everything twice, as it appears and goes.
 */
export function isScratch(path: string): boolean {
  const name = basename(path);
  return name.startsWith('.') || name.endsWith('~') || /\.(swp|swx|tmp|part|partial)$/i.test(name) || extname(name) === '';
}

/** Two plans as one: everything wins, then the union of guides and book. */
export function mergePlans(a: Plan | undefined, b: Plan): Plan {
  if (!a) return b;
  if (a.kind === 'all' || b.kind === 'all') return { kind: 'all' };
  const guides = [...new Set([...(a.kind === 'guides' ? a.guides : []), ...(b.kind === 'guides' ? b.guides : [])])];
  const book = a.kind === 'book' || b.kind === 'book' || (a.kind === 'guides' && a.book) || (b.kind === 'guides' && b.book);
  if (!guides.length) return { kind: 'book' };
  return { kind: 'guides', guides, book };
}
