#!/usr/bin/env node
// `npm run eval:avatar -- DIR [--json]`: DIR holds real/ and generated/ (searched recursively).
// Prints AUC, TPR at 1% FPR, the rates at the model's thresholds, and a breakdown by file-name prefix.
import { basename, join } from 'node:path';
import { existsSync } from 'node:fs';
import { collectImageFiles, scoreFiles, type AvatarRow } from '../src/cli/avatars.ts';
import { loadModelParams } from '../src/avatar/node-scorer.ts';
import { rocAuc, shareAtLeast, thresholdAtFpr, tprAtFpr } from '../src/avatar/metrics.ts';

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--'));
if (!dir || !existsSync(join(dir, 'real')) || !existsSync(join(dir, 'generated'))) {
  console.error('usage: npm run eval:avatar -- DIR [--json]   (DIR must contain real/ and generated/)');
  process.exit(2);
}
const params = loadModelParams();
const classes = { real: collectImageFiles([join(dir, 'real')]).files, generated: collectImageFiles([join(dir, 'generated')]).files };
const rows = { real: await scoreFiles(classes.real), generated: await scoreFiles(classes.generated) };

// every file counts: an unsure one (no face, not a face photo, undecodable) is never flagged, so it ranks lowest
const p = (list: AvatarRow[]) => list.map((r) => (r.level === 'unsure' || r.pGenerated === null ? 0 : r.pGenerated));
const textureOnly = (list: AvatarRow[]) => list.map((r) => r.textureP ?? 0);
const flagged = (list: AvatarRow[], levels: string[]) => (list.length ? list.filter((r) => levels.includes(r.level)).length / list.length : Number.NaN);
const realP = p(rows.real);
const genP = p(rows.generated);
const t1 = thresholdAtFpr(realP, 0.01);

function summary(list: AvatarRow[]) {
  return {
    n: list.length,
    errors: list.filter((r) => r.error).length,
    unsure: flagged(list, ['unsure']),
    high: flagged(list, ['high']),
    mediumOrHigh: flagged(list, ['high', 'medium']),
    meanP: p(list).reduce((s, v) => s + v, 0) / Math.max(1, p(list).length),
  };
}

const prefixOf = (file: string) => basename(file).replace(/\.[^.]+$/, '').split('_')[0];
const breakdown: Record<string, unknown>[] = [];
for (const cls of ['real', 'generated'] as const) {
  const groups = new Map<string, AvatarRow[]>();
  for (const r of rows[cls]) groups.set(prefixOf(r.file), [...(groups.get(prefixOf(r.file)) ?? []), r]);
  for (const [prefix, list] of [...groups].sort()) {
    const ps = p(list);
    breakdown.push({
      class: cls,
      prefix,
      ...summary(list),
      auc: cls === 'generated' ? rocAuc(ps, realP) : rocAuc(genP, ps),
      atFpr1: shareAtLeast(ps, t1),
    });
  }
}

const result = {
  model: params.version,
  thresholds: params.thresholds,
  overall: {
    real: summary(rows.real),
    generated: summary(rows.generated),
    auc: rocAuc(genP, realP),
    tprAtFpr1: tprAtFpr(genP, realP, 0.01),
    textureOnlyAuc: rocAuc(textureOnly(rows.generated), textureOnly(rows.real)),
    textureOnlyTprAtFpr1: tprAtFpr(textureOnly(rows.generated), textureOnly(rows.real), 0.01),
    // rates at the model's own levels (v3: `high` also needs the eye-alignment cue, so p alone does not decide it)
    tprHigh: flagged(rows.generated, ['high']),
    fprHigh: flagged(rows.real, ['high']),
    tprMedium: flagged(rows.generated, ['high', 'medium']),
    fprMedium: flagged(rows.real, ['high', 'medium']),
  },
  byPrefix: breakdown,
};

if (args.includes('--json')) {
  console.log(JSON.stringify(result, null, 2));
} else {
  const f = (v: unknown) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(3)) : String(v));
  const o = result.overall;
  console.log(`model ${result.model}; thresholds high ${f(params.thresholds.high)}, medium ${f(params.thresholds.medium)}`);
  console.log(`images: ${o.real.n} real (${o.real.errors} undecodable), ${o.generated.n} generated (${o.generated.errors} undecodable)`);
  console.log(`AUC ${f(o.auc)}   TPR at 1% FPR ${f(o.tprAtFpr1)}   (texture model alone: AUC ${f(o.textureOnlyAuc)}, TPR ${f(o.textureOnlyTprAtFpr1)})`);
  console.log(`level high:        TPR ${f(o.tprHigh)}  FPR ${f(o.fprHigh)}`);
  console.log(`level medium+high: TPR ${f(o.tprMedium)}  FPR ${f(o.fprMedium)}`);
  console.log(`unsure (not a face photo / undecodable): real ${f(o.real.unsure)}, generated ${f(o.generated.unsure)}`);
  console.log('\n| class | prefix | n | AUC | rate at 1%-FPR thr | high | medium+ | unsure | mean p |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const b of breakdown) {
    console.log(`| ${b.class} | ${b.prefix} | ${b.n} | ${f(b.auc)} | ${f(b.atFpr1)} | ${f(b.high)} | ${f(b.mediumOrHigh)} | ${f(b.unsure)} | ${f(b.meanP)} |`);
  }
}
