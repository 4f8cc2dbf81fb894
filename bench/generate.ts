/**
 * A large book for the benchmark, written from a template: `guides` guides of about `words` words
 * each, in chapters of ten, each with headings, an epigraph, practices, footnotes, links to other
 * guides and to the web, and an image (relative or from static/). The text is made from a fixed
 * set of sentences with a seeded generator, so every run benchmarks the same book.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

const sentences = [
  'The team had shipped the first version in six weeks, and nobody had written down why it was built the way it was.',
  'A design review is most useful before the design is finished, while changing it is still cheap.',
  'Every migration has a long tail, and the last ten percent of it takes as long as the first ninety.',
  'Staff engineers spend more of their week writing than most of them expected when they took the role.',
  'The cost of a decision that nobody remembers making is paid every time someone has to make it again.',
  'Good documents are short, specific and easy to disagree with, which is what makes them useful.',
  'When two teams own halves of the same problem, the problem tends to fall into the gap between them.',
  'The most reliable way to learn what slows a team down is to ask the people on it, one at a time.',
  'An incident review that looks for someone to blame teaches the organization to hide its mistakes.',
  'Sponsorship happens in rooms you are not in, which is why it is easy to overlook and hard to replace.',
  'A strategy should make the next five decisions faster and more consistent than the last five.',
  'Technical debt is not a moral failing; it is a loan that was sensible when it was taken out.',
  'The hardest part of a cross-team project is rarely the code, and almost always the calendar.',
  'Metrics that nobody looks at are worse than none, because they give the feeling of being measured.',
  'New hires notice what everyone else has stopped seeing, and that lasts about ninety days.',
  'A platform earns its users by being the easiest way to do the right thing, not the only way.',
  'Saying no to a project is a decision too, and it deserves the same care as saying yes.',
  'Most outages begin as a small change that someone believed was too small to review.',
  'Writing a decision down turns an argument between people into a discussion about a document.',
  'The quiet work of keeping a system healthy is invisible until the day it stops being done.',
];
const headings = ['Where it starts', 'The first decision', 'Working across teams', 'What to measure', 'When it goes wrong', 'Growing others', 'What comes next', 'A note on writing'];
const words = (s: string) => s.split(/\s+/).length;

/** Mulberry32: a small seeded generator, so the book is the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Generated {
  contentDir: string;
  guides: number;
  words: number;
  images: number;
}

export function generateBook(dir: string, options = { guides: 60, words: 2000 }): Generated {
  const contentDir = join(dir, 'content');
  mkdirSync(join(contentDir, 'guides/img'), { recursive: true });
  mkdirSync(join(contentDir, 'static/images'), { recursive: true });
  const next = random(42);
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)]!;
  const slug = (i: number) => `guide-${String(i + 1).padStart(2, '0')}`;
  let total = 0;
  let images = 0;

  for (let i = 0; i < options.guides; i++) {
    const ownImage = i % 2 === 0;
    writePng(ownImage ? join(contentDir, `guides/img/${slug(i)}.png`) : join(contentDir, `static/images/${slug(i)}.png`), i);
    images += 1;
    const body: string[] = [`> ${pick(sentences)}\n>\n> — Speaker ${i + 1}`];
    let count = 0;
    let section = 0;
    while (count < options.words) {
      if (count > 0 && count / 420 > section) {
        body.push(`## ${headings[section % headings.length]!}`);
        section += 1;
      }
      const paragraph = Array.from({ length: 4 + Math.floor(next() * 4) }, () => pick(sentences)).join(' ');
      count += words(paragraph);
      body.push(paragraph);
      if (section === 1 && body.length === 4) {
        body.push(`![Figure for guide ${i + 1}](${ownImage ? `img/${slug(i)}.png` : `/images/${slug(i)}.png`})`);
        body.push(`See also [the guide before](/guides/${slug((i + options.guides - 1) % options.guides)}), [the one after](${slug((i + 1) % options.guides)}.md) and [the field notes](https://example.org/notes/${i + 1}).[^${i}]`);
      }
      if (section === 2 && !body.some((b) => b.startsWith('There are three practices'))) {
        body.push('There are three practices that help:');
        body.push([1, 2, 3].map((n) => `${n}. ${pick(sentences)} ${pick(sentences)}`).join('\n'));
        count += 60;
      }
    }
    body.push(`[^${i}]: ${pick(sentences)}`);
    total += count;
    const front = `---\ntitle: "Guide ${i + 1}: ${headings[i % headings.length]}"\nurl: /guides/${slug(i)}\nauthor: Author ${(i % 7) + 1}\nsite: Bench Guides\nsource: https://bench.example.org/guides/${slug(i)}\nlang: en\n---\n\n`;
    writeFileSync(join(contentDir, `guides/${slug(i)}.md`), front + body.join('\n\n') + '\n');
  }

  const chapters = Array.from({ length: Math.ceil(options.guides / 10) }, (_, c) =>
    `  - title: Part ${c + 1}\n    sections:\n` +
    Array.from({ length: Math.min(10, options.guides - c * 10) }, (_, s) => `      - slug: ${slug(c * 10 + s)}\n`).join(''),
  );
  writeFileSync(join(contentDir, 'book.yaml'), `title: The benchmark book\nauthor: guidepress\nbaseUrl: https://bench.example.org\nchapters:\n${chapters.join('')}`);
  return { contentDir, guides: options.guides, words: total, images };
}

/** A small real PNG (240 x 160, stripes whose angle differs per guide). */
function writePng(path: string, seed: number): void {
  const w = 240;
  const h = 160;
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const on = Math.floor((x + y * ((seed % 5) - 2)) / 12) % 2 === 0;
      raw.set(on ? [29, 92, 122] : [238, 244, 247], y * (w * 3 + 1) + 1 + x * 3);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  writeFileSync(path, Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]));
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}
