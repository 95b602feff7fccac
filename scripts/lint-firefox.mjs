#!/usr/bin/env node
// Runs Mozilla's add-on linter on dist/firefox offline and fails on any error. Warnings are printed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist/firefox');
if (!existsSync(join(dist, 'manifest.json'))) {
  console.error('lint: dist/firefox has no build; run "npm run build" first');
  process.exit(1);
}
const result = spawnSync(process.execPath, [join(root, 'node_modules/web-ext/bin/web-ext.js'), 'lint', '--source-dir', dist, '--output', 'json', '--no-config-discovery'], {
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
let report;
try {
  report = JSON.parse(result.stdout);
} catch {
  console.error(`lint: web-ext lint did not print JSON:\n${result.stdout}\n${result.stderr}`);
  process.exit(1);
}
// Warnings we know and accept: Preact's renderer assigns innerHTML (we never pass it page data), and
// onnxruntime-web's bundle contains an import() the background never reaches. Any other warning fails,
// e.g. Chrome-only APIs leaking into the Firefox build.
const ACCEPTED = [
  { code: 'UNSAFE_VAR_ASSIGNMENT', file: 'jsxRuntime.js', message: /innerHTML/ },
  { code: 'UNSAFE_VAR_ASSIGNMENT', file: 'src/background/index.js', message: /Unsafe call to import/ },
];
const accepted = (item) => ACCEPTED.some((a) => a.code === item.code && a.file === item.file && a.message.test(item.message));
let unexpected = 0;
for (const kind of ['errors', 'warnings']) {
  for (const item of report[kind] ?? []) {
    const known = kind === 'warnings' && accepted(item);
    if (!known) unexpected++;
    console.log(`${kind === 'errors' ? 'error' : 'warning'}${known ? ' (known, accepted)' : ''}: ${item.code} ${item.file ?? ''} ${item.message}`);
  }
}
const { errors = 0, warnings = 0, notices = 0 } = report.summary ?? {};
console.log(`web-ext lint: ${errors} errors, ${warnings} warnings (${unexpected} unexpected), ${notices} notices`);
process.exit(unexpected === 0 ? 0 : 1);
