/**
 * Image → face-detector tensor, the exact twin of `square_region_input` in models/face-detector/face_detector.py.
 * A square region of the image (which may reach outside it: the outside is the pad colour) is alpha composited
 * on white, resized with the same antialiased triangle filter as the texture model (float64, rows first, then
 * columns), and normalised as MediaPipe's BlazeFace expects: v / 127.5 - 1, CHW float32.
 * Pure code: no browser or Node APIs.
 */
import { resizeRegionInto, resizeRegionScratch, type RgbaImage, type SquareRegion } from './preprocess.ts';

export type { SquareRegion };

export const FACE_INPUT_SIZE = 128;
/** colour outside the image (letterbox and crops past the border), as MediaPipe pads: black */
export const FACE_PAD_RGB: readonly number[] = [0, 0, 0];

/** The smallest centred square holding the whole image (letterbox for non-square images). */
export function wholeImageRegion(image: { width: number; height: number }): SquareRegion {
  const side = Math.max(image.width, image.height);
  return { x0: Math.floor((image.width - side) / 2), y0: Math.floor((image.height - side) / 2), side };
}

/**
 * The region resized to outSize × outSize, float64 HWC in 0..255.
 */
export function resizeRegion(
  image: RgbaImage,
  region: SquareRegion,
  outSize: number,
  options: { pad?: readonly number[]; background?: readonly number[] } = {},
): Float64Array {
  const out = new Float64Array(outSize * outSize * 3);
  resizeRegionInto(image, region, outSize, { pad: options.pad ?? FACE_PAD_RGB, background: options.background }, out);
  return out;
}

/** Region of the image → BlazeFace input: 3 × 128 × 128 CHW float32 in -1..1. */
export function toFaceInput(image: RgbaImage, region: SquareRegion = wholeImageRegion(image), mirror = false): Float32Array {
  const input = hwcToFaceInput(resizeRegionScratch(image, region, FACE_INPUT_SIZE, { pad: FACE_PAD_RGB }));
  return mirror ? mirroredFaceInput(input) : input;
}

/** The input and its left-right mirror from one resize (the detector's default runs both). */
export function toFaceInputPair(image: RgbaImage, region: SquareRegion = wholeImageRegion(image)): [Float32Array, Float32Array] {
  const input = toFaceInput(image, region);
  return [input, mirroredFaceInput(input)];
}

/** A face input mirrored left-right: every row of every channel reversed. */
export function mirroredFaceInput(input: Float32Array): Float32Array {
  const size = FACE_INPUT_SIZE;
  const mirrored = new Float32Array(input.length);
  for (let row = 0; row < input.length; row += size) {
    for (let x = 0; x < size; x++) mirrored[row + x] = input[row + size - 1 - x];
  }
  return mirrored;
}

function hwcToFaceInput(hwc: Float64Array): Float32Array {
  const plane = FACE_INPUT_SIZE * FACE_INPUT_SIZE;
  const chw = new Float32Array(3 * plane);
  for (let p = 0; p < plane; p++) {
    chw[p] = hwc[p * 3] / 127.5 - 1;
    chw[plane + p] = hwc[p * 3 + 1] / 127.5 - 1;
    chw[2 * plane + p] = hwc[p * 3 + 2] / 127.5 - 1;
  }
  return chw;
}
