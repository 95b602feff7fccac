/**
 * Avatar detector v3: the face geometry cue and the texture model's p fused into one calibrated
 * p(AI-generated), a level at the thresholds shipped with the model, and a reason in plain words.
 * Pure code, shared by the extension, the CLI, the evaluation script and the fitting script.
 */
import { avatarLevelAt } from '../core/signals/avatar.ts';
import type { Level } from '../core/types.ts';
import type { FaceDetection } from './face-decode.ts';
import { faceGeometry, type CanonicalLayout } from './face-geometry.ts';

/** A canonical eye layout with a name for reasons (e.g. FFHQ's alignment, which StyleGAN inherits). */
export interface NamedLayout extends CanonicalLayout {
  name: string;
  /** plain-words name for reasons, e.g. "StyleGAN (FFHQ alignment)" */
  label: string;
}

/** The two eye centres of a detected face (fractions of the image width / height). */
export type EyePair = Pick<FaceDetection, 'leftEye' | 'rightEye'>;

/**
 * Naive-Bayes fusion (the two cues are measured on different things: where the eyes are, and the pixels):
 *   log-odds = intercept + ln(alignedShare · r(d) + 1 − alignedShare) + texture · logit(textureP)
 * where r(d) = exp(g(d)) is how much more often an eye distance d occurs in FFHQ-aligned pictures than in
 * ordinary (unaligned) portraits. ln d is modelled as normal in both groups, fitted on real photos only (FFHQ vs
 * LFW/UTKFace/CelebA) — the alignment is a known property of FFHQ, which StyleGAN inherits — so
 * g(d) = min(max, a + b·x + c·x²) with x = ln(max(d, floor)): it falls off on both sides of the aligned mode, and
 * does not extrapolate a trend into distances no photo showed. alignedShare is the assumed share
 * of AI faces made by FFHQ-aligned generators. intercept and texture are
 * fitted on the calibration part.
 */
export interface FusionParams {
  layouts: NamedLayout[];
  geometry: { floor: number; a: number; b: number; c: number; max: number };
  alignedShare: number;
  /** texture feature = logit(clamp(textureP, eps, 1 - eps)) */
  textureEps: number;
  /**
   * texture: weight of the whole-picture texture model's logit(textureP) (0: that model only gates non-faces);
   * aligned (v4): weight of the aligned-face texture model's logit(alignedP); absent in v3 model files.
   */
  weights: { intercept: number; texture: number; aligned?: number };
  /**
   * The alignment cue fires when r(d) is at least this (the eyes are that much more typical of the layout than of
   * ordinary portraits). Only then can the level be `high`: texture alone stays at most `medium`, because texture
   * models are least reliable on photo collections they never saw (retouched stock portraits especially).
   */
  alignedMinRatio: number;
  /**
   * The alignment cue also needs a face at least this sure (the face score of the detection). Set for the
   * one-network model files, whose eye head, when unsure, draws eyes toward the layout it saw most (an emoji put
   * on FFHQ's eye line): there only a clear face can carry the cue. Absent in v3 model files.
   */
  alignedMinFaceScore?: number;
}

export interface FusionInput {
  /** the eyes of the most confident face; undefined when no face was found */
  eyes?: EyePair;
  /** the image's size (eye positions are fractions of it; distances are measured in fractions of the width) */
  image: { width: number; height: number };
  /** the texture model's calibrated p(AI-generated) */
  textureP?: number;
  /** v4: the aligned-face texture model's calibrated p(AI-generated) (face-align.ts) */
  alignedP?: number;
  /** the face detection's score (read when params.alignedMinFaceScore is set) */
  faceScore?: number;
}

export interface FusionResult {
  face: boolean;
  pGenerated?: number;
  level: Level;
  geometryDistance?: number;
  layout?: NamedLayout;
  /** the alignment cue fired (required for `high`) */
  aligned?: boolean;
  reason: string;
}

/** The nearest canonical layout and the eyes' distance to it (face-geometry.ts: the larger eye offset, fraction of the width). */
export function nearestLayout(eyes: EyePair, image: { width: number; height: number }, layouts: readonly NamedLayout[]): { layout: NamedLayout; distance: number } | undefined {
  let best: { layout: NamedLayout; distance: number } | undefined;
  for (const layout of layouts) {
    // faceGeometry reads only the eye centres of the detection
    const distance = faceGeometry(eyes as FaceDetection, image, layout).distance;
    if (!best || distance < best.distance) best = { layout, distance };
  }
  return best;
}

/** g(d) = ln r(d): log of how much more typical the eye distance d is of FFHQ-aligned pictures than of ordinary portraits. */
export function geometryLogRatio(distance: number, params: Pick<FusionParams, 'geometry'>): number {
  const g = params.geometry;
  const x = Math.log(Math.max(distance, g.floor));
  return Math.min(g.max, g.a + g.b * x + g.c * x * x);
}

/** The geometry term of the log-odds: ln(alignedShare · r(d) + 1 − alignedShare). */
export function geometryTerm(distance: number, params: Pick<FusionParams, 'geometry' | 'alignedShare'>): number {
  const r = Math.exp(geometryLogRatio(distance, params));
  return Math.log(params.alignedShare * r + 1 - params.alignedShare);
}

export function textureFeature(textureP: number, params: Pick<FusionParams, 'textureEps'>): number {
  const p = Math.min(1 - params.textureEps, Math.max(params.textureEps, textureP));
  return Math.log(p / (1 - p));
}

function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

const percent = (share: number) => `${(share * 100).toFixed(1)} %`;

/** One p(AI-generated), its level and the evidence in plain words. No face → unsure (never "real"). */
export function fuse(input: FusionInput, params: FusionParams, thresholds: { high: number; medium: number }): FusionResult {
  if (!input.eyes) return { face: false, level: 'unsure', reason: 'no face found: not judged' };
  const nearest = nearestLayout(input.eyes, input.image, params.layouts);
  const w = params.weights;
  const usesAligned = w.aligned !== undefined;
  const hasTexture = input.textureP !== undefined && Number.isFinite(input.textureP);
  const hasAligned = input.alignedP !== undefined && Number.isFinite(input.alignedP);
  if (!nearest || !hasTexture || (usesAligned && !hasAligned)) {
    return { face: true, level: 'unsure', geometryDistance: nearest?.distance, layout: nearest?.layout, reason: 'face found, but the texture model gave no answer: not judged' };
  }
  const z =
    w.intercept +
    geometryTerm(nearest.distance, params) +
    (w.texture ? w.texture * textureFeature(input.textureP!, params) : 0) +
    (usesAligned ? w.aligned! * textureFeature(input.alignedP!, params) : 0);
  const pGenerated = sigmoid(z);
  const nearLayout = Math.exp(geometryLogRatio(nearest.distance, params)) >= params.alignedMinRatio;
  const unclear = nearLayout && params.alignedMinFaceScore !== undefined && !((input.faceScore ?? 0) >= params.alignedMinFaceScore);
  const aligned = nearLayout && !unclear;
  const graded = avatarLevelAt(pGenerated, thresholds);
  const level = graded === 'high' && !aligned ? 'medium' : graded;
  const parts: string[] = [];
  if (unclear) {
    parts.push(
      `the eyes sit within ${percent(nearest.distance)} of the image width of where ${nearest.layout.label} places them, but the face is not clear enough to trust that (face score ${(input.faceScore ?? 0).toFixed(3)} < ${params.alignedMinFaceScore!.toFixed(3)}; no alignment cue)`,
    );
  } else if (aligned) {
    parts.push(`both eyes sit where ${nearest.layout.label} places them, within ${percent(nearest.distance)} of the image width`);
  } else {
    parts.push(`the eyes are ${percent(nearest.distance)} of the image width away from where ${nearest.layout.label} places them (no alignment cue)`);
  }
  if (usesAligned) parts.push(`face texture model p = ${input.alignedP!.toFixed(2)}`);
  if (w.texture) parts.push(`${usesAligned ? 'whole-picture ' : ''}texture model p = ${input.textureP!.toFixed(2)}`);
  return { face: true, pGenerated, level, aligned, geometryDistance: nearest.distance, layout: nearest.layout, reason: `${parts.join('; ')} → fused p = ${pGenerated.toFixed(2)}` };
}
