// The layers of src/ and the one direction their imports go: a module imports only from its own
// layer folder or from a lower layer. ARCHITECTURE.md explains the table; change both together.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

/** Each group of modules and its rank, lowest first. Groups of one rank may not import each other. */
const layers: { group: string; rank: number; paths: string[] }[] = [
  { group: 'base', rank: 0, paths: ['errors.ts', 'version.ts', 'config.ts', 'output.ts', 'fault.ts', 'closest.ts', 'state.ts', 'shard.ts'] },
  { group: 'markdown', rank: 1, paths: ['markdown/'] },
  { group: 'content', rank: 2, paths: ['content/'] },
  { group: 'browser', rank: 2, paths: ['browser.ts', 'session.ts'] },
  { group: 'shared', rank: 3, paths: ['shared/'] },
  { group: 'handout', rank: 4, paths: ['handout/'] },
  { group: 'deck', rank: 4, paths: ['deck/'] },
  { group: 'book', rank: 4, paths: ['book/'] },
  { group: 'epub', rank: 4, paths: ['epub/'] },
  { group: 'build', rank: 5, paths: ['build.ts'] },
  { group: 'check', rank: 5, paths: ['check.ts'] },
  { group: 'dev', rank: 6, paths: ['dev/'] },
  { group: 'api', rank: 7, paths: ['index.ts'] },
  { group: 'cli', rank: 7, paths: ['cli.ts'] },
];

/**
 * Upward imports that exist today and are being removed, each with who removes it. The test fails
 * when one is no longer there, so the list only shrinks.
 */
const knownExceptions = new Set<string>([]);

const src = fileURLToPath(new URL('../src/', import.meta.url));

function layerOf(path: string) {
  return layers.find((l) => l.paths.some((p) => (p.endsWith('/') ? path.startsWith(p) : path === p)));
}

/** The relative imports of a module's source (static, `export ... from`, dynamic), as paths under src/. */
function importsOf(file: string, source: string): string[] {
  const specifiers = [...source.matchAll(/\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm)]
    .map((m) => m[1] ?? m[2] ?? m[3]!)
    .filter((s) => s.startsWith('.'));
  return specifiers.map((s) => relative(src, join(src, dirname(file), s)).replace(/\.js$/, '.ts'));
}

/** Why an import breaks the layering, or undefined when it is allowed. */
function violation(from: string, to: string): string | undefined {
  const a = layerOf(from);
  const b = layerOf(to);
  if (!a) return `${from} is in no layer: add it to the table in test/architecture.test.ts and ARCHITECTURE.md`;
  if (!b) return `${to} (imported by ${from}) is in no layer`;
  if (a.group === b.group || b.rank < a.rank) return undefined;
  return `${from} (${a.group}, layer ${a.rank}) imports ${to} (${b.group}, layer ${b.rank}): ${b.rank === a.rank ? 'a sibling' : 'a layer above'}`;
}

test('the layer rule allows downward imports and refuses upward and sideways ones', () => {
  assert.equal(violation('deck/build.ts', 'shared/pdf.ts'), undefined);
  assert.equal(violation('markdown/pipeline.ts', 'markdown/notes.ts'), undefined);
  assert.equal(violation('cli.ts', 'build.ts'), undefined);
  assert.match(violation('markdown/notes.ts', 'deck/slides.ts')!, /imports deck\/slides\.ts .*a layer above/);
  assert.match(violation('shared/fonts.ts', 'handout/render.ts')!, /a layer above/);
  assert.match(violation('book/render.ts', 'handout/render.ts')!, /a sibling/);
  assert.match(violation('content/guide.ts', 'browser.ts')!, /a sibling/);
  assert.match(violation('epub.ts', 'errors.ts')!, /in no layer/);
  assert.deepEqual(importsOf('deck/build.ts', "import { a } from '../shared/pdf.js';\nexport { b } from './fit.js';\nconst c = await import('../book/index.js');\nimport x from 'unified';"),
    ['shared/pdf.ts', 'deck/fit.ts', 'book/index.ts']);
});

test('every module of src/ imports only from its own layer or a lower one', () => {
  const found: string[] = [];
  const seen = new Set<string>();
  for (const file of readdirSync(src, { recursive: true }).map(String).filter((f) => f.endsWith('.ts')).sort()) {
    for (const target of importsOf(file, readFileSync(join(src, file), 'utf8'))) {
      const edge = `${file} -> ${target}`;
      const problem = violation(file, target);
      if (!problem) continue;
      if (knownExceptions.has(edge)) seen.add(edge);
      else found.push(problem);
    }
    const problem = violation(file, file);
    if (problem) found.push(problem);
  }
  assert.deepEqual(found, []);
  assert.deepEqual([...knownExceptions].filter((e) => !seen.has(e)), [], 'these exceptions are gone: remove them from the list');
});
