// Parity of a TypeScript preprocessing step with its Python twin: the same synthetic image on both sides, and
// a tensor compared through the summary the Python fixture writers store (sums, a position-weighted checksum
// and a few samples).
import { expect } from 'vitest';
import type { RgbaImage } from '../../src/avatar/preprocess.ts';

/** Twin of synthetic() in models/face-detector/write_parity_fixture.py (translucent pixels included). */
export function syntheticImage(width: number, height: number): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      data[o] = (x * 7 + y * 3) % 256;
      data[o + 1] = (x * y + 11) % 256;
      data[o + 2] = (x * 13 + y * 29 + 5) % 256;
      data[o + 3] = (x + y) % 5 === 0 ? 128 : 255;
    }
  }
  return { width, height, data };
}

export interface TensorSummary {
  sum: number;
  sumSq: number;
  checksum: number;
  samples: [number, number][];
}

export function expectSameTensor(x: Float32Array, expected: TensorSummary, what: string): void {
  let sum = 0;
  let sumSq = 0;
  let checksum = 0;
  x.forEach((v, i) => {
    sum += v;
    sumSq += v * v;
    checksum += v * (i % 97);
  });
  // float32 rounding of tens of thousands of values: sums agree to ~1e-4
  expect(sum, what).toBeCloseTo(expected.sum, 2);
  expect(sumSq, what).toBeCloseTo(expected.sumSq, 2);
  expect(Math.abs(checksum - expected.checksum), what).toBeLessThan(0.05);
  for (const [i, v] of expected.samples) expect(x[i], `${what} [${i}]`).toBeCloseTo(v, 5);
}
