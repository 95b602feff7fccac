/** Build time and what ships: dist sizes unpacked and zipped per browser, and onnxruntime-web in Node. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as ort from 'onnxruntime-web';
import { REPO_ROOT } from '../test/helpers/shared.ts';

function folderBytes(dir: string): number {
  return readdirSync(dir).reduce((sum, name) => {
    const path = join(dir, name);
    return sum + (statSync(path).isDirectory() ? folderBytes(path) : statSync(path).size);
  }, 0);
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function rows() {
  const out: { name: string; value: string; note?: string }[] = [];
  const started = performance.now();
  const build = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts/build.mjs')], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed:\n${build.stderr}`);
  out.push({ name: 'build (chrome + firefox, incl. zips)', value: `${((performance.now() - started) / 1000).toFixed(1)} s` });
  const version = JSON.parse(readFileSync(join(REPO_ROOT, 'manifest.json'), 'utf8')).version;
  for (const browser of ['chrome', 'firefox']) {
    const dist = resolve(REPO_ROOT, 'dist', browser);
    out.push({ name: `dist/${browser} unpacked`, value: mb(folderBytes(dist)) });
    out.push({ name: `dist/${browser} zipped`, value: mb(statSync(join(REPO_ROOT, 'dist', `amplifier-lens-${version}-${browser}.zip`)).size) });
    const script = join(dist, 'src/background/index.js');
    if (existsSync(script)) out.push({ name: `${browser} background script`, value: `${(statSync(script).size / 1024).toFixed(0)} KB` });
  }

  const modelPath = join(REPO_ROOT, 'models/avatar-detector.onnx');
  if (!existsSync(modelPath)) {
    out.push({ name: 'onnxruntime-web session create (Node)', value: 'n/a', note: 'models/avatar-detector.onnx missing' });
    return out;
  }
  ort.env.wasm.numThreads = 1;
  const createStart = performance.now();
  const session = await ort.InferenceSession.create(readFileSync(modelPath));
  out.push({ name: 'onnxruntime-web session create (Node, 1 thread)', value: `${(performance.now() - createStart).toFixed(0)} ms` });
  const params = JSON.parse(readFileSync(join(REPO_ROOT, 'models/avatar-detector.json'), 'utf8'));
  const size = Number(params.inputSize ?? params.input_size ?? 128);
  const input = new ort.Tensor('float32', new Float32Array(3 * size * size).fill(0.5), [1, 3, size, size]);
  const times: number[] = [];
  for (let i = 0; i < 40; i++) {
    const t0 = performance.now();
    await session.run({ [session.inputNames[0]]: input });
    times.push(performance.now() - t0);
  }
  out.push({ name: `onnxruntime-web inference 1×3×${size}×${size} (Node, median of 40)`, value: `${median(times.slice(5)).toFixed(2)} ms` });
  return out;
}
