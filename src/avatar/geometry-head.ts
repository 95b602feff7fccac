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
