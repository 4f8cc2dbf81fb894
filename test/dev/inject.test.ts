import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { devPolicy, scriptHash, servedHtml, sheetOf } from '../../src/dev/inject.js';
import { readTemplate } from '../../src/shared/templates.js';

const policyOf = (html: string) => /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)![1]!;
const handoutTemplate = readTemplate('print/handout.html');

test('as served, a page lets the dev client run by its hash and reach the dev server, and nothing else', () => {
  const script = 'console.log(1)';
  const served = servedHtml(handoutTemplate, { script, styles: ['.x{}'] });
  const policy = policyOf(served);
  assert.match(policy, new RegExp(`script-src ${scriptHash(script).replace(/[+/]/g, '\\$&')}`));
  assert.match(policy, /connect-src 'self'/);
  // Still refused: other scripts, remote images, fonts, frames.
  assert.match(policy, /default-src 'none'/);
  assert.match(policy, /img-src data:;/);
  assert.doesNotMatch(policy, /unsafe-inline'[^;]*script|script-src[^;]*(unsafe|https?:|\*)/);
  assert.equal(served.match(/Content-Security-Policy/g)!.length, 1);
  assert.ok(served.indexOf(`<script>${script}</script>`) < served.indexOf('</head>'));
  assert.match(served, /<style data-guidepress-dev>\n\.x\{\}<\/style>/);
});

test("a deck's own script hashes stay beside the client's", () => {
  const policy = "default-src 'none'; script-src 'sha256-AAA' 'sha256-BBB'; base-uri 'none'";
  assert.equal(devPolicy(policy, "'sha256-CCC'"), "default-src 'none'; script-src 'sha256-AAA' 'sha256-BBB' 'sha256-CCC'; base-uri 'none'; connect-src 'self'");
  assert.equal(devPolicy("script-src 'none'; connect-src https://x.example", "'sha256-C'"), "script-src 'sha256-C'; connect-src 'self'");
});

test('the sheet is read from the paper CSS the handout carries', () => {
  const css = (name: string) => `<style>${readFileSync(new URL(`../../templates/print/paper-${name}.css`, import.meta.url), 'utf8')}</style>`;
  assert.deepEqual(sheetOf(css('a4')), { width: '210mm', height: '297mm', margin: ['24mm', '34mm', '26mm', '34mm'] });
  assert.equal(sheetOf(css('letter'))!.width, '215.9mm');
  assert.deepEqual(sheetOf('<style>@page { size: 6in 9in; margin: 1in; }</style>'), { width: '6in', height: '9in', margin: ['1in', '1in', '1in', '1in'] });
  assert.deepEqual(sheetOf('<style>@page { size: A5 landscape; margin: 10mm 20mm; }</style>'), { width: '210mm', height: '148mm', margin: ['10mm', '20mm', '10mm', '20mm'] });
  assert.equal(sheetOf('<p>no page rule</p>'), undefined);
});
