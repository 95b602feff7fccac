/**
 * Image → model tensor, the exact twin of `to_model_input` in models/training/common.py:
 * alpha composited on white, centre crop to a square, separable antialiased triangle-filter resize
 * in float64 (rows first, then columns), then (v / 255 - mean) / std, CHW float32.
 * Pure code: no browser or Node APIs.
 */

export interface RgbaImage {
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel, row-major */
  data: Uint8ClampedArray | Uint8Array;
}

export interface PreprocessParams {
  inputSize: number;
  normalization: { mean: number[]; std: number[] };
  resize?: { alphaBackground?: number[] };
}

export interface ResizeTaps {
  /** taps per output pixel */
  taps: number;
  /** input index of tap k of output i at i * taps + k (zero-weight padding uses index 0) */
  index: Int32Array;
  weight: Float64Array;
}

const tapsCache = new Map<string, ResizeTaps>();

/** Weights of the antialiased triangle filter, identical to resize_weights / resize_taps in Python. */
export function resizeTaps(inSize: number, outSize: number): ResizeTaps {
  const cacheKey = `${inSize}>${outSize}`;
  const cached = tapsCache.get(cacheKey);
  if (cached) return cached;
  const scale = inSize / outSize;
  const support = Math.max(scale, 1);
  const rows: { index: number[]; weight: number[] }[] = [];
  let taps = 1;
  for (let i = 0; i < outSize; i++) {
    const center = (i + 0.5) * scale;
    const lo = Math.max(0, Math.floor(center - support));
    const hi = Math.min(inSize, Math.ceil(center + support));
    const index: number[] = [];
    const weight: number[] = [];
    let total = 0;
    for (let j = lo; j < hi; j++) {
      const v = 1 - Math.abs((j + 0.5 - center) / support);
      if (v > 0) {
        index.push(j);
        weight.push(v);
        total += v;
      }
    }
    if (total > 0) for (let k = 0; k < weight.length; k++) weight[k] /= total;
    rows.push({ index, weight });
    taps = Math.max(taps, index.length);
  }
  const result: ResizeTaps = { taps, index: new Int32Array(outSize * taps), weight: new Float64Array(outSize * taps) };
  rows.forEach((row, i) => {
    row.index.forEach((j, k) => {
      result.index[i * taps + k] = j;
      result.weight[i * taps + k] = row.weight[k];
    });
  });
  if (tapsCache.size > 512) tapsCache.clear();
  tapsCache.set(cacheKey, result);
  return result;
}

/** A square in image pixels: top-left corner and side; may extend beyond the image (the outside is the pad colour). */
export interface SquareRegion {
  x0: number;
  y0: number;
  side: number;
}

/** The centre square of the image (the texture model's and the hashes' framing). */
export function centreSquare(image: { width: number; height: number }): SquareRegion {
  const side = Math.min(image.width, image.height);
  return { x0: Math.floor((image.width - side) / 2), y0: Math.floor((image.height - side) / 2), side };
}

/**
 * Centre square of the image, alpha composited on `background`, resized to outSize × outSize.
 * Returns float64 HWC (3 channels) in 0..255.
 */
export function resizeToSquare(image: RgbaImage, outSize: number, background: readonly number[] = [255, 255, 255]): Float64Array {
  const out = new Float64Array(outSize * outSize * 3);
  resizeRegionInto(image, centreSquare(image), outSize, { background }, out);
  return out;
}

export interface ResizeOptions {
  /** colour outside the image, default black */
  pad?: readonly number[];
  /** colour transparent pixels are composited on, default white */
  background?: readonly number[];
}

const NO_PAD: readonly number[] = [0, 0, 0];
const WHITE: readonly number[] = [255, 255, 255];
/** the row pass's intermediate (outSize × region side × 3), reused by every resize: it was most of the garbage */
let rowScratch = new Float64Array(0);

/**
 * The resize every model input and hash uses: `region` of the image (the outside is `pad`), alpha composited on
 * `background`, separable antialiased triangle filter in float64, rows first, then columns; writes float64 HWC in
 * 0..255 into `out` (outSize × outSize × 3). Each output value is summed in the same order as in the Python twins
 * (common.py to_model_input, face_detector.py square_region_input), so results are identical to the last bit.
 * Opaque images are read straight from their RGBA bytes (compositing leaves an opaque pixel unchanged, bit for bit).
 */
export function resizeRegionInto(image: RgbaImage, region: SquareRegion, outSize: number, options: ResizeOptions, out: Float64Array): void {
  const { width, height, data } = image;
  if (!(width > 0 && height > 0)) throw new Error(`image has no pixels (${width}×${height})`);
  if (data.length < width * height * 4) throw new Error('RGBA buffer is shorter than width × height × 4');
  const side = Math.round(region.side);
  if (!(side > 0)) throw new Error(`region has no pixels (side ${region.side})`);
  if (out.length < outSize * outSize * 3) throw new Error(`output holds ${out.length} values, needs ${outSize * outSize * 3}`);
  const x0 = Math.round(region.x0);
  const y0 = Math.round(region.y0);
  const pad = options.pad ?? NO_PAD;
  const source = pixelSource(image, options.background ?? WHITE);
  const values = source.values;
  const stride = source.stride;

  // rows first: tmp[outY][x][c] over the region's columns
  const taps = resizeTaps(side, outSize);
  const tapCount = taps.taps;
  const tapIndex = taps.index;
  const tapWeight = taps.weight;
  const tmpLength = outSize * side * 3;
  if (rowScratch.length < tmpLength) rowScratch = new Float64Array(tmpLength);
  const tmp = rowScratch;
  tmp.fill(0, 0, tmpLength);
  // the region's columns inside the image: [inFrom, inTo)
  const inFrom = Math.min(side, Math.max(0, -x0));
  const inTo = Math.max(inFrom, Math.min(side, width - x0));
  const [pr, pg, pb] = pad;
  for (let oy = 0; oy < outSize; oy++) {
    const tmpRow = oy * side * 3;
    for (let k = 0; k < tapCount; k++) {
      const w = tapWeight[oy * tapCount + k];
      if (w === 0) continue;
      const sy = y0 + tapIndex[oy * tapCount + k];
      const rowInside = sy >= 0 && sy < height;
      const from = rowInside ? inFrom : side;
      const to = rowInside ? inTo : side;
      const wr = w * pr;
      const wg = w * pg;
      const wb = w * pb;
      let t = tmpRow;
      for (let x = 0; x < from; x++, t += 3) {
        tmp[t] += wr;
        tmp[t + 1] += wg;
        tmp[t + 2] += wb;
      }
      let o = (sy * width + x0 + from) * stride;
      for (let x = from; x < to; x++, t += 3, o += stride) {
        tmp[t] += w * values[o];
        tmp[t + 1] += w * values[o + 1];
        tmp[t + 2] += w * values[o + 2];
      }
      for (let x = to; x < side; x++, t += 3) {
        tmp[t] += wr;
        tmp[t + 1] += wg;
        tmp[t + 2] += wb;
      }
    }
  }
  // then columns, each output value summed over its taps in order
  for (let oy = 0; oy < outSize; oy++) {
    const tmpRow = oy * side;
    for (let ox = 0; ox < outSize; ox++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let k = 0; k < tapCount; k++) {
        const w = tapWeight[ox * tapCount + k];
        const t = (tmpRow + tapIndex[ox * tapCount + k]) * 3;
        r += w * tmp[t];
        g += w * tmp[t + 1];
        b += w * tmp[t + 2];
      }
      const o = (oy * outSize + ox) * 3;
      out[o] = r;
      out[o + 1] = g;
      out[o + 2] = b;
    }
  }
}

const sourceCache = new WeakMap<RgbaImage['data'], { key: string; values: Uint8Array | Float64Array; stride: 3 | 4 }>();

/**
 * What the resizes read: the RGBA bytes themselves when every pixel is opaque (most avatars: JPEG), else the image
 * composited on `background` (float64 RGB). Computed once per decoded image and shared by all its resizes (texture
 * input, face-detector input, dHash, flatness). Decoded images are never modified afterwards, so the pixel buffer
 * identifies the image.
 */
function pixelSource(image: RgbaImage, background: readonly number[]): { values: Uint8Array | Float64Array; stride: 3 | 4 } {
  const { width, height, data } = image;
  const key = `${width}x${height}@${background.join(',')}`;
  const hit = sourceCache.get(data);
  if (hit && hit.key === key) return hit;
  const pixels = width * height;
  let opaque = true;
  for (let p = 3; p < pixels * 4; p += 4) {
    if (data[p] !== 255) {
      opaque = false;
      break;
    }
  }
  const source = opaque
    ? { key, values: new Uint8Array(data.buffer, data.byteOffset, pixels * 4), stride: 4 as const }
    : { key, values: compositedRgb(image, background), stride: 3 as const };
  sourceCache.set(data, source);
  return source;
}

/** The whole image alpha composited on `background`, float64 RGB (3 per pixel, row-major). */
export function compositedRgb(image: RgbaImage, background: readonly number[] = WHITE): Float64Array {
  const { width, height, data } = image;
  const pixels = width * height;
  const rgb = new Float64Array(pixels * 3);
  const [r, g, b] = background;
  for (let p = 0; p < pixels; p++) {
    const a = data[p * 4 + 3] / 255;
    rgb[p * 3] = data[p * 4] * a + r * (1 - a);
    rgb[p * 3 + 1] = data[p * 4 + 1] * a + g * (1 - a);
    rgb[p * 3 + 2] = data[p * 4 + 2] * a + b * (1 - a);
  }
  return rgb;
}

/** reused output of the resizes that feed a model (the tensor is built from it at once) */
let hwcScratch = new Float64Array(0);

/** `resizeRegionInto` into a buffer reused by the next call: read it before resizing again. */
export function resizeRegionScratch(image: RgbaImage, region: SquareRegion, outSize: number, options: ResizeOptions = {}): Float64Array {
  const length = outSize * outSize * 3;
  if (hwcScratch.length !== length) hwcScratch = new Float64Array(length);
  resizeRegionInto(image, region, outSize, options, hwcScratch);
  return hwcScratch;
}

/** RGBA image → Float32Array of 3 × inputSize × inputSize (CHW), exactly the training preprocessing. */
export function toModelInput(image: RgbaImage, params: PreprocessParams): Float32Array {
  const size = params.inputSize;
  const hwc = resizeRegionScratch(image, centreSquare(image), size, { background: params.resize?.alphaBackground ?? WHITE });
  const { mean, std } = params.normalization;
  const plane = size * size;
  const chw = new Float32Array(3 * plane);
  for (let p = 0; p < plane; p++) {
    for (let c = 0; c < 3; c++) chw[c * plane + p] = (hwc[p * 3 + c] / 255 - mean[c]) / std[c];
  }
  return chw;
}
