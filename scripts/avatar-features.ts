#!/usr/bin/env node
// Step 2 of the avatar v3 recipe (models/training/train.sh): measure every image of ../shared/data with the
// shipped TypeScript pipeline (sharp decode → face detector → texture model), clean and after 64 px + JPEG q50,
// and write one JSON line per (image, variant) to models/training/.cache/features-v3.jsonl.
// The fitting script (scripts/fit-avatar-fusion.ts) reads only this file, so what it fits is what the product runs.
// Usage: tsx scripts/avatar-features.ts [--limit N] [--fresh] [--models DIR]   (--models: model files of a candidate,
// e.g. models/training/.cache/student/models; the split and sources stay this tree's)
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import sharp from 'sharp';
import { decodeImageNode } from '../src/avatar/decode-node.ts';
import { measureImages } from '../src/avatar/evidence.ts';
import { createNodeFaceFinder, createNodeSession, MODELS_DIR } from '../src/avatar/node-scorer.ts';

/** LENS_AVATAR_FEATURES names another file (e.g. to keep two model versions' measurements side by side) */
export const FEATURES_PATH = process.env.LENS_AVATAR_FEATURES ?? resolve(MODELS_DIR, 'training/.cache/features-v3.jsonl');
const SHARED = process.env.LENS_SHARED_DIR ?? resolve(MODELS_DIR, '../../shared');

export interface FeatureRow {
  key: string;
  part: 'train' | 'calibration' | 'test';
  label: 'real' | 'generated' | 'nonface';
  source: string;
  family: string;
  variant: 'clean' | 'small';
  /** decoded size (absent in rows written before it was recorded: square files) */
  width?: number;
  height?: number;
  tooSmall: boolean;
  pFace: number;
  textureP: number | null;
  face: { score: number; leftEye: { x: number; y: number }; rightEye: { x: number; y: number }; [k: string]: unknown } | null;
  /** the Platt scaling face.alignedP was computed with (the model files' at measurement time) */
  alignedCalibration?: { a: number; b: number };
  error?: string;
}

interface SplitFile {
  parts: Record<string, FeatureRow['part']>;
}

export function describeKey(key: string, families: Record<string, Record<string, string>>): Pick<FeatureRow, 'label' | 'source' | 'family'> {
  const parts = key.split('/');
  if (parts[1] === 'avatars-nonface') return { label: 'nonface', source: parts[2], family: `nonface:${parts[2]}` };
  const source = parts[2];
  const label = parts[3] as 'real' | 'generated';
  return { label, source, family: families[source]?.[label] ?? `${label}:${source}` };
}

/** What a platform does to a picture before we see it: small and heavily compressed. */
export async function smallVariant(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await sharp(bytes).resize(64, 64, { fit: 'fill' }).jpeg({ quality: 50 }).toBuffer());
}

/** Training-part images measured per (label, source): enough to measure the layout and g(d), which need no texture. */
const TRAIN_PER_SOURCE = 150;

function stableRank(key: string): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Calibration first, then test, then a fixed sample of the training part: a partial file is already usable for fitting. */
export function selectKeys(parts: Record<string, FeatureRow['part']>, families: Record<string, Record<string, string>>): string[] {
  const keys = Object.keys(parts).sort();
  const bySource = new Map<string, string[]>();
  for (const key of keys.filter((k) => parts[k] === 'train')) {
    const d = describeKey(key, families);
    const group = `${d.label}:${d.source}`;
    bySource.set(group, [...(bySource.get(group) ?? []), key]);
  }
  const train = [...bySource.values()].flatMap((list) => list.sort((a, b) => stableRank(a) - stableRank(b)).slice(0, TRAIN_PER_SOURCE)).sort();
  return [...keys.filter((k) => parts[k] === 'calibration'), ...keys.filter((k) => parts[k] === 'test'), ...train];
}

async function main() {
  const limitArg = process.argv.indexOf('--limit');
  const limit = limitArg > 0 ? Number(process.argv[limitArg + 1]) : Infinity;
  const split = JSON.parse(readFileSync(resolve(MODELS_DIR, 'training/split-v3.json'), 'utf8')) as SplitFile;
  const families = (JSON.parse(readFileSync(resolve(MODELS_DIR, 'training/sources.json'), 'utf8')) as { families: Record<string, Record<string, string>> }).families;
  // resumable: keys already measured (same model files) are skipped; --fresh starts over
  const done = new Set<string>();
  if (existsSync(FEATURES_PATH) && !process.argv.includes('--fresh')) {
    for (const line of readFileSync(FEATURES_PATH, 'utf8').split('\n')) if (line) done.add((JSON.parse(line) as FeatureRow).key);
  }
  const keys = selectKeys(split.parts, families)
    .filter((k) => !done.has(k))
    .slice(0, limit);
  console.error(`${done.size} images already measured, ${keys.length} to go`);
  const modelsArg = process.argv.indexOf('--models');
  const modelsDir = modelsArg > 0 ? resolve(process.argv[modelsArg + 1]) : MODELS_DIR;
  const session = await createNodeSession(modelsDir);
  // v4 model files give the face in the texture run (geometryHead): measureImages does not ask a detector
  const faces = session.params.geometryHead ? { detect: async () => null, release: async () => undefined } : await createNodeFaceFinder(modelsDir);
  mkdirSync(dirname(FEATURES_PATH), { recursive: true });
  const out = createWriteStream(FEATURES_PATH, { flags: done.size ? 'a' : 'w' });
  const started = Date.now();
  const BATCH = 32;
  for (let i = 0; i < keys.length; i += BATCH) {
    const chunk = keys.slice(i, i + BATCH);
    const jobs: { key: string; variant: FeatureRow['variant']; bytes: Uint8Array }[] = [];
    for (const key of chunk) {
      const path = resolve(SHARED, key);
      if (!existsSync(path)) continue;
      const bytes = new Uint8Array(readFileSync(path));
      jobs.push({ key, variant: 'clean', bytes });
      // the degraded copy only where it is evaluated or calibrated: the texture model saw the training part
      if (split.parts[key] !== 'train') jobs.push({ key, variant: 'small', bytes: await smallVariant(bytes) });
    }
    const decoded = await Promise.all(jobs.map(async (job) => ({ job, image: await decodeImageNode(job.bytes).catch((e: Error) => e) })));
    const good = decoded.filter((d) => !(d.image instanceof Error));
    const measured = await measureImages(
      good.map((d) => d.image as Exclude<typeof d.image, Error>),
      session,
      faces,
      session.params,
    );
    const byJob = new Map(good.map((d, k) => [d.job, measured[k]]));
    for (const { job, image } of decoded) {
      const m = byJob.get(job);
      const row: FeatureRow = {
        key: job.key,
        part: split.parts[job.key],
        ...describeKey(job.key, families),
        variant: job.variant,
        width: m?.width,
        height: m?.height,
        tooSmall: m?.tooSmall ?? false,
        pFace: m?.pFace ?? 0,
        textureP: m?.textureP ?? null,
        face: (m?.face as FeatureRow['face']) ?? null,
        ...(session.params.alignedTexture ? { alignedCalibration: session.params.alignedTexture.calibration } : {}),
      };
      if (image instanceof Error) row.error = image.message;
      out.write(`${JSON.stringify(row)}\n`);
    }
    if ((i / BATCH) % 20 === 0) console.error(`  measured ${i + chunk.length}/${keys.length} images (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
  await new Promise<void>((r) => out.end(r));
  await session.release();
  await faces.release();
  console.error(`wrote ${FEATURES_PATH}`);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) await main();
