import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeImageNode } from '../../../src/avatar/decode-node.ts';
import * as ort from 'onnxruntime-web';
import { ALIGNED_TEXTURE_SIZE, alignedFaceRegion, alignedPOf, createAlignedTextureSession, TEXTURE_LAYOUT, toAlignedFaceInput, withAlignedTexture } from '../../../src/avatar/face-align.ts';
import { createNodeFaceDetector } from '../../../src/avatar/face-node.ts';
import { loadModelParams, MODELS_DIR } from '../../../src/avatar/node-scorer.ts';
import type { AlignedTextureParams } from '../../../src/avatar/face-align.ts';
import type { EyePair } from '../../../src/avatar/fusion.ts';
import type { SquareRegion } from '../../../src/avatar/face-preprocess.ts';
import { hasShared, sharedPath } from '../../helpers/shared.ts';
import { expectSameTensor, syntheticImage, type TensorSummary } from '../../helpers/tensor-parity.ts';

interface ParityCase extends TensorSummary {
  name?: string;
  file?: string;
  eyes: EyePair;
  region: SquareRegion;
  logits?: number[];
}

const fixture = JSON.parse(readFileSync(resolve(import.meta.dirname, 'face-align-parity.json'), 'utf8')) as {
  size: number;
  synthetic: { width: number; height: number; cases: ParityCase[] };
  real: ParityCase[];
};

/** The aligned network (measured, not shipped: models/training/aligned/) with the shipped model files' other params. */
const candidate = JSON.parse(readFileSync(resolve(MODELS_DIR, 'training/aligned/avatar-texture-aligned.json'), 'utf8')) as { alignedTexture: AlignedTextureParams };
async function candidateSession() {
  const params = { ...loadModelParams(), alignedTexture: candidate.alignedTexture };
  return createAlignedTextureSession(ort, new Uint8Array(readFileSync(resolve(MODELS_DIR, params.alignedTexture.file))), params);
}



describe('aligned face crop (texture model input)', () => {
  it('puts the eyes at the texture layout: the region scales with the eye distance and centres on the eyes', () => {
    const eyes = { leftEye: { x: 0.4, y: 0.5 }, rightEye: { x: 0.6, y: 0.5 } };
    // eyes 0.2 × 500 = 100 px apart; the layout wants them 0.36 of the side apart → side 278 px
    const region = alignedFaceRegion(eyes, { width: 500, height: 500 });
    expect(region.side).toBe(Math.round(100 / 0.36));
    expect(region.x0 + TEXTURE_LAYOUT.leftEye.x * region.side).toBeCloseTo(200, 0);
    expect(region.y0 + TEXTURE_LAYOUT.leftEye.y * region.side).toBeCloseTo(250, 0);
    // the same face in a picture twice as large gives the same crop, twice as large
    const double = alignedFaceRegion(eyes, { width: 1000, height: 1000 });
    expect(double.side).toBe(2 * region.side);
  });

  it('gives the same tensor as the Python recipe (align_cache.py) inside, past every border and upscaled', () => {
    const img = syntheticImage(fixture.synthetic.width, fixture.synthetic.height);
    expect(fixture.size).toBe(ALIGNED_TEXTURE_SIZE);
    expect(fixture.synthetic.cases.length).toBeGreaterThanOrEqual(5);
    for (const c of fixture.synthetic.cases) {
      expect(alignedFaceRegion(c.eyes, img), c.name).toEqual(c.region);
      const x = toAlignedFaceInput(img, c.eyes);
      expect(x.length).toBe(3 * ALIGNED_TEXTURE_SIZE * ALIGNED_TEXTURE_SIZE);
      expectSameTensor(x, c, c.name!);
    }
  });

  describe.skipIf(!hasShared('data/faces'))('on real pictures of ../shared', () => {
    it('gives the same crop as the Python recipe (sharp vs OpenCV decoding: same libjpeg-turbo output)', async () => {
      expect(fixture.real.length).toBeGreaterThanOrEqual(4);
      for (const c of fixture.real) {
        const image = await decodeImageNode(new Uint8Array(readFileSync(sharedPath(c.file!))));
        expect(alignedFaceRegion(c.eyes, image), c.file).toEqual(c.region);
        expectSameTensor(toAlignedFaceInput(image, c.eyes), c, c.file!);
      }
    });

    it('runs the aligned network in onnxruntime-web with the logits of the PyTorch weights (within 1e-4)', async () => {
      const session = await candidateSession();
      try {
        const withLogits = fixture.real.filter((c) => c.logits);
        expect(withLogits.length).toBeGreaterThanOrEqual(4);
        for (const c of withLogits) {
          const image = await decodeImageNode(new Uint8Array(readFileSync(sharedPath(c.file!))));
          const [logits] = await session.run([toAlignedFaceInput(image, c.eyes)]);
          for (let k = 0; k < 2; k++) expect(Math.abs(logits[k] - c.logits![k]), `${c.file} logit ${k}`).toBeLessThan(1e-4);
        }
      } finally {
        await session.release();
      }
    });

    it('gives every face the detector finds the aligned network\'s calibrated p on the crop at its eyes (withAlignedTexture)', async () => {
      const detector = await createNodeFaceDetector();
      const faces = withAlignedTexture(detector, await candidateSession(), candidate.alignedTexture);
      const session = await candidateSession();
      try {
        for (const c of fixture.real.slice(0, 3)) {
          const image = await decodeImageNode(new Uint8Array(readFileSync(sharedPath(c.file!))));
          const face = await faces.detect(image);
          expect(face, c.file).not.toBeNull();
          const [logits] = await session.run([toAlignedFaceInput(image, face!)]);
          expect(face!.alignedP, c.file).toBeCloseTo(alignedPOf(logits, candidate.alignedTexture), 6);
        }
      } finally {
        await Promise.all([faces.release(), session.release()]);
      }
    });
  });
});
