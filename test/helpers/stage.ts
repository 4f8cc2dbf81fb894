import { execFileSync } from 'node:child_process';
import { cpSync, symlinkSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { repoRoot } from './guide.js';
import { tempDir } from './tmp.js';

/** What a checkout has that is not source: installed, built or generated. */
const notSource = new Set(['node_modules', 'dist', 'lib', '.git', '.cache']);

/**
 * This working tree (or a staged copy of it, `from`) copied into a fresh temporary folder and
 * compiled there, sharing this checkout's node_modules (a symlink). The release tests build in such
 * copies, never in the checkout: its lib/ and dist/ are other tests' and other people's, and a
 * second folder is what a reproducibility check needs anyway. Copy the second from the first, so
 * both hold the same sources even while someone edits the working tree.
 */
export function stageCheckout(prefix: string, from: string = repoRoot): string {
  const dir = tempDir(prefix);
  cpSync(from, dir, { recursive: true, filter: (src) => !notSource.has(relative(from, src).split(sep)[0]!) });
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  execFileSync(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')], { stdio: 'pipe' });
  return dir;
}
