import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { closest } from './closest.js';
import { build, shortPath } from './build.js';
import type { Dev } from './dev/index.js';
import { type Artifact, type ConfigInput, type Paper, type SlideImageFormat, artifacts, resolveConfig, validateConfigFile } from './config.js';
import { EnvironmentError, ExitCode, GuidepressError, UsageError, hasErrors } from './errors.js';
import { BrowserSession } from './session.js';
import { parseShard } from './shard.js';
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
  guidepress dev [options] [--port N] [--host H] [--open]
                                 build, then serve the output folder at http://127.0.0.1:4000/ with
                                 pages that reload as you save; rebuilds only what a change touches
  guidepress --help | --version

Options:
  --content DIR        the guides (default: content)
  --out DIR            where outputs go (default: dist)
  --paper SIZE         a4 | letter | a5 (default: a4)
  --only LIST          handout,deck,pptx,notes,book,epub: build only these (default: all;
                       pptx and notes are the deck's PowerPoint and speaker's notes PDF)
  --duplex             book: start sections on right-hand pages
  --browser PATH       the Chromium or Chrome to print with (or PUPPETEER_EXECUTABLE_PATH)
  --templates DIR      templates that replace the bundled ones, file by file, at the same
                       paths (DIR/print/handout.css); a file that replaces nothing is a warning
  --images FORMAT      deck: also write each slide as a picture, png | jpeg (slides/01.png...)
  --deck-theme THEME   deck: guidepress (default), default, gaia, uncover, or a FILE.css
  --config FILE        a JSON config file (default: guidepress.config.json when present)
  --timeout SECONDS    how long one handout, deck or the book may take to render (default: 120)
  -j, --jobs N         build: how many guides at once, each in a page of the one browser
                       (default: the number of cores); the output is the same whatever N is
  --force              build: rebuild every artifact, even one whose inputs have not changed
                       (a build skips those and says how many: unchanged: 55)
  --shard I/N          build: only the I-th of N shares of the guides, by a hash of each slug (for
                       several machines; the book only with --only book, as a job of its own)
  -q, --quiet          print only problems
  --verbose            build: also name each artifact as it starts and the book's passes (in a
                       terminal a live line shows them anyway: [3/12] handout slug, elapsed time)
  --format FORMAT      check: text (default) or json, an array of {file, line, column, endLine,
                       endColumn, severity, rule, message}
  --strict             check: warnings count as errors (exit 1)
  --port N             dev: the port to serve on (default: 4000, or the next free one)
  --host H             dev: the interface to listen on (default: 127.0.0.1, this machine only)
  --open               dev: open the index in your browser

In a terminal, build shows a live progress line; colours only there, and never with NO_COLOR set.

Exit codes: 0 built (check: no errors), 1 content errors, 2 bad usage, 3 no usable browser or it crashed,
130 interrupted (Ctrl+C or SIGTERM).`;

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
  /** A terminal to draw the live progress line on (stdout); absent for a pipe, a file or CI. */
  tty?: Terminal;
}

export interface Terminal {
  /** Writes raw text, without a newline: the progress line redraws itself with `\r`. */
  write: (text: string) => void;
  columns: number;
  /** False when NO_COLOR is set. */
  color: boolean;
}

const defaultIo: Io = {
  out: (l) => process.stdout.write(`${l}\n`),
  err: (l) => process.stderr.write(`${l}\n`),
  tty: process.stdout.isTTY && !process.env.CI
    ? { write: (t) => process.stdout.write(t), columns: process.stdout.columns || 80, color: !process.env.NO_COLOR && Boolean(process.stderr.isTTY) }
    : undefined,
};

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
    if (command !== 'build' && command !== 'dev') throw new UsageError(command ? `Unknown command "${command}"${closestCommand(command)}` : 'No command given');
    if (values.format !== undefined || values.strict) throw new UsageError(`--${values.format !== undefined ? 'format' : 'strict'} is for \`guidepress check\``);
    if (command === 'build') {
      const devFlag = (['port', 'host', 'open'] as const).find((flag) => values[flag] !== undefined);
      if (devFlag) throw new UsageError(`--${devFlag} is for \`guidepress dev\``);
    }
    if (command === 'dev') {
      if (targets.length) throw new UsageError(`guidepress dev serves the whole content folder: leave out ${targets.map((t) => `"${t}"`).join(' ')} (pass --content DIR)`);
      const config = resolveConfig(readConfigFile(values.config), configFlags(values, targets));
      session = new BrowserSession(config.browser);
      return await runDev(values, config, session, io, (listener) => {
        process.once('SIGINT', listener);
        process.once('SIGTERM', listener);
        process.once('SIGHUP', listener);
        return () => {
          process.off('SIGINT', listener);
          process.off('SIGTERM', listener);
          process.off('SIGHUP', listener);
        };
      });
    }

    const flags = configFlags(values, targets);
    const config = resolveConfig(readConfigFile(values.config), flags);
    session = new BrowserSession(config.browser);
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    process.once('SIGHUP', onSignal);

    const started = performance.now();
    const progress = new Progress(values.quiet ? undefined : io.tty, started);
    const say = (line: string) => progress.above(() => io.out(line));
    const shard = values.shard === undefined ? undefined : parseShard(values.shard);
    const result = await build(config, session, {
      onWrite: (w) => {
        if (!values.quiet) say(`  wrote ${shortPath(w.path).padEnd(44)} ${formatBytes(w.bytes).padStart(9)}  ${(w.ms / 1000).toFixed(1)} s`);
      },
      onStep: (step) => {
        const line = `[${step.index}/${step.total}] ${step.artifact}${step.name === step.artifact ? '' : ` ${step.name}`}`;
        progress.show(line);
        if (values.verbose && !io.tty) io.out(line);
      },
      onPhase: (phase) => {
        progress.show(`${progress.step.replace(/ · .*$/, '')} · ${phase}`);
        if (values.verbose && !io.tty) io.out(`  book: ${phase}`);
      },
    }, { guides: targets, shard, force: values.force }).finally(() => progress.done());
    if (interrupted) {
      io.err(`guidepress: ${session.stopped ?? 'Interrupted'}`);
      return ExitCode.interrupted;
    }
    const withMessages = result.files.filter((f) => f.messages.length > 0);
    if (withMessages.length) io.err(formatMessages(withMessages, io.tty));
    const failed = result.files.filter(hasErrors);
    if (!values.quiet) {
      const unchanged = result.unchanged ? `; unchanged: ${result.unchanged} (--force rebuilds them)` : '';
      io.out(`${result.written.length} file${result.written.length === 1 ? '' : 's'} from ${result.guides.length} guide${result.guides.length === 1 ? '' : 's'} in ${((performance.now() - started) / 1000).toFixed(1)} s${unchanged}`);
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
  jobs: { type: 'string', short: 'j' },
  force: { type: 'boolean' },
  shard: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  verbose: { type: 'boolean' },
  format: { type: 'string' },
  strict: { type: 'boolean' },
  port: { type: 'string' },
  host: { type: 'string' },
  open: { type: 'boolean' },
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
    // Named guides, or a shard, are built without the book, unless --only asks for it.
    only: (values.only?.split(',').map((s) => s.trim()).filter(Boolean) ?? (targets.length || values.shard !== undefined ? artifacts.filter((a) => a !== 'book') : undefined)) as Artifact[] | undefined,
    duplex: values.duplex,
    browser: values.browser,
    templatesDir: values.templates,
    timeout: values.timeout === undefined ? undefined : Number(values.timeout),
    jobs: values.jobs === undefined ? undefined : Number(values.jobs),
    deck: deckFlags(values.images, values['deck-theme']),
  };
}

/** `guidepress check`: the content's problems, as text or JSON, and no browser. */
async function runCheck(values: Values, paths: string[], io: Io): Promise<number> {
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`Unknown format "${format}": use text or json`);
  const config = resolveConfig(readConfigFile(values.config), configFlags(values, paths));
  // Loaded for `check` alone: it reads every output's content rules (the deck's among them).
  const { check } = await import('./check.js');
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
    if (withMessages.length) io.err(formatMessages(withMessages, io.tty));
    else if (!values.quiet) io.out(`${result.guides.length} guide${result.guides.length === 1 ? '' : 's'} checked: no problems`);
  }
  return errors > 0 || (values.strict && warnings > 0) ? ExitCode.content : ExitCode.ok;
}

/**
 * `guidepress dev`: serve and rebuild until Ctrl+C or SIGTERM, which close the browser, the watcher
 * and the server and exit 0. Prints the URL on its own line, each rebuild, and the content's problems.
 */
async function runDev(values: Values, config: ReturnType<typeof resolveConfig>, session: BrowserSession, io: Io, onSignals: (listener: (signal: NodeJS.Signals) => void) => () => void): Promise<number> {
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) throw new UsageError(`--port must be a port number (0 to 65535), not "${values.port}"`);
  const configFile = resolve(values.config ?? 'guidepress.config.json');
  let server: Dev | undefined;
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    stopping = true;
    if (!values.quiet) io.err(`guidepress: ${signal}: stopping`);
    // The browser first: a build in progress then fails at once instead of finishing its print.
    void session.interrupt(signal).then(() => server?.close());
  };
  const unlisten = onSignals(stop);
  try {
    // The dev server's modules (a watcher, a web server) load only for `dev`.
    const { dev } = await import('./dev/index.js');
    server = await dev(config, session, {
      host: values.host,
      port,
      configFile,
      reloadConfig: () => resolveConfig(readConfigFile(values.config), configFlags(values, [])),
    }, {
      onListening: (url) => {
        if (!values.quiet) io.out(`guidepress dev: serving ${shortPath(resolve(config.outDir))} from ${shortPath(resolve(config.contentDir))}; Ctrl+C stops`);
        io.out(url);
      },
      onBuild: (plan, changed) => {
        if (values.quiet) return;
        const what = plan.kind === 'all' ? 'everything' : plan.kind === 'book' ? 'the book' : `${plan.guides.map(shortPath).join(', ')}${plan.book ? ' and the book' : ''}`;
        io.out(`${changed.length ? `changed ${changed.slice(0, 3).map(shortPath).join(', ')}${changed.length > 3 ? ` and ${changed.length - 3} more` : ''}: ` : ''}building ${what}`);
      },
      onWrite: (w) => {
        if (values.verbose) io.out(`  wrote ${shortPath(w.path)}`);
      },
      onBuilt: (report) => {
        const withMessages = report.files.filter((f) => f.messages.length > 0);
        if (withMessages.length) io.err(formatMessages(withMessages, io.tty));
        if (!values.quiet) io.out(`built ${report.written.length} file${report.written.length === 1 ? '' : 's'} in ${(report.ms / 1000).toFixed(1)} s${report.files.some(hasErrors) ? ' (errors above: shown in the open pages too)' : ''}`);
      },
      onProblem: (error) => io.err(`guidepress: ${error.message}`),
    });
    if (values.open) openInBrowser(server.url);
    await server.done;
    return ExitCode.ok;
  } catch (error) {
    if (stopping) return ExitCode.ok;
    if (session.stopped) throw new EnvironmentError(session.stopped, { cause: error });
    throw error;
  } finally {
    unlisten();
    await server?.close();
  }
}

/** The user's own browser, through the system's opener; a machine without one just has the URL printed. */
function openInBrowser(url: string): void {
  const [command, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  try {
    spawn(command, args, { stdio: 'ignore', detached: true }).on('error', () => undefined).unref();
  } catch {
    // No opener: the URL is printed.
  }
}

function closestCommand(name: string): string {
  const guess = closest(name, ['build', 'check', 'dev'], 1)[0];
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

/**
 * The live progress line of a terminal: `[3/12] handout staff-archetypes  4.2 s`, redrawn in place
 * every quarter second and cleared before any other line is printed. Without a terminal it does nothing.
 */
class Progress {
  step = '';
  private timer: NodeJS.Timeout | undefined;
  constructor(private readonly tty: Terminal | undefined, private readonly started: number) {}

  show(step: string): void {
    this.step = step;
    if (!this.tty) return;
    this.timer ??= setInterval(() => this.draw(), 250).unref();
    this.draw();
  }

  /** Print something while the line is shown: clear it, print, draw it again below. */
  above(print: () => void): void {
    if (this.tty && this.step) this.tty.write('\r\x1b[2K');
    print();
    if (this.tty && this.step) this.draw();
  }

  done(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    if (this.tty && this.step) this.tty.write('\r\x1b[2K');
    this.step = '';
  }

  private draw(): void {
    const seconds = `${((performance.now() - this.started) / 1000).toFixed(1)} s`;
    const room = Math.max(10, this.tty!.columns - seconds.length - 3);
    const step = this.step.length > room ? `${this.step.slice(0, room - 1)}…` : this.step;
    this.tty!.write(`\r\x1b[2K${step}  ${this.tty!.color ? `\x1b[2m${seconds}\x1b[22m` : seconds}`);
  }
}

/**
 * Messages the way vfile-reporter prints them (`path`, then `line:column  severity  reason  rule`),
 * but the reason is not padded to the longest one, and in a terminal it wraps at its width under
 * itself; colour only in a terminal without NO_COLOR.
 */
export function formatMessages(files: VFile[], tty?: Terminal): string {
  const paint = (code: string, text: string) => (tty?.color ? `\x1b[${code}m${text}\x1b[0m` : text);
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  for (const file of files) {
    const messages = [...file.messages].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
    if (!messages.length) continue;
    if (lines.length) lines.push('');
    lines.push(paint('4', file.path ? shortPath(file.path) : '<stdin>'));
    const places = messages.map(placeOf);
    const placeWidth = Math.max(...places.map((p) => p.length));
    for (const [i, m] of messages.entries()) {
      const fatal = m.fatal === true;
      if (fatal) errors += 1;
      else warnings += 1;
      const severity = fatal ? 'error' : 'warning';
      const prefix = `${places[i]!.padEnd(placeWidth)}  ${severity.padEnd(7)}  `;
      // As vfile-reporter writes it: the rule, then its source.
      const rule = [m.ruleId, m.source].filter(Boolean).join(' ');
      const text = `${m.reason}${rule ? `  ${rule}` : ''}`;
      const room = tty ? Math.max(30, tty.columns - prefix.length - 1) : Infinity;
      const wrapped = wrap(text, room);
      lines.push(prefix.replace(severity, paint(fatal ? '31' : '33', severity)) + wrapped[0]);
      for (const rest of wrapped.slice(1)) lines.push(' '.repeat(prefix.length) + rest);
    }
  }
  const counts = [errors ? paint('31', `✖ ${errors} error${errors === 1 ? '' : 's'}`) : '', warnings ? paint('33', `⚠ ${warnings} warning${warnings === 1 ? '' : 's'}`) : ''].filter(Boolean);
  lines.push('', counts.join(', '));
  return lines.join('\n');
}

function placeOf(m: VFileMessage): string {
  const place = m.place;
  if (!place) return '1:1';
  if ('start' in place) return `${place.start.line}:${place.start.column}-${place.end.line}:${place.end.column}`;
  return `${place.line}:${place.column}`;
}

/** Lines of at most `width` characters, broken at spaces (and at the text's own newlines). */
function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    if (paragraph.length <= width) {
      out.push(paragraph);
      continue;
    }
    let line = '';
    for (const word of paragraph.split(' ').filter(Boolean)) {
      if (line && line.length + 1 + word.length > width) {
        out.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(line);
  }
  return out;
}

/** For bin/guidepress.js, which runs `main` from lib/cli.js or from its bundle: the exit codes of the same copy. */
export { ExitCode } from './errors.js';
