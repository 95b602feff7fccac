// Avatar model figures: size, session create, single-image latency (onnxruntime-web, Node, 1 thread), batch throughput.
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import * as ort from 'onnxruntime-web';
import { createAvatarSession } from '../src/avatar/model.ts';
import { loadModelParams, MODELS_DIR } from '../src/avatar/node-scorer.ts';
import { toModelInput } from '../src/avatar/preprocess.ts';

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function rows(): Promise<{ name: string; value: string; note?: string }[]> {
  ort.env.wasm.numThreads = 1;
  const modelPath = resolve(MODELS_DIR, 'avatar-detector.onnx');
  const params = loadModelParams();
  const size = params.inputSize;
  const bytes = readFileSync(modelPath);

  const createStarted = performance.now();
  const session = await createAvatarSession(ort, bytes, params, { maxBatch: 32 });
  const createMs = performance.now() - createStarted;

  let seed = 7;
  const input = new Float32Array(3 * size * size).map(() => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return (seed / 0x7fffffff) * 2 - 1;
  });
  for (let i = 0; i < 10; i++) await session.run([input]);
  const single: number[] = [];
  for (let i = 0; i < 60; i++) {
    const t = performance.now();
    await session.run([input]);
    single.push(performance.now() - t);
  }
  const batch = Array.from({ length: 32 }, () => input);
  const batchTimes: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await session.run(batch);
    batchTimes.push(performance.now() - t);
  }
  await session.release();

  // preprocessing of a 256×256 RGBA avatar (the size most platforms serve)
  const rgba = { width: 256, height: 256, data: new Uint8ClampedArray(256 * 256 * 4).fill(128) };
  const pre: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t = performance.now();
    toModelInput(rgba, params);
    pre.push(performance.now() - t);
  }

  return [
    { name: 'model size', value: `${(statSync(modelPath).size / 1024 / 1024).toFixed(2)} MB`, note: `fp32 ONNX, input ${size}×${size}, v${params.version}` },
    { name: 'session create', value: `${createMs.toFixed(0)} ms`, note: 'onnxruntime-web wasm, Node, from bytes' },
    { name: 'single inference (median)', value: `${median(single).toFixed(2)} ms`, note: '1 thread, batch 1, 60 runs after 10 warm-up' },
    { name: 'batch-32 throughput', value: `${((32 * 1000) / median(batchTimes)).toFixed(0)} img/s`, note: `median ${median(batchTimes).toFixed(1)} ms per batch of 32` },
    { name: 'preprocess 256→input (median)', value: `${median(pre).toFixed(2)} ms`, note: 'toModelInput, TypeScript' },
  ];
}
