import { resolve, sep } from 'node:path';
import { watch } from 'chokidar';

export interface Watcher {
  close: () => Promise<void>;
}

/**
 * Watch files and folders; each change (a file written, added or removed) is handed to `onChange`.
 * Resolves once the first scan is done, so a change made after it is seen. `ignore` holds folders
 * whose changes are not ours to hear (the output folder inside the content folder, `.git`).
 */
export async function watchFiles(paths: string[], ignore: string[], onChange: (path: string) => void): Promise<Watcher> {
  const ignored = ignore.map((dir) => resolve(dir));
  const watcher = watch(paths, {
    ignoreInitial: true,
    ignored: (path: string) => {
      const abs = resolve(path);
      return ignored.some((dir) => abs === dir || abs.startsWith(dir + sep)) || abs.split(sep).some((part) => part === '.git' || part === 'node_modules');
    },
  });
  watcher.on('all', (event, path) => {
    if (event === 'add' || event === 'change' || event === 'unlink' || event === 'addDir' || event === 'unlinkDir') onChange(resolve(path));
  });
  await new Promise<void>((done, fail) => {
    watcher.once('ready', done);
    watcher.once('error', fail);
  });
  return { close: () => watcher.close() };
}

/**
 * Run `work` for changes, one run at a time: changes are gathered for `delayMs` after the last one
 * (an editor's save is often several writes), and changes made during a run make one more run after it.
 */
export function rebuildQueue<T>(delayMs: number, merge: (a: T | undefined, b: T) => T, work: (item: T) => Promise<void>, onFailure: (error: unknown) => void) {
  let pending: T | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const start = () => {
    timer = undefined;
    if (running || pending === undefined || stopped) return;
    const item = pending;
    pending = undefined;
    running = work(item)
      .catch(onFailure)
      .finally(() => {
        running = undefined;
        if (pending !== undefined && !timer) start();
      });
  };

  return {
    add(item: T): void {
      if (stopped) return;
      pending = merge(pending, item);
      clearTimeout(timer);
      timer = setTimeout(start, delayMs);
    },
    /** Stop taking changes and wait for the run in progress. */
    async stop(): Promise<void> {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
    /** Resolves once nothing runs and nothing waits (tests, the bench). */
    async idle(): Promise<void> {
      while (running || timer) await (running ?? new Promise((r) => setTimeout(r, delayMs)));
    },
  };
}
