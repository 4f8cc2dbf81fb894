import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { fixtures, repoRoot } from '../helpers/guide.js';
import { flatten, pdfFonts, pdfInfo, pdfPages } from '../helpers/pdf.js';
import { stageCheckout } from '../helpers/stage.js';
import { tempDir } from '../helpers/tmp.js';

const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

const guide = `---
title: Reading the room
author: A. Writer
lang: en
keywords: [meetings, listening]
---

Before you speak in a meeting, listen for what the room already agrees on. The sentence that
carries a decision is rarely the loudest one, and [notes](https://example.com/notes) help.

![A portrait](/images/portrait.png)

Three practices make this easier:

1. **Arrive early.** The first minutes tell you who is worried about what.
2. **Write down the open questions.** Reading them back ends more arguments than winning them.
3. **Leave the last word to someone else.** It costs you nothing and buys you the next meeting.
`;

interface Packed { filename: string; size: number; unpackedSize: number; files: { path: string }[] }

describe('npm pack, installed into an empty folder, builds there', () => {
  let packed: Packed;
  let tarball: string;
  let project: string;
  // npx in the project, never asking the registry: the bin must come from the installed tarball.
  const npx = (...args: string[]) =>
    spawnSync('npx', ['--no-install', 'guidepress', ...args], { cwd: project, encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: '1700000000' } });

  before(() => {
    const source = stageCheckout('pack');
    const into = tempDir('tarball');
    // A plain `npm pack`: its `prepare` compiles src/ into lib/, as it does for a publish.
    packed = (JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', into], { cwd: source, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })) as Packed[])[0]!;
    tarball = join(into, packed.filename);

    project = tempDir('installed');
    writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'handouts', version: '1.0.0', private: true }, null, 2)}\n`);
    // Where npm runs dependency install scripts (npm 10 does), Puppeteer's would download a browser;
    // guidepress's own .puppeteerrc.cjs does not reach a project that installs it, so say it here.
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], {
      cwd: project,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1' },
    });
    // Nothing may resolve from the source: it is gone before the installed package runs.
    rmSync(source, { recursive: true, force: true });

    mkdirSync(join(project, 'content/guides'), { recursive: true });
    mkdirSync(join(project, 'content/static/images'), { recursive: true });
    writeFileSync(join(project, 'content/guides/reading-the-room.md'), guide);
    copyFileSync(join(fixtures, 'hugo-site/content/static/images/portrait.png'), join(project, 'content/static/images/portrait.png'));
  });

  test('the tarball holds the compiled code, templates and docs, and no sources or tests', (t) => {
    const files = packed.files.map((f) => f.path);
    t.diagnostic(`${packed.filename}: ${(packed.size / 1024).toFixed(0)} kB packed, ${(packed.unpackedSize / 1024).toFixed(0)} kB unpacked, ${files.length} files`);
    for (const f of ['package.json', 'bin/guidepress.js', 'lib/cli.js', 'lib/bundle/cli.js', 'lib/index.js', 'lib/index.d.ts', '.puppeteerrc.cjs', 'README.md', 'CHANGELOG.md', 'LICENSE']) {
      assert.ok(files.includes(f), `missing ${f}`);
    }
    const templates = (readdirSync(join(repoRoot, 'templates'), { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
      .filter((d) => d.isFile())
      .map((d) => join(d.parentPath, d.name).slice(repoRoot.length));
    assert.ok(templates.length > 0);
    for (const f of templates) assert.ok(files.includes(f), `template missing from the package: ${f}`);
    for (const f of files) assert.doesNotMatch(f, /^(src|test|content|scripts|bench|\.github|\.ci|node_modules|dist)\//, f);
    // A package for a CLI, not a browser or a font collection: fonts come from @fontsource dependencies.
    // Most of it is the CLI's bundle (lib/bundle/, scripts/bundle.mjs: about 2 MB), which starts in a third of the time.
    assert.ok(packed.size < 3 * 1024 * 1024, `${packed.size} bytes`);
  });

  test('it was installed, not linked to the source', () => {
    const installed = realpathSync(join(project, 'node_modules/guidepress'));
    assert.ok(installed.startsWith(realpathSync(project)), installed);
    assert.ok(existsSync(join(installed, 'templates/print/handout.html')));
    assert.ok(existsSync(join(project, 'node_modules/@fontsource/source-serif-4/package.json')), 'fonts come as a dependency');
  });

  test('npx guidepress --version and --help answer', () => {
    const v = npx('--version');
    assert.equal(v.status, 0, v.stderr);
    assert.equal(v.stdout.trim(), version);
    const help = npx('--help');
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, /^guidepress \d+\.\d+\.\d+: /);
    assert.match(help.stdout, /guidepress build \[options\]/);
  });

  test('npx guidepress build makes a handout from content/, with the bundled fonts and templates', () => {
    const result = npx('build');
    assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);
    const pdf = join(project, 'dist/reading-the-room/handout.pdf');
    const info = pdfInfo(pdf);
    assert.equal(info.Title, 'Reading the room');
    assert.equal(info.Author, 'A. Writer');
    assert.equal(info.Creator, `guidepress ${version}`);
    assert.equal(info.Tagged, 'yes');
    const text = flatten(pdfPages(pdf).join('\n'));
    assert.match(text, /listen for what the room already agrees on/);
    assert.match(text, /Write down the open questions/);
    assert.match(text, /https:\/\/example\.com\/notes/, 'the link is printed as a note');
    assert.match(text, /A portrait/, 'the image is a captioned figure');
    const fonts = pdfFonts(pdf);
    assert.ok(fonts.length > 0 && fonts.every((f) => f.embedded), JSON.stringify(fonts));
    assert.ok(fonts.some((f) => /SourceSerif/i.test(f.name)), fonts.map((f) => f.name).join(', '));
    // Every other PDF the build wrote (the deck, when there is one) reads back too.
    for (const name of readdirSync(join(project, 'dist/reading-the-room')).filter((f) => f.endsWith('.pdf'))) {
      assert.ok(Number(pdfInfo(join(project, 'dist/reading-the-room', name)).Pages) >= 1, name);
    }
  });
});
