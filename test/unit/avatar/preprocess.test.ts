import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { decodeImageNode } from '../../../src/avatar/decode-node.ts';
import { createAvatarSession } from '../../../src/avatar/model.ts';
import { loadModelParams, MODELS_DIR } from '../../../src/avatar/node-scorer.ts';
import { resizeTaps, resizeToSquare, toModelInput, type RgbaImage } from '../../../src/avatar/preprocess.ts';
import { hasShared, sharedPath } from '../../helpers/shared.ts';

const params = { inputSize: 8, normalization: { mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5] } };

function solid(width: number, height: number, rgba: [number, number, number, number]): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set(rgba, i * 4);
  return { width, height, data };
}

describe('resize weights', () => {
  it('sum to one for every output pixel, down and up', () => {
    for (const [inSize, outSize] of [[256, 128], [200, 128], [64, 128], [1, 128], [8000, 128], [7, 3]]) {
      const t = resizeTaps(inSize, outSize);
      for (let i = 0; i < outSize; i++) {
        let sum = 0;
        for (let k = 0; k < t.taps; k++) sum += t.weight[i * t.taps + k];
        expect(sum).toBeCloseTo(1, 12);
      }
    }
  });

  it('keep a same-size image unchanged', () => {
    const t = resizeTaps(5, 5);
    expect(t.taps).toBe(1);
    expect(Array.from(t.index)).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('toModelInput', () => {
  it('maps a solid colour to the normalised constant, CHW', () => {
    const x = toModelInput(solid(13, 9, [255, 0, 51, 255]), params);
    expect(x.length).toBe(3 * 8 * 8);
    expect(x[0]).toBeCloseTo(1, 6);
    expect(x[64]).toBeCloseTo(-1, 6);
    expect(x[128]).toBeCloseTo(51 / 127.5 - 1, 6);
  });

  it('composites transparent pixels on white', () => {
    const x = toModelInput(solid(4, 4, [0, 0, 0, 0]), params);
    expect(Math.min(...x)).toBeCloseTo(1, 6);
  });

  it('takes the centre square of a wide image', () => {
    const img = solid(30, 10, [0, 0, 0, 255]);
    for (let y = 0; y < 10; y++) for (let x = 10; x < 20; x++) img.data.set([255, 255, 255, 255], (y * 30 + x) * 4);
    const out = toModelInput(img, params);
    expect(Math.min(...out)).toBeCloseTo(1, 6);
  });

  it('reads opaque images from their bytes with the same result, to the last bit, as compositing them', () => {
    // B is A with its white pixels made fully transparent (random colour underneath): composited on white, B is A
    let seed = 11;
    const random = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 256;
    const a = solid(41, 37, [0, 0, 0, 255]);
    for (let p = 0; p < 41 * 37; p++) a.data.set(p % 3 === 0 ? [255, 255, 255, 255] : [random(), random(), random(), 255], p * 4);
    const b = { ...a, data: a.data.slice() };
    for (let p = 0; p < 41 * 37; p++) if (p % 3 === 0) b.data.set([random(), random(), random(), 0], p * 4);
    const sizeParams = { ...params, inputSize: 24 };
    expect(Array.from(toModelInput(b, sizeParams))).toEqual(Array.from(toModelInput(a, sizeParams)));
    expect(Array.from(resizeToSquare(b, 9))).toEqual(Array.from(resizeToSquare(a, 9)));
    // and the transparent pixels do count: on black they give another picture
    expect(Array.from(resizeToSquare(b, 9, [0, 0, 0]))).not.toEqual(Array.from(resizeToSquare(a, 9, [0, 0, 0])));
  });

  it('rejects an empty image clearly', () => {
    expect(() => toModelInput({ width: 0, height: 0, data: new Uint8Array(0) }, params)).toThrow(/no pixels/);
  });
});

interface ParityFixture {
  images: { file: string; logits: number[]; inputSum: number; inputFirst: number[] }[];
}

describe.skipIf(!hasShared('data/faces'))('parity with the Python training pipeline', () => {
  // python-logits.json is written by models/training/train.py together with the shipped model
  const fixture = JSON.parse(readFileSync(resolve(import.meta.dirname, 'python-logits.json'), 'utf8')) as ParityFixture;

  it('gives the same tensor and logits (within 1e-3) on real images decoded by sharp', async () => {
    const modelParams = loadModelParams();
    const session = await createAvatarSession(ort, readFileSync(resolve(MODELS_DIR, 'avatar-detector.onnx')), modelParams);
    expect(fixture.images.length).toBeGreaterThanOrEqual(5);
    for (const image of fixture.images) {
      const decoded = await decodeImageNode(new Uint8Array(readFileSync(sharedPath(image.file))));
      const input = toModelInput(decoded, modelParams);
      let sum = 0;
      for (const v of input) sum += v;
      expect(Math.abs(sum - image.inputSum), image.file).toBeLessThan(1e-2);
      expect(Array.from(input.slice(0, 8)).map((v) => Number(v.toFixed(5)))).toEqual(image.inputFirst.map((v) => Number(v.toFixed(5))));
      // v2's logits; one-network (v4) files fine-tuned the trunk: their PyTorch twin's whole output row is checked
      // by geometry-head.test.ts (student-python.json), the preprocessing above stays the same
      if (modelParams.geometryHead) continue;
      const [logits] = await session.run([input]);
      for (let c = 0; c < image.logits.length; c++) expect(Math.abs(logits[c] - image.logits[c]), image.file).toBeLessThan(1e-3);
    }
    await session.release();
  });
});
