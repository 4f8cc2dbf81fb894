// The CLI as one ESM bundle with esbuild, written after tsc (`npm run compile`, `prepare`).
// Loaded file by file, lib/ and the unified, Puppeteer, zod and Marp packages it imports are some
// 900 modules: Node takes about 0.4 s to resolve, read and link them before a build starts, a fifth
// of a one-guide build. Bundled, the same code loads in about a third of that. Only the CLI
// (bin/guidepress.js) runs from the bundle; lib/ stays what tsc wrote, the library's API.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'lib/bundle');
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { cli: 'lib/cli.js' },
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // The outputs' modules stay loaded on first use (`import()` in build.ts and cli.ts): chunks.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  // sharp is a native addon; typescript is only what Puppeteer's config loader would use for a
  // .ts config file (guidepress's is .puppeteerrc.cjs); Shiki's 300 languages and themes are
  // loaded one by one as a guide's code asks for them: all stay packages of their own.
  external: ['sharp', 'typescript', 'shiki', '@shikijs/*'],
  // Smaller to read and parse, and to ship in the npm package (the names stay, for stack traces).
  minifyWhitespace: true,
  minifySyntax: true,
  // CommonJS packages inside an ESM bundle still call require() for Node's own modules.
  // ... and some read their own file's path (cosmiconfig, when it loads .puppeteerrc.cjs).
  define: { __filename: 'import.meta.filename', __dirname: 'import.meta.dirname' },
  banner: { js: "import { createRequire as __guidepressRequire } from 'node:module'; const require = __guidepressRequire(import.meta.url);" },
  logLevel: 'warning',
});
