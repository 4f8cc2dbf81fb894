import assert from 'node:assert/strict';
import { test } from 'node:test';
import { median, medianSample, type Sample } from '../../bench/process.js';
import { linearity, toMarkdown } from '../../bench/report.js';

const MB = 1024 * 1024;
const sample = (wall: number, extra: Partial<Sample> = {}): Sample => ({ wall, cpu: wall / 2, nodeRss: 100 * MB, browserRss: 300 * MB, totalRss: 400 * MB, totalPss: 250 * MB, ...extra });

test('median: the middle run, or the mean of the two middle ones; each measure on its own', () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.ok(Number.isNaN(median([])));
  const m = medianSample([sample(1, { totalPss: 900 * MB }), sample(9), sample(2)]);
  assert.equal(m.wall, 2);
  assert.equal(m.totalPss, 250 * MB, 'one run\'s memory spike does not become the median');
});

test('linearity: seconds per added guide, so the fixed start-up cost drops out', () => {
  const linear = linearity(new Map([[10, 12], [30, 32], [60, 62]]));
  assert.equal(linear?.met, true, 'a second start-up-heavy point is still linear');
  const quadratic = linearity(new Map([[10, 10], [30, 90], [60, 360]]));
  assert.equal(quadratic?.met, false);
  assert.match(quadratic!.text, /4\.00 then 9\.00 s per added guide/);
  assert.equal(linearity(new Map([[10, 5], [30, 15]]))?.met, undefined, 'two sizes give times, no verdict');
  assert.equal(linearity(new Map([[10, 9], [30, 8], [60, 20]]))?.met, undefined, 'a bigger site built faster is noise, no verdict');
});

test('the table names the machine and puts each ratio against its target', () => {
  const markdown = toMarkdown({
    machine: { date: '2026-11-24 22:00 UTC', cpus: '2 cores (x)', memory: '24 GiB', node: '20.20.2', chromium: 'Chromium 156', load: '0.1 0.2 0.3' },
    mode: 'median of 3 runs after a warm-up',
    rows: [{ work: 'seed guide: handout + deck', ours: sample(1.5), runs: 3 }],
    comparisons: [
      { work: 'seed guide: handout + deck', ours: { wall: 1.5, cpu: 1 }, anchor: 'md-to-pdf + Marp CLI --pdf', theirs: { wall: 3, cpu: 4 }, target: 0.4 },
      { work: '30-guide book', ours: { wall: 2, cpu: 1 }, anchor: 'Vivliostyle CLI', theirs: { wall: 5, cpu: 1 }, target: 0.5 },
      { work: '60-guide site', ours: { wall: 2, cpu: 1 }, anchor: 'md-to-pdf', theirs: undefined, target: 0.35 },
    ],
    checks: [],
    notes: ['preliminary'],
  });
  assert.match(markdown, /2 cores \(x\), 24 GiB, Node 20\.20\.2, Chromium 156; load average 0\.1 0\.2 0\.3/);
  assert.match(markdown, /\| seed guide: handout \+ deck \| 3 \| 1\.50 \| 0\.75 \| 100 \| 300 \| 250 \|/);
  assert.match(markdown, /\| md-to-pdf \+ Marp CLI --pdf \| 3\.00 \| 0\.50 \| <= 0\.40 \| \*\*no\*\* \| 0\.25 \|/);
  assert.match(markdown, /\| Vivliostyle CLI \| 5\.00 \| 0\.40 \| <= 0\.50 \| yes \| 1\.00 \|/);
  assert.match(markdown, /\| md-to-pdf \| – \| – \| <= 0\.35 \| – \| – \|/, 'an anchor that failed: no ratio, no verdict');
  assert.match(markdown, /^- preliminary$/m);
});
