import { describe, expect, it } from 'vitest';
import { fusionInputOf, type ImageEvidence } from '../../../src/avatar/evidence.ts';
import { fuse, geometryLogRatio, nearestLayout, type EyePair, type FusionParams } from '../../../src/avatar/fusion.ts';

const layout = { name: 'ffhq-aligned', label: 'StyleGAN (FFHQ alignment)', leftEye: { x: 0.37, y: 0.47 }, rightEye: { x: 0.62, y: 0.47 }, interOcular: 0.25, roll: 0 };
const square = { width: 256, height: 256 };
const eyesAt = (lx: number, ly: number, rx: number, ry: number): EyePair => ({ leftEye: { x: lx, y: ly }, rightEye: { x: rx, y: ry } });
const params: FusionParams = {
  layouts: [layout],
  geometry: { floor: 0.004, a: -9, b: -2.5, c: 0, max: Math.log(1000) },
  alignedShare: 0.5,
  textureEps: 1e-4,
  weights: { intercept: -1, texture: 0.8 },
  alignedMinRatio: 10,
};
const thresholds = { high: 0.97, medium: 0.9 };

describe('fusion of eye geometry and texture', () => {
  it('measures the larger eye distance, in fractions of the image width (also for non-square images)', () => {
    expect(nearestLayout(eyesAt(0.371, 0.47, 0.62, 0.48), square, [layout])?.distance).toBeCloseTo(0.01, 6);
    // a portrait 2:1 image: a vertical offset of 0.01 of the height is 0.02 of the width
    expect(nearestLayout(eyesAt(0.37, 0.48, 0.62, 0.47), { width: 100, height: 200 }, [layout])?.distance).toBeCloseTo(0.02, 6);
    const far = { ...layout, name: 'far', leftEye: { x: 0.1, y: 0.1 }, rightEye: { x: 0.3, y: 0.1 } };
    expect(nearestLayout(eyesAt(0.37, 0.47, 0.62, 0.47), square, [far, layout])?.layout.name).toBe('ffhq-aligned');
  });

  it('gives more weight to eyes closer to the layout, capped at the floor and the maximum', () => {
    expect(geometryLogRatio(0.005, params)).toBeGreaterThan(geometryLogRatio(0.02, params));
    expect(geometryLogRatio(0.02, params)).toBeGreaterThan(geometryLogRatio(0.1, params));
    expect(geometryLogRatio(0.0001, params)).toBe(geometryLogRatio(0.004, params));
    expect(geometryLogRatio(1e-9, { geometry: { ...params.geometry, floor: 1e-12 } })).toBe(Math.log(1000));
  });

  it('raises p for an aligned face and says so in words; an unaligned face with the same texture stays lower', () => {
    const aligned = fuse({ eyes: eyesAt(0.372, 0.471, 0.618, 0.47), image: square, textureP: 0.6 }, params, thresholds);
    const unaligned = fuse({ eyes: eyesAt(0.3, 0.4, 0.55, 0.42), image: square, textureP: 0.6 }, params, thresholds);
    expect(aligned.pGenerated!).toBeGreaterThan(unaligned.pGenerated!);
    expect(aligned.reason).toMatch(/both eyes sit where StyleGAN \(FFHQ alignment\) places them, within 0\.\d % of the image width/);
    expect(aligned.reason).toContain('texture model p = 0.60');
    expect(unaligned.reason).toMatch(/no alignment cue/);
    expect(aligned.level).toBe(aligned.pGenerated! >= thresholds.high ? 'high' : aligned.pGenerated! >= thresholds.medium ? 'medium' : 'low');
  });

  it('v4: weighs the aligned-face texture p, names it in the reason, and is unsure without it', () => {
    const v4: FusionParams = { ...params, weights: { intercept: -1, texture: 0, aligned: 1.2 } };
    const eyes = eyesAt(0.3, 0.4, 0.55, 0.42);
    const low = fuse({ eyes, image: square, textureP: 0.6, alignedP: 0.2 }, v4, thresholds);
    const high = fuse({ eyes, image: square, textureP: 0.6, alignedP: 0.95 }, v4, thresholds);
    expect(high.pGenerated!).toBeGreaterThan(low.pGenerated!);
    expect(high.reason).toContain('face texture model p = 0.95');
    // weight 0 for the whole-picture model: its p neither moves the result nor appears in the reason
    expect(fuse({ eyes, image: square, textureP: 0.01, alignedP: 0.95 }, v4, thresholds).pGenerated).toBeCloseTo(high.pGenerated!, 12);
    expect(high.reason).not.toMatch(/whole-picture|; texture model p/);
    expect(fuse({ eyes, image: square, textureP: 0.6 }, v4, thresholds)).toMatchObject({ face: true, level: 'unsure' });
    const both: FusionParams = { ...params, weights: { intercept: -1, texture: 0.5, aligned: 1.2 } };
    expect(fuse({ eyes, image: square, textureP: 0.6, alignedP: 0.95 }, both, thresholds).reason).toContain('whole-picture texture model p = 0.60');
  });

  it('with a face-score gate (one-network files), an unclear face on the layout gets no alignment cue and no high', () => {
    const gated: FusionParams = { ...params, alignedMinFaceScore: 0.96 };
    const eyes = eyesAt(0.371, 0.47, 0.62, 0.47);
    const clear = fuse({ eyes, image: square, textureP: 0.9, faceScore: 0.99 }, gated, { high: 0.5, medium: 0.4 });
    const unclear = fuse({ eyes, image: square, textureP: 0.9, faceScore: 0.92 }, gated, { high: 0.5, medium: 0.4 });
    expect(clear).toMatchObject({ aligned: true, level: 'high' });
    expect(unclear).toMatchObject({ aligned: false, level: 'medium' });
    expect(unclear.pGenerated).toBeCloseTo(clear.pGenerated!, 12);
    expect(unclear.reason).toMatch(/face is not clear enough to trust that \(face score 0\.920 < 0\.960; no alignment cue\)/);
    // no score: no cue; no gate (v3 files): the score is not read
    expect(fuse({ eyes, image: square, textureP: 0.9 }, gated, thresholds).aligned).toBe(false);
    expect(fuse({ eyes, image: square, textureP: 0.9, faceScore: 0.1 }, params, thresholds).aligned).toBe(true);
    // the evidence hands the detection's score to the fusion
    const evidence = { width: 256, height: 256, tooSmall: false, face: { score: 0.93, ...eyes }, textureP: 0.9, pFace: 0.9, phash: '0' } as ImageEvidence;
    const input = fusionInputOf(evidence, { faceMin: 0.5 });
    expect('input' in input && input.input.faceScore).toBe(0.93);
  });

  it('never says high from texture alone: without the alignment cue the level stays at most medium', () => {
    const textureOnly = fuse({ eyes: eyesAt(0.3, 0.4, 0.55, 0.42), image: square, textureP: 0.99999 }, params, { high: 0.5, medium: 0.4 });
    expect(textureOnly.pGenerated!).toBeGreaterThan(0.5);
    expect(textureOnly.aligned).toBe(false);
    expect(textureOnly.level).toBe('medium');
    const both = fuse({ eyes: eyesAt(0.371, 0.47, 0.619, 0.47), image: square, textureP: 0.99999 }, params, { high: 0.5, medium: 0.4 });
    expect(both).toMatchObject({ aligned: true, level: 'high' });
  });

  it('is unsure without a face, without texture, for tiny images and for non-face pictures', () => {
    expect(fuse({ image: square, textureP: 0.99 }, params, thresholds)).toMatchObject({ face: false, level: 'unsure' });
    expect(fuse({ eyes: eyesAt(0.37, 0.47, 0.62, 0.47), image: square }, params, thresholds).level).toBe('unsure');
    const evidence: ImageEvidence = { width: 256, height: 256, tooSmall: false, face: { score: 0.9, leftEye: { x: 0.37, y: 0.47 }, rightEye: { x: 0.62, y: 0.47 } }, textureP: 0.9, pFace: 0.9, phash: '0' };
    expect('input' in fusionInputOf(evidence, { faceMin: 0.5 })).toBe(true);
    expect(fusionInputOf({ ...evidence, tooSmall: true }, { faceMin: 0.5, minImageSide: 24 })).toEqual({ unsure: 'image smaller than 24 px: not judged' });
    expect(fusionInputOf({ ...evidence, face: null }, { faceMin: 0.5 })).toEqual({ unsure: 'no face found: not judged' });
    expect(fusionInputOf({ ...evidence, pFace: 0.2 }, { faceMin: 0.5 })).toMatchObject({ unsure: expect.stringMatching(/not a face photo/) });
  });
});
