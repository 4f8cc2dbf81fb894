import { readdirSync, readFileSync } from 'node:fs';

/** Peaks seen in one process tree, in bytes: Node's processes and the browser's apart, and together. */
export interface MemoryPeaks {
  /** Resident set size of the tree's Node processes, summed (VmRSS, every ~50 ms). */
  nodeRss: number;
  /** Resident set size of the tree's browser processes, summed: counts pages they share once per process. */
  browserRss: number;
  /** The largest sum of both at one sample (not the sum of the two peaks, which may come apart). */
  totalRss: number;
  /**
   * Proportional set size of the whole tree (shared pages split between the processes that share them),
   * the memory the run really takes. Reading smaps_rollup of some twenty Chromium processes costs tens
   * of milliseconds of CPU, which a 50 ms rhythm would steal from the run measured: it is read only
   * when the RSS sum reaches a new high (3 % above the last reading), at most twice a second.
   */
  totalPss: number;
}

/** What a `TreeSampler` saw: the memory peaks and the CPU the tree's processes used. */
export interface TreeSample extends MemoryPeaks {
  /**
   * User + system seconds of every Node and browser process seen in the tree, each as last read
   * (utime + stime in /proc/PID/stat, every 50 ms). GNU time counts only the descendants that were
   * waited for: Chromium's renderers are forked by its zygote, and a browser that is killed at
   * the end (as guidepress does) takes their CPU out of GNU time's count.
   */
  cpu: number;
}

interface Proc {
  parent: number;
  name: string;
}

/** Every process on the machine: its parent and its command name (Linux /proc only). */
function processes(): Map<number, Proc> {
  const all = new Map<number, Proc>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split at the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      all.set(Number(entry), { parent, name });
    } catch {
      // The process ended between listing and reading.
    }
  }
  return all;
}

/** The root and its descendants still alive. */
function tree(root: number): Map<number, Proc> {
  const all = processes();
  const children = new Map<number, number[]>();
  for (const [pid, proc] of all) children.set(proc.parent, [...(children.get(proc.parent) ?? []), pid]);
  const found = new Map<number, Proc>();
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    const proc = all.get(pid);
    if (proc) found.set(pid, proc);
    stack.push(...(children.get(pid) ?? []));
  }
  return found;
}

const ticks = 100; // USER_HZ: Linux reports utime and stime in hundredths of a second on every platform it runs on.

/** User + system seconds a process has used so far (0 once it is gone). */
function readCpu(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After "pid (comm)": state is field 3, utime 14 and stime 15 (1-based, man 5 proc).
    return (Number(fields[11]) + Number(fields[12])) / ticks;
  } catch {
    return 0;
  }
}

function readKb(path: string, field: string): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(path, 'utf8'));
    return Number(match?.[1] ?? 0) * 1024;
  } catch {
    return 0; // Gone already.
  }
}

/** Node, or a wrapper that is neither (time, sh): everything else in the tree counts as the browser. */
const kindOf = (name: string): 'node' | 'wrapper' | 'browser' =>
  name === 'node' || name.startsWith('node ') ? 'node' : ['time', 'sh', 'bash', 'npm', 'npx'].includes(name) ? 'wrapper' : 'browser';

/**
 * Samples a process tree's memory until stopped. Chromium's crash handler detaches itself from the
 * tree (its parent becomes init) and is left out: a few MB.
 */
export class TreeSampler {
  #peaks: MemoryPeaks = { nodeRss: 0, browserRss: 0, totalRss: 0, totalPss: 0 };
  readonly #timer: NodeJS.Timeout;
  #tick = 0;
  #tree = new Map<number, Proc>();
  #pssAt = { rss: 0, time: 0 };
  /** Each process's CPU seconds as last read: a process keeps its last reading after it ends. */
  #cpu = new Map<number, number>();

  constructor(private readonly root: number) {
    this.#timer = setInterval(() => this.#sample(), 50);
    this.#sample();
  }

  stop(): TreeSample {
    clearInterval(this.#timer);
    let cpu = 0;
    for (const seconds of this.#cpu.values()) cpu += seconds;
    return { ...this.#peaks, cpu };
  }

  #sample(): void {
    // Listing every process on the machine is the costly part: the tree is refreshed every 250 ms,
    // the sizes of the processes in it read every 50 ms.
    if (this.#tick++ % 5 === 0) this.#tree = tree(this.root);
    let node = 0;
    let browser = 0;
    for (const [pid, proc] of this.#tree) {
      const kind = kindOf(proc.name);
      if (kind === 'wrapper') continue;
      const rss = readKb(`/proc/${pid}/status`, 'VmRSS');
      const cpu = readCpu(pid);
      if (cpu > 0) this.#cpu.set(pid, Math.max(cpu, this.#cpu.get(pid) ?? 0));
      if (kind === 'node') node += rss;
      else browser += rss;
    }
    const peaks = this.#peaks;
    this.#peaks = { ...peaks, nodeRss: Math.max(peaks.nodeRss, node), browserRss: Math.max(peaks.browserRss, browser), totalRss: Math.max(peaks.totalRss, node + browser) };
    const now = performance.now();
    if (node + browser > this.#pssAt.rss * 1.03 && now - this.#pssAt.time >= 500) {
      this.#pssAt = { rss: node + browser, time: now };
      let pss = 0;
      for (const [pid, proc] of this.#tree) if (kindOf(proc.name) !== 'wrapper') pss += readKb(`/proc/${pid}/smaps_rollup`, 'Pss');
      this.#peaks = { ...this.#peaks, totalPss: Math.max(this.#peaks.totalPss, pss) };
    }
  }
}
