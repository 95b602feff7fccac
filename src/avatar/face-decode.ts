/**
 * BlazeFace (front, 128 px) output → faces: MediaPipe's SSD anchors, box/keypoint decoding and weighted
 * non-maximum suppression, the twin of decode_* in models/face-detector/face_detector.py.
 * Pure code: no browser or Node APIs.
 */
import type { SquareRegion } from './face-preprocess.ts';

export const ANCHOR_COUNT = 896;
export const REGRESSOR_WIDTH = 16;
export const KEYPOINT_COUNT = 6;

export interface Point {
  x: number;
  y: number;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One detection; coordinates are fractions of the image width (x) and height (y). */
export interface FaceDetection {
  score: number;
  box: Box;
  /** the eye on the viewer's left (the subject's right eye) */
  leftEye: Point;
  /** the eye on the viewer's right (the subject's left eye) */
  rightEye: Point;
  nose: Point;
  mouth: Point;
  leftEar: Point;
  rightEar: Point;
}

/** Raw detection in the unit square of the model input (0..1 of its 128 px). */
export interface UnitDetection {
  score: number;
  /** centre x, centre y, width, height */
  cx: number;
  cy: number;
  w: number;
  h: number;
  /** 6 × (x, y): eye (viewer's left), eye (viewer's right), nose tip, mouth, ear (viewer's left), ear (viewer's right) */
  keypoints: number[];
}

let anchorCache: Float32Array | undefined;

/**
 * Anchor centres (x, y) in the unit square, MediaPipe's SsdAnchorsCalculator for the front model
 * (strides 8, 16, 16, 16; fixed anchor size 1): 16×16 cells × 2 anchors, then 8×8 cells × 6 anchors.
 */
export function blazeFaceAnchors(): Float32Array {
  if (anchorCache) return anchorCache;
  const anchors = new Float32Array(ANCHOR_COUNT * 2);
  let i = 0;
  for (const [grid, perCell] of [[16, 2], [8, 6]] as const) {
    for (let y = 0; y < grid; y++) {
      for (let x = 0; x < grid; x++) {
        for (let a = 0; a < perCell; a++) {
          anchors[i++] = (x + 0.5) / grid;
          anchors[i++] = (y + 0.5) / grid;
        }
      }
    }
  }
  anchorCache = anchors;
  return anchors;
}

export function sigmoid(logit: number): number {
  const clipped = Math.max(-100, Math.min(100, logit));
  return 1 / (1 + Math.exp(-clipped));
}

/** Decodes one anchor (regressors are in pixels of the 128 px input, relative to the anchor centre). */
export function decodeAnchor(logits: ArrayLike<number>, regressors: ArrayLike<number>, index: number, inputSize = 128): UnitDetection {
  const anchors = blazeFaceAnchors();
  const ax = anchors[index * 2];
  const ay = anchors[index * 2 + 1];
  const r = index * REGRESSOR_WIDTH;
  const keypoints: number[] = [];
  for (let k = 0; k < KEYPOINT_COUNT; k++) {
    keypoints.push(regressors[r + 4 + 2 * k] / inputSize + ax, regressors[r + 5 + 2 * k] / inputSize + ay);
  }
  return {
    score: sigmoid(logits[index]),
    cx: regressors[r] / inputSize + ax,
    cy: regressors[r + 1] / inputSize + ay,
    w: regressors[r + 2] / inputSize,
    h: regressors[r + 3] / inputSize,
    keypoints,
  };
}

function iou(a: UnitDetection, b: UnitDetection): number {
  const ix = Math.min(a.cx + a.w / 2, b.cx + b.w / 2) - Math.max(a.cx - a.w / 2, b.cx - b.w / 2);
  const iy = Math.min(a.cy + a.h / 2, b.cy + b.h / 2) - Math.max(a.cy - a.h / 2, b.cy - b.h / 2);
  if (ix <= 0 || iy <= 0) return 0;
  const inter = ix * iy;
  return inter / (a.w * a.h + b.w * b.h - inter);
}

export interface DecodeOptions {
  /** anchors scoring below this are dropped (default 0.5) */
  minScore?: number;
  /** overlap above which detections are merged (default 0.3) */
  iouThreshold?: number;
}

/**
 * All faces of one model output, best first: anchors above minScore, merged by MediaPipe's weighted
 * non-maximum suppression (overlapping detections averaged, weighted by score; the best score kept).
 */
export function decodeFaces(logits: ArrayLike<number>, regressors: ArrayLike<number>, options: DecodeOptions = {}): UnitDetection[] {
  const minScore = options.minScore ?? 0.5;
  const iouThreshold = options.iouThreshold ?? 0.3;
  if (logits.length !== ANCHOR_COUNT || regressors.length !== ANCHOR_COUNT * REGRESSOR_WIDTH) {
    throw new Error(`face detector output has ${logits.length} scores and ${regressors.length} regressors, expected ${ANCHOR_COUNT} and ${ANCHOR_COUNT * REGRESSOR_WIDTH}`);
  }
  let candidates: UnitDetection[] = [];
  for (let i = 0; i < ANCHOR_COUNT; i++) {
    if (sigmoid(logits[i]) >= minScore) candidates.push(decodeAnchor(logits, regressors, i));
  }
  candidates.sort((a, b) => b.score - a.score);
  const faces: UnitDetection[] = [];
  while (candidates.length > 0) {
    const top = candidates[0];
    const group: UnitDetection[] = [];
    const rest: UnitDetection[] = [];
    for (const c of candidates) (iou(top, c) > iouThreshold ? group : rest).push(c);
    if (group.length === 0) group.push(top);
    let total = 0;
    const merged: UnitDetection = { score: top.score, cx: 0, cy: 0, w: 0, h: 0, keypoints: new Array<number>(KEYPOINT_COUNT * 2).fill(0) };
    for (const g of group) {
      total += g.score;
      merged.cx += g.score * g.cx;
      merged.cy += g.score * g.cy;
      merged.w += g.score * g.w;
      merged.h += g.score * g.h;
      for (let k = 0; k < merged.keypoints.length; k++) merged.keypoints[k] += g.score * g.keypoints[k];
    }
    merged.cx /= total;
    merged.cy /= total;
    merged.w /= total;
    merged.h /= total;
    for (let k = 0; k < merged.keypoints.length; k++) merged.keypoints[k] /= total;
    faces.push(merged);
    candidates = group.includes(top) ? rest : rest.filter((c) => c !== top);
  }
  return faces;
}

/** Mirrors a detection made on a left-right flipped input back to the unflipped input (and swaps sides). */
export function unmirror(d: UnitDetection): UnitDetection {
  const k = d.keypoints;
  const flipX = (i: number): number => 1 - k[i];
  const pair = (i: number): [number, number] => [flipX(2 * i), k[2 * i + 1]];
  // the model names landmarks by the subject: after mirroring, its "right eye" is the other eye
  const order = [1, 0, 2, 3, 5, 4];
  return { ...d, cx: 1 - d.cx, keypoints: order.flatMap((i) => pair(i)) };
}

/** Unit-square detection on `region` → image-relative detection (fractions of image width and height). */
export function toImageDetection(d: UnitDetection, region: SquareRegion, image: { width: number; height: number }): FaceDetection {
  const px = (u: number): number => (region.x0 + u * region.side) / image.width;
  const py = (v: number): number => (region.y0 + v * region.side) / image.height;
  const point = (i: number): Point => ({ x: px(d.keypoints[2 * i]), y: py(d.keypoints[2 * i + 1]) });
  return {
    score: d.score,
    box: {
      x: px(d.cx - d.w / 2),
      y: py(d.cy - d.h / 2),
      width: (d.w * region.side) / image.width,
      height: (d.h * region.side) / image.height,
    },
    leftEye: point(0),
    rightEye: point(1),
    nose: point(2),
    mouth: point(3),
    leftEar: point(4),
    rightEar: point(5),
  };
}
