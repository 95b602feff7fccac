import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { decodeImageNode } from '../../../src/avatar/decode-node.ts';
import { measureImages } from '../../../src/avatar/evidence.ts';
import { nearestLayout } from '../../../src/avatar/fusion.ts';
import { faceFromOutputs, mirroredInput, outputWidth, withMirroredEyes, type GeometryHeadParams } from '../../../src/avatar/geometry-head.ts';
import { createAvatarSession } from '../../../src/avatar/model.ts';
import { loadModelParams, MODELS_DIR } from '../../../src/avatar/node-scorer.ts';
import { interpretLogits, type AvatarModelParams } from '../../../src/avatar/postprocess.ts';
import { toModelInput } from '../../../src/avatar/preprocess.ts';
import { hasShared, sharedPath } from '../../helpers/shared.ts';

const head: GeometryHeadParams = { outputs: { faceLogit: 3, leftEye: 4, rightEye: 6 }, minScore: 0.5 };
// texture logits, face logit (p 0.88), left eye (0.25, 0.5), right eye (0.75, 0.5) of the centre square
const row = [0, 1, -2, 2, 0.25, 0.5, 0.75, 0.5];

describe('faceFromOutputs (v4 geometry head)', () => {
  it('keeps square pictures in the head frame', () => {
    const face = faceFromOutputs(row, { width: 200, height: 200 }, head);
    expect(face?.score).toBeCloseTo(1 / (1 + Math.exp(-2)), 12);
    expect(face?.leftEye).toEqual({ x: 0.25, y: 0.5 });
    expect(face?.rightEye).toEqual({ x: 0.75, y: 0.5 });
  });

  it('maps the centre square of non-square pictures back to the whole picture', () => {
    // 300 × 200: the head saw columns 50..249
    const wide = faceFromOutputs(row, { width: 300, height: 200 }, head);
    expect(wide?.leftEye.x).toBeCloseTo((50 + 0.25 * 200) / 300, 12);
    expect(wide?.rightEye.x).toBeCloseTo((50 + 0.75 * 200) / 300, 12);
    expect(wide?.leftEye.y).toBeCloseTo(0.5, 12);
    // 178 × 218 (CelebA): rows 20..197, odd margins floored as in centreSquare
    const tall = faceFromOutputs(row, { width: 178, height: 218 }, head);
    expect(tall?.leftEye.x).toBeCloseTo(0.25, 12);
    expect(tall?.leftEye.y).toBeCloseTo((20 + 0.5 * 178) / 218, 12);
  });

  it('finds no face below the minimum score or on non-finite outputs', () => {
    expect(faceFromOutputs([0, 1, -2, -0.1, 0.25, 0.5, 0.75, 0.5], { width: 96, height: 96 }, head)).toBeNull();
    expect(faceFromOutputs([0, 1, -2, 2, Number.NaN, 0.5, 0.75, 0.5], { width: 96, height: 96 }, head)).toBeNull();
    expect(faceFromOutputs([0, 1, -2, 2], { width: 96, height: 96 }, head)).toBeNull();
  });

  it('lets the texture part of the row be read as before, and rejects rows of the wrong width', () => {
    const params = {
      classes: ['real', 'generated', 'nonface'],
      calibration: { type: 'platt', a: 1, b: 0 },
      thresholds: { high: 0.9, medium: 0.8 },
      faceMin: 0.5,
      geometryHead: head,
    } as unknown as AvatarModelParams;
    expect(outputWidth(params)).toBe(8);
    const withHead = interpretLogits(row, params);
    const textureOnly = interpretLogits(row.slice(0, 3), { ...params, geometryHead: undefined });
    expect(withHead.pGenerated).toBeCloseTo(textureOnly.pGenerated, 12);
    expect(withHead.pFace).toBeCloseTo(textureOnly.pFace, 12);
    expect(interpretLogits(row.slice(0, 3), params).level).toBe('unsure');
    expect(Number.isNaN(interpretLogits(row.slice(0, 7), params).pGenerated)).toBe(true);
  });
});

describe('the mirrored run near the layout (mirrorNearWithin)', () => {
  it('mirrors every row of every channel, and mirroring twice gives the input back', () => {
    // 3 channels of 2 × 2: [[1, 2], [3, 4]], [[5, 6], [7, 8]], [[9, 10], [11, 12]]
    const input = Float32Array.from({ length: 12 }, (_, i) => i + 1);
    expect([...mirroredInput(input)]).toEqual([2, 1, 4, 3, 6, 5, 8, 7, 10, 9, 12, 11]);
    const big = Float32Array.from({ length: 3 * 96 * 96 }, (_, i) => Math.sin(i));
    expect(mirroredInput(mirroredInput(big))).toEqual(big);
    expect(() => mirroredInput(new Float32Array(10))).toThrow(/square/);
  });

  it("averages each eye with the mirrored run's other eye at 1 − x, and keeps the texture and face logits", () => {
    // the mirrored picture's viewer's-left eye is the original's right eye: (1 − 0.7, 0.46) ↔ (0.3, 0.46)
    const mirrored = [9, 9, 9, -5, 1 - 0.74, 0.52, 1 - 0.22, 0.48];
    const averaged = withMirroredEyes(row, mirrored, head);
    expect(averaged[0]).toBe(row[0]);
    expect(averaged[3]).toBe(row[3]);
    expect(averaged[4]).toBeCloseTo((0.25 + 0.22) / 2, 6);
    expect(averaged[5]).toBeCloseTo((0.5 + 0.48) / 2, 6);
    expect(averaged[6]).toBeCloseTo((0.75 + 0.74) / 2, 6);
    expect(averaged[7]).toBeCloseTo((0.5 + 0.52) / 2, 6);
    // a network that is exactly mirror-consistent gives its own eyes back
    const consistent = [0, 0, 0, 0, 1 - 0.75, 0.5, 1 - 0.25, 0.5];
    expect([...withMirroredEyes(row, consistent, head)].slice(4)).toEqual([0.25, 0.5, 0.75, 0.5]);
  });
});

interface StudentFixture {
  images: { file: string; width: number; height: number; inputSum: number; outputs: number[]; face: { score: number; leftEye: { x: number; y: number }; rightEye: { x: number; y: number } } | null }[];
}

const shipped = loadModelParams();
if (!shipped.geometryHead) {
  console.warn('[skip] the shipped avatar model files are v3 (face detector + texture network, no geometry head): the one-network parity and mirror tests below run only when such files are shipped');
}
describe.skipIf(!hasShared('data/faces') || !shipped.geometryHead)('the one-network model (v4) against its PyTorch twin', () => {
  it('gives the same outputs and faces on real files (square and not, face and non-face)', async () => {
    // student-python.json is written by models/training/write_student_fixture.py from the trained PyTorch student
    const fixture = JSON.parse(readFileSync(resolve(import.meta.dirname, 'student-python.json'), 'utf8')) as StudentFixture;
    const session = await createAvatarSession(ort, readFileSync(resolve(MODELS_DIR, 'avatar-detector.onnx')), shipped);
    expect(fixture.images.length).toBeGreaterThanOrEqual(6);
    expect(fixture.images.some((f) => f.width !== f.height)).toBe(true);
    expect(fixture.images.some((f) => f.face === null)).toBe(true);
    expect(fixture.images.filter((f) => f.face !== null).length).toBeGreaterThanOrEqual(4);
    for (const image of fixture.images) {
      const decoded = await decodeImageNode(new Uint8Array(readFileSync(sharedPath(image.file))));
      expect([decoded.width, decoded.height]).toEqual([image.width, image.height]);
      const input = toModelInput(decoded, shipped);
      let sum = 0;
      for (const v of input) sum += v;
      expect(Math.abs(sum - image.inputSum), image.file).toBeLessThan(1e-2);
      const [outputs] = await session.run([input]);
      expect(outputs.length).toBe(image.outputs.length);
      for (let k = 0; k < outputs.length; k++) expect(Math.abs(outputs[k] - image.outputs[k]), `${image.file} output ${k}`).toBeLessThan(1e-3);
      const face = faceFromOutputs(outputs, decoded, shipped.geometryHead!);
      if (image.face === null) {
        expect(face, image.file).toBeNull();
        continue;
      }
      expect(face, image.file).not.toBeNull();
      for (const eye of ['leftEye', 'rightEye'] as const) {
        expect(Math.abs(face![eye].x - image.face[eye].x), `${image.file} ${eye}`).toBeLessThan(1e-4);
        expect(Math.abs(face![eye].y - image.face[eye].y), `${image.file} ${eye}`).toBeLessThan(1e-4);
      }
    }
    await session.release();
  });
});

describe.skipIf(!hasShared('data/faces') || !shipped.geometryHead?.mirrorNearWithin)('the shipped files: the mirrored run near the layout', () => {
  it('averages in the mirrored run for a StyleGAN face on the layout, and runs once for a freely framed portrait', async () => {
    const session = await createAvatarSession(ort, readFileSync(resolve(MODELS_DIR, 'avatar-detector.onnx')), shipped);
    const files = ['data/faces/tpdne-headshotclassification/generated/crossval_f0.jpg', 'data/faces/lfw-genderclassifier-baileyfriend/real/Aaron_Eckhart_0001.jpg'];
    const images = await Promise.all(files.map(async (f) => decodeImageNode(new Uint8Array(readFileSync(sharedPath(f))))));
    let runs = 0;
    const counting = { run: async (inputs: Float32Array[]) => ((runs += inputs.length), session.run(inputs)) };
    const noDetector = { detect: async () => Promise.reject(new Error('v4 files must not ask a detector')) };
    const [styleGan, portrait] = await measureImages(images, counting, noDetector, shipped);
    expect(runs).toBe(3); // two first runs, one mirrored run
    const head = shipped.geometryHead!;
    const [first, firstPortrait] = await session.run(images.map((image) => toModelInput(image, shipped)));
    const [mirrored] = await session.run([mirroredInput(toModelInput(images[0], shipped))]);
    expect(nearestLayout(faceFromOutputs(first, images[0], head)!, images[0], shipped.fusion!.layouts)!.distance).toBeLessThan(head.mirrorNearWithin!);
    expect(styleGan.face).toEqual(faceFromOutputs(withMirroredEyes(first, mirrored, head), images[0], head));
    expect(styleGan.face).not.toEqual(faceFromOutputs(first, images[0], head));
    expect(portrait.face).toEqual(faceFromOutputs(firstPortrait, images[1], head));
    expect(nearestLayout(portrait.face!, images[1], shipped.fusion!.layouts)!.distance).toBeGreaterThan(head.mirrorNearWithin!);
    await session.release();
  });
});
