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

/**
 * Centre square of the image, alpha composited on `background`, resized to outSize × outSize.
 * Returns float64 HWC (3 channels) in 0..255.
 */
export function resizeToSquare(image: RgbaImage, outSize: number, background: readonly number[] = [255, 255, 255]): Float64Array {
  const { width, height, data } = image;
  if (!(width > 0 && height > 0)) throw new Error(`image has no pixels (${width}×${height})`);
  if (data.length < width * height * 4) throw new Error('RGBA buffer is shorter than width × height × 4');
  const side = Math.min(width, height);
  const x0 = Math.floor((width - side) / 2);
  const y0 = Math.floor((height - side) / 2);

  // rows first: tmp[outY][x][c] over the square's columns
  const rgb = compositedRgb(image, background);
  const ry = resizeTaps(side, outSize);
  const tmp = new Float64Array(outSize * side * 3);
  for (let oy = 0; oy < outSize; oy++) {
    for (let k = 0; k < ry.taps; k++) {
      const w = ry.weight[oy * ry.taps + k];
      const sy = y0 + ry.index[oy * ry.taps + k];
      const rowStart = (sy * width + x0) * 3;
      const tmpStart = oy * side * 3;
      for (let i = 0; i < side * 3; i++) tmp[tmpStart + i] += w * rgb[rowStart + i];
    }
  }
  // then columns
  const rx = resizeTaps(side, outSize);
  const out = new Float64Array(outSize * outSize * 3);
  for (let oy = 0; oy < outSize; oy++) {
    for (let k = 0; k < rx.taps; k++) {
      for (let ox = 0; ox < outSize; ox++) {
        const w = rx.weight[ox * rx.taps + k];
        const t = (oy * side + rx.index[ox * rx.taps + k]) * 3;
        const o = (oy * outSize + ox) * 3;
        out[o] += w * tmp[t];
        out[o + 1] += w * tmp[t + 1];
        out[o + 2] += w * tmp[t + 2];
      }
    }
  }
  return out;
}

const compositedCache = new WeakMap<RgbaImage['data'], { key: string; rgb: Float64Array }>();

/**
 * The whole image alpha composited on `background`, float64 RGB (3 per pixel, row-major), computed once per decoded
 * image and shared by its resizes (texture input, face-detector input, dHash, flatness): each used to composite
 * every pixel again. Decoded images are never modified afterwards, so the pixel buffer identifies the image.
 */
export function compositedRgb(image: RgbaImage, background: readonly number[] = [255, 255, 255]): Float64Array {
  const { width, height, data } = image;
  const key = `${width}x${height}@${background.join(',')}`;
  const hit = compositedCache.get(data);
  if (hit && hit.key === key) return hit.rgb;
  const pixels = width * height;
  const rgb = new Float64Array(pixels * 3);
  const [r, g, b] = background;
  for (let p = 0; p < pixels; p++) {
    const a = data[p * 4 + 3] / 255;
    rgb[p * 3] = data[p * 4] * a + r * (1 - a);
    rgb[p * 3 + 1] = data[p * 4 + 1] * a + g * (1 - a);
    rgb[p * 3 + 2] = data[p * 4 + 2] * a + b * (1 - a);
  }
  compositedCache.set(data, { key, rgb });
  return rgb;
}

/** RGBA image → Float32Array of 3 × inputSize × inputSize (CHW), exactly the training preprocessing. */
export function toModelInput(image: RgbaImage, params: PreprocessParams): Float32Array {
  const size = params.inputSize;
  const hwc = resizeToSquare(image, size, params.resize?.alphaBackground ?? [255, 255, 255]);
  const { mean, std } = params.normalization;
  const plane = size * size;
  const chw = new Float32Array(3 * plane);
  for (let p = 0; p < plane; p++) {
    for (let c = 0; c < 3; c++) chw[c * plane + p] = (hwc[p * 3 + c] / 255 - mean[c]) / std[c];
  }
  return chw;
}
