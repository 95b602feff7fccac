/**
 * What the avatar detector measures on one decoded image, before fusion: the face (eye keypoints from the
 * face detector), the texture model's calibrated p and p(face photo), and the perceptual hash.
 * Shared by the product scorer and the script that fits the fusion, so both see identical numbers.
 */
import { nearestLayout, type FusionInput } from './fusion.ts';
import { faceFromOutputs, mirroredInput, withMirroredEyes } from './geometry-head.ts';
import { dHash } from './phash.ts';
import { interpretLogits, type AvatarModelParams } from './postprocess.ts';
import { toModelInput, type RgbaImage } from './preprocess.ts';

/** The part of a face detection the detector v3 uses (positions as shares of the image width / height). */
export interface DetectedFace {
  score: number;
  leftEye: { x: number; y: number };
  rightEye: { x: number; y: number };
  /** v4: the aligned-face texture model's calibrated p(AI-generated) on this face (face-align.ts) */
  alignedP?: number;
}

export interface FaceFinder {
  detect(image: RgbaImage): Promise<DetectedFace | null>;
}

export interface TextureRunner {
  run(inputs: Float32Array[]): Promise<Float32Array[]>;
}

export interface ImageEvidence {
  /** decoded size (eye positions are fractions of it) */
  width: number;
  height: number;
  /** shorter side under params.minImageSide: too little to judge */
  tooSmall: boolean;
  /** the detector's best face, if any */
  face: DetectedFace | null;
  /** the texture model's calibrated p(AI-generated) (whole image, centre square) */
  textureP?: number;
  /** the texture model's p(the image is a face photo at all) */
  pFace: number;
  phash: string;
}

/**
 * Measures a batch of decoded images: one batched texture run, and one detection per image, except with v4 model
 * files, whose texture run also gives the face (params.geometryHead): then `faces` is not asked.
 */
export async function measureImages(images: RgbaImage[], texture: TextureRunner, faces: FaceFinder, params: AvatarModelParams): Promise<ImageEvidence[]> {
  if (!images.length) return [];
  const inputs = images.map((image) => toModelInput(image, params));
  const logits = await texture.run(inputs);
  const head = params.geometryHead;
  if (head?.mirrorNearWithin !== undefined && params.fusion) {
    // the mirrored run only for faces near a layout (as the v3 detector): there the finer eye position matters
    const near = images.flatMap((image, i) => {
      const face = faceFromOutputs(logits[i], image, head);
      const nearest = face && nearestLayout(face, image, params.fusion!.layouts);
      return nearest && nearest.distance <= head.mirrorNearWithin! ? [i] : [];
    });
    if (near.length) {
      const mirrored = await texture.run(near.map((i) => mirroredInput(inputs[i])));
      near.forEach((i, k) => (logits[i] = withMirroredEyes(logits[i], mirrored[k], head)));
    }
  }
  const out: ImageEvidence[] = [];
  for (let i = 0; i < images.length; i++) {
    const image = images[i];
    const p = interpretLogits(logits[i], params);
    out.push({
      width: image.width,
      height: image.height,
      tooSmall: Math.min(image.width, image.height) < (params.minImageSide ?? 24),
      face: head ? faceFromOutputs(logits[i], image, head) : await faces.detect(image),
      textureP: Number.isFinite(p.pGenerated) ? p.pGenerated : undefined,
      pFace: p.pFace,
      phash: dHash(image),
    });
  }
  return out;
}

/** The fusion's input for one image, or why the image is not judged. */
export function fusionInputOf(evidence: ImageEvidence, params: Pick<AvatarModelParams, 'faceMin' | 'minImageSide'>): { input: FusionInput } | { unsure: string } {
  if (evidence.tooSmall) return { unsure: `image smaller than ${params.minImageSide ?? 24} px: not judged` };
  if (!evidence.face) return { unsure: 'no face found: not judged' };
  if (evidence.pFace < params.faceMin) return { unsure: `not a face photo (p(face photo) = ${evidence.pFace.toFixed(2)}): not judged` };
  return { input: { eyes: evidence.face, image: { width: evidence.width, height: evidence.height }, textureP: evidence.textureP, alignedP: evidence.face.alignedP, faceScore: evidence.face.score } };
}
