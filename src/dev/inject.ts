import { createHash } from 'node:crypto';

/** What the dev server adds to a page as it serves it; the file on disk stays as `build` wrote it. */
export interface Additions {
  /** The live-reload client, run as an inline script allowed by its hash. */
  script: string;
  /** Style sheets added at the end of the head (the overlay's, the sheet preview's). */
  styles: string[];
  /** HTML put first in the body (the preview's bar). */
  bar?: string;
}

const cspMeta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"\s*\/?>/i;

/** A CSP hash source for an inline script, as the browser hashes it (line breaks as line feeds). */
export function scriptHash(script: string): string {
  return `'sha256-${createHash('sha256').update(script.replace(/\r\n?/g, '\n')).digest('base64')}'`;
}

/**
 * The page's policy with the dev client let in: its hash joins `script-src` (the presenter's own
 * hashes stay), and `connect-src 'self'` lets it hear the server's events. Everything else the page
 * refused (remote images, fonts, frames, other scripts) it still refuses.
 */
export function devPolicy(policy: string, hash: string): string {
  const directives = policy.split(';').map((d) => d.trim()).filter(Boolean);
  const named = (name: string) => directives.findIndex((d) => d.split(/\s+/)[0]!.toLowerCase() === name);
  const script = named('script-src');
  if (script === -1) directives.push(`script-src ${hash}`);
  else directives[script] = `${directives[script]!.replace(/\s'none'/, '')} ${hash}`;
  const connect = named('connect-src');
  if (connect === -1) directives.push("connect-src 'self'");
  else directives[connect] = "connect-src 'self'";
  return directives.join('; ');
}

/** A built page as the dev server serves it: the client, its styles and its bar added, the policy opened for the client only. */
export function servedHtml(html: string, add: Additions): string {
  const hash = scriptHash(add.script);
  let out = html.replace(cspMeta, (_, policy: string) => `<meta http-equiv="Content-Security-Policy" content="${devPolicy(policy, hash)}">`);
  // A page without a policy of its own gets one that still lets nothing in but the dev client.
  if (out === html) {
    const policy = "default-src 'none'; img-src data:; font-src data:; style-src 'unsafe-inline'";
    out = out.replace(/<head[^>]*>/i, (head) => `${head}\n<meta http-equiv="Content-Security-Policy" content="${devPolicy(policy, hash)}">`);
  }
  const head = `${add.styles.map((css) => `<style data-guidepress-dev>\n${css}</style>\n`).join('')}<script>${add.script}</script>\n`;
  out = out.includes('</head>') ? out.replace('</head>', `${head}</head>`) : head + out;
  if (add.bar) out = out.replace(/<body[^>]*>/i, (body) => `${body}\n${add.bar}`);
  return out;
}

/** Paper sizes by the name a `@page { size }` gives, in millimetres. */
const sizes: Record<string, [number, number]> = { a4: [210, 297], a5: [148, 210], a3: [297, 420], letter: [215.9, 279.4], legal: [215.9, 355.6] };

export interface Sheet {
  width: string;
  height: string;
  /** Top, right, bottom, left, as CSS lengths. */
  margin: [string, string, string, string];
}

/**
 * The sheet a handout prints on, read from its first `@page { size; margin }` rule, so the preview
 * follows the paper's CSS (a user's own too) instead of a copy of its numbers.
 */
export function sheetOf(html: string): Sheet | undefined {
  for (const rule of html.matchAll(/@page\s*\{([^{}]*)\}/g)) {
    const size = /size:\s*([^;]+);/.exec(rule[1]!)?.[1]?.trim();
    if (!size) continue;
    const words = size.toLowerCase().split(/\s+/);
    const named = sizes[words[0]!];
    let [width, height] = named ? named.map((mm) => `${mm}mm`) as [string, string] : [words[0]!, words[1] ?? words[0]!];
    if (words.includes('landscape')) [width, height] = [height, width];
    const m = (/margin:\s*([^;]+);/.exec(rule[1]!)?.[1]?.trim() ?? '0').split(/\s+/);
    const margin: Sheet['margin'] = [m[0]!, m[1] ?? m[0]!, m[2] ?? m[0]!, m[3] ?? m[1] ?? m[0]!];
    return { width, height, margin };
  }
  return undefined;
}

/** The sheet as CSS custom properties the preview style sheet reads. */
export function sheetVariables(sheet: Sheet): string {
  const [top, right, bottom, left] = sheet.margin;
  return `:root { --sheet-width: ${sheet.width}; --sheet-height: ${sheet.height}; --sheet-top: ${top}; --sheet-right: ${right}; --sheet-bottom: ${bottom}; --sheet-left: ${left}; }\n`;
}
