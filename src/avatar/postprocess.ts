/** Model logits → calibrated p(AI-generated) and a level, using models/avatar-detector.json. Pure code. */
import { avatarLevelAt } from '../core/signals/avatar.ts';
import type { Level } from '../core/types.ts';
import type { AlignedTextureParams } from './face-align.ts';
import type { FusionParams } from './fusion.ts';
import { outputWidth, type GeometryHeadParams } from './geometry-head.ts';
import type { PreprocessParams } from './preprocess.ts';

/** The shape of models/avatar-detector.json (written by models/training/train.py). */
export interface AvatarModelParams extends PreprocessParams {
  version: string;
  inputName: string;
  outputName: string;
  layout: 'NCHW';
  classes: string[];
  calibration: { type: 'platt'; a: number; b: number };
  thresholds: { high: number; medium: number };
  /** below this p(face photo) the level is `unsure` */
  faceMin: number;
  /** images whose shorter side is below this many pixels are `unsure` (too little to judge); default 24 */
  minImageSide?: number;
  /** v3: face geometry + texture fused into the final p; `thresholds` then apply to the fused p */
  fusion?: FusionParams;
  /** v3: the face detector's model file (relative to models/) and the options it runs with, the same everywhere */
  faceDetector?: { file: string; options?: { minScore?: number; refine?: boolean; flip?: boolean; refineScale?: number; flipNearWithin?: number } };
  /** v4: the aligned-face texture model run on every detected face (its p enters the fusion as `weights.aligned`) */
  alignedTexture?: AlignedTextureParams;
  /** v4: the texture network also gives the face and its eyes (geometry-head.ts); no separate face detector runs */
  geometryHead?: GeometryHeadParams;
}

export interface AvatarPrediction {
  /** calibrated p(AI-generated | face photo) */
  pGenerated: number;
  /** p(the image is a face photo at all) */
  pFace: number;
  face: boolean;
  level: Level;
}

export function interpretLogits(logits: ArrayLike<number>, params: AvatarModelParams): AvatarPrediction {
  const real = params.classes.indexOf('real');
  const generated = params.classes.indexOf('generated');
  const nonface = params.classes.indexOf('nonface');
  if (logits.length !== outputWidth(params)) return { pGenerated: Number.NaN, pFace: 0, face: false, level: 'unsure' };
  // v4: the row continues with the geometry head's values after the classes
  const values = Array.from(logits).slice(0, params.classes.length);
  if (values.some((v) => !Number.isFinite(v))) {
    return { pGenerated: Number.NaN, pFace: 0, face: false, level: 'unsure' };
  }
  const z = values[generated] - values[real];
  const pGenerated = sigmoid(params.calibration.a * z + params.calibration.b);
  const max = Math.max(...values);
  const exps = values.map((v) => Math.exp(v - max));
  const pFace = nonface < 0 ? 1 : 1 - exps[nonface] / exps.reduce((s, v) => s + v, 0);
  const face = pFace >= params.faceMin;
  return { pGenerated, pFace, face, level: levelFor(pGenerated, face, params) };
}

export function levelFor(pGenerated: number, face: boolean, params: Pick<AvatarModelParams, 'thresholds'>): Level {
  if (!face || !Number.isFinite(pGenerated)) return 'unsure';
  return avatarLevelAt(pGenerated, params.thresholds);
}

/** Splits a [batch, classes] logits buffer into one prediction per image. */
export function interpretBatch(logits: Float32Array, batch: number, params: AvatarModelParams): AvatarPrediction[] {
  const width = logits.length / batch;
  return Array.from({ length: batch }, (_, i) => interpretLogits(logits.subarray(i * width, (i + 1) * width), params));
}

function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}
