import { describe, expect, it } from 'vitest';
import { fusionInputOf, type ImageEvidence } from '../../../src/avatar/evidence.ts';
import { fuse, geometryLogRatio, layoutDistance, nearestLayout, orderEyes, type FusionParams } from '../../../src/avatar/fusion.ts';

const layout = { name: 'ffhq-aligned', label: 'StyleGAN (FFHQ alignment)', eyes: [[0.37, 0.47], [0.62, 0.47]] as const };
const params: FusionParams = {
  layouts: [layout],
  geometry: { floor: 0.004, intercept: -9, slope: -2.5, max: Math.log(1000) },
  alignedShare: 0.5,
  textureEps: 1e-4,
  weights: { intercept: -1, texture: 0.8 },
  alignedMinRatio: 10,
};
const thresholds = { high: 0.97, medium: 0.9 };

describe('fusion of eye geometry and texture', () => {
  it('measures the larger eye distance, whatever order the detector names the eyes in', () => {
    const eyes = [[0.62, 0.48], [0.371, 0.47]] as const;
    expect(orderEyes(eyes)[0][0]).toBe(0.371);
    expect(layoutDistance(eyes, layout)).toBeCloseTo(0.01, 6);
    expect(nearestLayout(eyes, [layout])?.distance).toBeCloseTo(0.01, 6);
  });

  it('gives more weight to eyes closer to the layout, capped at the floor and the maximum', () => {
    expect(geometryLogRatio(0.005, params)).toBeGreaterThan(geometryLogRatio(0.02, params));
    expect(geometryLogRatio(0.02, params)).toBeGreaterThan(geometryLogRatio(0.1, params));
    expect(geometryLogRatio(0.0001, params)).toBe(geometryLogRatio(0.004, params));
    expect(geometryLogRatio(1e-9, { geometry: { ...params.geometry, floor: 1e-12 } })).toBe(Math.log(1000));
  });

  it('raises p for an aligned face and says so in words; an unaligned face with the same texture stays lower', () => {
    const aligned = fuse({ eyes: [[0.372, 0.471], [0.618, 0.47]], textureP: 0.6 }, params, thresholds);
    const unaligned = fuse({ eyes: [[0.3, 0.4], [0.55, 0.42]], textureP: 0.6 }, params, thresholds);
    expect(aligned.pGenerated!).toBeGreaterThan(unaligned.pGenerated!);
    expect(aligned.reason).toMatch(/both eyes sit where StyleGAN \(FFHQ alignment\) places them, within 0\.\d % of the image width/);
    expect(aligned.reason).toContain('texture model p = 0.60');
    expect(unaligned.reason).toMatch(/no alignment cue/);
    expect(aligned.level).toBe(aligned.pGenerated! >= thresholds.high ? 'high' : aligned.pGenerated! >= thresholds.medium ? 'medium' : 'low');
  });

  it('never says high from texture alone: without the alignment cue the level stays at most medium', () => {
    const textureOnly = fuse({ eyes: [[0.3, 0.4], [0.55, 0.42]], textureP: 0.99999 }, params, { high: 0.5, medium: 0.4 });
    expect(textureOnly.pGenerated!).toBeGreaterThan(0.5);
    expect(textureOnly.aligned).toBe(false);
    expect(textureOnly.level).toBe('medium');
    const both = fuse({ eyes: [[0.371, 0.47], [0.619, 0.47]], textureP: 0.99999 }, params, { high: 0.5, medium: 0.4 });
    expect(both).toMatchObject({ aligned: true, level: 'high' });
  });

  it('is unsure without a face, without texture, for tiny images and for non-face pictures', () => {
    expect(fuse({ textureP: 0.99 }, params, thresholds)).toMatchObject({ face: false, level: 'unsure' });
    expect(fuse({ eyes: [[0.37, 0.47], [0.62, 0.47]] }, params, thresholds).level).toBe('unsure');
    const evidence: ImageEvidence = { tooSmall: false, face: { score: 0.9, leftEye: { x: 0.37, y: 0.47 }, rightEye: { x: 0.62, y: 0.47 } }, textureP: 0.9, pFace: 0.9, phash: '0' };
    expect('input' in fusionInputOf(evidence, { faceMin: 0.5 })).toBe(true);
    expect(fusionInputOf({ ...evidence, tooSmall: true }, { faceMin: 0.5, minImageSide: 24 })).toEqual({ unsure: 'image smaller than 24 px: not judged' });
    expect(fusionInputOf({ ...evidence, face: null }, { faceMin: 0.5 })).toEqual({ unsure: 'no face found: not judged' });
    expect(fusionInputOf({ ...evidence, pFace: 0.2 }, { faceMin: 0.5 })).toMatchObject({ unsure: expect.stringMatching(/not a face photo/) });
  });
});
