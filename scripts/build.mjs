#!/usr/bin/env node
// Builds the extension for Chrome and Firefox into dist/<browser>/ and zips each for the stores.
// Usage: node scripts/build.mjs [chrome|firefox ...]
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const targets = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const browsers = targets.length ? targets : ['chrome', 'firefox'];

/** Files that are shipped as they are, next to what Vite builds. */
const shipped = [
  ['node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.wasm', 'ort/ort-wasm-simd-threaded.wasm'],
  ['models/avatar-detector.onnx', 'models/avatar-detector.onnx'],
  ['models/avatar-detector.json', 'models/avatar-detector.json'],
  // the face detector only when the model files name one (v4 files give the face in the texture run)
  ...faceDetectorFiles(),
];

function faceDetectorFiles() {
  const params = JSON.parse(readFileSync(join(root, 'models/avatar-detector.json'), 'utf8'));
  return params.faceDetector ? [[`models/${params.faceDetector.file}`, `models/${params.faceDetector.file}`]] : [];
}

function listFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

for (const browser of browsers) {
  const started = Date.now();
  const vite = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: root,
    env: { ...process.env, TARGET: browser },
    stdio: 'inherit',
  });
  if (vite.status !== 0) {
    console.error(`build: vite build for ${browser} failed`);
    process.exit(vite.status ?? 1);
  }
  const out = join(root, 'dist', browser);
  for (const [from, to] of shipped) {
    const source = join(root, from);
    if (!existsSync(source)) {
      console.warn(`build: ${from} is missing, the ${browser} build ships without it`);
      continue;
    }
    mkdirSync(dirname(join(out, to)), { recursive: true });
    copyFileSync(source, join(out, to));
  }
  const entries = {};
  for (const file of listFiles(out)) entries[relative(out, file).split('\\').join('/')] = readFileSync(file);
  const version = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).version;
  const zipPath = join(root, 'dist', `amplifier-lens-${version}-${browser}.zip`);
  writeFileSync(zipPath, zipSync(entries, { level: 9 }));
  console.log(`build: ${browser} -> dist/${browser}/ and ${relative(root, zipPath)} in ${Date.now() - started} ms`);
}
