import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MemoryPeaks, TreeSampler } from './memory.js';

/** One run of a whole process: wall time, CPU of its tree, memory peaks. */
export interface Sample extends MemoryPeaks {
  /** Seconds from spawn to exit. */
  wall: number;
  /**
   * User + system seconds of the process tree: the larger of GNU time's count (the process and every
   * descendant it waited for) and the sum of what each Node and browser process of the tree had used
   * when last sampled (`TreeSample.cpu`), which counts the Chromium processes no one waited for.
   */
  cpu: number;
}

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Killed past this (default 30 minutes, for a very busy machine): a hung run must not hang the benchmark. */
  timeoutMs?: number;
}

const time = '/usr/bin/time';

/** Checks once that GNU time is there: it is what reads the CPU of the whole tree (Debian's `time`). */
export function checkTools(): void {
  if (!existsSync(time)) throw new Error(`${time} is missing: the benchmark reads CPU time with GNU time (apt-get install time)`);
  if (process.platform !== 'linux') throw new Error('The benchmark samples memory from /proc: Linux only');
}

/**
 * Runs `command` to its end under GNU time, sampling its tree's memory. A run that fails is an
 * error carrying the end of its output: a benchmark of a build that failed measures nothing.
 */
export async function measure(command: string[], options: RunOptions): Promise<Sample> {
  const scratch = mkdtempSync(join(tmpdir(), 'gp-bench-time-'));
  const timeFile = join(scratch, 'time');
  try {
    const started = performance.now();
    const child = spawn(time, ['-f', '%U %S', '-o', timeFile, ...command], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so that a timeout or Ctrl+C ends the build and its Chromium too, not
      // only GNU time, which would leave them running as orphans.
      detached: true,
    });
    const killTree = () => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    process.once('SIGINT', killTree);
    process.once('SIGTERM', killTree);
    const sampler = new TreeSampler(child.pid!);
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-4000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(killTree, options.timeoutMs ?? 1_800_000);
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (exit) => resolve(exit));
    }).finally(() => {
      clearTimeout(timer);
      process.off('SIGINT', killTree);
      process.off('SIGTERM', killTree);
    });
    const wall = (performance.now() - started) / 1000;
    const { cpu: sampled, ...peaks } = sampler.stop();
    if (code !== 0) throw new Error(`${command.join(' ')}\nexited with ${code ?? 'a signal'}:\n${output.trim()}`);
    const [user = NaN, sys = NaN] = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
    return { wall, cpu: Math.max(user + sys, sampled), ...peaks };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The median of each measure over several runs. */
export function medianSample(samples: Sample[]): Sample {
  const of = (key: keyof Sample) => median(samples.map((s) => s[key]));
  return { wall: of('wall'), cpu: of('cpu'), nodeRss: of('nodeRss'), browserRss: of('browserRss'), totalRss: of('totalRss'), totalPss: of('totalPss') };
}
