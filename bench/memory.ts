import { readdirSync, readFileSync } from 'node:fs';

/** Peak memory of a process and all its descendants (proportional set size, from /proc: Linux only). */
export class ProcessTreeSampler {
  readonly available: boolean;
  #max = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(private readonly root: number | undefined) {
    this.available = root !== undefined && process.platform === 'linux';
    if (this.available) this.#timer = setInterval(() => this.#sample(), 100).unref();
  }

  reset(): void {
    this.#max = 0;
    this.#sample();
  }

  peak(): number {
    this.#sample();
    return this.#max;
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  #sample(): void {
    if (!this.available) return;
    const parent = new Map<number, number>();
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      } catch {
        // The process ended between listing and reading.
      }
    }
    const inTree = (pid: number): boolean => pid === this.root || (parent.has(pid) && pid > 1 && inTree(parent.get(pid)!));
    let total = 0;
    for (const pid of parent.keys()) {
      if (!inTree(pid)) continue;
      try {
        // Proportional set size: shared pages (Chromium's processes share a lot) counted once in all.
        const pss = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1];
        total += Number(pss ?? 0) * 1024;
      } catch {
        // Gone already.
      }
    }
    this.#max = Math.max(this.#max, total);
  }
}
