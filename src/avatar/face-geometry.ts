/**
 * Face geometry: where the eyes sit in the frame, compared with the canonical FFHQ alignment that every
 * StyleGAN-family face inherits (and FFHQ's own real photos share: a property of that dataset, not of
 * people's profile pictures). Numbers measured by models/face-detector/eval_geometry.py; see
 * models/face-detector/README.md. Pure code: no browser or Node APIs.
 */
import type { FaceDetection, Point } from './face-decode.ts';
import type { SquareRegion } from './face-preprocess.ts';

export interface CanonicalLayout {
  /** eye on the viewer's left, fractions of image width / height */
  leftEye: Point;
  rightEye: Point;
  /** distance between the eye centres, fraction of the image width */
  interOcular: number;
  /** angle of the eye line, degrees (positive: the viewer's right eye is lower) */
  roll: number;
}

/**
 * Medians of the default detector's (whole image + mirror) eye centres over the 845 StyleGAN2 images of the fit
 * half (eval_geometry.py --limit 1500); sd 0.007 of the width per coordinate. Valid for the detector's default
 * settings only: without flip averaging the right eye sits 0.004 further right.
 */
export const FFHQ_ALIGNED_LAYOUT: CanonicalLayout = {
  leftEye: { x: 0.3723, y: 0.4831 },
  rightEye: { x: 0.6262, y: 0.4828 },
  interOcular: 0.2537,
  roll: -0.05,
};

export interface FaceGeometry {
  /** largest distance of either eye centre to its canonical position, fraction of the image width */
  distance: number;
  /** distance of the viewer's-left and viewer's-right eye to their canonical positions */
  leftEyeOffset: number;
  rightEyeOffset: number;
  interOcular: number;
  roll: number;
}

/**
 * Geometry of a detected face relative to the canonical layout. Image-relative coordinates are turned into
 * fractions of the image width on both axes (height fractions × height / width), so non-square images are
 * measured in one unit.
 */
export function faceGeometry(face: FaceDetection, image: { width: number; height: number }, layout: CanonicalLayout = FFHQ_ALIGNED_LAYOUT): FaceGeometry {
  const aspect = image.height / image.width;
  const offset = (p: Point, c: Point): number => Math.hypot(p.x - c.x, (p.y - c.y) * aspect);
  const leftEyeOffset = offset(face.leftEye, layout.leftEye);
  const rightEyeOffset = offset(face.rightEye, layout.rightEye);
  const dx = face.rightEye.x - face.leftEye.x;
  const dy = (face.rightEye.y - face.leftEye.y) * aspect;
  return {
    distance: Math.max(leftEyeOffset, rightEyeOffset),
    leftEyeOffset,
    rightEyeOffset,
    interOcular: Math.hypot(dx, dy),
    roll: (Math.atan2(dy, dx) * 180) / Math.PI,
  };
}

/**
 * The square (in image pixels) in which this face's eyes would sit at the canonical positions, ignoring roll:
 * side = inter-ocular distance / canonical inter-ocular distance, placed so the eye midpoint lands on the
 * canonical midpoint. Cropping it (resizeRegion) gives an FFHQ-style aligned face for the texture model;
 * for StyleGAN faces it is close to the whole image. Twin of aligned_region in face_detector.py.
 */
export function alignedRegion(face: FaceDetection, image: { width: number; height: number }, layout: CanonicalLayout = FFHQ_ALIGNED_LAYOUT): SquareRegion {
  const lx = face.leftEye.x * image.width;
  const ly = face.leftEye.y * image.height;
  const rx = face.rightEye.x * image.width;
  const ry = face.rightEye.y * image.height;
  const canonicalDistance = Math.hypot(layout.rightEye.x - layout.leftEye.x, layout.rightEye.y - layout.leftEye.y);
  const side = Math.max(1, Math.round(Math.hypot(rx - lx, ry - ly) / canonicalDistance));
  const midX = (layout.leftEye.x + layout.rightEye.x) / 2;
  const midY = (layout.leftEye.y + layout.rightEye.y) / 2;
  return { x0: Math.round((lx + rx) / 2 - midX * side), y0: Math.round((ly + ry) / 2 - midY * side), side };
}

/**
 * Geometry distance below which only 1 % of unaligned real photos fall (LFW 1500, UTKFace 1500, CelebA 32;
 * eval_geometry.py --limit 1500). A measured reference point, not a calibrated decision threshold.
 */
export const GEOMETRY_THRESHOLD_AT_1PCT_FPR = 0.0346;
