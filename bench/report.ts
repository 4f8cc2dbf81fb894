/** The benchmark's results as markdown that can be pasted into the README: pure formatting. */
import type { Sample } from './process.js';

export interface Row {
  /** What was built, as the table says it. */
  work: string;
  /** The median of each measure over the runs. */
  ours: Sample;
  runs: number;
  /** A note that goes in the last column (an incremental build's share, files rewritten). */
  note?: string;
}

export interface Comparison {
  work: string;
  /** Medians: wall seconds, and CPU seconds, which a busy machine stretches far less. */
  ours: { wall: number; cpu: number };
  anchor: string;
  theirs: { wall: number; cpu: number } | undefined;
  /** The largest ratio ours/theirs the issue accepts. */
  target: number;
}

export interface Check {
  what: string;
  value: string;
  target: string;
  met: boolean | undefined;
}

export interface Machine {
  date: string;
  cpus: string;
  memory: string;
  node: string;
  chromium: string;
  load: string;
  /** The measured checkout's commit. */
  commit?: string;
  anchors?: Record<string, string>;
  /** The browsers: guidepress's (what it finds) and the anchors' (`--anchor-browser`), as paths. */
  browsers?: { guidepress: string; anchors: string };
}

export interface Report {
  machine: Machine;
  mode: string;
  rows: Row[];
  comparisons: Comparison[];
  checks: Check[];
  notes: string[];
}

const mb = (bytes: number) => (Number.isFinite(bytes) && bytes > 0 ? `${Math.round(bytes / 1024 / 1024)}` : '–');
export const secs = (s: number) => (Number.isFinite(s) ? (s < 10 ? s.toFixed(2) : s.toFixed(1)) : '–');
const yes = (met: boolean | undefined) => (met === undefined ? '–' : met ? 'yes' : '**no**');

export function toMarkdown(report: Report): string {
  const { machine } = report;
  const lines = [
    `Benchmark of ${machine.date}${machine.commit ? `, guidepress at ${machine.commit}` : ''} (${report.mode}): ${machine.cpus}, ${machine.memory}, Node ${machine.node}, ${machine.chromium}; load average ${machine.load} at the start.`,
  ];
  if (machine.anchors) lines.push(`Anchors: ${Object.entries(machine.anchors).map(([n, v]) => `${n} ${v}`).join(', ')}.`);
  if (machine.browsers) lines.push(`guidepress printed with ${machine.browsers.guidepress}${machine.anchors ? `, the anchors with ${machine.browsers.anchors}` : ''}.`);
  lines.push(
    '',
    '| work | runs | wall (s) | CPU (s) | Node peak RSS (MB) | Chromium peak RSS (MB) | all peak PSS (MB) | note |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const row of report.rows) {
    const s = row.ours;
    lines.push(`| ${row.work} | ${row.runs} | ${secs(s.wall)} | ${secs(s.cpu)} | ${mb(s.nodeRss)} | ${mb(s.browserRss)} | ${mb(s.totalPss)} | ${row.note ?? ''} |`);
  }
  if (report.comparisons.length > 0) {
    lines.push(
      '',
      '| side by side (medians) | guidepress wall (s) | the tool a user would pick | wall (s) | ratio | target | met | CPU ratio |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
    );
    for (const c of report.comparisons) {
      const ratio = c.theirs && c.ours.wall / c.theirs.wall;
      const cpu = c.theirs && c.ours.cpu / c.theirs.cpu;
      lines.push(`| ${c.work} | ${secs(c.ours.wall)} | ${c.anchor} | ${c.theirs ? secs(c.theirs.wall) : '–'} | ${ratio === undefined ? '–' : ratio.toFixed(2)} | <= ${c.target.toFixed(2)} | ${yes(ratio === undefined ? undefined : ratio <= c.target)} | ${cpu === undefined ? '–' : cpu.toFixed(2)} |`);
    }
  }
  if (report.checks.length > 0) {
    lines.push('', '| target | measured | target | met |', '| --- | --- | --- | --- |');
    for (const c of report.checks) lines.push(`| ${c.what} | ${c.value} | ${c.target} | ${yes(c.met)} |`);
  }
  if (report.notes.length > 0) lines.push('', ...report.notes.map((n) => `- ${n}`));
  return `${lines.join('\n')}\n`;
}

/**
 * Seconds per added guide between the first two sizes and between the last two: a fixed cost
 * (starting Node and Chromium) drops out, and a build that grows faster than the guides shows as
 * a second step dearer than the first.
 */
export function linearity(walls: Map<number, number>): { text: string; met: boolean | undefined } | undefined {
  const points = [...walls].sort((a, b) => a[0] - b[0]);
  const listed = points.map(([n, s]) => `${n}: ${secs(s)} s`).join(', ');
  if (points.length < 2) return undefined;
  // Two sizes cannot tell a fixed cost from growth: the times alone, no verdict.
  if (points.length === 2) return { text: listed, met: undefined };
  const step = (a: [number, number], b: [number, number]) => (b[1] - a[1]) / (b[0] - a[0]);
  const first = step(points[0]!, points[1]!);
  const last = step(points.at(-2)!, points.at(-1)!);
  // A first step that costs nothing is noise (a busy machine), not a build that takes no time per guide.
  if (first <= 0) return { text: `${listed}; ${first.toFixed(2)} then ${last.toFixed(2)} s per added guide (too noisy to judge)`, met: undefined };
  return {
    text: `${listed}; ${first.toFixed(2)} then ${last.toFixed(2)} s per added guide`,
    met: last <= first * 1.2,
  };
}
