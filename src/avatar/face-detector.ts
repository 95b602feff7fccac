/**
 * Face detector on onnxruntime-web: BlazeFace front (models/face-detector/blazeface-front.onnx) on the whole
 * image and its left-right mirror in one batch, the two averaged (BlazeFace's eye keypoints are not mirror-
 * symmetric; averaging cut the eye-position spread on StyleGAN2 from 0.83 % to 0.70 % of the width). A second
 * pass on a crop around the face is available but measured no better (models/face-detector/README.md).
 * The caller passes the `ort` module (as for the texture model). No browser APIs here.
 */
import { nearestLayout, type NamedLayout } from './fusion.ts';
import type { Ort } from './model.ts';
import type { AvatarModelParams } from './postprocess.ts';
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
  /**
   * With flip off: run the mirror only when the first run's eyes lie within `within` (fraction of the image width)
   * of one of `layouts`. Only there does the finer, mirror-averaged eye position change the evidence; faces framed
   * freely (most avatars) cost one run.
   */
  flipNear?: { layouts: readonly NamedLayout[]; within: number };
}

/** The detector options the model files name (`faceDetector.options`, the near-layout mirror gated on the fusion's layouts). */
export function shippedFaceDetectorOptions(params: Pick<AvatarModelParams, 'faceDetector' | 'fusion'>): FaceDetectorOptions {
  const { flipNearWithin, ...options } = params.faceDetector?.options ?? {};
  if (flipNearWithin === undefined || !params.fusion) return options;
  return { ...options, flipNear: { layouts: params.fusion.layouts, within: flipNearWithin } };
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

  /** The mirrored run's matching face averaged into `best` (both in the region's unit square); `best` if none matches. */
  function withMirror(best: UnitDetection, mirrorOutput: FaceModelOutput): UnitDetection {
    const mirrored = decodeFaces(mirrorOutput.logits, mirrorOutput.regressors, options).map(unmirror);
    const partner = mirrored.find((m) => Math.abs(m.cx - best.cx) < best.w / 2 && Math.abs(m.cy - best.cy) < best.h / 2);
    return partner ? averageDetections(best, partner) : best;
  }

  /** Best face on one region (with the mirrored run averaged in when flip is on), in the region's unit square. */
  async function detectOnRegion(image: RgbaImage, region: SquareRegion, useFlip: boolean): Promise<UnitDetection | null> {
    const inputs = useFlip ? toFaceInputPair(image, region) : [toFaceInput(image, region)];
    const outputs = await run(inputs);
    const best = decodeFaces(outputs[0].logits, outputs[0].regressors, options)[0];
    if (!best || !useFlip) return best ?? null;
    return withMirror(best, outputs[1]);
  }

  /** One run on the whole image; the mirror run only when the eyes land near a layout (options.flipNear). */
  async function detectMirrorNear(image: RgbaImage, near: NonNullable<FaceDetectorOptions['flipNear']>): Promise<FaceDetection | null> {
    const whole = wholeImageRegion(image);
    const [input, mirroredInput] = toFaceInputPair(image, whole);
    const [output] = await run([input]);
    const best = decodeFaces(output.logits, output.regressors, options)[0];
    if (!best) return null;
    const first = toImageDetection(best, whole, image);
    const distance = nearestLayout(first, image, near.layouts)?.distance ?? Number.POSITIVE_INFINITY;
    if (!(distance <= near.within)) return first;
    const [mirrorOutput] = await run([mirroredInput]);
    return toImageDetection(withMirror(best, mirrorOutput), whole, image);
  }

  return {
    async detect(image) {
      if (options.flipNear && !flip && !refine) return detectMirrorNear(image, options.flipNear);
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
