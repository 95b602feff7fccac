/** Node-only convenience: the shipped model (models/avatar-detector.*) + sharp decoding → AvatarScorer. */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-web';
import { decodeImageNode } from './decode-node.ts';
import { createAvatarSession, type AvatarSession } from './model.ts';
import type { AvatarModelParams } from './postprocess.ts';
import { AvatarScorer } from './scorer.ts';

export const MODELS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../models');

export function loadModelParams(modelsDir = MODELS_DIR): AvatarModelParams {
  return JSON.parse(readFileSync(resolve(modelsDir, 'avatar-detector.json'), 'utf8')) as AvatarModelParams;
}

export async function createNodeSession(modelsDir = MODELS_DIR, maxBatch = 16): Promise<AvatarSession> {
  ort.env.wasm.numThreads = 1;
  const params = loadModelParams(modelsDir);
  return createAvatarSession(ort, readFileSync(resolve(modelsDir, 'avatar-detector.onnx')), params, { maxBatch });
}

export async function createNodeScorer(modelsDir = MODELS_DIR): Promise<{ scorer: AvatarScorer; session: AvatarSession }> {
  const session = await createNodeSession(modelsDir);
  const scorer = new AvatarScorer({ session, params: session.params, decode: (bytes) => decodeImageNode(bytes) });
  return { scorer, session };
}
