// Avatar model figures: size, session create, single-image latency (onnxruntime-web, Node, 1 thread), batch throughput.
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import * as ort from 'onnxruntime-web';
import { createAvatarSession } from '../src/avatar/model.ts';
import { loadModelParams, MODELS_DIR, shippedModelFiles } from '../src/avatar/node-scorer.ts';
import { measureAvatarStages, PIPELINE_BATCH, stageFiles, type Timing } from '../scripts/profile-avatar-stages.ts';
import { hasShared } from '../test/helpers/shared.ts';
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

  // the whole per-avatar path the product runs, stage by stage and whole (scripts/profile-avatar-stages.ts)
  const stages = hasShared('data/faces') ? await measureAvatarStages(stageFiles(), 3) : undefined;
  const totalBytes = shippedModelFiles().reduce((sum, file) => sum + statSync(file).size, 0);
  const ms = (t: Timing): string => `${t.wall.toFixed(2)} ms`;
  const cpu = (t: Timing): string => `CPU ${t.cpu.toFixed(2)} ms`;

  return [
    ...(stages
      ? [
          { name: 'per avatar: decode + geometry + texture (sum of stage medians)', value: ms(stages.threeStages), note: `${cpu(stages.threeStages)}; target ≤ 10 ms; 1 thread ORT-web in Node, ${stages.avatars} real avatars (128–256 px JPEG) × ${stages.rounds} rounds, load ${stages.load[0].toFixed(1)}; ${params.geometryHead ? `one network: face and eyes from the texture run (mirrored run within ${params.geometryHead.mirrorNearWithin ?? '–'} of the layout)` : `face detector ${JSON.stringify(params.faceDetector?.options ?? {})}`}` },
          { name: '  stage: decode (median)', value: ms(stages.decode), note: `${cpu(stages.decode)}; sharp, one pass, one libvips thread` },
          { name: '  stage: geometry (median)', value: ms(stages.geometry), note: `${cpu(stages.geometry)}; face detector incl. its 128 px preprocessing (mirror run only near the layout)` },
          { name: '  stage: texture (median)', value: ms(stages.texture), note: `${cpu(stages.texture)}; 96 px preprocessing + inference, first consumer of the decoded image` },
          { name: '  stage: dHash + flatness (median)', value: ms(stages.hashes), note: `${cpu(stages.hashes)}; shared-picture identity, not part of the target's three stages` },
          { name: 'per avatar: whole scorer, batch 1 (median)', value: ms(stages.scorerBatch1), note: `${cpu(stages.scorerBatch1)}; decode → texture → geometry → fusion + dHash + flatness, one avatar per call` },
          { name: `per avatar: whole scorer, batch ${PIPELINE_BATCH} (median)`, value: ms(stages.scorerBatch16), note: `${cpu(stages.scorerBatch16)}; batch time / ${PIPELINE_BATCH}, as the extension's pipeline sends them (texture model batched, decodes overlap on sharp's threads)` },
        ]
      : [{ name: 'per avatar: decode → geometry → texture', value: 'skipped', note: '../shared/data/faces missing' }]),
    { name: 'all model files', value: `${(totalBytes / 1024 / 1024).toFixed(2)} MB`, note: `${shippedModelFiles().map((f) => f.split('/').pop()).join(' + ')}; target ≤ 5 MB` },
    { name: 'texture model size', value: `${(statSync(modelPath).size / 1024 / 1024).toFixed(2)} MB`, note: `fp32 ONNX, input ${size}×${size}, v${params.version}` },
    { name: 'session create', value: `${createMs.toFixed(0)} ms`, note: 'onnxruntime-web wasm, Node, from bytes' },
    { name: 'single inference (median)', value: `${median(single).toFixed(2)} ms`, note: '1 thread, batch 1, 60 runs after 10 warm-up' },
    { name: 'batch-32 throughput', value: `${((32 * 1000) / median(batchTimes)).toFixed(0)} img/s`, note: `median ${median(batchTimes).toFixed(1)} ms per batch of 32` },
    { name: 'preprocess 256→input (median)', value: `${median(pre).toFixed(2)} ms`, note: 'toModelInput, TypeScript' },
  ];
}
