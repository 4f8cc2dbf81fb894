import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { run } from './helpers/cli.js';
import { fixtures, repoRoot } from './helpers/guide.js';

interface Reported { file: string; line: number; column: number; endLine: number; endColumn: number; severity: string; rule: string; message: string }

const cases = join(fixtures, 'check');

test('check reports exactly the one problem of each fixture, at its place, without a browser', async () => {
  const names = readdirSync(cases).sort();
  assert.ok(names.length >= 12, 'one fixture per kind of problem');
  for (const name of names) {
    const content = join(cases, name, 'content');
    const expected = JSON.parse(readFileSync(join(cases, name, 'expected.json'), 'utf8')) as Partial<Reported>;
    // A browser that does not exist: check must never try to start one.
    const result = await run('check', '--content', content, '--format', 'json', '--browser', '/nonexistent/chromium');
    const reported = JSON.parse(result.stdout) as Reported[];
    const got = reported.map((m) => ({ file: relative(content, join(repoRoot, m.file)), line: m.line, column: m.column, severity: m.severity, rule: m.rule }));
    assert.deepEqual(got, [expected], `${name}: ${result.stdout}`);
    assert.equal(result.code, expected.severity === 'error' ? 1 : 0, `${name}: exit code`);
    for (const m of reported) {
      assert.ok(m.endLine >= m.line && m.message.length > 0, `${name}: a whole message`);
    }
  }
});

test('--strict counts warnings as errors; text output names file, place and rule', async () => {
  const content = join(cases, 'heading-skip', 'content');
  assert.equal((await run('check', '--content', content, '--strict')).code, 1);
  const text = await run('check', '--content', content);
  assert.equal(text.code, 0);
  assert.match(text.stderr, /guides\/guide\.md\n\s*11:1-11:14\s+warning\s+Heading level 4 follows level 2.*heading-skip/);
});

test('check PATH reports only that guide; a name that matches none is a usage error', async () => {
  const content = join(cases, 'dead-anchor-other', 'content');
  const other = await run('check', '--content', content, '--format', 'json', join(content, 'guides/other.md'));
  assert.equal(other.code, 0, other.stderr);
  assert.deepEqual(JSON.parse(other.stdout), []);
  const typo = await run('check', '--content', content, 'othr');
  assert.equal(typo.code, 2);
  assert.match(typo.stderr, /"othr" names no guide.*did you mean "other"/);
});

test("check on the repository's content reports nothing", async () => {
  const result = await run('check', '--content', join(repoRoot, 'content'), '--format', 'json', '--strict');
  assert.equal(result.code, 0, result.stdout);
  assert.deepEqual(JSON.parse(result.stdout), []);
});
