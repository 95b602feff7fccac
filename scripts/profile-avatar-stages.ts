// Per-stage cost of the avatar path the product runs (src/avatar/scorer.ts → evidence.ts): decode → texture →
// geometry → hashes, then the whole scorer per avatar at batch 1 and at the pipeline's batch of 16. Wall and CPU
// time (process.cpuUsage, which also counts sharp's worker threads), medians per avatar. On a shared machine CPU
// time is the steadier figure; compare versions by running this script in both trees back to back.
// v4 model files (params.geometryHead) have no face detector: the texture run gives the face too, so "texture" is
// preprocessing + the one network and "geometry" only reads the face from its outputs.
// Usage: npx tsx scripts/profile-avatar-stages.ts [--rounds N] [--models DIR]   (needs ../shared/data/faces;
// --models: another copy of models/, e.g. an older version's, to compare back to back)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as ort from 'onnxruntime-web';
import { decodeImageNode } from '../src/avatar/decode-node.ts';
import { createFaceDetector, shippedFaceDetectorOptions } from '../src/avatar/face-detector.ts';
import { nearestLayout } from '../src/avatar/fusion.ts';
import { faceFromOutputs, mirroredInput, withMirroredEyes } from '../src/avatar/geometry-head.ts';
import { createAvatarSession } from '../src/avatar/model.ts';
import { loadModelParams, MODELS_DIR, shippedModelFiles } from '../src/avatar/node-scorer.ts';
import { dHash } from '../src/avatar/phash.ts';
import { isGenericPicture } from '../src/avatar/picture-id.ts';
import { AvatarScorer } from '../src/avatar/scorer.ts';
import { toModelInput } from '../src/avatar/preprocess.ts';
import { hasShared, sharedPath } from '../test/helpers/shared.ts';

export const STAGE_SOURCES = ['data/faces/tpdne-headshotclassification/generated', 'data/faces/lfw-genderclassifier-baileyfriend/real', 'data/faces/sdfd-gebaltso/generated'];
/** the pipeline's batch (src/background/avatar-pipeline.ts BATCH) */
export const PIPELINE_BATCH = 16;

export interface Timing {
  wall: number;
  cpu: number;
}

export interface StageReport {
  avatars: number;
  rounds: number;
  /** medians per avatar, ms */
  decode: Timing;
  texture: Timing;
  geometry: Timing;
  hashes: Timing;
  /** decode + geometry + texture (the target's three stages), sum of the medians */
  threeStages: Timing;
  /** the whole scorer (all of the above + fusion) per avatar, one avatar per call */
  scorerBatch1: Timing;
  /** the whole scorer per avatar, PIPELINE_BATCH avatars per call (the texture model runs them as one batch) */
  scorerBatch16: Timing;
  modelBytes: number;
  load: [number, number];
}

const median = (v: number[]): number => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

export function stageFiles(): Uint8Array[] {
  return STAGE_SOURCES.flatMap((dir) => readdirSync(sharedPath(dir)).sort().slice(0, 20).map((f) => new Uint8Array(readFileSync(sharedPath(`${dir}/${f}`)))));
}

/** Measures every stage on the same avatars, `rounds` times after one warm-up round. */
export async function measureAvatarStages(files: Uint8Array[], rounds: number, modelsDir = MODELS_DIR): Promise<StageReport> {
  ort.env.wasm.numThreads = 1;
  const params = loadModelParams(modelsDir);
  const texture = await createAvatarSession(ort, readFileSync(`${modelsDir}/avatar-detector.onnx`), params);
  const head = params.geometryHead;
  const faces = head
    ? undefined
    : await createFaceDetector(ort, readFileSync(`${modelsDir}/${params.faceDetector?.file ?? 'face-detector/blazeface-front.onnx'}`), shippedFaceDetectorOptions(params));
  // the scorer on the same two sessions, as in the extension (a third and fourth session alternating with them
  // made every run measurably slower: 10.5 → 13.1 ms CPU per detection)
  const scorer = new AvatarScorer({ session: texture, params, decode: (bytes) => decodeImageNode(bytes), faces });
  /** the face from the texture run; with mirrorNearWithin, the mirrored run near a layout (as evidence.ts) */
  const headFace = async (outputs: Float32Array, input: Float32Array, image: { width: number; height: number }) => {
    const face = faceFromOutputs(outputs, image, head!);
    const nearest = face && params.fusion && nearestLayout(face, image, params.fusion.layouts);
    if (head!.mirrorNearWithin === undefined || !nearest || nearest.distance > head!.mirrorNearWithin) return face;
    const [mirrored] = await texture.run([mirroredInput(input)]);
    return faceFromOutputs(withMirroredEyes(outputs, mirrored, head!), image, head!);
  };
  const samples = { decode: [] as Timing[], texture: [] as Timing[], geometry: [] as Timing[], hashes: [] as Timing[], scorerBatch1: [] as Timing[], scorerBatch16: [] as Timing[] };
  const time = async <T>(into: Timing[] | null, work: () => Promise<T> | T, per = 1): Promise<T> => {
    const cpu = process.cpuUsage();
    const wall = performance.now();
    const out = await work();
    const used = process.cpuUsage(cpu);
    into?.push({ wall: (performance.now() - wall) / per, cpu: (used.user + used.system) / 1000 / per });
    return out;
  };
  const loadStart = loadavg()[0];
  let key = 0;
  for (let round = 0; round <= rounds; round++) {
    const keep = round > 0; // round 0 warms up
    for (const bytes of files) {
      // in the product's order (evidence.ts): texture, then the face detector, then the hashes, on one decoded image
      const image = await time(keep ? samples.decode : null, () => decodeImageNode(bytes));
      const input = toModelInput(image, params);
      const [outputs] = await time(keep ? samples.texture : null, () => texture.run([input]));
      await time(keep ? samples.geometry : null, async (): Promise<unknown> => (head ? headFace(outputs, input, image) : faces?.detect(image)));
      await time(keep ? samples.hashes : null, () => [dHash(image), isGenericPicture(image)]);
      const one = [{ imageKey: `stage-${key++}`, bytes }];
      await time(keep ? samples.scorerBatch1 : null, () => scorer.score(one));
      scorer.forget(one.map((item) => item.imageKey));
    }
    for (let i = 0; i < files.length; i += PIPELINE_BATCH) {
      const batch = files.slice(i, i + PIPELINE_BATCH).map((bytes) => ({ imageKey: `stage-${key++}`, bytes }));
      await time(keep && batch.length === PIPELINE_BATCH ? samples.scorerBatch16 : null, () => scorer.score(batch), batch.length);
      scorer.forget(batch.map((item) => item.imageKey));
    }
  }
  await Promise.all([texture.release(), faces?.release()]);
  const med = (v: Timing[]): Timing => ({ wall: median(v.map((t) => t.wall)), cpu: median(v.map((t) => t.cpu)) });
  const m = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, med(v)])) as Record<keyof typeof samples, Timing>;
  return {
    avatars: files.length,
    rounds,
    ...m,
    threeStages: { wall: m.decode.wall + m.texture.wall + m.geometry.wall, cpu: m.decode.cpu + m.texture.cpu + m.geometry.cpu },
    modelBytes: shippedModelFiles(modelsDir).reduce((sum, file) => sum + statSync(file).size, 0),
    load: [loadStart, loadavg()[0]],
  };
}

export function stageTable(report: StageReport): string[] {
  const row = (name: string, t: Timing): string => `| ${name} | ${t.wall.toFixed(2)} | ${t.cpu.toFixed(2)} |`;
  return [
    `${report.avatars} real avatars (StyleGAN2, LFW, SD 2.1; 128–256 px JPEG) × ${report.rounds} rounds; 1 thread ORT-web in Node; ${cpus().length} cores, load average ${report.load[0].toFixed(1)} → ${report.load[1].toFixed(1)}`,
    '| stage (median per avatar) | wall ms | CPU ms |',
    '|---|---|---|',
    row('decode (sharp)', report.decode),
    row('geometry (face detector incl. preprocessing; v4 files: face read from the texture run)', report.geometry),
    row('texture (preprocessing + inference)', report.texture),
    row('sum: decode + geometry + texture', report.threeStages),
    row('dHash + flatness', report.hashes),
    row('whole scorer, batch 1', report.scorerBatch1),
    row(`whole scorer, batch ${PIPELINE_BATCH} (per avatar)`, report.scorerBatch16),
    `model files together: ${(report.modelBytes / 1024 / 1024).toFixed(2)} MB`,
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (!hasShared('data/faces')) throw new Error('../shared/data/faces missing: nothing to measure');
  const roundsArg = process.argv.indexOf('--rounds');
  const rounds = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 3;
  const modelsArg = process.argv.indexOf('--models');
  const report = await measureAvatarStages(stageFiles(), rounds, modelsArg > 0 ? resolve(process.argv[modelsArg + 1]) : MODELS_DIR);
  for (const line of stageTable(report)) console.log(line);
  if (process.argv.includes('--json')) console.log(JSON.stringify(report));
}
