import type { Link, Paragraph, PhrasingContent, Root, Text } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { decodeUriLenient } from './uri.js';

/**
 * Hugo shortcodes (`{{< name args >}}`, `{{% name %}}`) are not markdown: left alone they print as
 * braces. Written by hand because no remark plugin reads them. On paper:
 * - `figure` becomes an image with its caption (then a figure, like any image alone in a paragraph);
 * - `youtube`, `vimeo`, `tweet`, `gist` become a link to the embedded thing, so its URL prints as a note;
 * - `ref` and `relref` become the path they name, so links between guides keep working;
 * - paired shortcodes (`{{% notice %}} ... {{% /notice %}}`) keep their content, without the markers;
 * - anything else is left out, with a warning at its position.
 */
const shortcode = /\{\{([<%])\s*(\/?)([\w.-]+)((?:\s+(?:[\w-]+=)?(?:"[^"]*"|[^\s"%>]+))*)\s*\/?\s*[>%]\}\}/g;
const linkToRef = /\[([^\]]+)\]\(\s*\{\{[<%]\s*(?:rel)?ref\s+"([^"]+)"\s*[>%]\}\}\s*\)/g;

interface Call {
  name: string;
  closing: boolean;
  named: Record<string, string>;
  positional: string[];
}

function parseArgs(name: string, closing: string, args: string): Call {
  const named: Record<string, string> = {};
  const positional: string[] = [];
  for (const m of args.matchAll(/([\w-]+)=(?:"([^"]*)"|(\S+))|"([^"]*)"|(\S+)/g)) {
    if (m[1]) named[m[1]] = m[2] ?? m[3] ?? '';
    else positional.push(m[4] ?? m[5] ?? '');
  }
  return { name: name.toLowerCase(), closing: closing === '/', named, positional };
}

const embeds: Record<string, (c: Call) => { label: string; url: string } | undefined> = {
  youtube: (c) => {
    const id = c.named.id ?? c.positional[0];
    return id ? { label: c.named.title ?? 'Video on YouTube', url: `https://www.youtube.com/watch?v=${id}` } : undefined;
  },
  vimeo: (c) => {
    const id = c.named.id ?? c.positional[0];
    return id ? { label: c.named.title ?? 'Video on Vimeo', url: `https://vimeo.com/${id}` } : undefined;
  },
  tweet: (c) => {
    const user = c.named.user ?? (c.positional.length > 1 ? c.positional[0] : undefined);
    const id = c.named.id ?? c.positional.at(-1);
    return id ? { label: 'Post on X (Twitter)', url: user ? `https://x.com/${user}/status/${id}` : `https://x.com/i/status/${id}` } : undefined;
  },
  gist: (c) => {
    const [user, id] = c.positional;
    return user && id ? { label: `Gist ${id} by ${user}`, url: `https://gist.github.com/${user}/${id}` } : undefined;
  },
};
embeds.twitter = embeds.tweet!;
embeds.x = embeds.tweet!;

export default function remarkHugoShortcodes() {
  return (tree: Root, file: VFile) => {
    const warn = (call: Call, place: Paragraph['position']) =>
      file.message(`Hugo shortcode \`${call.name}\` has no printed form; it is left out`, {
        place, ruleId: 'hugo-shortcode', source: 'guidepress',
      });

    // A paragraph that is one shortcode: a figure, an embed, or a marker of a paired shortcode.
    visit(tree, 'paragraph', (node: Paragraph, index, parent) => {
      if (!parent || index === undefined) return;
      // Read the paragraph's source: markdown in an argument (a caption in **bold**) splits the
      // parsed text into several nodes, but the source is one shortcode.
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      const only = start !== undefined && end !== undefined
        ? String(file.value).slice(start, end).trim()
        : node.children.length === 1 && node.children[0]?.type === 'text' ? node.children[0].value.trim() : undefined;
      const match = only ? new RegExp(`^${shortcode.source}$`).exec(only) : null;
      if (!match) return;
      const call = parseArgs(match[3]!, match[2]!, match[4] ?? '');
      if (call.name === 'figure' && !call.closing && call.named.src) {
        const caption = call.named.caption ?? call.named.alt ?? call.named.title ?? '';
        node.children = [{ type: 'image', url: call.named.src, alt: stripMarkup(caption), title: call.named.title ?? null, position: node.position }];
        return SKIP;
      }
      const embed = embeds[call.name]?.(call);
      if (embed && !call.closing) {
        node.children = [{ type: 'link', url: embed.url, children: [{ type: 'text', value: embed.label }] }];
        node.data = { ...node.data, hProperties: { className: ['embed'] } };
        return SKIP;
      }
      // Markers of paired shortcodes go; what they wrap stays. Unknown single ones go with a warning.
      const paired = hasClosing(tree, call.name);
      if (!paired && !call.closing) warn(call, node.position);
      parent.children.splice(index, 1);
      return [SKIP, index];
    });

    // Inline: links whose target is a `ref`, then any other shortcode inside text.
    visit(tree, 'text', (node: Text, index, parent) => {
      if (!parent || index === undefined || !node.value.includes('{{')) return;
      const out: PhrasingContent[] = [];
      let last = 0;
      for (const m of node.value.matchAll(linkToRef)) {
        out.push({ type: 'text', value: node.value.slice(last, m.index) });
        const link: Link = { type: 'link', url: m[2]!, children: [{ type: 'text', value: m[1]! }], position: node.position, data: { hugoRef: true } };
        out.push(link);
        last = m.index! + m[0].length;
      }
      out.push({ type: 'text', value: node.value.slice(last) });
      for (const part of out) {
        if (part.type !== 'text') continue;
        part.value = part.value.replace(shortcode, (_all, _open, closing: string, name: string, args: string) => {
          const call = parseArgs(name, closing, args ?? '');
          if (call.name === 'ref' || call.name === 'relref') return call.positional[0] ?? call.named.path ?? '';
          if (!call.closing && !hasClosing(tree, call.name)) warn(call, node.position);
          return '';
        });
      }
      const kept = out.filter((p) => p.type !== 'text' || p.value !== '');
      parent.children.splice(index, 1, ...(kept as typeof parent.children));
      return [SKIP, index + kept.length];
    });

    // `[text]({{< ref "x.md" >}})` parses as a link only when the destination has no spaces.
    visit(tree, 'link', (node: Link) => {
      const m = /^\{\{[<%]\s*(?:rel)?ref\s+"?([^"\s]+)"?\s*[>%]\}\}$/.exec(decodeUriLenient(node.url));
      if (m) {
        node.url = m[1]!;
        node.data = { ...node.data, hugoRef: true };
      }
    });
  };
}

function hasClosing(tree: Root, name: string): boolean {
  let found = false;
  visit(tree, 'text', (node: Text) => {
    if (new RegExp(`\\{\\{[<%]\\s*/${name}\\s*[>%]\\}\\}`, 'i').test(node.value)) found = true;
  });
  return found;
}

function stripMarkup(text: string): string {
  return text.replace(/<[^>]+>/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/\*\*?|__?/g, '');
}
