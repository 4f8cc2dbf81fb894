/**
 * Reading a PPTX back, for tests: it is a zip of XML parts (JSZip, which pptxgenjs writes with).
 * The text of each slide by paragraph, the notes of each slide, the document properties.
 */
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';

export interface PptxRead {
  /** Per slide, in order: the text of each paragraph (`<a:p>`) of its shapes. */
  slides: string[][];
  /** Per slide: its notes' text, paragraphs joined by blank lines. */
  notes: string[];
  /** Per slide: how many pictures it places (`<p:pic>`) and whether its background is a picture. */
  pictures: number[];
  pictureBackground: boolean[];
  core: { title?: string; creator?: string; subject?: string; created?: string };
  /** The slide size, in EMU (914400 an inch). */
  size: { cx: number; cy: number };
  /** The typefaces the slides' runs name, with their pitch-and-family. */
  faces: Map<string, string>;
  entries: string[];
}

const unxml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

function paragraphs(xml: string): string[] {
  return [...xml.matchAll(/<a:p>([\s\S]*?)<\/a:p>/g)]
    .map((p) => [...p[1]!.matchAll(/<a:t>([\s\S]*?)<\/a:t>/g)].map((t) => unxml(t[1]!)).join(''))
    .filter((text) => text.trim() !== '');
}

export async function readPptx(path: string): Promise<PptxRead> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const text = (name: string) => zip.file(name)?.async('string') ?? Promise.resolve('');
  const count = Object.keys(zip.files).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n)).length;
  const presentation = await text('ppt/presentation.xml');
  const size = /<p:sldSz cx="(\d+)" cy="(\d+)"/.exec(presentation);
  const out: PptxRead = {
    slides: [], notes: [], pictures: [], pictureBackground: [], core: {}, faces: new Map(), entries: Object.keys(zip.files),
    size: { cx: Number(size?.[1]), cy: Number(size?.[2]) },
  };
  for (let i = 1; i <= count; i++) {
    const slide = await text(`ppt/slides/slide${i}.xml`);
    out.slides.push(paragraphs(slide));
    out.pictures.push((slide.match(/<p:pic>/g) ?? []).length);
    out.pictureBackground.push(/<p:bg>[\s\S]*<a:blip\b[\s\S]*<\/p:bg>/.test(slide));
    for (const m of slide.matchAll(/<a:latin typeface="([^"]*)"(?: pitchFamily="(\d+)")?/g)) out.faces.set(m[1]!, m[2] ?? '');
    // A slide's notes part is named in its relationships (notesSlideN need not be slide N's).
    const rels = await text(`ppt/slides/_rels/slide${i}.xml.rels`);
    const notes = /Target="\.\.\/notesSlides\/(notesSlide\d+\.xml)"/.exec(rels)?.[1];
    const notesXml = notes ? await text(`ppt/notesSlides/${notes}`) : '';
    // The notes page holds the slide's image placeholder and the notes body: the body's paragraphs.
    const body = [...notesXml.matchAll(/<p:sp>[\s\S]*?<\/p:sp>/g)].map((m) => m[0]).find((sp) => /<p:ph type="body"/.test(sp)) ?? '';
    out.notes.push(paragraphs(body).join('\n\n'));
  }
  const core = await text('docProps/core.xml');
  const field = (tag: string) => {
    const m = new RegExp(`<${tag}[^>]*>([\\s\\S]*?)</${tag}>`).exec(core);
    return m ? unxml(m[1]!) : undefined;
  };
  out.core = { title: field('dc:title'), creator: field('dc:creator'), subject: field('dc:subject'), created: field('dcterms:created') };
  return out;
}
