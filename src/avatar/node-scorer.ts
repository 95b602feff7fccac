/** Node-only convenience: the shipped models (models/avatar-detector.*, models/face-detector/) + sharp decoding → AvatarScorer. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-web';
import { decodeImageNode } from './decode-node.ts';
import type { FaceFinder } from './evidence.ts';
import { createAlignedTextureSession, withAlignedTexture } from './face-align.ts';
import { createFaceDetector, shippedFaceDetectorOptions } from './face-detector.ts';
import { createAvatarSession, type AvatarSession } from './model.ts';
import type { AvatarModelParams } from './postprocess.ts';
import { AvatarScorer } from './scorer.ts';

export const MODELS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../models');

export function loadModelParams(modelsDir = MODELS_DIR): AvatarModelParams {
  return JSON.parse(readFileSync(resolve(modelsDir, 'avatar-detector.json'), 'utf8')) as AvatarModelParams;
}

/** Every model file the extension ships (texture model, its parameters, the face detector). */
export function shippedModelFiles(modelsDir = MODELS_DIR): string[] {
  const params = loadModelParams(modelsDir);
  return [
    resolve(modelsDir, 'avatar-detector.onnx'),
    resolve(modelsDir, 'avatar-detector.json'),
    ...(params.faceDetector ? [resolve(modelsDir, params.faceDetector.file)] : []),
    ...(params.alignedTexture ? [resolve(modelsDir, params.alignedTexture.file)] : []),
  ].filter((f) =>
    existsSync(f),
  );
}

export async function createNodeSession(modelsDir = MODELS_DIR, maxBatch = 16): Promise<AvatarSession> {
  ort.env.wasm.numThreads = 1;
  const params = loadModelParams(modelsDir);
  return createAvatarSession(ort, readFileSync(resolve(modelsDir, 'avatar-detector.onnx')), params, { maxBatch });
}

/** The face detector named in avatar-detector.json (models/face-detector/…), or the default file. */
export async function createNodeFaceFinder(modelsDir = MODELS_DIR): Promise<FaceFinder & { release(): Promise<void> }> {
  ort.env.wasm.numThreads = 1;
  const params = loadModelParams(modelsDir);
  const file = params.faceDetector?.file ?? 'face-detector/blazeface-front.onnx';
  const detector = await createFaceDetector(ort, readFileSync(resolve(modelsDir, file)), shippedFaceDetectorOptions(params));
  // v4 model files: the aligned-face texture model runs on every face found
  if (!params.alignedTexture) return detector;
  const aligned = await createAlignedTextureSession(ort, readFileSync(resolve(modelsDir, params.alignedTexture.file)), { ...params, alignedTexture: params.alignedTexture });
  return withAlignedTexture(detector, aligned, params.alignedTexture);
}

export async function createNodeScorer(modelsDir = MODELS_DIR): Promise<{ scorer: AvatarScorer; session: AvatarSession }> {
  const texture = await createNodeSession(modelsDir);
  // v4 model files give the face in the texture run (geometryHead): no separate detector
  const faces = texture.params.fusion && !texture.params.geometryHead ? await createNodeFaceFinder(modelsDir) : undefined;
  const scorer = new AvatarScorer({ session: texture, params: texture.params, decode: (bytes) => decodeImageNode(bytes), faces });
  // one handle to release both sessions
  const session: AvatarSession = {
    params: texture.params,
    run: (inputs) => texture.run(inputs),
    async release() {
      await Promise.all([texture.release(), faces?.release()]);
    },
  };
  return { scorer, session };
}
