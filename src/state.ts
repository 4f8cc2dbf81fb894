import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { VFile } from 'vfile';
import { packageRoot, packageTemplatesDir, version } from './version.js';

const require = createRequire(import.meta.url);

/** Bump when the state's shape or what goes into a key changes: an older state then rebuilds everything. */
const stateVersion = 1;

/** A message an artifact's build reported, kept to be reported again when the artifact is skipped. */
export interface RecordedMessage {
  reason: string;
  place?: unknown;
  ruleId?: string;
  source?: string;
  fatal?: boolean | null;
}

/** What one artifact (`<slug>/handout`, `<slug>/deck`, `book`) was last built from, and what it made. */
export interface ArtifactRecord {
  /** Hash of the inputs known before building: the guide's bytes, templates, config, versions. */
  key: string;
  /**
   * Files read while building (images, the guides of the book) with their hash, by path relative to
   * the output folder: the state names no folder of the machine, and a copy of the project elsewhere
   * (another checkout, a CI runner) has the same one.
   */
  deps: Record<string, string>;
  /** The files it wrote, relative to the output folder. */
  outputs: string[];
  messages: RecordedMessage[];
}

interface StateFile {
  version: number;
  artifacts: Record<string, ArtifactRecord>;
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A file's hash, or undefined when it cannot be read (gone: the artifact is out of date). */
export function hashFile(path: string): string | undefined {
  try {
    return sha256(readFileSync(path));
  } catch {
    return undefined;
  }
}

/**
 * One hash of every file under `dir` (names and bytes): the bundled templates, a `--templates`
 * folder. Any change in it rebuilds everything: coarse, but a template is rarely edited and a
 * skipped artifact made with an old one would be wrong.
 */
export function hashTree(dir: string | undefined): string {
  if (!dir || !existsSync(dir)) return 'none';
  const hash = createHash('sha256');
  const names = (readdirSync(dir, { recursive: true }) as string[]).sort();
  for (const name of names) {
    const path = join(dir, name);
    if (!statSync(path).isFile()) continue;
    hash.update(`${name.split(sep).join('/')}\0`).update(readFileSync(path)).update('\0');
  }
  return hash.digest('hex');
}

let toolHash: string | undefined;

/**
 * What every artifact depends on besides its own inputs: guidepress's version, its bundled
 * templates and the installed versions of its dependencies (fonts, Marp, mermaid, Shiki, KaTeX,
 * Puppeteer), so that an upgrade rebuilds. Computed once per process.
 */
export function toolFingerprint(): string {
  if (toolHash) return toolHash;
  const own = JSON.parse(readFileSync(new URL('package.json', packageRoot), 'utf8')) as { dependencies?: Record<string, string> };
  const installed = Object.keys(own.dependencies ?? {}).sort().map((name) => {
    try {
      return `${name}@${(JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string }).version}`;
    } catch {
      // A package that does not export its package.json: its folder's name and the declared range will do.
      return `${name}@${own.dependencies?.[name] ?? ''}`;
    }
  });
  toolHash = sha256(JSON.stringify({ stateVersion, version, installed, templates: hashTree(fileURLToPath(packageTemplatesDir)) }));
  return toolHash;
}

/** The messages `file` received from index `from` on, as they can be kept in the state. */
export function messagesSince(file: VFile, from: number): RecordedMessage[] {
  return file.messages.slice(from).map((m) => ({ reason: m.reason, place: m.place, ruleId: m.ruleId, source: m.source, fatal: m.fatal }));
}

/** Report again, on `file`, what a skipped artifact's last build reported. */
export function replayMessages(file: VFile, messages: RecordedMessage[]): void {
  for (const m of messages) {
    const message = file.message(m.reason, { place: m.place as never, ruleId: m.ruleId, source: m.source });
    message.fatal = m.fatal ?? undefined;
  }
}

/**
 * The record of what each artifact was built from, kept in `<out>/.cache/state.json` beside the
 * diagram cache, so that `build` skips an artifact whose inputs are unchanged and whose files are
 * all still there. A state that cannot be read is an empty one: everything is built.
 */
export class BuildState {
  readonly #path: string;
  readonly #outDir: string;
  #artifacts: Record<string, ArtifactRecord>;
  /** Whether anything was recorded or forgotten since the state was read: a build that did nothing writes nothing. */
  #changed = false;

  private constructor(outDir: string, artifacts: Record<string, ArtifactRecord>) {
    this.#outDir = outDir;
    this.#path = BuildState.path(outDir);
    this.#artifacts = artifacts;
  }

  /** Where the state of builds into `outDir` is kept. */
  static path(outDir: string): string {
    return join(outDir, '.cache', 'state.json');
  }

  static async read(outDir: string): Promise<BuildState> {
    try {
      const data = JSON.parse(await readFile(BuildState.path(outDir), 'utf8')) as StateFile;
      if (data.version === stateVersion && data.artifacts && typeof data.artifacts === 'object') return new BuildState(outDir, data.artifacts);
    } catch {
      // No state yet, or a damaged one: build everything.
    }
    return new BuildState(outDir, {});
  }

  /** The artifact's record when its key is `key`, every file it read still hashes the same and every file it wrote is there. */
  current(id: string, key: string): ArtifactRecord | undefined {
    const record = this.#artifacts[id];
    if (!record || record.key !== key) return undefined;
    if (!record.outputs.length || !record.outputs.every((path) => existsSync(join(this.#outDir, path)))) return undefined;
    for (const [path, hash] of Object.entries(record.deps)) if ((hashFile(resolve(this.#outDir, path)) ?? 'missing') !== hash) return undefined;
    return record;
  }

  get(id: string): ArtifactRecord | undefined {
    return this.#artifacts[id];
  }

  /** Record a build of the artifact: `deps` (absolute paths) are hashed now; `outputs` are absolute paths under the output folder. */
  set(id: string, record: { key: string; deps: Iterable<string>; outputs: string[]; messages: RecordedMessage[] }): void {
    const deps: Record<string, string> = {};
    const local = (path: string) => relative(this.#outDir, path).split(sep).join('/');
    for (const path of [...new Set(record.deps)].sort()) deps[local(path)] = hashFile(path) ?? 'missing';
    const outputs = record.outputs.map(local);
    this.#artifacts[id] = { key: record.key, deps, outputs, messages: record.messages };
    this.#changed = true;
  }

  /** Forget the artifact: it failed, or was not built, so the next build makes it. */
  delete(id: string): void {
    if (!(id in this.#artifacts)) return;
    delete this.#artifacts[id];
    this.#changed = true;
  }

  async write(): Promise<void> {
    if (!this.#changed) return;
    const sorted = Object.fromEntries(Object.entries(this.#artifacts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const data: StateFile = { version: stateVersion, artifacts: sorted };
    await mkdir(dirname(this.#path), { recursive: true });
    const temp = `${this.#path}.${process.pid}.partial`;
    await writeFile(temp, `${JSON.stringify(data, null, 1)}\n`);
    await rename(temp, this.#path);
  }
}
