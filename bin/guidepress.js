#!/usr/bin/env node
// The compiled CLI lives in lib/ (built by `npm install` through the `prepare` script).
import { ExitCode } from '../lib/errors.js';
import { main } from '../lib/cli.js';

const code = await main(process.argv.slice(2));
process.exitCode = code;
// Interrupted, or Chromium died: Puppeteer can leave timers for the lost browser (a 30 s navigation
// timeout) that would keep the process alive after the build has already stopped and cleaned up.
if (code === ExitCode.interrupted || code === ExitCode.environment) process.exit(code);
