/** Node-only convenience: the shipped face detector (models/face-detector/blazeface-front.onnx) on onnxruntime-web. */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-web';
import { createFaceDetector, type FaceDetector, type FaceDetectorOptions } from './face-detector.ts';

export const FACE_MODEL_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '../../models/face-detector/blazeface-front.onnx');

export async function createNodeFaceDetector(options: FaceDetectorOptions = {}, modelPath = FACE_MODEL_PATH): Promise<FaceDetector> {
  ort.env.wasm.numThreads = 1;
  return createFaceDetector(ort, readFileSync(modelPath), options);
}
