/**
 * Face detector on onnxruntime-web: BlazeFace front (models/face-detector/blazeface-front.onnx) on the whole
 * image and its left-right mirror in one batch, the two averaged (BlazeFace's eye keypoints are not mirror-
 * symmetric; averaging cut the eye-position spread on StyleGAN2 from 0.83 % to 0.70 % of the width). A second
 * pass on a crop around the face is available but measured no better (models/face-detector/README.md).
 * The caller passes the `ort` module (as for the texture model). No browser APIs here.
 */
import type { Ort } from './model.ts';
import { decodeFaces, toImageDetection, unmirror, type DecodeOptions, type FaceDetection, type UnitDetection } from './face-decode.ts';
import { FACE_INPUT_SIZE, toFaceInput, toFaceInputPair, wholeImageRegion, type SquareRegion } from './face-preprocess.ts';
import type { RgbaImage } from './preprocess.ts';

export interface FaceDetectorOptions extends DecodeOptions {
  /** second pass on a crop around the first face (default false: measured no finer than flip averaging) */
  refine?: boolean;
  /** crop side as a multiple of the first pass's face box side (default 2) */
  refineScale?: number;
  /** also run the left-right mirrored input and average the two (default true); doubles the model cost */
  flip?: boolean;
}

export interface FaceDetector {
  /** The most confident face with its keypoints, or null when none scores above minScore. */
  detect(image: RgbaImage): Promise<FaceDetection | null>;
  release(): Promise<void>;
}

export interface FaceModelOutput {
  logits: Float32Array;
  regressors: Float32Array;
}

/** Loads the model from bytes (Uint8Array/ArrayBuffer) or a URL string. */
export async function createFaceDetector(
  ort: Ort,
  model: Uint8Array | ArrayBuffer | string,
  options: FaceDetectorOptions = {},
): Promise<FaceDetector> {
  const source = model instanceof ArrayBuffer ? new Uint8Array(model) : model;
  const session =
    typeof source === 'string'
      ? await ort.InferenceSession.create(source, { executionProviders: ['wasm'] })
      : await ort.InferenceSession.create(source, { executionProviders: ['wasm'] });
  const plane = 3 * FACE_INPUT_SIZE * FACE_INPUT_SIZE;
  // ORT sessions must not run concurrently: chain runs
  let queue: Promise<unknown> = Promise.resolve();

  async function runBatch(inputs: Float32Array[]): Promise<FaceModelOutput[]> {
    const data = new Float32Array(inputs.length * plane);
    inputs.forEach((input, i) => data.set(input, i * plane));
    const tensor = new ort.Tensor('float32', data, [inputs.length, 3, FACE_INPUT_SIZE, FACE_INPUT_SIZE]);
    const result = await session.run({ input: tensor });
    const logits = result.logits.data as Float32Array;
    const regressors = result.regressors.data as Float32Array;
    const nl = logits.length / inputs.length;
    const nr = regressors.length / inputs.length;
    return inputs.map((_, i) => ({ logits: logits.slice(i * nl, (i + 1) * nl), regressors: regressors.slice(i * nr, (i + 1) * nr) }));
  }
  function run(inputs: Float32Array[]): Promise<FaceModelOutput[]> {
    const next = queue.then(() => runBatch(inputs));
    queue = next.catch(() => undefined);
    return next;
  }

  const flip = options.flip ?? true;
  const refine = options.refine ?? false;
  const refineScale = options.refineScale ?? 2;

  /** Best face on one region (with the mirrored run averaged in when flip is on), in the region's unit square. */
  async function detectOnRegion(image: RgbaImage, region: SquareRegion, useFlip: boolean): Promise<UnitDetection | null> {
    const inputs = useFlip ? toFaceInputPair(image, region) : [toFaceInput(image, region)];
    const outputs = await run(inputs);
    const best = decodeFaces(outputs[0].logits, outputs[0].regressors, options)[0];
    if (!best || !useFlip) return best ?? null;
    const mirrored = decodeFaces(outputs[1].logits, outputs[1].regressors, options).map(unmirror);
    const partner = mirrored.find((m) => Math.abs(m.cx - best.cx) < best.w / 2 && Math.abs(m.cy - best.cy) < best.h / 2);
    return partner ? averageDetections(best, partner) : best;
  }

  return {
    async detect(image) {
      const whole = wholeImageRegion(image);
      const first = await detectOnRegion(image, whole, flip && !refine);
      if (!first) return null;
      if (!refine) return toImageDetection(first, whole, image);
      const crop = cropAround(first, whole, refineScale);
      const second = await detectOnRegion(image, crop, flip);
      // the crop must still show the same face; otherwise keep the first pass
      if (!second) return toImageDetection(first, whole, image);
      return { ...toImageDetection(second, crop, image), score: Math.max(first.score, second.score) };
    },
    async release() {
      await session.release();
    },
  };
}

/** Square crop (integer pixels) centred on a unit-square detection of `region`, side = scale × the box's larger side. */
export function cropAround(d: UnitDetection, region: SquareRegion, scale: number): SquareRegion {
  const side = Math.max(8, Math.round(Math.max(d.w, d.h) * region.side * scale));
  const cx = region.x0 + d.cx * region.side;
  const cy = region.y0 + d.cy * region.side;
  return { x0: Math.round(cx - side / 2), y0: Math.round(cy - side / 2), side };
}

function averageDetections(a: UnitDetection, b: UnitDetection): UnitDetection {
  const mean = (x: number, y: number): number => (x + y) / 2;
  return {
    score: Math.max(a.score, b.score),
    cx: mean(a.cx, b.cx),
    cy: mean(a.cy, b.cy),
    w: mean(a.w, b.w),
    h: mean(a.h, b.h),
    keypoints: a.keypoints.map((v, i) => mean(v, b.keypoints[i])),
  };
}
