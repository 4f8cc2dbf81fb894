import type { Page } from 'puppeteer';

/** One run of text with one look, as Chromium set it on the slide. */
export interface TextRun {
  text: string;
  /** The first named family of the CSS font stack (`Source Serif 4`), and what kind of face it is. */
  font: string;
  generic: 'serif' | 'sans' | 'mono';
  /** CSS px. */
  size: number;
  bold: boolean;
  italic: boolean;
  /** `RRGGBB`, and how opaque (0..1). */
  color: string;
  alpha: number;
  /** CSS px between letters. */
  letterSpacing: number;
  url?: string;
  /** A line break (`<br>`) before this run. */
  breakBefore?: boolean;
}

/** A block of text on a slide (a heading, a paragraph, a list item, the footer) where Chromium put it. */
export interface TextBox {
  /** Position and size in CSS px inside the 1280 × 720 slide. */
  x: number;
  y: number;
  w: number;
  h: number;
  align: 'left' | 'center' | 'right' | 'justify';
  /** CSS px from one baseline to the next. */
  lineHeight: number;
  /** The text may not wrap (`white-space: nowrap`: the footer). */
  nowrap: boolean;
  /** The item's number when the list shows its own markers. */
  listNumber?: number;
  runs: TextRun[];
}

/** What the deck's exports need from one slide of the rendered deck. */
export interface SlideCapture {
  /** The slide's text boxes; undefined when the slide holds what text boxes cannot carry (a picture, code, a diagram). */
  boxes?: TextBox[];
  /** The slide as it prints: PNG at `scale` times 1280 × 720; taken when asked for (`captureSlides`). */
  picture?: Uint8Array;
  /** The slide with its text made transparent (decoration only), PNG: what the text boxes are laid on. */
  background?: Uint8Array;
  /** The slide's `<svg>` (Marp's inline SVG), for documents that show the slide as vectors. */
  svg: string;
  /** The slide as a JPEG at the same size, when `captureSlides` was asked for one. */
  jpeg?: Uint8Array;
}

/** Kinds of slide whose every part is text (or decoration): they become text boxes in the PPTX. */
export const textKinds = ['title', 'epigraph', 'quote', 'overview', 'practice', 'section', 'closing'];

/** Elements a text box cannot carry: a slide with one of them is exported as a picture. */
const pictureOnly = 'img, svg, pre, table, video, canvas, iframe, object, picture, math, figure, .katex, .mermaid';

/**
 * CSS that leaves a slide's decoration and takes its text away: everything inside the section, not
 * the section itself, so its page number (`section::after`) stays. A pseudo-element with its own
 * colour (a quotation mark, a list's number disc) stays too; `-webkit-text-fill-color`, which
 * they would inherit, is not used.
 */
const hideText = `div.marpit > svg > foreignObject > section * {
  color: transparent !important; text-shadow: none !important;
}`;

export interface CaptureOptions {
  scale: number;
  /** Each slide's kind: those of `textKinds` can be text boxes. */
  kinds: string[];
  /**
   * Which pictures to take: of `all` the slides (slide images), what the PowerPoint needs (`pptx`:
   * text boxes and the decoration under them, a picture of the slides that cannot be text), or
   * `none` (the SVGs alone, for the speaker's notes). Each picture of a 1920 × 1080 slide costs
   * about 60 ms of Chromium's time.
   */
  pictures: 'all' | 'pptx' | 'none';
  /** Also a JPEG of every slide (with `pictures: 'all'`). */
  jpeg?: boolean;
}

/**
 * Read the slides of the deck loaded in `page` (the fitted deck): each slide's text boxes, a
 * picture of it and of its decoration alone, and its SVG. The page is laid out with print styles,
 * so each slide is exactly 1280 × 720 CSS px as in the PDF, and pictured at `scale` (1.5 gives
 * 1920 × 1080). For pictures, `page` must be drawn: one of `withFrontPage`, the deck set in it there.
 */
export async function captureSlides(page: Page, options: CaptureOptions): Promise<SlideCapture[]> {
  await page.emulateMediaType('print');
  try {
    const rects = await page.evaluate(() =>
      [...document.querySelectorAll('div.marpit > svg')].map((svg) => {
        const r = svg.getBoundingClientRect();
        return { x: r.left + window.scrollX, y: r.top + window.scrollY, svg: svg.outerHTML };
      }),
    );
    if (options.pictures === 'none') return rects.map((r) => ({ svg: r.svg }));
    const pptx = options.pictures === 'pptx';
    const boxes = await readTextBoxes(page, pictureOnly);
    const shoot = async (x: number, y: number, type: 'png' | 'jpeg' = 'png') =>
      page.screenshot({ type, ...(type === 'jpeg' ? { quality: 90 } : {}), clip: { x, y, width: 1280, height: 720, scale: options.scale }, captureBeyondViewport: true });
    // (A slide with no boxes comes back from the page as null: JSON has no undefined.)
    const mapped = rects.map((_, i) => (textKinds.includes(options.kinds[i] ?? '') ? (boxes[i] ?? undefined) : undefined));
    {
      const pictures: (Uint8Array | undefined)[] = [];
      // The PowerPoint shows a slide that is text boxes over its decoration: it needs no picture of it.
      for (const [i, r] of rects.entries()) pictures.push(pptx && mapped[i] ? undefined : await shoot(r.x, r.y));
      const jpegs: Uint8Array[] = [];
      if (options.jpeg) for (const r of rects) jpegs.push(await shoot(r.x, r.y, 'jpeg'));
      const backgrounds: (Uint8Array | undefined)[] = [];
      const style = await page.addStyleTag({ content: hideText });
      for (const [i, r] of rects.entries()) backgrounds.push(mapped[i] ? await shoot(r.x, r.y) : undefined);
      await style.evaluate((el) => el.remove());
      return rects.map((r, i) => ({ boxes: mapped[i], picture: pictures[i], background: backgrounds[i], svg: r.svg, jpeg: jpegs[i] }));
    }
  } finally {
    await page.emulateMediaType();
  }
}

/**
 * Every slide's blocks of text (the innermost elements that hold text and lay it out as a block),
 * with their runs; undefined for a slide that holds an element of `pictureOnly`. Positions are
 * layout offsets inside the section, so the SVG's scale on the page does not change them.
 */
async function readTextBoxes(page: Page, pictureOnlySelector: string): Promise<(TextBox[] | undefined)[]> {
  // The function below names inner functions; a compiler that keeps names (tsx, the tests') wraps
  // them in a `__name` helper the page does not have.
  await page.evaluate('globalThis.__name ??= (fn) => fn');
  return page.evaluate((pictureOnlySelector: string) => {
    const hex = (css: string): { color: string; alpha: number } => {
      const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(css);
      if (!m) return { color: '000000', alpha: 1 };
      const part = (v: string) => Math.round(Number(v)).toString(16).padStart(2, '0').toUpperCase();
      return { color: part(m[1]!) + part(m[2]!) + part(m[3]!), alpha: m[4] === undefined ? 1 : Number(m[4]) };
    };
    const systemNames = new Set(['-apple-system', 'blinkmacsystemfont', 'system-ui', 'ui-sans-serif', 'ui-serif', 'ui-monospace', 'emoji', 'math', 'fangsong']);
    const family = (stack: string) => {
      const names = stack.split(',').map((n) => n.trim().replace(/^["']|["']$/g, ''));
      const generic = names.includes('monospace') ? 'mono' : names.includes('serif') && !names.includes('sans-serif') ? 'serif' : 'sans';
      const named = names.find((n) => !systemNames.has(n.toLowerCase()) && !['serif', 'sans-serif', 'monospace', 'cursive', 'fantasy'].includes(n));
      const fallback = generic === 'serif' ? 'Georgia' : generic === 'mono' ? 'Courier New' : 'Arial';
      return { font: (named ?? fallback).replace(/["<>&]/g, ''), generic: generic as 'serif' | 'sans' | 'mono' };
    };
    const transform = (text: string, how: string) => (how === 'uppercase' ? text.toUpperCase() : how === 'lowercase' ? text.toLowerCase() : text);
    const isBlock = (el: Element) => {
      const display = getComputedStyle(el).display;
      return display !== 'none' && !display.startsWith('inline') && display !== 'contents';
    };
    // Relative to the section and undone of the SVG's scale (print styles make it 1: belt and braces).
    const offset = (el: HTMLElement, section: HTMLElement) => {
      const s = section.getBoundingClientRect();
      const r = el.getBoundingClientRect();
      const k = s.width / section.offsetWidth || 1;
      return { x: (r.left - s.left) / k, y: (r.top - s.top) / k };
    };
    // A pseudo-element's text that reads as part of the block (" · continued"): in flow, in the block's own colour.
    const pseudo = (el: Element, which: '::before' | '::after') => {
      const cs = getComputedStyle(el, which);
      const m = /^"(.*)"$/.exec(cs.content);
      if (!m || cs.position === 'absolute' || cs.display === 'block' || cs.color !== getComputedStyle(el).color) return '';
      return transform(m[1]!.replace(/\\"/g, '"'), cs.textTransform);
    };
    return [...document.querySelectorAll('div.marpit > svg > foreignObject > section')].map((node) => {
      const section = node as HTMLElement;
      if (section.querySelector(pictureOnlySelector)) return undefined;
      const blocks = [...section.querySelectorAll('*')].filter(
        (el) => el.tagName !== 'SCRIPT' && el.tagName !== 'STYLE' && isBlock(el) && (el.textContent ?? '').trim() !== '',
      );
      const leaves = blocks.filter((el) => !blocks.some((other) => other !== el && el.contains(other)));
      return leaves.map((leaf): TextBox => {
        const el = leaf as HTMLElement;
        const cs = getComputedStyle(el);
        const runs: TextRun[] = [];
        const style = (of: Element) => {
          const s = getComputedStyle(of);
          return {
            ...family(s.fontFamily),
            size: parseFloat(s.fontSize),
            bold: Number(s.fontWeight) >= 600,
            italic: s.fontStyle === 'italic' || s.fontStyle.startsWith('oblique'),
            ...hex(s.color),
            letterSpacing: s.letterSpacing === 'normal' ? 0 : parseFloat(s.letterSpacing),
            url: (of.closest('a') as HTMLAnchorElement | null)?.href || undefined,
          };
        };
        const before = pseudo(el, '::before');
        if (before) runs.push({ text: before, ...style(el) });
        let breakNext = false;
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          if (n.nodeType === Node.ELEMENT_NODE) {
            if ((n as Element).tagName === 'BR') breakNext = true;
            continue;
          }
          const parent = n.parentElement!;
          // Soft hyphens are the deck's line-breaking hints: an editor shows them as characters.
          const text = transform((n.nodeValue ?? '').replace(/\u00ad/g, '').replace(/\s+/g, ' '), getComputedStyle(parent).textTransform);
          if (!text) continue;
          runs.push({ text, ...style(parent), ...(breakNext ? { breakBefore: true } : {}) });
          breakNext = false;
        }
        const after = pseudo(el, '::after');
        if (after) runs.push({ text: after, ...style(el) });
        if (runs.length) {
          runs[0]!.text = runs[0]!.text.trimStart();
          runs[runs.length - 1]!.text = runs[runs.length - 1]!.text.trimEnd();
        }
        const item = el.closest('li');
        let listNumber: number | undefined;
        if (item && getComputedStyle(item).listStyleType !== 'none' && item.parentElement?.tagName === 'OL') {
          const list = item.parentElement as HTMLOListElement;
          listNumber = (list.start || 1) + [...list.children].indexOf(item);
        }
        // The text box is the block's content box: padding (room for a number disc) is decoration.
        const { x, y } = offset(el, section);
        const padLeft = parseFloat(cs.paddingLeft) + parseFloat(cs.borderLeftWidth);
        const padTop = parseFloat(cs.paddingTop) + parseFloat(cs.borderTopWidth);
        const padX = padLeft + parseFloat(cs.paddingRight) + parseFloat(cs.borderRightWidth);
        const padY = padTop + parseFloat(cs.paddingBottom) + parseFloat(cs.borderBottomWidth);
        const lineHeight = cs.lineHeight === 'normal' ? parseFloat(cs.fontSize) * 1.2 : parseFloat(cs.lineHeight);
        const align = cs.textAlign === 'center' || cs.textAlign === 'right' || cs.textAlign === 'justify' ? cs.textAlign : 'left';
        return { x: x + padLeft, y: y + padTop, w: el.offsetWidth - padX, h: el.offsetHeight - padY, align, lineHeight, nowrap: cs.whiteSpace === 'nowrap', listNumber, runs };
      });
    });
  }, pictureOnlySelector);
}
