import type { Root as HastRoot } from 'hast';
import type { Root } from 'mdast';
import { VFile } from 'vfile';
import { contentError, hasErrors } from '../errors.js';
import { guard } from '../fault.js';
import { type BodyOptions, parseGuide, toBody } from '../markdown/pipeline.js';
import type { GuideEntry } from './find.js';
import { readContentFile } from './load.js';
import { type RecordedMessage, messagesSince, replayMessages } from '../state.js';
import type { GuideMeta } from './meta.js';

/** A guide read and parsed once; every output (handout, deck, book) is made from this. */
export interface Guide {
  slug: string;
  path: string;
  file: VFile;
  tree: Root;
  meta: GuideMeta;
  /** The body as hast, made by the first output that asks (`guideBody`), then shared. */
  body?: Promise<HastRoot>;
}

/**
 * The guide's body (`toBody`): made once per run, by the first output that asks, so its messages
 * (images, diagrams, math) go on `guide.file` once; the options are the same for every output of a
 * run (content folder, labels of the guide's language, code theme, the run's diagram renderer).
 * Each caller gets its own copy to run its tail on.
 */
export async function guideBody(guide: Guide, options: BodyOptions): Promise<HastRoot> {
  guide.body ??= (async () => {
    const from = guide.file.messages.length;
    const body = await toBody(guide.tree, guide.file, options);
    dropRepeated(guide.file, from);
    return body;
  })();
  return structuredClone(await guide.body);
}

/**
 * Drop the messages added since `from` that repeat one the file already had: an incremental build
 * replays the messages of a guide's skipped handout (which include its body's), and the book may
 * still make that body, which says the same things again.
 */
function dropRepeated(file: VFile, from: number): void {
  const key = (m: VFile['messages'][number]) => JSON.stringify([m.reason, m.ruleId, m.source, m.line, m.column, m.fatal]);
  const earlier = new Set(file.messages.slice(0, from).map(key));
  const added = file.messages.slice(from).filter((m) => !earlier.has(key(m)));
  file.messages.splice(from, file.messages.length - from, ...added);
}

/**
 * Parsed guides kept between builds by a long-running caller (the dev server, which builds again
 * on every save and reads every guide each time): by path, with the text they were parsed from.
 */
export type ParseCache = Map<string, { text: string; tree: Root; data: VFile['data']; messages: RecordedMessage[] }>;

/**
 * Read and parse a guide. Content problems are messages on `guide.file`; check them with `hasErrors`.
 * With a `cache`, a guide whose text is unchanged is not parsed again: a copy of its tree, its
 * data and its messages, on a new file, is what a parse would give (a guide takes about 25 ms).
 */
export async function loadGuide(entry: GuideEntry, cwd = process.cwd(), cache?: ParseCache): Promise<Guide> {
  const empty: Root = { type: 'root', children: [] };
  let file: VFile;
  try {
    file = await readContentFile(entry.path, cwd);
  } catch (error) {
    // Unreadable (permissions, a folder named `x.md`): that guide's error, not the run's.
    file = new VFile({ path: entry.path, cwd });
    contentError(file, `Cannot read the file: ${(error as Error).message}`, { line: 1, column: 1 }, 'read');
  }
  const text = String(file.value);
  const hit = !hasErrors(file) ? cache?.get(entry.path) : undefined;
  let tree: Root;
  if (hit && hit.text === text) {
    tree = structuredClone(hit.tree);
    Object.assign(file.data, structuredClone(hit.data));
    replayMessages(file, hit.messages);
  } else {
    tree = hasErrors(file) ? empty : ((await guard(file, 'reading the guide', () => parseGuide(file))) ?? empty);
    if (cache && !hasErrors(file)) cache.set(entry.path, { text, tree: structuredClone(tree), data: structuredClone(file.data), messages: messagesSince(file, 0) });
    else cache?.delete(entry.path);
  }
  const meta = file.data.meta ?? { title: '', lang: 'en', keywords: [], extra: {} };
  return { slug: entry.slug, path: entry.path, file, tree, meta };
}
