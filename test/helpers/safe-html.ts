import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';

const forbiddenElements = new Set(['script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'base', 'portal']);
const urlAttributes = ['href', 'src', 'action', 'formAction', 'poster', 'data', 'background', 'cite', 'xLinkHref', 'srcSet', 'ping', 'manifest', 'codeBase'];
const fetchedAttributes = ['src', 'srcSet', 'poster', 'data', 'background'];

/** `javascript:`, `vbscript:` or `data:text/html`, however a browser would still read it (case, spaces, control characters). */
function isScriptUrl(value: string): boolean {
  // eslint-disable-next-line no-control-regex
  const squeezed = value.replace(/[\u0000-\u0020\u007f]+/g, '').toLowerCase();
  return /^(javascript|vbscript):/.test(squeezed) || /^data:text\/html/.test(squeezed);
}

/** A URL the browser would fetch from the network: with a scheme other than data:, or protocol-relative. */
function isRemote(value: string): boolean {
  const trimmed = value.trim().toLowerCase();
  return trimmed.startsWith('//') || (/^[a-z][a-z0-9+.-]*:/.test(trimmed) && !trimmed.startsWith('data:'));
}

/** CSS that would fetch from the network: `@import`, or `url()`/`image-set()` of a remote address. */
function cssProblem(css: string): string | undefined {
  if (/@import/i.test(css)) return '@import';
  for (const m of css.matchAll(/url\(\s*(['"]?)([^'")]*)\1\s*\)/gi)) if (isRemote(m[2]!) || isScriptUrl(m[2]!)) return `url(${m[2]})`;
  if (/expression\s*\(/i.test(css)) return 'expression()';
  return undefined;
}

/**
 * What in an HTML document (or fragment) could run script or reach the network, parsed as a
 * browser parses it: one line a problem, none for safe HTML. No script, frame, object, embed,
 * form, base or `meta http-equiv`; no `on*` attribute; no javascript:/vbscript:/data:text/html URL;
 * no remote src/srcset/poster, CSS url() or @import.
 */
export function unsafeHtml(html: string, options: { fragment?: boolean } = {}): string[] {
  const tree: Root = fromHtml(html, { fragment: options.fragment ?? true });
  const problems: string[] = [];
  visit(tree, 'element', (node: Element) => {
    const tag = node.tagName.toLowerCase();
    if (forbiddenElements.has(tag)) problems.push(`<${tag}>`);
    if (tag === 'meta' && node.properties.httpEquiv !== undefined) problems.push('<meta http-equiv>');
    for (const [name, value] of Object.entries(node.properties)) {
      if (/^on/i.test(name)) problems.push(`<${tag} ${name}>`);
      const text = Array.isArray(value) ? value.join(name === 'srcSet' ? ', ' : ' ') : String(value ?? '');
      if (urlAttributes.includes(name) && isScriptUrl(text)) problems.push(`<${tag} ${name}="${text}">`);
      if (fetchedAttributes.includes(name)) {
        const urls = name === 'srcSet' ? text.split(',').map((c) => c.trim().split(/\s+/)[0] ?? '') : [text];
        if (urls.some(isRemote)) problems.push(`<${tag} ${name}="${text}"> is remote`);
      }
      if (name === 'style') {
        const css = cssProblem(text);
        if (css) problems.push(`<${tag} style> has ${css}`);
      }
    }
    if (tag === 'style') {
      const css = cssProblem(node.children.map((c) => ('value' in c ? String(c.value) : '')).join(''));
      if (css) problems.push(`<style> has ${css}`);
    }
  });
  return problems;
}
