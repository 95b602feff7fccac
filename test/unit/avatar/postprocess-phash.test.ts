import { describe, expect, it } from 'vitest';
import { dHash, hammingDistance } from '../../../src/avatar/phash.ts';
import { interpretLogits, levelFor, type AvatarModelParams } from '../../../src/avatar/postprocess.ts';
import type { RgbaImage } from '../../../src/avatar/preprocess.ts';

const params = {
  classes: ['real', 'generated', 'nonface'],
  calibration: { type: 'platt', a: 1, b: 0 },
  thresholds: { high: 0.9, medium: 0.7 },
  faceMin: 0.5,
} as unknown as AvatarModelParams;

describe('interpretLogits', () => {
  it('calibrates the generated-vs-real logit gap', () => {
    const p = interpretLogits([0, Math.log(9.0001), -10], params);
    expect(p.pGenerated).toBeCloseTo(0.9, 4);
    expect(p.level).toBe('high');
    expect(p.face).toBe(true);
  });

  it('is medium between the thresholds and low below', () => {
    expect(interpretLogits([0, Math.log(4), -10], params).level).toBe('medium');
    expect(interpretLogits([2, 0, -10], params).level).toBe('low');
  });

  it('is unsure (never low) when the image is not a face photo', () => {
    const p = interpretLogits([0, 5, 8], params);
    expect(p.face).toBe(false);
    expect(p.level).toBe('unsure');
  });

  it('is unsure on broken logits', () => {
    expect(interpretLogits([Number.NaN, 1, 0], params).level).toBe('unsure');
    expect(interpretLogits([1, 0], params).level).toBe('unsure');
  });

  it('levelFor honours the thresholds exactly', () => {
    expect(levelFor(0.9, true, params)).toBe('high');
    expect(levelFor(0.8999, true, params)).toBe('medium');
    expect(levelFor(0.7, false, params)).toBe('unsure');
  });
});

function gradient(width: number, height: number, seed: number): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const v = Math.floor(127 + 120 * Math.sin((x * (seed + 1)) / width * 6 + (y * seed) / height * 4));
      data.set([v, 255 - v, v, 255], (y * width + x) * 4);
    }
  return { width, height, data };
}

describe('dHash', () => {
  it('is 16 hex chars and stable under rescaling', () => {
    const big = dHash(gradient(256, 256, 3));
    const small = dHash(gradient(64, 64, 3));
    expect(big).toMatch(/^[0-9a-f]{16}$/);
    expect(hammingDistance(big, small)).toBeLessThanOrEqual(6);
  });

  it('separates different pictures', () => {
    expect(hammingDistance(dHash(gradient(128, 128, 3)), dHash(gradient(128, 128, 7)))).toBeGreaterThan(10);
  });

  it('hamming distance counts bits and refuses mismatched hashes', () => {
    expect(hammingDistance('0000000000000000', 'ffffffffffffffff')).toBe(64);
    expect(hammingDistance('00000000000000f1', '0000000000000001')).toBe(4);
    expect(() => hammingDistance('00', '000')).toThrow();
  });
});
