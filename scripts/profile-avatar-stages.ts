// Per-stage cost of the avatar path, before (integ2: two sharp calls on libvips' default thread pool, face
// detector whole image → face crop + mirror = 3 runs) and after (one sharp call on one libvips thread, one
// detector run on the whole image), on the same images in one process, interleaved per image so load changes hit
// both alike. "Before" runs today's resize code on a fresh copy per stage (the old code composited the pixels in
// every resize, so it was slightly slower still); phash is the same code in both.
// Usage: npx tsx scripts/profile-avatar-stages.ts [--rounds N]   (needs ../shared/data/faces)
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import * as ort from 'onnxruntime-web';
import sharp from 'sharp';
import { decodeImageNode } from '../src/avatar/decode-node.ts';
import { createFaceDetector, shippedFaceDetectorOptions } from '../src/avatar/face-detector.ts';
import { createAvatarSession } from '../src/avatar/model.ts';
import { loadModelParams, MODELS_DIR } from '../src/avatar/node-scorer.ts';
import { dHash } from '../src/avatar/phash.ts';
import { toModelInput, type RgbaImage } from '../src/avatar/preprocess.ts';
import { hasShared, sharedPath } from '../test/helpers/shared.ts';

const median = (v: number[]): number => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const roundsArg = process.argv.indexOf('--rounds');
const rounds = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 3;

/** The decoder as it was before (metadata read, then a second pipeline), for the comparison only. */
async function decodeBefore(bytes: Uint8Array): Promise<RgbaImage> {
  const input = sharp(bytes, { pages: 1, page: 0, failOn: 'error' });
  const meta = await input.metadata();
  let pipeline = input.toColourspace('srgb').ensureAlpha();
  if (Math.max(meta.width ?? 0, meta.pageHeight ?? meta.height ?? 0) > 1024) pipeline = pipeline.resize({ width: 1024, height: 1024, fit: 'inside', kernel: 'linear' });
  const { data, info } = await pipeline.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
}

async function main(): Promise<void> {
  if (!hasShared('data/faces')) throw new Error('../shared/data/faces missing: nothing to measure');
  ort.env.wasm.numThreads = 1;
  const params = loadModelParams();
  const dirs = ['data/faces/tpdne-headshotclassification/generated', 'data/faces/lfw-genderclassifier-baileyfriend/real', 'data/faces/sdfd-gebaltso/generated'];
  const files = dirs.flatMap((dir) => readdirSync(sharedPath(dir)).sort().slice(0, 20).map((f) => new Uint8Array(readFileSync(sharedPath(`${dir}/${f}`)))));
  const texture = await createAvatarSession(ort, readFileSync(`${MODELS_DIR}/avatar-detector.onnx`), params);
  const faceModel = readFileSync(`${MODELS_DIR}/face-detector/blazeface-front.onnx`);
  const before = await createFaceDetector(ort, faceModel, { refine: true, flip: true, minScore: 0.5 });
  const shipped = params.faceDetector?.options ?? {};
  const after = await createFaceDetector(ort, faceModel, shippedFaceDetectorOptions(params));
  const times = { decodeBefore: [] as number[], decodeAfter: [] as number[], textureBefore: [] as number[], textureAfter: [] as number[], phash: [] as number[], geometryBefore: [] as number[], geometryAfter: [] as number[] };
  const time = async <T>(into: number[] | null, work: () => Promise<T> | T): Promise<T> => {
    const t = performance.now();
    const out = await work();
    into?.push(performance.now() - t);
    return out;
  };
  const loadStart = loadavg()[0];
  for (let round = 0; round <= rounds; round++) {
    const keep = round > 0; // round 0 warms up
    for (const bytes of files) {
      sharp.concurrency(0); // libvips default (one thread per core), as before
      await time(keep ? times.decodeBefore : null, () => decodeBefore(bytes));
      sharp.concurrency(1);
      const image = await time(keep ? times.decodeAfter : null, () => decodeImageNode(bytes));
      // before: each stage on its own copy (every resize composited the pixels again)
      const copy = (): RgbaImage => ({ ...image, data: image.data.slice() });
      const forGeometry = copy();
      const forTexture = copy();
      await time(keep ? times.geometryBefore : null, () => before.detect(forGeometry));
      await time(keep ? times.textureBefore : null, () => texture.run([toModelInput(forTexture, params)]));
      // after, in the product's order (evidence.ts): texture first, then geometry on the same decoded image
      const shared = copy();
      await time(keep ? times.textureAfter : null, () => texture.run([toModelInput(shared, params)]));
      await time(keep ? times.geometryAfter : null, () => after.detect(shared));
      await time(keep ? times.phash : null, () => dHash(image));
    }
  }
  const m = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)])) as Record<keyof typeof times, number>;
  const totalBefore = m.decodeBefore + m.geometryBefore + m.textureBefore + m.phash;
  const totalAfter = m.decodeAfter + m.geometryAfter + m.textureAfter + m.phash;
  const row = (name: string, b: number, a: number): string => `| ${name} | ${b.toFixed(2)} | ${a.toFixed(2)} | ${(b / a).toFixed(2)}× |`;
  console.log(`${files.length} real avatars (StyleGAN2, LFW, SD 2.1; 128–512 px) × ${rounds} rounds; 1 thread ORT-web in Node; ${cpus().length} cores, load average ${loadStart.toFixed(1)} → ${loadavg()[0].toFixed(1)}`);
  console.log(`after = shipped face-detector options ${JSON.stringify(shipped)}`);
  console.log('| stage (median ms per avatar) | before | after | ratio |');
  console.log('|---|---|---|---|');
  console.log(row('decode (sharp)', m.decodeBefore, m.decodeAfter));
  console.log(row('geometry (face detector incl. preprocessing)', m.geometryBefore, m.geometryAfter));
  console.log(row('texture (preprocessing + inference)', m.textureBefore, m.textureAfter));
  console.log(row('perceptual hash', m.phash, m.phash));
  console.log(row('sum of stage medians', totalBefore, totalAfter));
  await Promise.all([texture.release(), before.release(), after.release()]);
}

await main();
