import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { reporter } from 'vfile-reporter';
import { closest } from './closest.js';
import { build, shortPath } from './build.js';
import { check } from './check.js';
import { type Artifact, type ConfigInput, type Paper, type SlideImageFormat, resolveConfig, validateConfigFile } from './config.js';
import { ExitCode, GuidepressError, UsageError, hasErrors } from './errors.js';
import { BrowserSession } from './session.js';
import { version } from './version.js';

export const usage = `guidepress ${version}: markdown guides into print-ready handouts, talk decks and a book

Usage:
  guidepress build [options] [PATH|SLUG ...]
                                 build dist/ from content/; with guides named (a .md file's path or
                                 a slug), only those, and the book only when --only names it
  guidepress check [options] [PATH ...]
                                 report the content's problems (front matter, images, alt text, links
                                 between guides, headings, footnotes, deck quotes, the book) without a
                                 browser; mermaid diagrams are not drawn, so only build finds theirs
  guidepress --help | --version

Options:
  --content DIR        the guides (default: content)
  --out DIR            where outputs go (default: dist)
  --paper SIZE         a4 | letter | a5 (default: a4)
  --only LIST          handout,deck,book: build only these (default: all)
  --duplex             book: start sections on right-hand pages
  --browser PATH       the Chromium or Chrome to print with (or PUPPETEER_EXECUTABLE_PATH)
  --templates DIR      templates that replace the bundled ones, file by file
  --images FORMAT      deck: also write each slide as a picture, png | jpeg (slides/01.png...)
  --deck-theme THEME   deck: guidepress (default), default, gaia, uncover, or a FILE.css
  --config FILE        a JSON config file (default: guidepress.config.json when present)
  --timeout SECONDS    how long one handout, deck or the book may take to render (default: 120)
  -q, --quiet          print only problems
  --format FORMAT      check: text (default) or json, an array of {file, line, column, endLine,
                       endColumn, severity, rule, message}
  --strict             check: warnings count as errors (exit 1)

Exit codes: 0 built (check: no errors), 1 content errors, 2 bad usage, 3 no usable browser or it crashed,
130 interrupted (Ctrl+C or SIGTERM).`;

interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

const defaultIo: Io = { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) };

/** Run the command line; returns the exit code. The only place that prints or picks an exit code. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  let session: BrowserSession | undefined;
  let interrupted = false;
  // Ctrl+C or SIGTERM: close the browser, so that the artifact in progress fails, its temporary
  // files are removed on the way out, and the build returns; exiting here would leave them behind.
  const onSignal = (signal: NodeJS.Signals) => {
    interrupted = true;
    io.err(`guidepress: ${signal}: stopping`);
    void session?.interrupt(signal);
  };
  try {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, strict: true, options: cliOptions });
    if (values.help) {
      io.out(usage);
      return ExitCode.ok;
    }
    if (values.version) {
      io.out(version);
      return ExitCode.ok;
    }
    const [command, ...targets] = positionals;
    if (command === 'check') return await runCheck(values, targets, io);
    if (command !== 'build') throw new UsageError(command ? `Unknown command "${command}"${closestCommand(command)}` : 'No command given');
    if (values.format !== undefined || values.strict) throw new UsageError(`--${values.format !== undefined ? 'format' : 'strict'} is for \`guidepress check\``);

    const flags = configFlags(values, targets);
    const config = resolveConfig(readConfigFile(values.config), flags);
    session = new BrowserSession(config.browser);
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    process.once('SIGHUP', onSignal);

    const started = performance.now();
    const result = await build(config, session, {
      onWrite: (w) => {
        if (!values.quiet) io.out(`  wrote ${shortPath(w.path).padEnd(44)} ${formatBytes(w.bytes).padStart(9)}  ${(w.ms / 1000).toFixed(1)} s`);
      },
    }, { guides: targets });
    if (interrupted) {
      io.err(`guidepress: ${session.stopped ?? 'Interrupted'}`);
      return ExitCode.interrupted;
    }
    const withMessages = result.files.filter((f) => f.messages.length > 0);
    if (withMessages.length) io.err(reporter(withMessages, { quiet: false }));
    const failed = result.files.filter(hasErrors);
    if (!values.quiet) {
      io.out(`${result.written.length} file${result.written.length === 1 ? '' : 's'} from ${result.guides.length} guide${result.guides.length === 1 ? '' : 's'} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    if (failed.length) {
      const names = failed.length === 1 ? '1 file has errors' : `${failed.length} files have errors`;
      io.err(`${names}: what ${failed.length === 1 ? 'it' : 'they'} would build was not written, and earlier outputs are untouched. Fix the errors above and build again.`);
      return ExitCode.content;
    }
    return ExitCode.ok;
  } catch (error) {
    if (interrupted) {
      io.err(`guidepress: ${session?.stopped ?? 'Interrupted'}`);
      return ExitCode.interrupted;
    }
    if (error instanceof GuidepressError) {
      io.err(`guidepress: ${error.message}`);
      if (error.exitCode === ExitCode.usage) io.err('Run `guidepress --help` for usage.');
      return error.exitCode;
    }
    if (error instanceof TypeError && (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`guidepress: ${withFlagHint(error.message)}\nRun \`guidepress --help\` for usage.`);
      return ExitCode.usage;
    }
    throw error;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
    await session?.close();
  }
}

const cliOptions = {
  content: { type: 'string' },
  out: { type: 'string' },
  paper: { type: 'string' },
  only: { type: 'string' },
  duplex: { type: 'boolean' },
  browser: { type: 'string' },
  templates: { type: 'string' },
  images: { type: 'string' },
  'deck-theme': { type: 'string' },
  config: { type: 'string' },
  timeout: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  format: { type: 'string' },
  strict: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

type Values = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; strict: true; options: typeof cliOptions }>>['values'];

/** The command line's settings as a config layer (it goes over the config file's). */
function configFlags(values: Values, targets: string[]): ConfigInput {
  return {
    contentDir: values.content,
    outDir: values.out,
    paper: values.paper?.toLowerCase() as Paper | undefined,
    // Named guides are built without the book, unless --only asks for it.
    only: (values.only?.split(',').map((s) => s.trim()).filter(Boolean) ?? (targets.length ? ['handout', 'deck'] : undefined)) as Artifact[] | undefined,
    duplex: values.duplex,
    browser: values.browser,
    templatesDir: values.templates,
    timeout: values.timeout === undefined ? undefined : Number(values.timeout),
    deck: deckFlags(values.images, values['deck-theme']),
  };
}

/** `guidepress check`: the content's problems, as text or JSON, and no browser. */
async function runCheck(values: Values, paths: string[], io: Io): Promise<number> {
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`Unknown format "${format}": use text or json`);
  const config = resolveConfig(readConfigFile(values.config), configFlags(values, paths));
  const result = await check(config, paths);
  const messages = result.files.flatMap((f) => f.messages);
  const errors = messages.filter((m) => m.fatal === true).length;
  const warnings = messages.length - errors;
  if (format === 'json') {
    io.out(JSON.stringify(result.files.flatMap((file) => file.messages.map((m) => ({
      file: shortPath(file.path),
      line: m.place && 'start' in m.place ? m.place.start.line : (m.line ?? null),
      column: m.place && 'start' in m.place ? m.place.start.column : (m.column ?? null),
      endLine: m.place && 'end' in m.place ? m.place.end.line : (m.line ?? null),
      endColumn: m.place && 'end' in m.place ? m.place.end.column : (m.column ?? null),
      severity: m.fatal === true ? 'error' : 'warning',
      rule: m.ruleId ?? null,
      message: m.reason,
    }))), null, 2));
  } else {
    const withMessages = result.files.filter((f) => f.messages.length > 0);
    if (withMessages.length) io.err(reporter(withMessages, { quiet: true }));
    else if (!values.quiet) io.out(`${result.guides.length} guide${result.guides.length === 1 ? '' : 's'} checked: no problems`);
  }
  return errors > 0 || (values.strict && warnings > 0) ? ExitCode.content : ExitCode.ok;
}

function closestCommand(name: string): string {
  const guess = closest(name, ['build', 'check'], 1)[0];
  return guess ? `: did you mean "${guess}"?` : '';
}

/** `Unknown option '--contnt'. Did you mean --content?` for a mistyped flag; other messages as they are. */
function withFlagHint(message: string): string {
  const flag = /Unknown option '(-{1,2})([^'=]+)'/.exec(message);
  if (!flag) return message;
  const guess = closest(flag[2]!, Object.keys(cliOptions), 1)[0];
  return `Unknown option '${flag[1]}${flag[2]}'.${guess ? ` Did you mean --${guess}?` : ''}`;
}

/** The deck's flags as config, with only the keys given (an unset one must not hide the config file's). */
function deckFlags(images: string | undefined, theme: string | undefined): ConfigInput['deck'] {
  const deck: ConfigInput['deck'] = {};
  if (images !== undefined) deck.images = images.toLowerCase().replace(/^jpg$/, 'jpeg') as SlideImageFormat;
  // A theme file is named from where the command runs.
  if (theme !== undefined) deck.theme = /\.css$/i.test(theme) ? resolve(theme) : theme;
  return Object.keys(deck).length ? deck : undefined;
}

function readConfigFile(path: string | undefined): ConfigInput | undefined {
  const file = resolve(path ?? 'guidepress.config.json');
  if (!existsSync(file)) {
    if (path) throw new UsageError(`Config file ${path} does not exist`);
    return undefined;
  }
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`Config file ${shortPath(file)} is not valid JSON: ${(error as Error).message}`);
  }
  return validateConfigFile(data, shortPath(file));
}

function formatBytes(n: number): string {
  return n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} kB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
}
