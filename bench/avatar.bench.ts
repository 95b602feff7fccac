// Avatar model figures: size, session create, single-image latency (onnxruntime-web, Node, 1 thread), batch throughput.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import * as ort from 'onnxruntime-web';
import { createAvatarSession } from '../src/avatar/model.ts';
import { decodeImageNode } from '../src/avatar/decode-node.ts';
import { createNodeFaceFinder, createNodeScorer, loadModelParams, MODELS_DIR, shippedModelFiles } from '../src/avatar/node-scorer.ts';
import { hasShared, sharedPath } from '../test/helpers/shared.ts';
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

  // the whole per-avatar path the product runs: decode → face detector (geometry) → texture model → fusion
  const avatarFiles = hasShared('data/faces')
    ? ['data/faces/tpdne-headshotclassification/generated', 'data/faces/lfw-genderclassifier-baileyfriend/real', 'data/faces/sdfd-gebaltso/generated'].flatMap((dir) =>
        readdirSync(sharedPath(dir)).sort().slice(0, 20).map((f) => readFileSync(sharedPath(`${dir}/${f}`))),
      )
    : [];
  const perAvatar: number[] = [];
  const stages = { decode: [] as number[], geometry: [] as number[], texture: [] as number[] };
  if (avatarFiles.length) {
    const { scorer, session: full } = await createNodeScorer();
    // the same stages timed one by one (fresh decode each time: decoded images carry their own composite cache)
    const faces = await createNodeFaceFinder();
    const textureSession = await createAvatarSession(ort, bytes, params);
    for (const [i, file] of [...avatarFiles, ...avatarFiles].entries()) {
      const t = performance.now();
      await scorer.score([{ imageKey: `bench-${i}`, bytes: new Uint8Array(file) }]);
      if (i >= 10) perAvatar.push(performance.now() - t);
      scorer.forget([`bench-${i}`]);
      let s = performance.now();
      const image = await decodeImageNode(new Uint8Array(file));
      stages.decode.push(performance.now() - s);
      s = performance.now();
      await faces.detect(image);
      stages.geometry.push(performance.now() - s);
      s = performance.now();
      await textureSession.run([toModelInput(image, params)]);
      stages.texture.push(performance.now() - s);
    }
    await Promise.all([full.release(), faces.release(), textureSession.release()]);
  }
  const totalBytes = shippedModelFiles().reduce((sum, file) => sum + statSync(file).size, 0);

  return [
    {
      name: 'per avatar: decode → geometry → texture (median)',
      value: perAvatar.length ? `${median(perAvatar).toFixed(2)} ms` : 'skipped',
      note: perAvatar.length
        ? `1 thread ORT-web in Node, batch 1, ${perAvatar.length} real avatars (128–512 px JPEG), whole scorer incl. dHash and flatness; face detector ${JSON.stringify(params.faceDetector?.options ?? {})}; target ≤ 10 ms`
        : '../shared/data/faces missing',
    },
    ...(perAvatar.length
      ? [
          { name: '  stage: decode (median)', value: `${median(stages.decode).toFixed(2)} ms`, note: 'sharp, one pass, one libvips thread' },
          { name: '  stage: geometry (median)', value: `${median(stages.geometry).toFixed(2)} ms`, note: 'face detector incl. its 128 px preprocessing' },
          { name: '  stage: texture (median)', value: `${median(stages.texture).toFixed(2)} ms`, note: 'preprocessing + texture inference (composite cached by the geometry stage)' },
        ]
      : []),
    { name: 'all model files', value: `${(totalBytes / 1024 / 1024).toFixed(2)} MB`, note: `${shippedModelFiles().map((f) => f.split('/').pop()).join(' + ')}; target ≤ 5 MB` },
    { name: 'texture model size', value: `${(statSync(modelPath).size / 1024 / 1024).toFixed(2)} MB`, note: `fp32 ONNX, input ${size}×${size}, v${params.version}` },
    { name: 'session create', value: `${createMs.toFixed(0)} ms`, note: 'onnxruntime-web wasm, Node, from bytes' },
    { name: 'single inference (median)', value: `${median(single).toFixed(2)} ms`, note: '1 thread, batch 1, 60 runs after 10 warm-up' },
    { name: 'batch-32 throughput', value: `${((32 * 1000) / median(batchTimes)).toFixed(0)} img/s`, note: `median ${median(batchTimes).toFixed(1)} ms per batch of 32` },
    { name: 'preprocess 256→input (median)', value: `${median(pre).toFixed(2)} ms`, note: 'toModelInput, TypeScript' },
  ];
}
