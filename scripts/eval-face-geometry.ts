/**
 * The product's face geometry (TypeScript detector on onnxruntime-web + faceGeometry) on a hash-sampled slice of
 * every source in ../shared: face found, median geometry distance, share within 0.02 and below the measured 1 %-FPR
 * threshold. Cross-checks the Python tables of models/face-detector/eval_geometry.py (README there) on the
 * code that ships.
 *
 * Usage: npx tsx scripts/eval-face-geometry.ts [--per-source N]   (default 150 files per source)
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { decodeImageNode } from '../src/avatar/decode-node.ts';
import { faceGeometry, GEOMETRY_THRESHOLD_AT_1PCT_FPR } from '../src/avatar/face-geometry.ts';
import { createNodeFaceDetector } from '../src/avatar/face-node.ts';
import { hasShared, sharedPath } from '../test/helpers/shared.ts';

const SOURCES: [string, string[]][] = [
  ['StyleGAN2 (TPDNE 128px)', ['data/faces/tpdne-headshotclassification/generated']],
  ['StyleGAN2 (whichfaceisreal)', ['data/faces/whichfaceisreal-xrv0/generated']],
  ['StyleGAN2 (fakefacessurvey)', ['data/faces/fakefacessurvey-sergibot/generated']],
  ['FFHQ real (aligned)', ['data/faces/tpdne-headshotclassification/real', 'data/faces/stylegan3-perceptual-test-ffhq/real']],
  ['LFW real', ['data/faces/lfw-genderclassifier-baileyfriend/real']],
  ['UTKFace real', ['data/faces/utkface-facial_recognition_bias/real']],
  ['CelebA real', ['data/faces/celeba-humanfaceimagegenerator/real']],
  ['Stable Diffusion 2.1', ['data/faces/sdfd-gebaltso/generated']],
  ['FLUX/SDXL tiles', ['data/faces/sfhq-t2i-figures/generated']],
  ['non-face avatars', ['data/avatars-nonface']],
];

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...walk(path));
    else if (/\.(jpe?g|png|webp)$/i.test(name)) out.push(path);
  }
  return out;
}

const hash = (s: string): string => createHash('sha1').update(s).digest('hex');

async function main(): Promise<void> {
  const arg = process.argv.indexOf('--per-source');
  const perSource = arg > 0 ? Number(process.argv[arg + 1]) : 150;
  if (!hasShared('data/faces')) {
    console.error('../shared/data/faces is missing: nothing to evaluate');
    process.exit(1);
  }
  const detector = await createNodeFaceDetector();
  const threshold = GEOMETRY_THRESHOLD_AT_1PCT_FPR;
  console.log(`| source | n | face found | median distance | within 0.02 | below ${threshold} |`);
  console.log('|---|---|---|---|---|---|');
  for (const [name, folders] of SOURCES) {
    const files = folders.flatMap((f) => walk(sharedPath(f))).sort((a, b) => hash(a).localeCompare(hash(b))).slice(0, perSource);
    const distances: number[] = [];
    let found = 0;
    for (const file of files) {
      const image = await decodeImageNode(new Uint8Array(readFileSync(file)));
      const face = await detector.detect(image);
      if (!face) continue;
      found++;
      distances.push(faceGeometry(face, image).distance);
    }
    distances.sort((a, b) => a - b);
    const share = (t: number): string => (distances.filter((d) => d < t).length / files.length).toFixed(3);
    const median = distances.length ? distances[Math.floor(distances.length / 2)].toFixed(4) : '–';
    console.log(`| ${name} | ${files.length} | ${(found / files.length).toFixed(3)} | ${median} | ${share(0.02)} | ${share(threshold)} |`);
  }
  await detector.release();
}

await main();
