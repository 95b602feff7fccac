/**
 * Runs the avatar model where onnxruntime-web can run: the offscreen document in Chrome, the background
 * page in Firefox. Model loading only; image preparation and scoring live in src/avatar.
 */
import * as ort from 'onnxruntime-web/wasm';
import browser from 'webextension-polyfill';
import type { FaceFinder } from '../avatar/evidence.ts';
import { createAlignedTextureSession, withAlignedTexture } from '../avatar/face-align.ts';
import { createFaceDetector, shippedFaceDetectorOptions } from '../avatar/face-detector.ts';
import { createAvatarSession, type AvatarSession } from '../avatar/model.ts';
import type { AvatarModelParams } from '../avatar/postprocess.ts';

export const MODEL_PATH = 'models/avatar-detector.onnx';
export const MODEL_PARAMS_PATH = 'models/avatar-detector.json';

export interface ModelStatus {
  ok: boolean;
  error?: string;
  version?: string;
  createMs?: number;
  runMs?: number;
  inputSize?: number;
  outputs?: number[];
}

let configured = false;
let loading: Promise<{ session: AvatarSession; faces?: FaceFinder; createMs: number }> | null = null;

function configureOrt() {
  if (configured) return;
  configured = true;
  // The service worker has no Worker, so no threads and no proxy; one thread is fast enough for avatars.
  ort.env.wasm.wasmPaths = { wasm: browser.runtime.getURL('ort/ort-wasm-simd-threaded.wasm') };
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.proxy = false;
}

async function fetchOk(path: string): Promise<Response> {
  const response = await fetch(browser.runtime.getURL(path)).catch(() => undefined);
  if (!response?.ok) throw new Error(`${path} is missing from this build`);
  return response;
}

/** Creates the session once per document life; a failure is retried on the next request. */
export function loadModel() {
  loading ??= (async () => {
    configureOrt();
    const started = performance.now();
    const params = (await (await fetchOk(MODEL_PARAMS_PATH)).json()) as AvatarModelParams;
    const bytes = new Uint8Array(await (await fetchOk(MODEL_PATH)).arrayBuffer());
    const session = await createAvatarSession(ort, bytes, params);
    // v3 model files name the face detector whose eye positions the fusion needs
    const detector = params.faceDetector && !params.geometryHead
      ? await createFaceDetector(ort, new Uint8Array(await (await fetchOk(`models/${params.faceDetector.file}`)).arrayBuffer()), shippedFaceDetectorOptions(params))
      : undefined;
    // v4 model files: the aligned-face texture model runs on every face found
    const faces: FaceFinder | undefined =
      detector && params.alignedTexture
        ? withAlignedTexture(
            detector,
            await createAlignedTextureSession(ort, new Uint8Array(await (await fetchOk(`models/${params.alignedTexture.file}`)).arrayBuffer()), { ...params, alignedTexture: params.alignedTexture }),
            params.alignedTexture,
          )
        : detector;
    return { session, faces, createMs: performance.now() - started };
  })();
  loading.catch(() => {
    loading = null;
  });
  return loading;
}

/** Creates the session and runs one inference on a blank image: proves the runtime works here. */
export async function selfTest(): Promise<ModelStatus> {
  try {
    const { session, createMs } = await loadModel();
    const size = session.params.inputSize;
    const started = performance.now();
    const [logits] = await session.run([new Float32Array(3 * size * size)]);
    return {
      ok: true,
      version: (session.params as { version?: string }).version,
      createMs,
      runMs: performance.now() - started,
      inputSize: size,
      outputs: Array.from(logits),
    };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
