import { mkdir, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { UsageError } from './errors.js';

export interface Written {
  path: string;
  bytes: number;
  /** Milliseconds spent making the artifact. */
  ms: number;
}

/**
 * Write files so that a reader never sees half of one, and a failed build never leaves a previous
 * build's file damaged: each is written beside its target and renamed over it, and only once all
 * files of the artifact are ready. With `outDir`, a file whose folder is not inside it, once
 * symbolic links are followed (`dist/x` linking to `/etc`), is refused before anything is written.
 */
export async function writeArtifact(files: { path: string; data: string | Uint8Array }[], ms: number, outDir?: string): Promise<Written[]> {
  const temps: string[] = [];
  // An artifact's files mostly share a folder (a deck's four): each folder is made and checked once.
  const folders = new Set<string>();
  try {
    for (const file of files) {
      const folder = dirname(file.path);
      if (!folders.has(folder)) {
        await mkdir(folder, { recursive: true });
        if (outDir !== undefined) await assertInside(outDir, folder);
        folders.add(folder);
      }
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

/** Throws unless `dir`, with symbolic links followed, is `outDir` or inside it. */
async function assertInside(outDir: string, dir: string): Promise<void> {
  const [root, real] = await Promise.all([realpath(outDir), realpath(resolve(dir))]);
  const rel = relative(root, real);
  if (rel.startsWith('..') || isAbsolute(rel)) {
    throw new UsageError(`Not writing into ${dir}: it leads outside the output folder ${outDir} (to ${real}); remove the link or pick another --out`);
  }
}
