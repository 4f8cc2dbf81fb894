import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { checkTools, measure } from '../../bench/process.js';

const MB = 1024 * 1024;

test('measure: a child\'s memory is seen as Node\'s, and its CPU is counted', { skip: process.platform !== 'linux' }, async () => {
  checkTools();
  // 300 MB touched and held while the child spins until it has itself used 1 s of CPU since (not
  // of wall time, which a busy machine stretches; and not counting the filling, which on a loaded
  // machine took most of a budget counted from the start): the sampler reads RSS every 50 ms and
  // PSS at most every 500 ms, so a PSS read mid-fill is followed by one of the whole 300 MB.
  const script = 'const b = Buffer.alloc(300 * 1024 * 1024, 1); const t = process.cpuUsage(); while (process.cpuUsage(t).user + process.cpuUsage(t).system < 1000000); console.log(b[0]);';
  const sample = await measure([process.execPath, '-e', script], { cwd: process.cwd() });
  assert.ok(sample.nodeRss >= 300 * MB, `Node's peak ${Math.round(sample.nodeRss / MB)} MB`);
  assert.equal(sample.browserRss, 0, 'no browser in this tree');
  assert.ok(sample.cpu >= 1, `CPU ${sample.cpu} s`);
  assert.ok(sample.totalPss >= 300 * MB, `PSS ${Math.round(sample.totalPss / MB)} MB`);
});

test('measure: the CPU of a process that nobody waits for is counted, as Chromium\'s renderers are when it is killed', { skip: process.platform !== 'linux' }, async () => {
  // node -> sh -> spinner. The spinner uses 1 s of CPU, then node kills sh and the spinner at once:
  // sh never waits for the spinner, so GNU time, which counts what was waited for, sees none of it.
  const spin = `${process.execPath} -e "const t = process.cpuUsage(); while (process.cpuUsage(t).user + process.cpuUsage(t).system < 1e6); console.log('spun'); setInterval(() => {}, 1000)"`;
  const parent = `
    const sh = require('node:child_process').spawn('sh', ['-c', ${JSON.stringify(`${spin} & echo $!; wait`)}], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    sh.stdout.on('data', (chunk) => {
      out += chunk;
      if (!out.includes('spun')) return;
      process.kill(sh.pid, 'SIGKILL');
      process.kill(Number(out.split('\\n')[0]), 'SIGKILL');
      process.exit(0);
    });`;
  const sample = await measure([process.execPath, '-e', parent], { cwd: process.cwd() });
  assert.ok(sample.cpu >= 0.9, `CPU ${sample.cpu} s`);
});

test('measure: a run that fails is an error with its output, never a sample', { skip: process.platform !== 'linux' }, async () => {
  await assert.rejects(
    measure([process.execPath, '-e', 'console.error("no guides found"); process.exit(2)'], { cwd: process.cwd() }),
    /exited with 2:\nno guides found/,
  );
});

test('measure: past its time the whole tree is killed, not only GNU time', { skip: process.platform !== 'linux' }, async () => {
  // A grandchild, as Chromium is under node under time; all let go of the output pipe, which would
  // otherwise keep measure waiting for the grandchild's natural end.
  const script = 'sleep 300 >/dev/null 2>&1 & echo "grandchild $!"; exec >/dev/null 2>&1; wait';
  const error = await measure(['sh', '-c', script], { cwd: process.cwd(), timeoutMs: 1000 }).catch((e: Error) => e);
  assert.ok(error instanceof Error);
  const pid = Number(/grandchild (\d+)/.exec(error.message)?.[1]);
  assert.ok(pid > 0, error.message);
  await new Promise((resolve) => setTimeout(resolve, 200));
  const state = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8').split(' ')[2] : 'gone';
  assert.ok(state === 'gone' || state === 'Z', `the grandchild ${pid} is ${state}`);
});
