/**
 * Aligned face crop for the aligned texture model: the square in which the detected eyes sit at TEXTURE_LAYOUT's
 * positions, resized with the runtime's antialiased triangle filter (black outside the image), normalised to -1..1.
 * Twin of texture_region + resize_region in models/training/align_cache.py (parity test:
 * test/unit/avatar/face-align.test.ts). Roll is not removed (the square is axis-aligned); training rotates by ±8°.
 * No browser or Node APIs (the caller passes the `ort` module).
 */
import type { DetectedFace, FaceFinder, TextureRunner } from './evidence.ts';
import type { EyePair } from './fusion.ts';
import type { FaceDetection } from './face-decode.ts';
import { alignedRegion, type CanonicalLayout } from './face-geometry.ts';
import { resizeRegion, type SquareRegion } from './face-preprocess.ts';
import { createAvatarSession, type AvatarSession, type Ort } from './model.ts';
import type { AvatarModelParams } from './postprocess.ts';
import type { RgbaImage } from './preprocess.ts';

/**
 * Eye positions in the aligned crop (fractions of its side): inter-ocular 0.36 of the side, so the crop spans ~2.8
 * eye distances (forehead to chin, cheek to cheek, a little hair and background). Tighter than FFHQ's 0.254 so that
 * tightly framed photos rarely leave the image. Twin of TEXTURE_LEFT_EYE / TEXTURE_RIGHT_EYE in align_cache.py.
 */
export const TEXTURE_LAYOUT: CanonicalLayout = {
  leftEye: { x: 0.32, y: 0.4 },
  rightEye: { x: 0.68, y: 0.4 },
  interOcular: 0.36,
  roll: 0,
};

export const ALIGNED_TEXTURE_SIZE = 96;
const PAD_RGB: readonly number[] = [0, 0, 0];

/** The square (image pixels) the aligned texture model sees for these eyes. */
export function alignedFaceRegion(eyes: EyePair, image: { width: number; height: number }): SquareRegion {
  // alignedRegion reads only the eye centres of the detection
  return alignedRegion(eyes as FaceDetection, image, TEXTURE_LAYOUT);
}

/** Image + eyes → the aligned texture model's input: 3 × size × size CHW float32, (v / 255 − 0.5) / 0.5. */
export function toAlignedFaceInput(image: RgbaImage, eyes: EyePair, size = ALIGNED_TEXTURE_SIZE): Float32Array {
  const hwc = resizeRegion(image, alignedFaceRegion(eyes, image), size, { pad: PAD_RGB });
  const plane = size * size;
  const chw = new Float32Array(3 * plane);
  for (let p = 0; p < plane; p++) {
    for (let c = 0; c < 3; c++) chw[c * plane + p] = hwc[p * 3 + c] / 127.5 - 1;
  }
  return chw;
}

/** `alignedTexture` in avatar-detector.json: the aligned-face texture model (v4), its input and calibration. */
export interface AlignedTextureParams {
  /** ONNX file, relative to models/ */
  file: string;
  inputSize: number;
  inputName: string;
  outputName: string;
  /** output order, e.g. ['real', 'generated'] */
  classes: string[];
  /** Platt scaling of logit[generated] − logit[real] → p(AI-generated), fitted on the calibration part */
  calibration: { a: number; b: number };
}

/** The aligned model's logits → calibrated p(AI-generated); NaN on malformed output. */
export function alignedPOf(logits: ArrayLike<number>, params: Pick<AlignedTextureParams, 'classes' | 'calibration'>): number {
  const real = params.classes.indexOf('real');
  const generated = params.classes.indexOf('generated');
  const values = Array.from(logits);
  if (values.length !== params.classes.length || real < 0 || generated < 0 || values.some((v) => !Number.isFinite(v))) return Number.NaN;
  const z = params.calibration.a * (values[generated] - values[real]) + params.calibration.b;
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/**
 * The face finder followed by the aligned-face texture model on the face it found: every detected face carries
 * `alignedP`, the model's calibrated p on the aligned crop. One crop and one run per face.
 */
export function withAlignedTexture<F extends FaceFinder>(faces: F, texture: TextureRunner, params: AlignedTextureParams): FaceFinder & { release(): Promise<void> } {
  return {
    async detect(image: RgbaImage): Promise<DetectedFace | null> {
      const face = await faces.detect(image);
      if (!face) return face;
      const [logits] = await texture.run([toAlignedFaceInput(image, face, params.inputSize)]);
      return { ...face, alignedP: alignedPOf(logits, params) };
    },
    async release() {
      await Promise.all([(faces as { release?: () => Promise<void> }).release?.(), (texture as { release?: () => Promise<void> }).release?.()]);
    },
  };
}

/** onnxruntime-web session for the aligned texture model named in the model files (same runner as the whole-picture model). */
export async function createAlignedTextureSession(ort: Ort, model: Uint8Array, params: AvatarModelParams & { alignedTexture: AlignedTextureParams }): Promise<AvatarSession> {
  const a = params.alignedTexture;
  return createAvatarSession(ort, model, { ...params, inputSize: a.inputSize, inputName: a.inputName, outputName: a.outputName }, { maxBatch: 1 });
}
