// Before/after of the avatar path's own code in ONE process: the preprocessing, hash and face-detector modules of
// another commit (default main's 901cdb9) against this tree's, alternating per image so load changes on the shared
// machine hit both alike (separate runs of profile-avatar-stages.ts in two trees differ by ±20 % at load > 7).
// Decoding and the two ONNX models are shared; each side's outputs are checked to be identical.
// Usage: npx tsx scripts/compare-avatar-stages.ts [--rev 901cdb9] [--rounds 3]   (needs git and ../shared/data/faces)
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as ort from 'onnxruntime-web';
import { decodeImageNode } from '../src/avatar/decode-node.ts';
import { createAvatarSession } from '../src/avatar/model.ts';
import { loadModelParams, MODELS_DIR } from '../src/avatar/node-scorer.ts';
import type { RgbaImage } from '../src/avatar/preprocess.ts';
import { REPO_ROOT } from '../test/helpers/shared.ts';
import { stageFiles } from './profile-avatar-stages.ts';

/** the modules whose speed changed; everything they import besides each other comes from this tree */
const CHANGED = ['preprocess', 'face-preprocess', 'phash', 'picture-id', 'face-detector'];

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const rev = arg('--rev', '901cdb9');
const rounds = Number(arg('--rounds', '3'));

async function loadSide(dir: string) {
  const at = (name: string) => import(pathToFileURL(join(dir, `${name}.ts`)).href);
  const [pre, phash, pictureId, detector] = await Promise.all([at('preprocess'), at('phash'), at('picture-id'), at('face-detector')]);
  return { toModelInput: pre.toModelInput, dHash: phash.dHash, isGenericPicture: pictureId.isGenericPicture, detector };
}

/** The changed modules as they were at `rev`, in .cache/, importing the rest from this tree. */
function materialise(revision: string): string {
  const dir = resolve(REPO_ROOT, '.cache/compare-avatar-stages', revision.replace(/[^\w.-]/g, '_'));
  mkdirSync(dir, { recursive: true });
  for (const name of CHANGED) {
    const source = execFileSync('git', ['show', `${revision}:src/avatar/${name}.ts`], { cwd: REPO_ROOT, encoding: 'utf8' });
    const rewired = source.replace(/from '\.\/([\w-]+)\.ts'/g, (whole, module: string) =>
      CHANGED.includes(module) ? whole : `from '${resolve(REPO_ROOT, 'src/avatar', `${module}.ts`)}'`,
    ).replace(/from '\.\.\/([\w/-]+)\.ts'/g, (_whole, module: string) => `from '${resolve(REPO_ROOT, 'src', `${module}.ts`)}'`);
    writeFileSync(join(dir, `${name}.ts`), rewired);
  }
  return dir;
}

ort.env.wasm.numThreads = 1;
const params = loadModelParams();
const texture = await createAvatarSession(ort, readFileSync(`${MODELS_DIR}/avatar-detector.onnx`), params);
const faceBytes = readFileSync(`${MODELS_DIR}/${params.faceDetector?.file ?? 'face-detector/blazeface-front.onnx'}`);
const sides = { before: await loadSide(materialise(rev)), after: await loadSide(resolve(REPO_ROOT, 'src/avatar')) };
const detectors = {
  before: await sides.before.detector.createFaceDetector(ort, faceBytes, sides.before.detector.shippedFaceDetectorOptions(params)),
  after: await sides.after.detector.createFaceDetector(ort, faceBytes, sides.after.detector.shippedFaceDetectorOptions(params)),
};
const images = await Promise.all(stageFiles().map((bytes) => decodeImageNode(bytes)));
const samples: Record<string, number[]> = {};
const cpu = async <T>(key: string, keep: boolean, work: () => Promise<T> | T): Promise<T> => {
  const start = process.cpuUsage();
  const out = await work();
  const used = process.cpuUsage(start);
  if (keep) (samples[key] ??= []).push((used.user + used.system) / 1000);
  return out;
};
const loadStart = loadavg()[0];
let mismatches = 0;
for (let round = 0, n = 0; round <= rounds; round++) {
  for (const image of images) {
    const order = n++ % 2 ? (['before', 'after'] as const) : (['after', 'before'] as const);
    const seen: Record<string, string> = {};
    for (const side of order) {
      const fresh: RgbaImage = { ...image, data: image.data.slice() }; // no cache carried over between sides
      const keep = round > 0;
      const logits = await cpu(`${side} texture`, keep, () => texture.run([sides[side].toModelInput(fresh, params)]));
      const face = await cpu(`${side} geometry`, keep, () => detectors[side].detect(fresh));
      const hashes = await cpu(`${side} hashes`, keep, () => [sides[side].dHash(fresh), sides[side].isGenericPicture(fresh)]);
      seen[side] = JSON.stringify([Array.from(logits[0]), face, hashes]);
    }
    if (seen.before !== seen.after) mismatches++;
  }
}
await Promise.all([texture.release(), detectors.before.release(), detectors.after.release()]);
const median = (v: number[]): number => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
console.log(`${images.length} avatars × ${rounds} rounds, ${rev} vs this tree alternating per image, load ${loadStart.toFixed(1)} → ${loadavg()[0].toFixed(1)}`);
console.log(`outputs (texture logits, face detection, dHash, generic) differ on ${mismatches} of ${images.length * (rounds + 1)} runs`);
console.log('| stage (median CPU ms per avatar) | before | after | ratio |\n|---|---|---|---|');
let before = 0;
let after = 0;
for (const stage of ['texture', 'geometry', 'hashes']) {
  const b = median(samples[`before ${stage}`]);
  const a = median(samples[`after ${stage}`]);
  before += b;
  after += a;
  console.log(`| ${stage} | ${b.toFixed(2)} | ${a.toFixed(2)} | ${(b / a).toFixed(2)}× |`);
}
console.log(`| sum of the medians | ${before.toFixed(2)} | ${after.toFixed(2)} | ${(before / after).toFixed(2)}× |`);
