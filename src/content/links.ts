import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Heading, Link, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { closest } from '../closest.js';
import type { Guide } from './guide.js';

/**
 * Links between guides that lead nowhere, as warnings on the guide that has them (rule
 * `dead-link`): a sibling `x.md` or a site path in one of the content's sections (`/guides/x`)
 * that names no guide, a `ref`/`relref` shortcode to a missing page, and a `#heading` that is not
 * in this guide or the one linked to. Needs every guide at once, so it runs after they are all
 * loaded, in `build` and in `check` alike. Other site paths (`/about`) and web links are not judged.
 */
export function checkLinks(guides: Guide[], contentDir: string): void {
  const byPath = new Map(guides.map((g) => [g.path, g]));
  const byName = new Map<string, Guide>();
  for (const guide of guides) {
    const segment = lastSegment(guide.meta.url);
    if (segment) byName.set(segment, guide);
  }
  for (const guide of guides) byName.set(guide.slug, guide);
  // Site paths under these first segments are pages of the site guidepress knows: the content's
  // folders and the sections of the guides' own `url`s.
  const sections = new Set<string>(guides.map((g) => g.meta.url?.split('/').filter(Boolean)[0]).filter((s) => s !== undefined));
  for (const entry of safeReaddir(contentDir)) if (entry !== 'static') sections.add(entry);
  const anchors = new Map<Guide, Set<string>>();
  const anchorsOf = (guide: Guide) => {
    let set = anchors.get(guide);
    if (!set) anchors.set(guide, (set = headingIds(guide.tree)));
    return set;
  };

  for (const guide of guides) {
    visit(guide.tree, 'link', (node: Link) => {
      const warn = (reason: string) => guide.file.message(reason, { place: node.position, ruleId: 'dead-link', source: 'guidepress' });
      const what = node.data?.hugoRef ? 'The `ref` shortcode' : 'Link';
      const [path = '', fragment] = splitUrl(node.url);
      if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(path)) return;
      let target: Guide | undefined;
      if (path === '') target = guide;
      else if (path.startsWith('/')) {
        target = byName.get(lastSegment(path) ?? '');
        if (!target) {
          if (existsSync(join(contentDir, 'static', path))) return;
          // A section's own page (`/stories/`, Hugo's `_index.md`) is not a guide, and other paths are not ours to judge.
          const parts = path.split('/').filter(Boolean);
          if (!node.data?.hugoRef && (parts.length < 2 || !sections.has(parts[0]!))) return;
          warn(`${what} to \`${node.url}\` names no guide${guesses(path)}`);
          return;
        }
      } else {
        const absolute = resolve(dirname(guide.path), path);
        target = byPath.get(absolute) ?? byName.get(lastSegment(path)?.replace(/\.md$/i, '') ?? '');
        if (!target) {
          if (existsSync(absolute)) return;
          if (!node.data?.hugoRef && !/\.md$/i.test(path)) return;
          warn(`${what} to \`${node.url}\` names no guide${guesses(path)}`);
          return;
        }
      }
      if (fragment && !anchorsOf(target).has(fragment)) {
        warn(target === guide
          ? `Link to \`#${fragment}\`: this guide has no heading with that id`
          : `Link to \`${node.url}\`: the guide \`${target.slug}\` has no heading with the id \`${fragment}\``);
      }
    });
  }

  function guesses(path: string): string {
    const name = lastSegment(path)?.replace(/\.md$/i, '');
    const near = name ? closest(name, [...byName.keys()], 3) : [];
    return near.length ? `: did you mean ${near.map((n) => `\`${n}\``).join(', ')}?` : '';
  }
}

/** The ids rehype-slug gives the guide's headings (GitHub's slugs), and the footnotes' own. */
function headingIds(tree: Root): Set<string> {
  const ids = new Set<string>();
  const seen = new Map<string, number>();
  visit(tree, 'heading', (node: Heading) => {
    const base = slug(toString(node));
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    ids.add(n ? `${base}-${n}` : base);
  });
  return ids;
}

/** GitHub's heading slug, as `github-slugger` (rehype-slug's) makes it: lower case, spaces to dashes, punctuation out. */
export function slug(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '').replace(/ /g, '-');
}

function splitUrl(url: string): [string, string | undefined] {
  const hash = url.indexOf('#');
  const path = (hash < 0 ? url : url.slice(0, hash)).split('?')[0]!;
  const fragment = hash < 0 ? undefined : decodeLenient(url.slice(hash + 1));
  return [decodeLenient(path), fragment || undefined];
}

function decodeLenient(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function lastSegment(path: string | undefined): string | undefined {
  return path?.split(/[?#]/)[0]!.split('/').filter(Boolean).at(-1);
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

