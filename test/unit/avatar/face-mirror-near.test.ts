import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeImageNode } from '../../../src/avatar/decode-node.ts';
import type { FaceDetection } from '../../../src/avatar/face-decode.ts';
import { shippedFaceDetectorOptions, type FaceDetector } from '../../../src/avatar/face-detector.ts';
import { createNodeFaceDetector } from '../../../src/avatar/face-node.ts';
import { nearestLayout } from '../../../src/avatar/fusion.ts';
import { loadModelParams } from '../../../src/avatar/node-scorer.ts';
import type { RgbaImage } from '../../../src/avatar/preprocess.ts';
import { hasShared, sharedPath } from '../../helpers/shared.ts';

function expectSameFace(actual: FaceDetection | null, expected: FaceDetection | null, what: string): void {
  expect(actual === null, `${what}: face found`).toBe(expected === null);
  if (!actual || !expected) return;
  for (const key of ['leftEye', 'rightEye', 'nose', 'mouth'] as const) {
    expect(actual[key].x, `${what} ${key}.x`).toBeCloseTo(expected[key].x, 5);
    expect(actual[key].y, `${what} ${key}.y`).toBeCloseTo(expected[key].y, 5);
  }
}

// v4 model files name no detector (the texture run gives the face); BlazeFace stays the geometry head's teacher
describe.skipIf(!loadModelParams().faceDetector)('the shipped detector options', () => {
  it('gate the mirror run on the fusion layouts named in the model files', () => {
    const params = loadModelParams();
    const options = shippedFaceDetectorOptions(params);
    expect(params.faceDetector?.options?.flipNearWithin).toBeGreaterThan(0);
    expect(options.flipNear?.within).toBe(params.faceDetector?.options?.flipNearWithin);
    expect(options.flipNear?.layouts).toEqual(params.fusion?.layouts);
    expect(options).not.toHaveProperty('flipNearWithin');
  });
});

describe.skipIf(!hasShared('data/faces'))('mirror run only near a layout (flipNear)', () => {
  const params = loadModelParams();
  const within = 0.04;
  let single: FaceDetector;
  let mirrored: FaceDetector;
  let near: FaceDetector;
  const images: { name: string; image: RgbaImage }[] = [];
  beforeAll(async () => {
    single = await createNodeFaceDetector({ flip: false });
    mirrored = await createNodeFaceDetector({ flip: true });
    near = await createNodeFaceDetector({ flip: false, flipNear: { layouts: params.fusion!.layouts, within } });
    for (const dir of ['data/faces/tpdne-headshotclassification/generated', 'data/faces/utkface-facial_recognition_bias/real']) {
      for (const file of readdirSync(sharedPath(dir)).sort().slice(0, 6)) {
        images.push({ name: `${dir}/${file}`, image: await decodeImageNode(new Uint8Array(readFileSync(sharedPath(`${dir}/${file}`)))) });
      }
    }
  });
  afterAll(async () => {
    await Promise.all([single?.release(), mirrored?.release(), near?.release()]);
  });

  it('averages in the mirror exactly when the first run lands near the layout, and runs once otherwise', async () => {
    let nearCount = 0;
    let farCount = 0;
    for (const { name, image } of images) {
      const first = await single.detect(image);
      const distance = first ? nearestLayout(first, image, params.fusion!.layouts)!.distance : Infinity;
      const got = await near.detect(image);
      if (distance <= within) {
        nearCount++;
        expectSameFace(got, await mirrored.detect(image), `${name} (near: mirror-averaged)`);
      } else {
        farCount++;
        expectSameFace(got, first, `${name} (far: one run)`);
      }
    }
    // StyleGAN faces sit on the layout, UTKFace portraits do not: both branches are exercised
    expect(nearCount).toBeGreaterThanOrEqual(4);
    expect(farCount).toBeGreaterThanOrEqual(4);
  });
});
