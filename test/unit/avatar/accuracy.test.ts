// Accuracy floors of the shipped detector (v3: face geometry + texture, fused) on the TEST part of
// models/training/split-v3.json — the part nothing was fitted on — scored end to end by the TypeScript pipeline
// (sharp → face detector + texture model on onnxruntime-web → fusion).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rocAuc, tprAtFpr } from '../../../src/avatar/metrics.ts';
import type { AvatarSession } from '../../../src/avatar/model.ts';
import { createNodeScorer } from '../../../src/avatar/node-scorer.ts';
import type { AvatarScorer } from '../../../src/avatar/scorer.ts';
import type { AvatarScore } from '../../../src/core/types.ts';
import { hasShared, REPO_ROOT, sharedPath } from '../../helpers/shared.ts';

// Floors sit well below what the recipe measured on the test part (models/training/metrics-v3.md): they catch a
// broken model, a preprocessing or detector drift, or a wrong parameter file, not small changes between fits.
const FLOOR_STYLEGAN_TPR_AT_1_FPR = 0.8;
const FLOOR_AUC_PER_GENERATOR_SOURCE = 0.85;
const MAX_ORDINARY_REAL_HIGH = 0.02;
const MAX_NONFACE_FLAGGED = 0.05;
const PER_SOURCE = 40;

const split = JSON.parse(readFileSync(resolve(REPO_ROOT, 'models/training/split-v3.json'), 'utf8')) as { parts: Record<string, string> };

/** Up to PER_SOURCE test-part files per `class:source` (faces) or `nonface:source`. */
function pick(): Map<string, string[]> {
  const bySource = new Map<string, string[]>();
  for (const key of Object.keys(split.parts).sort()) {
    if (split.parts[key] !== 'test') continue;
    const parts = key.split('/');
    const group = parts[1] === 'faces' ? `${parts[3]}:${parts[2]}` : `nonface:${parts[2]}`;
    const list = bySource.get(group) ?? [];
    if (list.length < PER_SOURCE) list.push(key);
    bySource.set(group, list);
  }
  return bySource;
}

/** FFHQ photos share StyleGAN's alignment (a dataset property): they are measured apart, not as ordinary portraits. */
const FFHQ_REAL_SOURCES = ['tpdne-headshotclassification', 'whichfaceisreal-xrv0', 'fakefacessurvey-sergibot', 'stylegan3-perceptual-test-ffhq'];

describe.skipIf(!hasShared('data/faces') || !hasShared('data/avatars-nonface'))('accuracy floor on the test part of split-v3', () => {
  let scorer: AvatarScorer;
  let session: AvatarSession;
  const results = new Map<string, AvatarScore[]>();

  beforeAll(async () => {
    ({ scorer, session } = await createNodeScorer());
    for (const [group, keys] of pick()) {
      results.set(group, await scorer.score(keys.map((key) => ({ imageKey: key, bytes: new Uint8Array(readFileSync(sharedPath(key))) }))));
    }
  }, 600_000);
  afterAll(async () => {
    await session?.release();
  });

  // an unsure image is never flagged: it ranks below every judged one
  const p = (scores: AvatarScore[]) => scores.map((s) => (s.level === 'unsure' ? 0 : (s.pGenerated ?? 0)));
  const groups = (kind: string) => [...results].filter(([g]) => g.startsWith(`${kind}:`));
  const ordinaryReals = () => groups('real').filter(([g]) => !FFHQ_REAL_SOURCES.some((s) => g.endsWith(`:${s}`)));

  it('decodes every test image', () => {
    for (const scores of results.values()) for (const s of scores) expect(s.error, s.imageKey).toBeUndefined();
  });

  it(`catches StyleGAN faces (TPR ≥ ${FLOOR_STYLEGAN_TPR_AT_1_FPR} at 1 % FPR on ordinary portraits) and separates each generator source (AUC ≥ ${FLOOR_AUC_PER_GENERATOR_SOURCE})`, () => {
    const reals = ordinaryReals().flatMap(([, s]) => p(s));
    expect(reals.length).toBeGreaterThanOrEqual(60);
    const stylegan = results.get('generated:tpdne-headshotclassification')!;
    const tpr = tprAtFpr(p(stylegan), reals, 0.01);
    console.log(`test subset: StyleGAN2 TPR@1%FPR ${tpr.toFixed(3)} (${stylegan.length} generated, ${reals.length} ordinary reals)`);
    expect(tpr).toBeGreaterThanOrEqual(FLOOR_STYLEGAN_TPR_AT_1_FPR);
    for (const [group, scores] of groups('generated')) {
      if (scores.length < 20) continue;
      const auc = rocAuc(p(scores), reals);
      console.log(`  ${group}: AUC ${auc.toFixed(3)}`);
      expect(auc, group).toBeGreaterThanOrEqual(FLOOR_AUC_PER_GENERATOR_SOURCE);
    }
  });

  it(`calls at most ${MAX_ORDINARY_REAL_HIGH * 100} % of ordinary real portraits "high"`, () => {
    const reals = ordinaryReals().flatMap(([, s]) => s);
    const high = reals.filter((s) => s.level === 'high').length / reals.length;
    console.log(`ordinary reals: high ${high.toFixed(3)} (${reals.length})`);
    expect(high).toBeLessThanOrEqual(MAX_ORDINARY_REAL_HIGH);
  });

  it(`does not flag non-face avatars as AI faces (≤ ${MAX_NONFACE_FLAGGED * 100} % medium/high)`, () => {
    const nonface = groups('nonface').flatMap(([, s]) => s);
    expect(nonface.length).toBeGreaterThan(50);
    const flagged = nonface.filter((s) => s.level === 'high' || s.level === 'medium').length / nonface.length;
    const unsure = nonface.filter((s) => s.level === 'unsure').length / nonface.length;
    console.log(`non-face: flagged ${flagged.toFixed(3)}, unsure ${unsure.toFixed(3)} (${nonface.length} images)`);
    expect(flagged).toBeLessThanOrEqual(MAX_NONFACE_FLAGGED);
    expect(unsure).toBeGreaterThan(0.5);
  });
});
