import type JSZipType from 'jszip';
import type * as pptxgenjs from 'pptxgenjs';
import type { SlideCapture, TextBox } from './capture.js';
import type { Deck } from './slides.js';

export interface PptxProperties {
  title: string;
  author?: string;
  subject?: string;
  /** The site the guide belongs to: PowerPoint's "Company". */
  company?: string;
  lang: string;
  /** Creation and modification date written into the file (the build's date, so builds repeat). */
  date: Date;
}

// The package's types describe a CommonJS module whose `default` is the class, while Node loads its
// ES module, whose default export is the class itself: take the class from wherever it is.
// Both are loaded on first use: a build without PowerPoint output does not pay for them.
type PptxGenJSClass = typeof pptxgenjs.default.default;
async function loadPptxGenJS(): Promise<PptxGenJSClass> {
  const loaded = (await import('pptxgenjs')).default as unknown as PptxGenJSClass | { default: PptxGenJSClass };
  return 'default' in loaded ? loaded.default : loaded;
}
async function loadJSZip(): Promise<typeof JSZipType> {
  return (await import('jszip')).default;
}
type PptxSlide = pptxgenjs.default.Slide;
type PptxTextProps = pptxgenjs.default.TextProps;

// A slide is 1280 × 720 CSS px and a 16:9 PowerPoint slide 13.333 × 7.5 in: 96 px an inch, 72 pt an inch.
const inch = (px: number) => px / 96;
const pt = (px: number) => px * 0.75;

/**
 * deck.pptx: one 16:9 slide per slide of the deck. A slide made of text becomes editable text boxes
 * where Chromium set the text, in the theme's fonts, sizes and colours, laid on a picture of the
 * slide's decoration (bars, backgrounds, quotation marks, page number); any other slide is a picture
 * of itself. The speaker notes go in PowerPoint's notes. Fonts are named, not embedded (PPTX has no
 * portable way): each run names the theme's face and says whether it is a serif or a sans, so a
 * viewer without the face substitutes one of the same kind.
 */
export async function writePptx(deck: Deck, captures: SlideCapture[], props: PptxProperties): Promise<Uint8Array> {
  if (captures.length !== deck.slides.length) throw new TypeError(`${captures.length} captured slides for ${deck.slides.length}`);
  const PptxGenJS = await loadPptxGenJS();
  const pres = new PptxGenJS();
  pres.layout = 'LAYOUT_WIDE';
  pres.title = props.title;
  if (props.author) pres.author = props.author;
  if (props.subject) pres.subject = props.subject;
  if (props.company) pres.company = props.company;
  const png = (data: Uint8Array) => `image/png;base64,${Buffer.from(data).toString('base64')}`;

  deck.slides.forEach((slide, i) => {
    const capture = captures[i]!;
    const out = pres.addSlide();
    if (capture.boxes && capture.background) {
      out.background = { data: png(capture.background) };
      for (const box of capture.boxes) addTextBox(out, box, props.lang);
    } else {
      out.addImage({ data: png(capture.picture!), x: 0, y: 0, w: inch(1280), h: inch(720), altText: `Slide ${i + 1}` });
    }
    if (slide.notes.length) out.addNotes(slide.notes.join('\n\n'));
  });

  const written = (await pres.write({ outputType: 'uint8array', compression: true })) as Uint8Array;
  const kinds = new Map(captures.flatMap((c) => c.boxes ?? []).flatMap((b) => b.runs).map((r) => [r.font, r.generic] as const));
  return settle(written, props.date, kinds);
}

function addTextBox(slide: PptxSlide, box: TextBox, lang: string): void {
  const first = box.runs[0];
  if (!first) return;
  // The marker of a numbered list hangs left of the item's box, as the browser draws it.
  const indent = box.listNumber === undefined ? 0 : Math.min(box.x, first.size * 1.5);
  // A viewer without the theme's faces sets wider text: a little room keeps its lines as they break here.
  const slack = box.align === 'left' && !box.nowrap ? Math.min(box.w * 0.04, 1280 - (box.x + box.w)) : 0;
  const runs: PptxTextProps[] = box.runs.map((run, i) => ({
    text: run.text,
    options: {
      fontFace: run.font,
      fontSize: pt(run.size),
      bold: run.bold,
      italic: run.italic,
      color: run.color,
      ...(run.alpha < 1 ? { transparency: Math.round((1 - run.alpha) * 100) } : {}),
      ...(run.letterSpacing ? { charSpacing: pt(run.letterSpacing) } : {}),
      ...(run.url ? { hyperlink: { url: run.url } } : {}),
      // pptxgenjs ends a paragraph after a run with `breakLine`: that is where a <br> was.
      ...(box.runs[i + 1]?.breakBefore ? { breakLine: true } : {}),
    },
  }));
  slide.addText(runs, {
    x: inch(box.x - indent),
    y: inch(box.y),
    w: inch(box.w + indent + slack),
    h: inch(box.h),
    margin: 0,
    valign: 'top',
    align: box.align,
    lineSpacing: pt(box.lineHeight),
    wrap: !box.nowrap,
    fit: 'none',
    lang,
    // The box's own look is its first run's: what text typed into it after an edit takes.
    fontFace: first.font,
    fontSize: pt(first.size),
    color: first.color,
    bold: first.bold,
    italic: first.italic,
    ...(box.listNumber === undefined ? {} : { bullet: { type: 'number', numberStartAt: box.listNumber, indent: pt(indent) } }),
  });
}

/**
 * The written file made repeatable and its fonts given a kind: the document's dates are `date`
 * (pptxgenjs writes the time of the run) and every entry of the zip carries it too; a run in a
 * serif face says so (pptxgenjs marks every face as a sans), which is what a viewer that lacks the
 * face goes by when it picks another.
 */
async function settle(pptx: Uint8Array, date: Date, kinds: Map<string, 'serif' | 'sans' | 'mono'>): Promise<Uint8Array> {
  // OOXML's pitch-and-family byte: variable pitch (2) with the roman (16) or modern fixed-pitch (48+1) family.
  const pitch = { serif: '18', sans: '34', mono: '49' };
  const JSZip = await loadJSZip();
  const zip = await JSZip.loadAsync(pptx);
  const out = new JSZip();
  const iso = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  for (const [name, entry] of Object.entries(zip.files)) {
    if (entry.dir) continue;
    let data: Uint8Array | string = await entry.async('uint8array');
    if (name === 'docProps/core.xml') {
      data = Buffer.from(data).toString('utf8').replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*/g, `$1${iso}`);
    } else if (/^ppt\/slides\/slide\d+\.xml$/.test(name)) {
      data = Buffer.from(data).toString('utf8').replace(/(typeface="([^"]*)") pitchFamily="34"/g, (_all, attr: string, face: string) => `${attr} pitchFamily="${pitch[kinds.get(face) ?? 'sans']}"`);
    } else if (/^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(name)) {
      data = notesParagraphs(Buffer.from(data).toString('utf8'));
    }
    // No folder entries of JSZip's own: they would carry the time of the run.
    out.file(name, data, { date, createFolders: false });
  }
  return out.generateAsync({ type: 'uint8array', compression: 'DEFLATE', mimeType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation' });
}

/**
 * pptxgenjs writes the notes as one run, line breaks and all, which PowerPoint shows as one
 * paragraph: give each paragraph of the notes a paragraph of its own.
 */
function notesParagraphs(xml: string): string {
  return xml.replace(/<a:p><a:r>(<a:rPr[^>]*\/>)<a:t>([^<]*\n[^<]*)<\/a:t><\/a:r>/g, (_all, props: string, text: string) => {
    const parts = text.split(/\r?\n/).filter((p) => p.trim() !== '');
    const last = parts.pop() ?? '';
    return `${parts.map((p) => `<a:p><a:r>${props}<a:t>${p}</a:t></a:r></a:p>`).join('')}<a:p><a:r>${props}<a:t>${last}</a:t></a:r>`;
  });
}
