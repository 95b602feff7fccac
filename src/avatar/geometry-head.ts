/**
 * v4 model files: one network gives both cues. Its output row is the texture logits followed by a face logit and
 * both eye centres, the latter in fractions of the texture input's frame (the image's centre square; for square
 * avatars that is the whole picture). This turns them into the face the fusion reads, in fractions of the image.
 * Trained to reproduce BlazeFace with the mirror run averaged in (models/training/train_student.py). Pure code.
 */
import type { DetectedFace } from './evidence.ts';
import { centreSquare } from './preprocess.ts';

export interface GeometryHeadParams {
  /** index in the output row of the face logit, and of the viewer's-left / viewer's-right eye (x, then y) */
  outputs: { faceLogit: number; leftEye: number; rightEye: number };
  /** a face counts as found when sigmoid(face logit) reaches this (the teacher's minimum detection score) */
  minScore: number;
  /**
   * Run the left-right mirrored input too, and average the two eye estimates, when the first run puts both eyes
   * within this share of the image width of a fusion layout (as the v3 detector's flipNearWithin): only there does
   * the finer position change the evidence. Texture logits and the face logit stay the first run's.
   */
  mirrorNearWithin?: number;
}

/** Values in one output row: the classes, then the geometry head's. */
export function outputWidth(params: { classes: readonly string[]; geometryHead?: GeometryHeadParams }): number {
  if (!params.geometryHead) return params.classes.length;
  const { faceLogit, leftEye, rightEye } = params.geometryHead.outputs;
  return Math.max(params.classes.length, faceLogit + 1, leftEye + 2, rightEye + 2);
}

/** The face in one output row, positions in fractions of the image; null when the head finds none. */
export function faceFromOutputs(row: ArrayLike<number>, image: { width: number; height: number }, head: GeometryHeadParams): DetectedFace | null {
  const { faceLogit, leftEye, rightEye } = head.outputs;
  const logit = row[faceLogit];
  const values = [logit, row[leftEye], row[leftEye + 1], row[rightEye], row[rightEye + 1]];
  if (values.some((v) => v === undefined || !Number.isFinite(v))) return null;
  const score = 1 / (1 + Math.exp(-logit));
  if (!(score >= head.minScore)) return null;
  const frame = centreSquare(image);
  const toImage = (u: number, v: number) => ({ x: (frame.x0 + u * frame.side) / image.width, y: (frame.y0 + v * frame.side) / image.height });
  return { score, leftEye: toImage(row[leftEye], row[leftEye + 1]), rightEye: toImage(row[rightEye], row[rightEye + 1]) };
}

/** The texture input (CHW, square) mirrored left-right: what the network sees for the mirrored picture. */
export function mirroredInput(input: Float32Array): Float32Array {
  const side = Math.round(Math.sqrt(input.length / 3));
  if (3 * side * side !== input.length) throw new Error(`mirroredInput: ${input.length} values are not 3 square channels`);
  const out = new Float32Array(input.length);
  for (let row = 0; row < 3 * side; row++) {
    const at = row * side;
    for (let x = 0; x < side; x++) out[at + x] = input[at + side - 1 - x];
  }
  return out;
}

/**
 * The first run's output row with its eyes averaged with the mirrored run's (both in the input frame): the mirrored
 * picture's right eye is the original's left eye, at 1 − x.
 */
export function withMirroredEyes(row: ArrayLike<number>, mirrored: ArrayLike<number>, head: GeometryHeadParams): Float32Array {
  const { leftEye: l, rightEye: r } = head.outputs;
  const out = Float32Array.from(row as ArrayLike<number>);
  out[l] = (row[l] + 1 - mirrored[r]) / 2;
  out[l + 1] = (row[l + 1] + mirrored[r + 1]) / 2;
  out[r] = (row[r] + 1 - mirrored[l]) / 2;
  out[r + 1] = (row[r + 1] + mirrored[l + 1]) / 2;
  return out;
}
