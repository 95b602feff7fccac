/**
 * onnxruntime-web session for the avatar detector. The caller passes the `ort` module:
 * in Node `import * as ort from 'onnxruntime-web'`, in the extension the bundled `onnxruntime-web/wasm`
 * (with env.wasm.wasmPaths / numThreads set before the first create). No browser APIs here.
 */
import type * as OrtModule from 'onnxruntime-web';
import type { AvatarModelParams } from './postprocess.ts';

export type Ort = Pick<typeof OrtModule, 'InferenceSession' | 'Tensor'>;

export interface AvatarSession {
  readonly params: AvatarModelParams;
  /** logits per input (each input is 3 × size × size CHW float32), run in batches of maxBatch */
  run(inputs: Float32Array[]): Promise<Float32Array[]>;
  release(): Promise<void>;
}

export interface SessionOptions {
  /** largest batch sent to one run (default 16) */
  maxBatch?: number;
}

/** Loads the model from bytes (Uint8Array/ArrayBuffer) or a URL string. */
export async function createAvatarSession(
  ort: Ort,
  model: Uint8Array | ArrayBuffer | string,
  params: AvatarModelParams,
  options: SessionOptions = {},
): Promise<AvatarSession> {
  const source = model instanceof ArrayBuffer ? new Uint8Array(model) : model;
  const session =
    typeof source === 'string'
      ? await ort.InferenceSession.create(source, { executionProviders: ['wasm'] })
      : await ort.InferenceSession.create(source, { executionProviders: ['wasm'] });
  const maxBatch = Math.max(1, options.maxBatch ?? 16);
  const size = params.inputSize;
  const plane = 3 * size * size;

  // ORT sessions must not run concurrently: chain runs
  let queue: Promise<unknown> = Promise.resolve();

  async function runBatch(inputs: Float32Array[]): Promise<Float32Array[]> {
    const data = new Float32Array(inputs.length * plane);
    inputs.forEach((input, i) => {
      if (input.length !== plane) throw new Error(`model input must have ${plane} values, got ${input.length}`);
      data.set(input, i * plane);
    });
    const tensor = new ort.Tensor('float32', data, [inputs.length, 3, size, size]);
    const result = await session.run({ [params.inputName]: tensor });
    const output = result[params.outputName];
    const logits = output.data as Float32Array;
    const width = logits.length / inputs.length;
    return inputs.map((_, i) => logits.slice(i * width, (i + 1) * width));
  }

  return {
    params,
    async run(inputs) {
      const out: Float32Array[] = [];
      for (let i = 0; i < inputs.length; i += maxBatch) {
        const chunk = inputs.slice(i, i + maxBatch);
        const next = queue.then(() => runBatch(chunk));
        queue = next.catch(() => undefined);
        out.push(...(await next));
      }
      return out;
    },
    async release() {
      await session.release();
    },
  };
}
