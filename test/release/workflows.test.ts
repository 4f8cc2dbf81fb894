import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { validateWorkflow } from '@action-validator/core';
import { parse } from 'yaml';
import { repoRoot } from '../helpers/guide.js';

const dir = join(repoRoot, '.github/workflows');
const source = (name: string) => readFileSync(join(dir, name), 'utf8');

interface Step { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string> }
interface Job { permissions?: Record<string, string>; steps?: Step[]; uses?: string; needs?: string | string[] }
interface Workflow { on: Record<string, unknown>; permissions?: Record<string, string>; jobs: Record<string, Job> }
const workflow = (name: string) => parse(source(name)) as Workflow;
const steps = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps ?? []);
const runs = (w: Workflow) => steps(w).map((s) => s.run ?? '').join('\n');

test('both workflows pass the GitHub Actions schema validator', () => {
  assert.deepEqual(readdirSync(dir).sort(), ['ci.yml', 'release.yml']);
  for (const name of ['ci.yml', 'release.yml']) {
    const { errors } = validateWorkflow(source(name));
    assert.deepEqual(errors, [], name);
  }
});

test('the validator does reject a broken workflow', () => {
  const ci = source('ci.yml');
  for (const broken of [ci.replace('runs-on: ubuntu-latest', ''), ci.replace('contents: read', 'contents: readwrite'), ci.replace('pull_request:', 'pull-request:')]) {
    assert.notEqual(broken, ci);
    assert.ok(validateWorkflow(broken).errors.length > 0);
  }
});

test('every action is pinned to a major version; every npm script a workflow runs exists', () => {
  const scripts = Object.keys((JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);
  for (const name of ['ci.yml', 'release.yml']) {
    const w = workflow(name);
    for (const { uses } of steps(w)) if (uses) assert.match(uses, /^[\w.-]+\/[\w.-]+@v\d+$/, `${name}: ${uses}`);
    for (const [, script] of runs(w).matchAll(/npm run ([\w:-]+)/g)) assert.ok(scripts.includes(script!), `${name} runs a missing script: ${script}`);
  }
});

test('least privilege: read-only by default, contents: write only where the release is published', () => {
  const ci = workflow('ci.yml');
  assert.deepEqual(ci.permissions, { contents: 'read' });
  for (const job of Object.values(ci.jobs)) assert.equal(job.permissions, undefined);
  const release = workflow('release.yml');
  assert.deepEqual(release.permissions, {});
  for (const [name, job] of Object.entries(release.jobs)) {
    assert.ok(job.permissions, `${name} says what it needs`);
    const writes = Object.entries(job.permissions).filter(([, level]) => level === 'write');
    assert.deepEqual(writes, name === 'publish' ? [['contents', 'write']] : [], name);
  }
  // The job holding the write token runs no code from the repository or npm.
  const publish = release.jobs.publish!;
  assert.ok(!publish.steps!.some((s) => s.uses?.startsWith('actions/checkout') || /\bnpm\b|\bnode\b/.test(s.run ?? '')));
});

test('ci.yml installs with a cache and Chromium, then type-checks, lints, tests, builds and keeps dist/', () => {
  const ci = workflow('ci.yml');
  assert.ok('push' in ci.on && 'pull_request' in ci.on && 'workflow_call' in ci.on);
  const all = steps(ci);
  const order = ['npm ci', 'npm run typecheck', 'npm run lint', 'npm test', 'npm run build'].map((cmd) => all.findIndex((s) => s.run?.includes(cmd)));
  assert.ok(order.every((i, k) => i >= 0 && (k === 0 || i > order[k - 1]!)), `steps in order: ${order.join(', ')}`);
  assert.ok(all.some((s) => s.uses?.startsWith('actions/cache@') && String(s.with?.path).includes('.npm')));
  assert.match(runs(ci), /apt-get install .*\bchromium\b/);
  // The headless shell, which guidepress prints with when it is there, and EPUBCheck, which the tests validate EPUBs with.
  assert.match(runs(ci), /apt-get install .*\bchromium-headless-shell\b.*\bepubcheck\b/);
  const upload = all.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
  assert.equal(upload?.with?.path, 'dist/');
});

test('release.yml: on v* tags and by hand; the CI checks, a build at the commit\'s time, every release file attached', () => {
  const release = workflow('release.yml');
  assert.deepEqual((release.on.push as { tags: string[] }).tags, ['v*']);
  assert.ok('workflow_dispatch' in release.on);
  assert.equal(release.jobs.checks!.uses, './.github/workflows/ci.yml');
  assert.equal(release.jobs.build!.needs, 'checks');
  // The build is split across runners: shards of the guides and the book, gathered before publishing.
  assert.equal(release.jobs.gather!.needs, 'build');
  assert.equal(release.jobs.publish!.needs, 'gather');
  assert.match(runs({ ...release, jobs: { gather: release.jobs.gather! } }), /release-build\.mjs --gather/);
  const build = runs({ ...release, jobs: { build: release.jobs.build! } });
  assert.match(build, /SOURCE_DATE_EPOCH="\$\(git log -1 --format=%ct\)"/);
  assert.ok(build.indexOf('export SOURCE_DATE_EPOCH') < build.indexOf('npm run release:build -- --part'));
  assert.deepEqual((release.jobs.build as Job & { strategy: { matrix: { part: string[] } } }).strategy.matrix.part, ['1/3', '2/3', '3/3', 'book']);
  const publish = runs({ ...release, jobs: { publish: release.jobs.publish! } });
  assert.match(publish, /sha256sum -c SHA256SUMS/);
  assert.match(publish, /gh release create "\$TAG" out\/release\/\*/);
  assert.match(publish, /gh release upload "\$TAG" out\/release\/\* --clobber/);
});
