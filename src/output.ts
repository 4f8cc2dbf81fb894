import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface Written {
  path: string;
  bytes: number;
  /** Milliseconds spent making the artifact. */
  ms: number;
}

/**
 * Write files so that a reader never sees half of one, and a failed build never leaves a previous
 * build's file damaged: each is written beside its target and renamed over it, and only once all
 * files of the artifact are ready.
 */
export async function writeArtifact(files: { path: string; data: string | Uint8Array }[], ms: number): Promise<Written[]> {
  const temps: string[] = [];
  try {
    for (const file of files) {
      await mkdir(dirname(file.path), { recursive: true });
      const temp = `${file.path}.${process.pid}.partial`;
      temps.push(temp);
      await writeFile(temp, file.data);
    }
    const out: Written[] = [];
    for (const [i, file] of files.entries()) {
      await rename(temps[i]!, file.path);
      out.push({ path: file.path, bytes: (await stat(file.path)).size, ms });
    }
    return out;
  } finally {
    await Promise.all(temps.map((t) => rm(t, { force: true })));
  }
}
