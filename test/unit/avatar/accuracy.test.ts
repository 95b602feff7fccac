// Accuracy floor of the shipped model on the validation split the recipe held out
// (models/training/split.json), scored end to end by the TypeScript pipeline (sharp → toModelInput → ORT).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rocAuc, tprAtFpr } from '../../../src/avatar/metrics.ts';
import type { AvatarSession } from '../../../src/avatar/model.ts';
import { createNodeScorer } from '../../../src/avatar/node-scorer.ts';
import type { AvatarScorer } from '../../../src/avatar/scorer.ts';
import type { AvatarScore } from '../../../src/core/types.ts';
import { hasShared, REPO_ROOT, sharedPath } from '../../helpers/shared.ts';

// Floors sit well below what the recipe measured on this split (see models/MODEL_CARD.md): they catch a
// broken model, preprocessing drift or a wrong threshold file, not small changes between training runs.
const FLOOR_AUC_ALL = 0.88;
const FLOOR_AUC_PER_GENERATOR_SOURCE = 0.8;
const MAX_NONFACE_FLAGGED = 0.05;
const PER_SOURCE = 60;

interface Split {
  validation: string[];
}

const split = JSON.parse(readFileSync(resolve(REPO_ROOT, 'models/training/split.json'), 'utf8')) as Split;

function pick(prefix: string): Map<string, string[]> {
  const bySource = new Map<string, string[]>();
  for (const key of split.validation) {
    if (!key.startsWith(prefix)) continue;
    const parts = key.split('/');
    const group = prefix === 'data/faces/' ? `${parts[3]}:${parts[2]}` : parts[2];
    const list = bySource.get(group) ?? [];
    if (list.length < PER_SOURCE) list.push(key);
    bySource.set(group, list);
  }
  return bySource;
}

describe.skipIf(!hasShared('data/faces') || !hasShared('data/avatars-nonface'))('accuracy floor on the held-out validation split', () => {
  let scorer: AvatarScorer;
  let session: AvatarSession;
  const results = new Map<string, AvatarScore[]>();

  beforeAll(async () => {
    ({ scorer, session } = await createNodeScorer());
    for (const [group, keys] of [...pick('data/faces/'), ...[...pick('data/avatars-nonface/')].map(([g, k]) => [`nonface:${g}`, k] as const)]) {
      results.set(group, await scorer.score(keys.map((key) => ({ imageKey: key, bytes: new Uint8Array(readFileSync(sharedPath(key))) }))));
    }
  }, 240_000);
  afterAll(async () => {
    await session?.release();
  });

  const p = (scores: AvatarScore[]) => scores.map((s) => s.pGenerated ?? Number.NaN).filter(Number.isFinite);
  const groups = (kind: string) => [...results].filter(([g]) => g.startsWith(`${kind}:`));

  it('decodes every validation image', () => {
    for (const scores of results.values()) for (const s of scores) expect(s.error, s.imageKey).toBeUndefined();
  });

  it(`separates generated from real faces (AUC ≥ ${FLOOR_AUC_ALL}) and each generator source with ≥ 30 images (AUC ≥ ${FLOOR_AUC_PER_GENERATOR_SOURCE})`, () => {
    const reals = groups('real').flatMap(([, s]) => p(s));
    const generated = groups('generated').flatMap(([, s]) => p(s));
    expect(reals.length).toBeGreaterThan(100);
    const auc = rocAuc(generated, reals);
    console.log(`validation subset: AUC ${auc.toFixed(3)}, TPR@1%FPR ${tprAtFpr(generated, reals, 0.01).toFixed(3)} (${generated.length} generated, ${reals.length} real)`);
    expect(auc).toBeGreaterThanOrEqual(FLOOR_AUC_ALL);
    for (const [group, scores] of groups('generated')) {
      if (scores.length < 30) continue;
      const sourceAuc = rocAuc(p(scores), reals);
      console.log(`  ${group}: AUC ${sourceAuc.toFixed(3)}`);
      expect(sourceAuc, group).toBeGreaterThanOrEqual(FLOOR_AUC_PER_GENERATOR_SOURCE);
    }
  });

  it(`does not flag non-face avatars as AI faces (≤ ${MAX_NONFACE_FLAGGED * 100}% medium/high)`, () => {
    const nonface = groups('nonface').flatMap(([, s]) => s);
    expect(nonface.length).toBeGreaterThan(50);
    const flagged = nonface.filter((s) => s.level === 'high' || s.level === 'medium').length / nonface.length;
    const unsure = nonface.filter((s) => s.level === 'unsure').length / nonface.length;
    console.log(`non-face: flagged ${flagged.toFixed(3)}, unsure ${unsure.toFixed(3)} (${nonface.length} images)`);
    expect(flagged).toBeLessThanOrEqual(MAX_NONFACE_FLAGGED);
    expect(unsure).toBeGreaterThan(0.5);
  });
});
