import type { Page } from 'puppeteer';
import { setDocument } from '../shared/fonts.js';
import { wordCount } from './score.js';
import { type Deck, type Slide, smallestStep } from './slides.js';

export interface Measured {
  /** Height the content needs and the height the slide offers inside its padding, in CSS px. */
  needed: number;
  available: number;
  /** Some line is wider than the slide (a long URL or word). */
  tooWide: boolean;
  /** Height of the last part (a code block, a table), margins included: what a split divides. */
  last?: number;
  /** When the last part is code: how many rows each of its lines takes as laid out (long lines wrap), and a row's height. */
  code?: { lineRows: number[]; rowHeight: number; height: number };
}

export interface Overflow {
  /** 0-based index in the fitted deck. */
  index: number;
  slide: Slide;
  measured: Measured;
}

export interface Fitted {
  deck: Deck;
  /** The page's HTML for the fitted deck: what is loaded in the page now. */
  html: string;
  /** Slides that overflow even at the smallest size and cannot be continued on another slide. */
  overflows: Overflow[];
}

/**
 * Make every slide fit: render the deck in the page, measure each slide's content against the
 * slide, and set overflowing text a step smaller (`shrinkSteps`, down to the readable floor); a
 * slide still too full at the floor is continued on a new slide after it, at a whole sentence or
 * list item, and the whole deck is measured again. Slides that cannot be split (one long
 * sentence) and still overflow are returned in `overflows`.
 *
 * `render` turns a deck into the HTML that is measured, with scripts off; the page is left
 * holding the fitted deck's HTML, ready to print. `first`, when given, is `render(deck)` made by
 * the caller (while Chromium opened the page).
 */
export async function fitDeck(page: Page, deck: Deck, render: (deck: Deck) => string, first?: Promise<string>): Promise<Fitted> {
  // Without the presenter's script every slide is laid out (it would hide all but one).
  await page.setJavaScriptEnabled(false);
  let slides = deck.slides;
  // Each round settles at least one slide a step; 4 sizes and a few splits a slide are plenty.
  for (let round = 0; ; round++) {
    const current: Deck = { ...deck, slides };
    const html = round === 0 && first ? await first : render(current);
    await setDocument(page, html);
    const measured = await measureSlides(page);
    if (measured.length !== slides.length) {
      throw new Error(`Rendered ${measured.length} slides for ${slides.length}: the theme or the markdown split a slide`);
    }
    if (measured.some((m) => m.available <= 0)) throw new Error('A slide has no height: the page hides slides, so they cannot be measured');
    const overflows: Overflow[] = [];
    const next: Slide[] = [];
    let changed = false;
    slides.forEach((slide, index) => {
      const m = measured[index]!;
      if (!overflowing(m)) {
        next.push(slide);
        return;
      }
      if (slide.shrink < smallestStep(slide)) {
        next.push({ ...slide, shrink: slide.shrink + 1 });
        changed = true;
        return;
      }
      const halves = m.needed > m.available ? splitSlide(slide, { codeLines: codeLinesThatFit(m, slide), share: fillShare(m) }) : undefined;
      if (halves) {
        next.push(...halves);
        changed = true;
        return;
      }
      next.push(slide);
      overflows.push({ index, slide, measured: m });
    });
    if (!changed && overflows.length === 0) {
      const even = evenChains(next);
      changed = even.some((slide, i) => slide !== next[i]);
      next.splice(0, next.length, ...even);
    }
    if (!changed || round >= 40) return { deck: current, html, overflows };
    slides = next;
  }
}

/**
 * The parts of a slide continued over several are set at one size, the smallest any part needed,
 * so the text does not change size from one part to the next. (Smaller text only fits better.)
 */
export function evenChains(slides: Slide[]): Slide[] {
  const out = [...slides];
  for (let start = 0; start < out.length; start++) {
    if (!out[start]!.continues || out[start]!.continued) continue;
    let end = start;
    while (end + 1 < out.length && out[end]!.continues && out[end + 1]!.continued) end++;
    const shrink = Math.max(...out.slice(start, end + 1).map((s) => s.shrink));
    for (let i = start; i <= end; i++) if (out[i]!.shrink !== shrink) out[i] = { ...out[i]!, shrink };
  }
  return out;
}

export function overflowing(m: Measured): boolean {
  // Half a pixel of slack: layout rounds to fractions of a pixel.
  return m.tooWide || m.needed > m.available + 0.5;
}

/**
 * Measure every slide (`section`) on the page: the distance from the top of its first in-flow
 * child to the bottom of its last, margins included, against its height inside the padding.
 * Absolutely placed parts (footer, page number) are not content. Offsets are layout values, so
 * the SVG's scaling on screen does not change them.
 */
export async function measureSlides(page: Page): Promise<Measured[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('div.marpit > svg > foreignObject > section')].map((section) => {
      const el = section as HTMLElement;
      const style = getComputedStyle(el);
      const available = el.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
      let top = Infinity;
      let bottom = -Infinity;
      let tooWide = false;
      let last = 0;
      let lastChild: HTMLElement | undefined;
      for (const child of [...el.children] as HTMLElement[]) {
        const cs = getComputedStyle(child);
        if (cs.position === 'absolute' || cs.position === 'fixed' || cs.display === 'none' || child.tagName === 'SCRIPT') continue;
        top = Math.min(top, child.offsetTop - parseFloat(cs.marginTop));
        bottom = Math.max(bottom, child.offsetTop + child.offsetHeight + parseFloat(cs.marginBottom));
        last = child.offsetHeight + parseFloat(cs.marginTop) + parseFloat(cs.marginBottom);
        lastChild = child;
        if (child.scrollWidth > child.clientWidth + 1) tooWide = true;
      }
      const needed = bottom > top ? bottom - top : 0;
      const code = lastChild?.tagName === 'PRE' ? lastChild.querySelector('code') : null;
      if (!code) return { needed, available, tooWide, last };
      // The rows each source line takes: the distinct tops of its text's boxes (a long line wraps).
      const range = document.createRange();
      const height = (code as HTMLElement).offsetHeight;
      // Highlighted code (Shiki, src/deck/code.ts) has one block `.line` element a line, and no
      // newlines between them: measure each element.
      const lineElements = [...code.children].filter((c) => c.classList.contains('line'));
      if (lineElements.length) {
        const lineRows = lineElements.map((line) => {
          range.selectNodeContents(line);
          return Math.max(1, new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size);
        });
        const total = lineRows.reduce((a, b) => a + b, 0);
        return { needed, available, tooWide, last, code: { lineRows, rowHeight: total ? height / total : height, height } };
      }
      const nodes: { node: Text; start: number }[] = [];
      let length = 0;
      const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        nodes.push({ node: n as Text, start: length });
        length += (n as Text).data.length;
      }
      const text = nodes.map((t) => t.node.data).join('').replace(/\n$/, '');
      const lineRows: number[] = [];
      let start = 0;
      for (const line of text.split('\n')) {
        let rows = 1;
        if (line.length && nodes.length) {
          // No helper function here: the code runs in the page, where a bundler's helpers do not exist.
          let from = nodes[0]!;
          let to = nodes[0]!;
          for (const t of nodes) {
            if (t.start <= start) from = t;
            if (t.start <= start + line.length) to = t;
          }
          range.setStart(from.node, Math.min(start - from.start, from.node.data.length));
          range.setEnd(to.node, Math.min(start + line.length - to.start, to.node.data.length));
          rows = Math.max(1, new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size);
        }
        lineRows.push(rows);
        start += line.length + 1;
      }
      const total = lineRows.reduce((a, b) => a + b, 0);
      return { needed, available, tooWide, last, code: { lineRows, rowHeight: total ? height / total : height, height } };
    }),
  );
}

/**
 * The share of a slide's last part (its code or table) that fits beside the rest, from 0 to 1:
 * a code block or table is cut where the slide is full, not in half, so its parts fill slides.
 */
export function fillShare(m: Measured): number | undefined {
  if (!m.last || m.last <= 0) return undefined;
  const room = m.available - (m.needed - m.last);
  return Math.max(0, Math.min(1, room / m.last));
}

/**
 * How many of a code slide's lines fit on it as laid out, keeping two rows for the "continues"
 * mark the first part gets; undefined when the slide holds no code.
 */
export function codeLinesThatFit(m: Measured, slide: Slide): number | undefined {
  if (!m.code || m.code.rowHeight <= 0) return undefined;
  let rows = Math.floor((m.available - (m.needed - m.code.height)) / m.code.rowHeight) - (slide.continues ? 0 : 2);
  let lines = 0;
  for (const r of m.code.lineRows) {
    if (rows < r) break;
    rows -= r;
    lines++;
  }
  return lines;
}

/**
 * Split a slide's text in two at the whole sentence or list item nearest its middle: the first
 * part keeps the heading and says it continues; the second repeats the heading, says it is
 * continued, and keeps what closes the slide (attribution, credits, link). Undefined when there
 * is only one sentence or item to show. Code is cut at a line boundary where the slide is full
 * (`hint.codeLines` fit), a table at the row where it is full (`hint.share` of it fits), else in
 * the middle.
 */
export function splitSlide(slide: Slide, hint: { codeLines?: number; share?: number } = {}): [Slide, Slide] | undefined {
  const fill = hint.share;
  const first: Slide = { ...slide, shrink: 0, continues: true, attribution: undefined, credits: undefined, link: undefined };
  const second: Slide = { ...slide, shrink: 0, continued: true };
  if (slide.body && slide.body.length > 1) {
    const at = middle(slide.body.map(wordCount));
    return [{ ...first, body: slide.body.slice(0, at) }, { ...second, body: slide.body.slice(at) }];
  }
  if (slide.code && slide.code.lines.length > 1) {
    const at = codeBreak(slide.code.lines, hint.codeLines);
    return [
      // The blank line the cut follows is not shown at the foot of the first part.
      { ...first, code: { ...slide.code, lines: trimEnd(slide.code.lines.slice(0, at)) } },
      { ...second, code: { ...slide.code, lines: trimStart(slide.code.lines.slice(at)) } },
    ];
  }
  if (slide.table && slide.table.rows.length > 1) {
    const rows = slide.table.rows.length;
    // The header row takes a share of the height too.
    const at = fill === undefined ? Math.ceil(rows / 2) : Math.min(rows - 1, Math.max(1, Math.floor(fill * (rows + 1)) - 1));
    return [
      { ...first, table: { ...slide.table, rows: slide.table.rows.slice(0, at) } },
      { ...second, table: { ...slide.table, rows: slide.table.rows.slice(at) } },
    ];
  }
  if (slide.items && slide.items.length > 1) {
    const at = Math.ceil(slide.items.length / 2);
    const start = slide.itemsStart ?? 1;
    return [{ ...first, items: slide.items.slice(0, at) }, { ...second, items: slide.items.slice(at), itemsStart: start + at }];
  }
  const sentences = slide.quote?.flatMap((p, pi) => p.map((s) => ({ s, pi }))) ?? [];
  if (sentences.length > 1) {
    const at = middle(sentences.map(({ s }) => wordCount(s)));
    const regroup = (part: typeof sentences) => {
      const out: string[][] = [];
      let last = -1;
      for (const { s, pi } of part) {
        if (pi !== last) out.push([]);
        out.at(-1)!.push(s);
        last = pi;
      }
      return out;
    };
    return [
      { ...first, quote: regroup(sentences.slice(0, at)), cutAfter: false },
      { ...second, quote: regroup(sentences.slice(at)), cutBefore: false },
    ];
  }
  return undefined;
}

/**
 * Where to split code between two slides, at a line boundary: the first part takes the lines
 * that fit (`fit`; half without it), and ends where a reader would pause, after a blank line or
 * before a line that starts at the margin (a new function, say) but closes nothing, when one lies
 * in its last 60 % (a short slide reads better than a function cut in two).
 */
export function codeBreak(lines: string[], fit?: number): number {
  const at = Math.min(lines.length - 1, Math.max(1, fit ?? Math.ceil(lines.length / 2)));
  const pause = (i: number) => lines[i - 1]!.trim() === '' || /^[^\s}\])]/.test(lines[i]!);
  for (let i = at; i >= Math.max(1, Math.ceil(at * 0.4)); i--) if (pause(i)) return i;
  return at;
}

function trimStart(lines: string[]): string[] {
  let start = 0;
  while (start < lines.length - 1 && lines[start]!.trim() === '') start++;
  return lines.slice(start);
}

function trimEnd(lines: string[]): string[] {
  let end = lines.length;
  while (end > 1 && lines[end - 1]!.trim() === '') end--;
  return lines.slice(0, end);
}

/** The index that splits a list of word counts nearest half the words, never leaving a side empty. */
function middle(counts: number[]): number {
  const total = counts.reduce((a, b) => a + b, 0);
  let best = 1;
  let bestGap = Infinity;
  let sum = 0;
  for (let i = 1; i < counts.length; i++) {
    sum += counts[i - 1]!;
    const gap = Math.abs(total / 2 - sum);
    if (gap < bestGap) {
      best = i;
      bestGap = gap;
    }
  }
  return best;
}
