#!/usr/bin/env node
// The compiled CLI lives in lib/ (built by `npm install` through the `prepare` script). It runs
// from lib/bundle/, one esbuild bundle of it (scripts/bundle.mjs), which loads in a third of the
// time; from lib/cli.js itself when there is no bundle, or one older than lib/ (tsc run alone).
import { existsSync, statSync } from 'node:fs';

const bundle = new URL('../lib/bundle/cli.js', import.meta.url);
const compiled = new URL('../lib/cli.js', import.meta.url);
const fresh = existsSync(bundle) && statSync(bundle).mtimeMs >= statSync(compiled).mtimeMs;
const { main, ExitCode } = await import(fresh ? bundle.href : compiled.href);

const code = await main(process.argv.slice(2));
process.exitCode = code;
// Interrupted, or Chromium died: Puppeteer can leave timers for the lost browser (a 30 s navigation
// timeout) that would keep the process alive after the build has already stopped and cleaned up.
if (code === ExitCode.interrupted || code === ExitCode.environment) process.exit(code);
