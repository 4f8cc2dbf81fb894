import { stringify } from 'yaml';
import { joinSentences } from '../markdown/sentences.js';
import { type Deck, type Slide, type SlideTable, shrinkSteps } from './slides.js';

/**
 * The deck as Marp markdown: a front matter of global directives (`marp: true`, the theme, 16:9,
 * pagination, footer), then one slide after another separated by `---`, each with its class as a
 * local directive and its speaker notes as an HTML comment. It opens unchanged in Marp CLI and
 * Marp for VS Code.
 */
export function toMarp(deck: Deck): string {
  const front: Record<string, unknown> = {
    marp: true,
    theme: deck.theme,
    size: '16:9',
    paginate: true,
    footer: escapeInline(deck.footer),
    lang: deck.lang,
    title: deck.title,
  };
  if (deck.author) front.author = deck.author;
  if (deck.description) front.description = deck.description;
  if (deck.keywords.length) front.keywords = deck.keywords.join(', ');
  if (deck.url) front.url = deck.url;
  const style = [fitStyle(deck.theme), themeTextStyle(deck)].filter(Boolean).join('\n');
  if (style) front.style = style;
  // Single quotes: Marp's loose YAML rewrites a plain `footer: a \*b\*` into a double-quoted string,
  // where `\*` is an invalid escape and the whole front matter would be dropped.
  const head = `---\n${stringify(front, { lineWidth: 0, defaultStringType: 'QUOTE_SINGLE', defaultKeyType: 'PLAIN' })}---\n`;
  return `${head}\n${deck.slides.map(slideMarkdown).join('\n---\n\n')}`;
}

/**
 * The text size of Marp's own themes (their `section` font-size, in px), which know nothing of
 * guidepress's `shrink-N` classes: for these the deck carries the steps itself, in Marp's `style`
 * directive, so the fit works in every bundled theme (and the deck.md looks the same in Marp CLI).
 * A theme of one's own sets `section.shrink-1`..`shrink-3` as templates/deck/guidepress.css does.
 */
export const builtinTextSizes: Record<string, number> = { default: 29, gaia: 35, uncover: 40 };

function fitStyle(theme: string): string | undefined {
  const base = builtinTextSizes[theme];
  if (!base) return undefined;
  return shrinkSteps
    .slice(1)
    .map((step, i) => `section.shrink-${i + 1} { font-size: ${Math.round(base * step * 100) / 100}px; }`)
    .join('\n');
}

/**
 * The text the theme prints itself (on a slide that runs on or ran over, the key quote's mark), as
 * CSS variables the theme reads (`var(--label-continues, 'continues')`): in deck.md, so the deck
 * says them in its language in Marp CLI too. None for English, the theme's own.
 */
function themeTextStyle(deck: Deck): string | undefined {
  if (!deck.themeText) return undefined;
  const { continues, continued, quoteOpen } = deck.themeText;
  const string = (text: string) => `"${text.replace(/[\\"]/g, '\\$&').replace(/\n/g, ' ')}"`;
  return `section { --label-continues: ${string(continues)}; --label-continued: ${string(continued)}; --quote-open: ${string(quoteOpen)}; }`;
}

/** Classes of a slide: its kind, its text size step, and whether it continues or is continued. */
export function slideClasses(slide: Slide): string[] {
  const classes: string[] = [slide.kind];
  if (slide.shrink > 0) classes.push(`shrink-${Math.min(slide.shrink, shrinkSteps.length - 1)}`);
  if (slide.continues) classes.push('continues');
  if (slide.continued) classes.push('continued');
  return classes;
}

function slideMarkdown(slide: Slide): string {
  const out: string[] = [`<!-- _class: ${slideClasses(slide).join(' ')} -->`];
  // The title and the closing slide stand alone: no page number, no footer.
  if (slide.kind === 'title' || slide.kind === 'closing') out.push('<!-- _paginate: false -->', '<!-- _footer: "" -->');
  out.push('');
  if (slide.kicker) out.push(`###### ${escapeInline(slide.kicker)}`, '');
  if (slide.heading) out.push(`${slide.kind === 'title' ? '#' : '##'} ${escapeInline(slide.heading)}`, '');
  if (slide.quote) {
    const paragraphs = slide.quote.map((sentences) => joinSentences(sentences.map(escapeInline)));
    if (slide.cutBefore) paragraphs[0] = `…${paragraphs[0]}`;
    if (slide.cutAfter) paragraphs[paragraphs.length - 1] += ' …';
    out.push(paragraphs.map((p) => `> ${p}`).join('\n>\n'), '');
  }
  if (slide.attribution) out.push(`— ${escapeInline(slide.attribution)}`, '');
  if (slide.body) out.push(joinSentences(slide.body.map(escapeInline)), '');
  if (slide.items) {
    const start = slide.itemsStart ?? 1;
    out.push(slide.items.map((item, i) => `${start + i}. ${escapeInline(item)}`).join('\n'), '');
  }
  if (slide.code) out.push(fence(slide.code.lines, slide.code.lang), '');
  if (slide.table) out.push(tableMarkdown(slide.table), '');
  // Display math as Marp writes it; the renderer's math plugin sets it.
  if (slide.formula !== undefined) out.push('$$', slide.formula.replace(/\$\$/g, '\\$\\$'), '$$', '');
  // Marp's image syntax sets the size; the SVG is a data URL that `createMarp` lets through.
  if (slide.image) out.push(`![${escapeInline(slide.image.alt)} w:${slide.image.width}px h:${slide.image.height}px](${slide.image.src})`, '');
  if (slide.credits?.length) out.push(slide.credits.map(escapeInline).join('  \n'), '');
  if (slide.link) out.push(`[${escapeInline(slide.link.text)}](<${slide.link.url.replace(/[<>\s]/g, encodeURIComponent)}>)`, '');
  if (slide.notes.length) out.push(`<!--\n${slide.notes.map(guardNote).join('\n\n')}\n-->`, '');
  return out.join('\n');
}

/** A fenced code block, its fence longer than any run of backticks in the code. */
function fence(lines: string[], lang: string | undefined): string {
  const longest = Math.max(0, ...lines.map((l) => Math.max(0, ...[...l.matchAll(/`+/g)].map((m) => m[0].length))));
  const marks = '`'.repeat(Math.max(3, longest + 1));
  const info = lang && /^[\w+#.-]+$/.test(lang) ? lang : '';
  return [`${marks}${info}`, ...lines, marks].join('\n');
}

/** A GFM table of plain-text cells (a `|` in a cell is escaped). */
function tableMarkdown(table: SlideTable): string {
  const width = Math.max(table.header.length, ...table.rows.map((r) => r.length));
  const row = (cells: string[]) => `| ${Array.from({ length: width }, (_, i) => escapeInline(cells[i] ?? '')).join(' | ')} |`;
  const marks: Record<string, string> = { left: ':--', right: '--:', center: ':-:' };
  const rule = Array.from({ length: width }, (_, i) => marks[table.align[i] ?? ''] ?? '---');
  return [row(table.header), `| ${rule.join(' | ')} |`, ...table.rows.map(row)].join('\n');
}

/**
 * Text as literal markdown: every character markdown could read as syntax is escaped, so a
 * guide's `*`, `_`, `<`, `[` or `#` show as themselves. (`:` is left alone: `:name:` emoji
 * shortcodes stay as the author wrote them.)
 */
export function escapeInline(text: string): string {
  return text
    .replace(/[\\`*_[\]<>#|~$]/g, '\\$&')
    .replace(/^(\d+)([.)])(\s)/, '$1\\$2$3')
    .replace(/^([-+=])(\s|$)/, '\\$1$2')
    .replace(/&(?=[#\w]+;)/g, '&amp;');
}

/** Marpit directive names: a notes line starting with one of them would be read as a directive. */
const directives = /^(\s*["']?_?)(backgroundColor|backgroundImage|backgroundPosition|backgroundRepeat|backgroundSize|class|color|footer|header|headingDivider|lang|marp|math|paginate|size|style|theme|title|author|description|keywords|url|image)(\s*["']?\s*:)/gm;

/**
 * Speaker notes inside an HTML comment: no `-->` or `--!>` that would end it early, and no line that Marp's
 * directive parser would take for a directive (it reads a comment that parses as YAML with a
 * directive's key as directives and drops it from the notes). A zero-width space before such a
 * key keeps the line as text.
 */
export function guardNote(text: string): string {
  // `--!>` ends a comment in HTML too: a viewer that passes the comment through would run what follows.
  return text.replace(/-{2,}!?>/g, (m) => `${'–'.repeat(m.replace('!', '').length - 1)}${m.includes('!') ? '!' : ''}>`).replace(directives, '$1\u200b$2$3');
}
