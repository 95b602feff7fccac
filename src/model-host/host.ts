/**
 * Runs the avatar model where onnxruntime-web can run: the offscreen document in Chrome, the background
 * page in Firefox. Model loading only; image preparation and scoring live in src/avatar.
 */
import * as ort from 'onnxruntime-web/wasm';
import browser from 'webextension-polyfill';

export const MODEL_PATH = 'models/avatar-detector.onnx';
export const MODEL_PARAMS_PATH = 'models/avatar-detector.json';

export interface ModelStatus {
  ok: boolean;
  error?: string;
  createMs?: number;
  runMs?: number;
  inputSize?: number;
  outputs?: number[];
}

let configured = false;
let sessionPromise: Promise<{ session: ort.InferenceSession; params: Record<string, unknown>; createMs: number }> | null = null;

function configureOrt() {
  if (configured) return;
  configured = true;
  // The service worker has no Worker, so no threads and no proxy; one thread is fast enough for avatars.
  ort.env.wasm.wasmPaths = { wasm: browser.runtime.getURL('ort/ort-wasm-simd-threaded.wasm') };
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.proxy = false;
}

export function loadModel() {
  sessionPromise ??= (async () => {
    configureOrt();
    const started = performance.now();
    const paramsResponse = await fetch(browser.runtime.getURL(MODEL_PARAMS_PATH));
    if (!paramsResponse.ok) throw new Error(`avatar model parameters missing (${MODEL_PARAMS_PATH})`);
    const params = (await paramsResponse.json()) as Record<string, unknown>;
    const modelResponse = await fetch(browser.runtime.getURL(MODEL_PATH));
    if (!modelResponse.ok) throw new Error(`avatar model missing (${MODEL_PATH})`);
    const bytes = new Uint8Array(await modelResponse.arrayBuffer());
    const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
    return { session, params, createMs: performance.now() - started };
  })();
  sessionPromise.catch(() => {
    sessionPromise = null;
  });
  return sessionPromise;
}

export function inputSizeOf(params: Record<string, unknown>): number {
  const size = Number(params.inputSize ?? params.input_size ?? 128);
  return Number.isFinite(size) && size > 0 ? size : 128;
}

/** Creates the session and runs one inference on a blank image: proves the runtime works here. */
export async function selfTest(): Promise<ModelStatus> {
  try {
    const { session, params, createMs } = await loadModel();
    const size = inputSizeOf(params);
    const input = new ort.Tensor('float32', new Float32Array(3 * size * size), [1, 3, size, size]);
    const started = performance.now();
    const result = await session.run({ [session.inputNames[0]]: input });
    const runMs = performance.now() - started;
    const output = result[session.outputNames[0]];
    return { ok: true, createMs, runMs, inputSize: size, outputs: Array.from(output.data as Float32Array) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
