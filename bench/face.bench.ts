// Face detector figures: size, per-image latency of each detector variant (onnxruntime-web, Node, 1 thread),
// preprocessing alone. Real avatars from ../shared when present (decoded once, outside the timing), else synthetic.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { decodeImageNode } from '../src/avatar/decode-node.ts';
import { shippedFaceDetectorOptions, type FaceDetectorOptions } from '../src/avatar/face-detector.ts';
import { loadModelParams } from '../src/avatar/node-scorer.ts';
import { createNodeFaceDetector, FACE_MODEL_PATH } from '../src/avatar/face-node.ts';
import { toFaceInput } from '../src/avatar/face-preprocess.ts';
import type { RgbaImage } from '../src/avatar/preprocess.ts';
import { hasShared, sharedPath } from '../test/helpers/shared.ts';

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function sampleImages(): Promise<{ images: RgbaImage[]; note: string }> {
  const folders = [
    'data/faces/tpdne-headshotclassification/generated',
    'data/faces/lfw-genderclassifier-baileyfriend/real',
    'data/faces/utkface-facial_recognition_bias/real',
    'data/faces/whichfaceisreal-xrv0/generated',
  ];
  if (!folders.every((f) => hasShared(f))) {
    let seed = 3;
    const data = new Uint8ClampedArray(256 * 256 * 4).map(() => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) >> 8) & 255);
    return { images: Array.from({ length: 8 }, () => ({ width: 256, height: 256, data })), note: 'synthetic noise 256 px (../shared missing)' };
  }
  const images: RgbaImage[] = [];
  for (const folder of folders) {
    const names = readdirSync(sharedPath(folder)).sort().slice(0, 10);
    for (const name of names) images.push(await decodeImageNode(new Uint8Array(readFileSync(join(sharedPath(folder), name)))));
  }
  return { images, note: `${images.length} real avatars (128–256 px: StyleGAN2, LFW, UTKFace)` };
}

export async function rows(): Promise<{ name: string; value: string; note?: string }[]> {
  const { images, note } = await sampleImages();
  const out: { name: string; value: string; note?: string }[] = [
    { name: 'model size', value: `${(statSync(FACE_MODEL_PATH).size / 1024).toFixed(0)} KB`, note: 'blazeface-front.onnx, fp32' },
  ];
  const variants: [string, FaceDetectorOptions][] = [
    ['detect, default: image + mirror (median)', {}],
    ['detect, flip off (median)', { flip: false }],
    ['detect, refine 2x + flip (median)', { refine: true }],
    ['detect, shipped: mirror only near the layout (median)', shippedFaceDetectorOptions(loadModelParams())],
  ];
  for (const [name, options] of variants) {
    const detector = await createNodeFaceDetector(options);
    for (const image of images.slice(0, 5)) await detector.detect(image);
    const times: number[] = [];
    for (let round = 0; round < 2; round++) {
      for (const image of images) {
        const t = performance.now();
        await detector.detect(image);
        times.push(performance.now() - t);
      }
    }
    await detector.release();
    out.push({ name, value: `${median(times).toFixed(2)} ms`, note: `per image incl. preprocessing, 1 thread; ${note}` });
  }
  const pre: number[] = [];
  for (const image of images) {
    const t = performance.now();
    toFaceInput(image);
    pre.push(performance.now() - t);
  }
  out.push({ name: 'preprocess image→128 (median)', value: `${median(pre).toFixed(2)} ms`, note: 'toFaceInput, TypeScript' });
  return out;
}
