/**
 * Avatar detector v3: the face geometry cue and the texture model's p fused into one calibrated
 * p(AI-generated), a level at the thresholds shipped with the model, and a reason in plain words.
 * Pure code, shared by the extension, the CLI, the evaluation script and the fitting script.
 */
import { avatarLevelAt } from '../core/signals/avatar.ts';
import type { Level } from '../core/types.ts';

/** A point as a share of the (square) image side: x from the left, y from the top. */
export type Point = readonly [number, number];

/** Where a generator puts both eyes (measured on ../shared; e.g. StyleGAN inherits FFHQ's alignment). */
export interface CanonicalLayout {
  name: string;
  /** plain-words name for reasons, e.g. "StyleGAN" */
  label: string;
  /** the eye with the smaller x (the subject's right eye on a frontal photo), then the other */
  eyes: readonly [Point, Point];
}

export interface FusionParams {
  layouts: CanonicalLayout[];
  /** geometry feature = ln(max(distance, floor)): closer than `floor` counts as exactly on the layout */
  geometryFloor: number;
  /** texture feature = logit(clamp(textureP, eps, 1 - eps)) */
  textureEps: number;
  /** log-odds = intercept + geometry * geometryFeature + texture * textureFeature (logistic regression) */
  weights: { intercept: number; geometry: number; texture: number };
  /** geometry distance under which the reason names the layout (share of the image width) */
  reasonGeometryMax: number;
}

export interface FusionInput {
  /** both eyes of the most confident face, as shares of the image side; undefined when no face was found */
  eyes?: readonly [Point, Point];
  /** the texture model's calibrated p(AI-generated) */
  textureP?: number;
}

export interface FusionResult {
  face: boolean;
  pGenerated?: number;
  level: Level;
  geometryDistance?: number;
  layout?: CanonicalLayout;
  reason: string;
}

/** Eyes sorted left to right in the image (detectors disagree on which is "left"; flips swap them too). */
export function orderEyes(eyes: readonly [Point, Point]): [Point, Point] {
  return eyes[0][0] <= eyes[1][0] ? [eyes[0], eyes[1]] : [eyes[1], eyes[0]];
}

/** Larger of the two eyes' distances to a layout's eyes, as a share of the image side. */
export function layoutDistance(eyes: readonly [Point, Point], layout: CanonicalLayout): number {
  const [a, b] = orderEyes(eyes);
  const d = (p: Point, q: Point) => Math.hypot(p[0] - q[0], p[1] - q[1]);
  return Math.max(d(a, layout.eyes[0]), d(b, layout.eyes[1]));
}

/** The nearest canonical layout and its distance. */
export function nearestLayout(eyes: readonly [Point, Point], layouts: readonly CanonicalLayout[]): { layout: CanonicalLayout; distance: number } | undefined {
  let best: { layout: CanonicalLayout; distance: number } | undefined;
  for (const layout of layouts) {
    const distance = layoutDistance(eyes, layout);
    if (!best || distance < best.distance) best = { layout, distance };
  }
  return best;
}

export function geometryFeature(distance: number, params: Pick<FusionParams, 'geometryFloor'>): number {
  return Math.log(Math.max(distance, params.geometryFloor));
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
  const nearest = nearestLayout(input.eyes, params.layouts);
  const hasTexture = input.textureP !== undefined && Number.isFinite(input.textureP);
  if (!nearest || !hasTexture) {
    return { face: true, level: 'unsure', geometryDistance: nearest?.distance, layout: nearest?.layout, reason: 'face found, but the texture model gave no answer: not judged' };
  }
  const w = params.weights;
  const z = w.intercept + w.geometry * geometryFeature(nearest.distance, params) + w.texture * textureFeature(input.textureP!, params);
  const pGenerated = sigmoid(z);
  const level = avatarLevelAt(pGenerated, thresholds);
  const parts: string[] = [];
  if (nearest.distance <= params.reasonGeometryMax) {
    parts.push(`both eyes sit where ${nearest.layout.label} places them, within ${percent(nearest.distance)} of the image width`);
  } else {
    parts.push(`the eyes are ${percent(nearest.distance)} of the image width away from where ${nearest.layout.label} places them`);
  }
  parts.push(`texture model p = ${input.textureP!.toFixed(2)}`);
  return { face: true, pGenerated, level, geometryDistance: nearest.distance, layout: nearest.layout, reason: `${parts.join('; ')} → fused p = ${pGenerated.toFixed(2)}` };
}
