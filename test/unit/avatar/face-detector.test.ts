import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as ort from 'onnxruntime-web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeImageNode } from '../../../src/avatar/decode-node.ts';
import {
  ANCHOR_COUNT,
  blazeFaceAnchors,
  decodeAnchor,
  decodeFaces,
  toImageDetection,
  unmirror,
  type FaceDetection,
  type UnitDetection,
} from '../../../src/avatar/face-decode.ts';
import type { FaceDetector } from '../../../src/avatar/face-detector.ts';
import { alignedRegion, faceGeometry, FFHQ_ALIGNED_LAYOUT } from '../../../src/avatar/face-geometry.ts';
import { createNodeFaceDetector, FACE_MODEL_PATH } from '../../../src/avatar/face-node.ts';
import { toFaceInput } from '../../../src/avatar/face-preprocess.ts';
import { hasShared, sharedPath } from '../../helpers/shared.ts';

const logit = (p: number): number => Math.log(p / (1 - p));

/** Model output with the given anchors set to produce exactly the given unit-square detections. */
function syntheticOutput(faces: { index: number; score: number; cx: number; cy: number; w: number; h: number; kp?: number[] }[]) {
  const logits = new Float32Array(ANCHOR_COUNT).fill(-20);
  const regressors = new Float32Array(ANCHOR_COUNT * 16);
  const anchors = blazeFaceAnchors();
  for (const f of faces) {
    const [ax, ay] = [anchors[f.index * 2], anchors[f.index * 2 + 1]];
    logits[f.index] = logit(f.score);
    const r = f.index * 16;
    regressors.set([(f.cx - ax) * 128, (f.cy - ay) * 128, f.w * 128, f.h * 128], r);
    const kp = f.kp ?? [f.cx - 0.1, f.cy - 0.05, f.cx + 0.1, f.cy - 0.05, f.cx, f.cy, f.cx, f.cy + 0.1, f.cx - 0.2, f.cy, f.cx + 0.2, f.cy];
    for (let k = 0; k < 12; k++) regressors[r + 4 + k] = (kp[k] - (k % 2 === 0 ? ax : ay)) * 128;
  }
  return { logits, regressors };
}

describe('BlazeFace anchors and decoding', () => {
  it('lays out 896 anchors: 16×16 cells × 2, then 8×8 cells × 6', () => {
    const a = blazeFaceAnchors();
    expect(a.length).toBe(896 * 2);
    expect([a[0], a[1], a[2], a[3]]).toEqual([1 / 32, 1 / 32, 1 / 32, 1 / 32]);
    expect([a[4], a[5]]).toEqual([3 / 32, 1 / 32]);
    expect([a[512 * 2], a[512 * 2 + 1]]).toEqual([1 / 16, 1 / 16]);
    expect([a[895 * 2], a[895 * 2 + 1]]).toEqual([15 / 16, 15 / 16]);
  });

  it('merges overlapping detections by score-weighted average and keeps separate faces apart', () => {
    const { logits, regressors } = syntheticOutput([
      { index: 300, score: 0.9, cx: 0.5, cy: 0.5, w: 0.4, h: 0.4 },
      { index: 301, score: 0.6, cx: 0.53, cy: 0.5, w: 0.4, h: 0.4 },
      { index: 20, score: 0.7, cx: 0.15, cy: 0.1, w: 0.1, h: 0.1 },
      { index: 40, score: 0.3, cx: 0.8, cy: 0.8, w: 0.1, h: 0.1 },
    ]);
    const faces = decodeFaces(logits, regressors);
    expect(faces.length).toBe(2);
    expect(faces[0].score).toBeCloseTo(0.9, 5);
    expect(faces[0].cx).toBeCloseTo((0.9 * 0.5 + 0.6 * 0.53) / 1.5, 5);
    expect(faces[0].keypoints[0]).toBeCloseTo((0.9 * 0.4 + 0.6 * 0.43) / 1.5, 5);
    expect(faces[1].cx).toBeCloseTo(0.15, 5);
    // the 0.3 face is below the default minimum score
    expect(decodeFaces(logits, regressors, { minScore: 0.2 }).length).toBe(3);
  });

  it('rejects outputs of the wrong size clearly', () => {
    expect(() => decodeFaces(new Float32Array(10), new Float32Array(160))).toThrow(/expected 896/);
  });

  it('unmirrors a detection made on the flipped input and swaps left and right', () => {
    const d: UnitDetection = { score: 0.9, cx: 0.4, cy: 0.5, w: 0.3, h: 0.3, keypoints: [0.3, 0.4, 0.5, 0.41, 0.4, 0.5, 0.4, 0.6, 0.25, 0.45, 0.55, 0.46] };
    const u = unmirror(d);
    expect(u.cx).toBeCloseTo(0.6, 10);
    expect(u.keypoints.slice(0, 4)).toEqual([1 - 0.5, 0.41, 1 - 0.3, 0.4]);
    expect(u.keypoints.slice(8)).toEqual([1 - 0.55, 0.46, 1 - 0.25, 0.45]);
    expect(unmirror(u).keypoints.map((v) => Number(v.toFixed(12)))).toEqual(d.keypoints);
  });

  it('maps a letterboxed unit-square detection to fractions of the original image', () => {
    const d: UnitDetection = { score: 0.9, cx: 0.5, cy: 0.5, w: 0.5, h: 0.5, keypoints: new Array(12).fill(0.5) };
    const face = toImageDetection(d, { x0: -20, y0: 0, side: 218 }, { width: 178, height: 218 });
    expect(face.box.x).toBeCloseTo((-20 + 0.25 * 218) / 178, 10);
    expect(face.box.width).toBeCloseTo(109 / 178, 10);
    expect(face.leftEye.y).toBeCloseTo(0.5, 10);
  });
});

interface ReferenceRun {
  region: string;
  x0: number;
  y0: number;
  side: number;
  inputSum: number;
  topAnchors: { index: number; logit: number; regressors: number[] }[];
  best: { index: number; score: number; keypoints: number[] };
}

describe('face geometry', () => {
  const at = (lx: number, ly: number, rx: number, ry: number): FaceDetection => {
    const p = { x: 0.5, y: 0.5 };
    return { score: 0.9, box: { x: 0.2, y: 0.2, width: 0.6, height: 0.6 }, leftEye: { x: lx, y: ly }, rightEye: { x: rx, y: ry }, nose: p, mouth: p, leftEar: p, rightEar: p };
  };
  const c = FFHQ_ALIGNED_LAYOUT;

  it('is zero at the canonical layout and the larger eye offset elsewhere, in fractions of the width', () => {
    const g = faceGeometry(at(c.leftEye.x, c.leftEye.y, c.rightEye.x, c.rightEye.y), { width: 256, height: 256 });
    expect(g.distance).toBe(0);
    expect(g.interOcular).toBeCloseTo(c.rightEye.x - c.leftEye.x, 2);
    const moved = faceGeometry(at(c.leftEye.x + 0.01, c.leftEye.y, c.rightEye.x, c.rightEye.y + 0.03), { width: 256, height: 256 });
    expect(moved.leftEyeOffset).toBeCloseTo(0.01, 10);
    expect(moved.distance).toBeCloseTo(0.03, 10);
    expect(moved.roll).toBeGreaterThan(5);
    // on a tall image a height fraction is worth more of the width
    expect(faceGeometry(at(c.leftEye.x, c.leftEye.y + 0.01, c.rightEye.x, c.rightEye.y), { width: 100, height: 200 }).distance).toBeCloseTo(0.02, 10);
  });

  it('aligns: the canonical face gives the whole image back, a face half the size a region half the size', () => {
    expect(alignedRegion(at(c.leftEye.x, c.leftEye.y, c.rightEye.x, c.rightEye.y), { width: 400, height: 400 })).toEqual({ x0: 0, y0: 0, side: 400 });
    const half = at(0.5 + (c.leftEye.x - 0.5) / 2, 0.5 + (c.leftEye.y - 0.5) / 2, 0.5 + (c.rightEye.x - 0.5) / 2, 0.5 + (c.rightEye.y - 0.5) / 2);
    expect(alignedRegion(half, { width: 400, height: 400 })).toEqual({ x0: 100, y0: 100, side: 200 });
  });
});

describe.skipIf(!hasShared('data/faces'))('ONNX port against the original TF.js graph and the Python twin', () => {
  const reference = JSON.parse(readFileSync(resolve(import.meta.dirname, 'face-tfjs-reference.json'), 'utf8')) as {
    images: { file: string; width: number; height: number; runs: ReferenceRun[] }[];
  };
  let session: ort.InferenceSession;
  let detector: FaceDetector;
  let refining: FaceDetector;
  beforeAll(async () => {
    ort.env.wasm.numThreads = 1;
    session = await ort.InferenceSession.create(readFileSync(FACE_MODEL_PATH));
    detector = await createNodeFaceDetector();
    refining = await createNodeFaceDetector({ refine: true });
  });
  afterAll(async () => {
    await session?.release();
    await detector?.release();
    await refining?.release();
  });

  it('gives TF.js raw outputs within 1e-4 (logits) and 1e-3 px (regressors) on real images', async () => {
    expect(reference.images.length).toBeGreaterThanOrEqual(6);
    for (const image of reference.images) {
      const decoded = await decodeImageNode(new Uint8Array(readFileSync(sharedPath(image.file))));
      for (const run of image.runs) {
        const input = toFaceInput(decoded, run);
        let sum = 0;
        for (const v of input) sum += v;
        expect(sum, `${image.file} input`).toBeCloseTo(run.inputSum, 2);
        const out = await session.run({ input: new ort.Tensor('float32', input, [1, 3, 128, 128]) });
        const logits = out.logits.data as Float32Array;
        const regressors = out.regressors.data as Float32Array;
        for (const a of run.topAnchors) {
          expect(Math.abs(logits[a.index] - a.logit), `${image.file} ${run.region} logit ${a.index}`).toBeLessThan(1e-4);
          for (let k = 0; k < 16; k++) expect(Math.abs(regressors[a.index * 16 + k] - a.regressors[k])).toBeLessThan(1e-3);
        }
        // decoding of the best anchor agrees with the reference script's own decoding
        const best = toImageDetection(decodeAnchor(logits, regressors, run.best.index), run, decoded);
        const points = [best.leftEye, best.rightEye, best.nose, best.mouth, best.leftEar, best.rightEar].flatMap((p) => [p.x, p.y]);
        points.forEach((v, k) => expect(Math.abs(v - run.best.keypoints[k])).toBeLessThan(1e-5));
        expect(best.score).toBeCloseTo(run.best.score, 4);
      }
    }
  });

  it('finds the same faces and eyes as the Python twin (within 0.003 of the width; different JPEG decoders)', async () => {
    const fixture = JSON.parse(readFileSync(resolve(import.meta.dirname, 'face-python-parity.json'), 'utf8')) as {
      detections: {
        file: string;
        width: number;
        height: number;
        face: FaceDetection | null;
        refined: FaceDetection | null;
        aligned: { x0: number; y0: number; side: number } | null;
      }[];
    };
    const same = (face: FaceDetection | null, expected: FaceDetection | null, what: string): void => {
      if (expected === null) {
        expect(face, what).toBeNull();
        return;
      }
      expect(face, what).not.toBeNull();
      for (const key of ['leftEye', 'rightEye', 'nose', 'mouth', 'leftEar', 'rightEar'] as const) {
        expect(Math.abs(face![key].x - expected[key].x), `${what} ${key}.x`).toBeLessThan(0.003);
        expect(Math.abs(face![key].y - expected[key].y), `${what} ${key}.y`).toBeLessThan(0.003);
      }
      expect(Math.abs(face!.box.width - expected.box.width)).toBeLessThan(0.005);
      expect(face!.score).toBeCloseTo(expected.score, 2);
    };
    expect(fixture.detections.length).toBeGreaterThanOrEqual(5);
    for (const { file, width, height, face: expected, refined, aligned } of fixture.detections) {
      const image = await decodeImageNode(new Uint8Array(readFileSync(sharedPath(file))));
      same(await detector.detect(image), expected, file);
      same(await refining.detect(image), refined, `${file} (refined)`);
      if (expected) expect(alignedRegion(expected, { width, height }), `${file} aligned region`).toEqual(aligned);
    }
  });

  it('puts StyleGAN2 eyes at the canonical FFHQ positions and LFW eyes elsewhere', async () => {
    const detect = async (file: string) => {
      const image = await decodeImageNode(new Uint8Array(readFileSync(sharedPath(file))));
      const face = await detector.detect(image);
      expect(face, file).not.toBeNull();
      return faceGeometry(face!, image);
    };
    for (const file of ['crossval_f0.jpg', 'crossval_f1.jpg', 'crossval_f10.jpg', 'data_f100.jpg']) {
      const g = await detect(`data/faces/tpdne-headshotclassification/generated/${file}`);
      expect(g.distance, file).toBeLessThan(0.025);
      expect(Math.abs(g.roll), file).toBeLessThan(5);
    }
    for (const file of ['Aaron_Eckhart_0001.jpg', 'Aaron_Patterson_0001.jpg']) {
      expect((await detect(`data/faces/lfw-genderclassifier-baileyfriend/real/${file}`)).distance, file).toBeGreaterThan(0.04);
    }
  });

  it('finds no face in emoji and drawn avatars', async () => {
    for (const file of ['debian-emojify-emoji/+1.jpg', 'debian-emojify-emoji/-1.jpg']) {
      const image = await decodeImageNode(new Uint8Array(readFileSync(sharedPath(`data/avatars-nonface/${file}`))));
      expect(await detector.detect(image), file).toBeNull();
    }
  });
});
