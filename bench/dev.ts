/**
 * The dev server's loop, timed (issue 10's targets): a one-word edit of a guide on disk to the
 * reloaded handout HTML in an open page (median <= 150 ms), and to the rewritten handout PDF
 * (median <= 1 s). The dev server runs in this process with its own warm browser; the page is
 * opened in a second browser with JavaScript on, as the author's would be.
 *
 *   node --import tsx bench/dev.ts [RUNS] [CONTENT_DIR]     (default: 7 runs on content/)
 *
 * `npm run bench` imports `measureDev`.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchBrowser } from '../src/browser.js';
import { resolveConfig } from '../src/config.js';
import { findGuides } from '../src/content/find.js';
import { dev } from '../src/dev/index.js';
import { BrowserSession } from '../src/session.js';

export interface DevMeasurement {
  runs: number;
  /** Edit written to disk -> the open handout page shows it. */
  htmlMedianMs: number;
  /** Edit written to disk -> handout.pdf renamed into place. */
  pdfMedianMs: number;
  htmlMs: number[];
  pdfMs: number[];
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/**
 * Time `runs` one-word edits of the first guide of a copy of `contentDir` (after one warm-up edit),
 * each once the rebuild before it has ended. Handouts only, as the targets are about the handout.
 */
export async function measureDev(options: { contentDir?: string; runs?: number } = {}): Promise<DevMeasurement> {
  const runs = options.runs ?? 7;
  const work = mkdtempSync(join(tmpdir(), 'gp-bench-dev-'));
  const contentDir = join(work, 'content');
  cpSync(resolve(options.contentDir ?? 'content'), contentDir, { recursive: true });
  const [guide] = await findGuides(contentDir);
  if (!guide) throw new Error(`No guide in ${contentDir}`);
  const original = readFileSync(guide.path, 'utf8');
  // The first paragraph's first word after the front matter: a word every handout prints.
  const body = original.indexOf('\n', original.indexOf('---', 3)) + 1;

  const session = new BrowserSession();
  const viewer = await launchBrowser();
  let pdfWritten: (() => void) | undefined;
  const server = await dev(resolveConfig({ contentDir, outDir: join(work, 'dist'), only: ['handout'] }), session, { port: 0 }, {
    onWrite: (w) => {
      if (w.path.endsWith('handout.pdf')) pdfWritten?.();
    },
  });
  try {
    await server.idle();
    const page = await viewer.newPage();
    await page.goto(`${server.url}${guide.slug}/handout.html`, { waitUntil: 'load' });
    const htmlMs: number[] = [];
    const pdfMs: number[] = [];
    for (let run = 0; run <= runs; run++) {
      const token = `Benchmark${run}x`;
      const pdf = new Promise<number>((done) => {
        pdfWritten = () => done(performance.now());
      });
      const started = performance.now();
      writeFileSync(guide.path, `${original.slice(0, body)}\n${token} ${original.slice(body)}`);
      await page.waitForFunction((t) => document.body?.textContent?.replace(/\u00ad/g, '').includes(t), { timeout: 60_000, polling: 'raf' }, token);
      const shown = performance.now();
      const printed = await pdf;
      await server.idle();
      // The first edit warms what a first rebuild loads lazily (fonts, hyphenation patterns).
      if (run === 0) continue;
      htmlMs.push(shown - started);
      pdfMs.push(printed - started);
    }
    return { runs, htmlMedianMs: median(htmlMs), pdfMedianMs: median(pdfMs), htmlMs, pdfMs };
  } finally {
    await server.close();
    await viewer.close();
    await session.close();
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [runs, contentDir] = process.argv.slice(2);
  const result = await measureDev({ runs: runs ? Number(runs) : undefined, contentDir });
  const ms = (n: number) => `${Math.round(n)} ms`;
  console.log(`dev, ${result.runs} one-word edits: edit -> reloaded handout HTML median ${ms(result.htmlMedianMs)} (target <= 150 ms), -> rewritten PDF median ${ms(result.pdfMedianMs)} (target <= 1000 ms)`);
  console.log(`  HTML: ${result.htmlMs.map(ms).join(', ')}`);
  console.log(`  PDF:  ${result.pdfMs.map(ms).join(', ')}`);
}
