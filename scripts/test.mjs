#!/usr/bin/env node
// `npm test`: build both browsers, run the unit tests, the browser tests (Chromium + Firefox) and
// web-ext lint, then print one closing line with the totals.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const reports = mkdtempSync(join(tmpdir(), 'lens-test-'));
const vitest = join(root, 'node_modules/vitest/vitest.mjs');
const totals = { passed: 0, failed: 0, skipped: 0 };
let failedSteps = [];

function run(name, command, args, env = {}) {
  console.log(`\n=== ${name} ===`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) failedSteps.push(name);
  return result.status === 0;
}

function count(reportFile) {
  if (!existsSync(reportFile)) return;
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  totals.passed += report.numPassedTests ?? 0;
  totals.failed += report.numFailedTests ?? 0;
  totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}

const only = process.argv.slice(2);
const wanted = (step) => only.length === 0 || only.includes(step);

// ../shared holds the real pages and images the data tests read. Locally they skip with a message when it
// is missing; in CI a skip would pass silently, so there it fails the run.
const sharedRoot = process.env.LENS_SHARED_DIR ?? resolve(root, '../shared');
const ci = /^(1|true)$/i.test(process.env.CI ?? '');
if (wanted('shared') && !existsSync(sharedRoot)) {
  if (ci) {
    console.error(`\n${sharedRoot} is missing and CI is set: the data tests cannot be skipped in CI (set LENS_SHARED_DIR).`);
    console.log('\ntests: 0 passed, 1 failed (../shared is missing)');
    process.exit(1);
  }
  console.warn(`\n[skip] ${sharedRoot} is missing: the tests that read it are skipped (CI=true makes this an error).`);
}
if (only.length === 1 && only[0] === 'shared') process.exit(0);

if (wanted('build') && !run('build', process.execPath, [join(root, 'scripts/build.mjs')])) {
  console.log('\ntests: 0 passed, 1 failed (the build failed)');
  process.exit(1);
}
for (const [step, config] of [['unit', 'vitest.config.ts'], ['e2e', 'vitest.e2e.config.ts']]) {
  if (!wanted(step)) continue;
  const reportFile = join(reports, `${step}.json`);
  run(`${step} tests`, process.execPath, [vitest, 'run', '--config', config, '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`]);
  count(reportFile);
}
if (wanted('lint')) {
  const ok = run('web-ext lint (Firefox build)', process.execPath, [join(root, 'scripts/lint-firefox.mjs')]);
  totals[ok ? 'passed' : 'failed'] += 1;
}

if (failedSteps.length) console.log(`\nfailed steps: ${failedSteps.join(', ')}`);
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedSteps.length || totals.failed ? 1 : 0);
