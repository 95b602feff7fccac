/**
 * Image → face-detector tensor, the exact twin of `square_region_input` in models/face-detector/face_detector.py.
 * A square region of the image (which may reach outside it: the outside is the pad colour) is alpha composited
 * on white, resized with the same antialiased triangle filter as the texture model (float64, rows first, then
 * columns), and normalised as MediaPipe's BlazeFace expects: v / 127.5 - 1, CHW float32.
 * Pure code: no browser or Node APIs.
 */
import { compositedRgb, resizeTaps, type RgbaImage } from './preprocess.ts';

/** A square in image pixels: top-left corner and side; may extend beyond the image. */
export interface SquareRegion {
  x0: number;
  y0: number;
  side: number;
}

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
  const { width, height, data } = image;
  if (!(width > 0 && height > 0)) throw new Error(`image has no pixels (${width}×${height})`);
  if (data.length < width * height * 4) throw new Error('RGBA buffer is shorter than width × height × 4');
  const side = Math.round(region.side);
  if (!(side > 0)) throw new Error(`region has no pixels (side ${region.side})`);
  const x0 = Math.round(region.x0);
  const y0 = Math.round(region.y0);
  const pad = options.pad ?? FACE_PAD_RGB;
  const background = options.background ?? [255, 255, 255];

  // rows first: tmp[outY][x][c] over the region's columns
  const rgb = compositedRgb(image, background);
  const taps = resizeTaps(side, outSize);
  const tmp = new Float64Array(outSize * side * 3);
  // the region's columns inside the image: [inFrom, inTo)
  const inFrom = Math.min(side, Math.max(0, -x0));
  const inTo = Math.max(inFrom, Math.min(side, width - x0));
  for (let oy = 0; oy < outSize; oy++) {
    for (let k = 0; k < taps.taps; k++) {
      const w = taps.weight[oy * taps.taps + k];
      if (w === 0) continue;
      const sy = y0 + taps.index[oy * taps.taps + k];
      const rowInside = sy >= 0 && sy < height;
      const tmpRow = oy * side * 3;
      for (let x = 0; x < side; x++) {
        const t = tmpRow + x * 3;
        if (rowInside && x >= inFrom && x < inTo) {
          const o = (sy * width + x0 + x) * 3;
          tmp[t] += w * rgb[o];
          tmp[t + 1] += w * rgb[o + 1];
          tmp[t + 2] += w * rgb[o + 2];
        } else {
          tmp[t] += w * pad[0];
          tmp[t + 1] += w * pad[1];
          tmp[t + 2] += w * pad[2];
        }
      }
    }
  }
  const out = new Float64Array(outSize * outSize * 3);
  for (let oy = 0; oy < outSize; oy++) {
    for (let k = 0; k < taps.taps; k++) {
      for (let ox = 0; ox < outSize; ox++) {
        const w = taps.weight[ox * taps.taps + k];
        const t = (oy * side + taps.index[ox * taps.taps + k]) * 3;
        const o = (oy * outSize + ox) * 3;
        out[o] += w * tmp[t];
        out[o + 1] += w * tmp[t + 1];
        out[o + 2] += w * tmp[t + 2];
      }
    }
  }
  return out;
}

/** Region of the image → BlazeFace input: 3 × 128 × 128 CHW float32 in -1..1. */
export function toFaceInput(image: RgbaImage, region: SquareRegion = wholeImageRegion(image), mirror = false): Float32Array {
  return hwcToFaceInput(resizeRegion(image, region, FACE_INPUT_SIZE), mirror);
}

/** The input and its left-right mirror from one resize (the detector's default runs both). */
export function toFaceInputPair(image: RgbaImage, region: SquareRegion = wholeImageRegion(image)): [Float32Array, Float32Array] {
  const hwc = resizeRegion(image, region, FACE_INPUT_SIZE);
  return [hwcToFaceInput(hwc, false), hwcToFaceInput(hwc, true)];
}

function hwcToFaceInput(hwc: Float64Array, mirror: boolean): Float32Array {
  const size = FACE_INPUT_SIZE;
  const plane = size * size;
  const chw = new Float32Array(3 * plane);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const p = y * size + x;
      const source = (y * size + (mirror ? size - 1 - x : x)) * 3;
      for (let c = 0; c < 3; c++) chw[c * plane + p] = hwc[source + c] / 127.5 - 1;
    }
  }
  return chw;
}
