import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toFaceInput, toFaceInputPair, wholeImageRegion, type SquareRegion } from '../../../src/avatar/face-preprocess.ts';
import type { RgbaImage } from '../../../src/avatar/preprocess.ts';
import { expectSameTensor, syntheticImage, type TensorSummary } from '../../helpers/tensor-parity.ts';

function solid(width: number, height: number, rgba: [number, number, number, number]): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set(rgba, i * 4);
  return { width, height, data };
}

interface ParityCase extends TensorSummary {
  name: string;
  region: SquareRegion;
  mirror: boolean;
}

describe('face detector preprocessing', () => {
  it('letterboxes a non-square image into a centred square', () => {
    expect(wholeImageRegion({ width: 178, height: 218 })).toEqual({ x0: -20, y0: 0, side: 218 });
    expect(wholeImageRegion({ width: 200, height: 200 })).toEqual({ x0: 0, y0: 0, side: 200 });
  });

  it('normalises to -1..1 as BlazeFace expects, CHW', () => {
    const x = toFaceInput(solid(50, 50, [255, 0, 51, 255]));
    expect(x.length).toBe(3 * 128 * 128);
    expect(x[0]).toBeCloseTo(1, 6);
    expect(x[128 * 128]).toBeCloseTo(-1, 6);
    expect(x[2 * 128 * 128 + 500]).toBeCloseTo(51 / 127.5 - 1, 6);
  });

  it('fills the outside of the image with black and composites transparency on white', () => {
    const x = toFaceInput(solid(10, 10, [0, 0, 0, 0]), { x0: -10, y0: 0, side: 20 });
    // left half is outside the image (black → -1), right half transparent (white → 1)
    expect(x[5 * 128 + 10]).toBeCloseTo(-1, 6);
    expect(x[5 * 128 + 120]).toBeCloseTo(1, 6);
  });

  it('mirrors columns exactly, alone or as the pair the detector runs', () => {
    const img = syntheticImage(53, 37);
    const region = { x0: -3, y0: 2, side: 40 };
    const a = toFaceInput(img, region);
    const b = toFaceInput(img, region, true);
    const plane = 128 * 128;
    for (let c = 0; c < 3; c++) {
      for (let y = 0; y < 128; y += 7) {
        for (let x = 0; x < 128; x++) expect(b[c * plane + y * 128 + 127 - x]).toBe(a[c * plane + y * 128 + x]);
      }
    }
    const [p, q] = toFaceInputPair(img, region);
    expect(p).toEqual(a);
    expect(q).toEqual(b);
  });

  it('rejects empty images and regions clearly', () => {
    expect(() => toFaceInput({ width: 0, height: 0, data: new Uint8Array(0) })).toThrow(/no pixels/);
    expect(() => toFaceInput(solid(4, 4, [0, 0, 0, 255]), { x0: 0, y0: 0, side: 0 })).toThrow(/no pixels/);
  });

  it('gives the same tensor as the Python twin (face_detector.py) on every region kind', () => {
    const fixture = JSON.parse(readFileSync(resolve(import.meta.dirname, 'face-python-parity.json'), 'utf8')) as {
      synthetic: { width: number; height: number; cases: ParityCase[] };
    };
    const img = syntheticImage(fixture.synthetic.width, fixture.synthetic.height);
    expect(fixture.synthetic.cases.length).toBeGreaterThanOrEqual(10);
    for (const c of fixture.synthetic.cases) {
      expectSameTensor(toFaceInput(img, c.region, c.mirror), c, c.name);
    }
  });
});
