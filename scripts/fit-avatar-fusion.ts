#!/usr/bin/env node
// Step 3 of the avatar v3 recipe: fit the fusion and thresholds on the calibration part, measure on the test
// part (never used for fitting), run the held-out-family estimates, and write
//   models/avatar-detector.json (fusion section, thresholds, version), models/training/metrics-v3.{json,md}.
// Reads models/training/.cache/features-v3.jsonl (scripts/avatar-features.ts; LENS_AVATAR_FEATURES names another).
// Usage: tsx scripts/fit-avatar-fusion.ts [--dry-run] [--calibration-only] [--texture-inputs whole|aligned|both]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fuse, geometryTerm, nearestLayout, textureFeature, type EyePair, type FusionParams, type NamedLayout } from '../src/avatar/fusion.ts';
import { FFHQ_ALIGNED_LAYOUT } from '../src/avatar/face-geometry.ts';
import { rocAuc, thresholdAtFpr, tprAtFpr } from '../src/avatar/metrics.ts';
import { MODELS_DIR } from '../src/avatar/node-scorer.ts';
import type { AvatarModelParams } from '../src/avatar/postprocess.ts';
import { FEATURES_PATH, type FeatureRow } from './avatar-features.ts';

const PARAMS_PATH = resolve(MODELS_DIR, 'avatar-detector.json');
const params = JSON.parse(readFileSync(PARAMS_PATH, 'utf8')) as AvatarModelParams & Record<string, unknown>;
/** v2's texture-only thresholds, kept for the side-by-side rows */
const V2_THRESHOLDS = (params.textureThresholds as { high: number; medium: number } | undefined) ?? params.thresholds;

const ALIGNED_REAL = 'FFHQ';
/** families framed by a fixed alignment of their own: FFHQ (and StyleGAN trained on it), ProGAN on CelebA-HQ */
const ALIGNED_FAMILIES = new Set(['FFHQ', 'StyleGAN2', 'ProGAN']);
const ALIGNED_GENERATOR = 'StyleGAN2';
const GEOMETRY_FLOOR = 0.004;
const GEOMETRY_MAX = Math.log(1000);
const ALIGNED_SHARE = 0.5;
const TEXTURE_EPS = 1e-4;
/** r(d) at which the alignment cue fires (and `high` becomes possible) */
const ALIGNED_MIN_RATIO = 20;
const HIGH_FPR = 0.005;
/**
 * --calibration-only: the layout and g(d) from the calibration part alone (default: training + calibration parts).
 * For model files whose face positions were trained on the training part (v4's geometry head), so that the fit
 * does not see the precision the network has on pictures it learnt from.
 */
const FIT_PARTS: ReadonlySet<string> = new Set(process.argv.includes('--calibration-only') ? ['calibration'] : ['train', 'calibration']);
const MEDIUM_FPR = 0.01;
/**
 * --aligned-face-gate (one-network model files): the alignment cue also needs a face score at least the 1st
 * percentile of the calibration part's aligned faces (StyleGAN2, both variants; FFHQ photos and ProGAN when StyleGAN2
 * is held out): the eye head draws unsure eyes toward the layout, so only a face as clear as the faces the cue is
 * for may carry it.
 */
const FACE_GATE = process.argv.includes('--aligned-face-gate');
const FACE_GATE_QUANTILE = 0.01;
const MIN_FAMILY_FOR_THRESHOLD = 100;

/**
 * Which texture models enter the fusion: `whole` (v3: the whole-picture network), `aligned` (v4: only the
 * aligned-face network; the whole-picture network only gates non-faces) or `both`. --texture-inputs X.
 */
const TEXTURE_INPUTS = (() => {
  const i = process.argv.indexOf('--texture-inputs');
  const v = i > 0 ? process.argv[i + 1] : params.alignedTexture ? 'aligned' : 'whole';
  if (!['whole', 'aligned', 'both'].includes(v)) throw new Error(`--texture-inputs must be whole, aligned or both (got ${v})`);
  return v as 'whole' | 'aligned' | 'both';
})();
const USES_ALIGNED = TEXTURE_INPUTS !== 'whole';
const USES_WHOLE = TEXTURE_INPUTS !== 'aligned';
/**
 * Held-out-family runs of the aligned network (models/training/train_aligned.py --holdout FAMILY): its raw margins
 * logit[generated] − logit[real] per image (Python crops), used in place of the shipped network's in the held-out
 * fits, so those rows hold the texture network out too.
 */
const HELD_OUT_RUNS = resolve(MODELS_DIR, 'training/.cache/aligned/runs');
function heldOutMargins(family: string): Map<string, number> | undefined {
  const file = resolve(HELD_OUT_RUNS, `aligned-${family.replace('/', '_')}.json`);
  if (!USES_ALIGNED || !existsSync(file)) return undefined;
  const run = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { scores?: Record<string, number> }>;
  const out = new Map<string, number>();
  for (const variant of ['clean', 'small']) for (const [key, margin] of Object.entries(run[variant]?.scores ?? {})) out.set(`${variant}|${key}`, margin);
  return out;
}
/** the raw margin, recovered from the stored p with the calibration it was measured with (rows say which; else a 1, b 0) */
const marginOf = (r: FeatureRow): number | undefined => {
  const p = r.face?.alignedP as number | undefined;
  if (p === undefined || !Number.isFinite(p)) return undefined;
  const measured = r.alignedCalibration ?? { a: 1, b: 0 };
  const q = Math.min(1 - 1e-12, Math.max(1e-12, p));
  return (Math.log(q / (1 - q)) - measured.b) / measured.a;
};

const rows: FeatureRow[] = readFileSync(FEATURES_PATH, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as FeatureRow);
const isFace = (r: FeatureRow) => r.label !== 'nonface';
const judged = (r: FeatureRow) => !r.error && !r.tooSmall && r.face !== null && r.pFace >= params.faceMin && r.textureP !== null;
const unaligned = (r: FeatureRow) => r.label === 'real' && r.family !== ALIGNED_REAL;
const eyes = (r: FeatureRow): EyePair => r.face!;
/** the decoded size; rows written before sizes were recorded were square files (all of ../shared but CelebA) */
const imageOf = (r: FeatureRow) => ({ width: r.width ?? 1, height: r.height ?? 1 });
const distanceOf = (r: FeatureRow, layouts: NamedLayout[]) => nearestLayout(eyes(r), imageOf(r), layouts)!.distance;

function normalFit(values: number[]): { mean: number; sd: number } {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / Math.max(1, values.length - 1));
  return { mean, sd };
}

/** Normal fit of a mixture in which every family has the same weight (mean of means; within + between variance). */
function familyBalancedNormalFit(families: number[][]): { mean: number; sd: number } {
  const fits = families.map(normalFit);
  const mean = fits.reduce((s, f) => s + f.mean, 0) / fits.length;
  const variance = fits.reduce((s, f) => s + f.sd ** 2 + (f.mean - mean) ** 2, 0) / fits.length;
  return { mean, sd: Math.sqrt(variance) };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Median position of each eye over rows with a face (the detector's own bias is part of the layout). */
function measureLayout(from: FeatureRow[], name: string, label: string): NamedLayout {
  const faces = from.filter((r) => r.face);
  if (faces.length < 20) throw new Error(`too few faces (${faces.length}) to measure the ${name} layout`);
  const m = (get: (r: FeatureRow) => number) => Number(median(faces.map(get)).toFixed(4));
  const leftEye = { x: m((r) => r.face!.leftEye.x), y: m((r) => r.face!.leftEye.y) };
  const rightEye = { x: m((r) => r.face!.rightEye.x), y: m((r) => r.face!.rightEye.y) };
  const dx = rightEye.x - leftEye.x;
  const dy = rightEye.y - leftEye.y;
  return { name, label, leftEye, rightEye, interOcular: Number(Math.hypot(dx, dy).toFixed(4)), roll: Number(((Math.atan2(dy, dx) * 180) / Math.PI).toFixed(2)) };
}

/** Weighted logistic regression by Newton's method, with an optional fixed offset per row; small ridge for stability. */
function logistic(x: number[][], y: number[], w: number[], offset?: number[], ridge = 1e-3): number[] {
  const k = x[0].length;
  let beta = new Array(k).fill(0);
  for (let iter = 0; iter < 50; iter++) {
    const grad = new Array(k).fill(0);
    const hess = Array.from({ length: k }, () => new Array(k).fill(0));
    for (let i = 0; i < x.length; i++) {
      const z = (offset?.[i] ?? 0) + x[i].reduce((s, v, j) => s + v * beta[j], 0);
      const p = 1 / (1 + Math.exp(-z));
      for (let a = 0; a < k; a++) {
        grad[a] += w[i] * (y[i] - p) * x[i][a];
        for (let b = 0; b < k; b++) hess[a][b] += w[i] * p * (1 - p) * x[i][a] * x[i][b];
      }
    }
    for (let a = 1; a < k; a++) {
      grad[a] -= ridge * beta[a];
      hess[a][a] += ridge;
    }
    const step = solve(hess, grad);
    beta = beta.map((b, j) => b + step[j]);
    if (Math.max(...step.map(Math.abs)) < 1e-9) break;
  }
  return beta;
}

function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[c], m[p]] = [m[p], m[c]];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  return m.map((row, i) => row[n] / row[i]);
}

/** Class-balanced weights: each label contributes the same total weight. */
function balanced(y: number[]): number[] {
  const pos = y.filter((v) => v === 1).length;
  const neg = y.length - pos;
  return y.map((v) => (v === 1 ? y.length / (2 * pos) : y.length / (2 * neg)));
}

interface Fitted {
  fusion: FusionParams;
  thresholds: { high: number; medium: number };
  /** Platt scaling of the aligned network's margin (calibration part) */
  alignedCalibration?: { a: number; b: number };
  /** the aligned network's calibrated p for a row (the held-out network's in held-out fits) */
  alignedOf: (r: FeatureRow) => number | undefined;
  notes: Record<string, unknown>;
}

/** The fusion's input for a row under a fit (eyes, size, both texture p's). */
function inputOf(r: FeatureRow, f: Pick<Fitted, 'alignedOf'>) {
  return { eyes: eyes(r), image: imageOf(r), textureP: r.textureP!, alignedP: f.alignedOf(r), faceScore: r.face!.score };
}

/** The face score the alignment cue needs (--aligned-face-gate): 1st percentile over calibration aligned faces. */
function faceGate(exclude?: string): number {
  const families = exclude === ALIGNED_GENERATOR ? [...ALIGNED_FAMILIES].filter((f) => f !== exclude) : [ALIGNED_GENERATOR];
  const scores = rows.filter((r) => r.part === 'calibration' && families.includes(r.family) && judged(r)).map((r) => r.face!.score);
  if (scores.length < 100) throw new Error(`too few calibration faces (${scores.length}) of ${families.join(', ')} for the face gate`);
  // the score at the quantile, rounded down: that face and every clearer one keep the cue
  const sorted = scores.sort((a, b) => a - b);
  return Math.floor(sorted[Math.floor(FACE_GATE_QUANTILE * sorted.length)] * 1e4) / 1e4;
}

/** Fits everything from rows outside `exclude` (a family name), using only the parts named. */
function fit(exclude?: string): Fitted {
  const keep = (r: FeatureRow) => r.family !== exclude;
  // 0. the aligned network's margins: the held-out run's when this fit holds a family out (and such a run exists)
  const swapped = exclude ? heldOutMargins(exclude) : undefined;
  const rawMargin = (r: FeatureRow): number | undefined => (swapped ? swapped.get(`${r.variant}|${r.key}`) : marginOf(r));
  // 1. the canonical layout: FFHQ's alignment, measured on FFHQ photos of the training and calibration parts (or on StyleGAN2 faces when FFHQ is held out)
  const layoutSource = exclude === ALIGNED_REAL ? ALIGNED_GENERATOR : ALIGNED_REAL;
  const layoutRows = rows.filter((r) => FIT_PARTS.has(r.part) && r.variant === 'clean' && r.family === layoutSource && judged(r));
  const layout = measureLayout(layoutRows, 'ffhq-aligned', 'StyleGAN (FFHQ alignment)');
  // 2. g(d): FFHQ-aligned vs ordinary portraits, real photos only (no texture, no generated faces), training + calibration parts
  // "ordinary" framings: every face family that is not FFHQ-aligned (real collections and the unaligned generators:
  // the label does not matter for where eyes sit), each family weighted equally so no single collection's own
  // crop convention (UTKFace's tight crops, LFW's centring) decides what "ordinary" means
  const ordinaryFamily = (r: FeatureRow) => r.label !== 'nonface' && !ALIGNED_FAMILIES.has(r.family);
  const geoRows = rows.filter((r) => FIT_PARTS.has(r.part) && keep(r) && judged(r) && (r.family === layoutSource || ordinaryFamily(r)));
  const logD = (r: FeatureRow) => Math.log(Math.max(distanceOf(r, [layout]), GEOMETRY_FLOOR));
  const aligned = normalFit(geoRows.filter((r) => r.family === layoutSource).map(logD));
  const byFamily = new Map<string, number[]>();
  for (const r of geoRows.filter(ordinaryFamily)) byFamily.set(r.family, [...(byFamily.get(r.family) ?? []), logD(r)]);
  const ordinary = familyBalancedNormalFit([...byFamily.values()].filter((v) => v.length >= 10));
  // g(x) = ln N(x; aligned) − ln N(x; ordinary), a quadratic in x
  const geometry = {
    floor: GEOMETRY_FLOOR,
    a: -(aligned.mean ** 2) / (2 * aligned.sd ** 2) + ordinary.mean ** 2 / (2 * ordinary.sd ** 2) + Math.log(ordinary.sd / aligned.sd),
    b: aligned.mean / aligned.sd ** 2 - ordinary.mean / ordinary.sd ** 2,
    c: -1 / (2 * aligned.sd ** 2) + 1 / (2 * ordinary.sd ** 2),
    max: GEOMETRY_MAX,
  };
  const base: Omit<FusionParams, 'weights'> = {
    layouts: [layout],
    geometry,
    alignedShare: ALIGNED_SHARE,
    textureEps: TEXTURE_EPS,
    alignedMinRatio: ALIGNED_MIN_RATIO,
    ...(FACE_GATE ? { alignedMinFaceScore: faceGate(exclude) } : {}),
  };
  // 3. intercept and texture weight: calibration part, judged faces, ordinary reals vs all generated (FFHQ photos left out: aligned by construction)
  const cal = rows.filter(
    (r) => r.part === 'calibration' && keep(r) && judged(r) && isFace(r) && (r.label === 'generated' || unaligned(r)) && (!USES_ALIGNED || rawMargin(r) !== undefined),
  );
  const fy = cal.map((r) => (r.label === 'generated' ? 1 : 0));
  // the aligned network's Platt scaling (its p in reasons), on the same rows
  let alignedCalibration: { a: number; b: number } | undefined;
  if (USES_ALIGNED) {
    const [b, a] = logistic(cal.map((r) => [1, rawMargin(r)!]), fy, balanced(fy));
    alignedCalibration = { a, b };
  }
  const alignedOf = (r: FeatureRow): number | undefined => {
    const m = rawMargin(r);
    if (m === undefined || !alignedCalibration) return undefined;
    return 1 / (1 + Math.exp(-(alignedCalibration.a * m + alignedCalibration.b)));
  };
  const fx = cal.map((r) => [1, ...(USES_WHOLE ? [textureFeature(r.textureP!, base)] : []), ...(USES_ALIGNED ? [textureFeature(alignedOf(r)!, base)] : [])]);
  const off = cal.map((r) => geometryTerm(distanceOf(r, base.layouts), base));
  const beta = logistic(fx, fy, balanced(fy), off);
  const weights = { intercept: beta[0], texture: USES_WHOLE ? beta[1] : 0, ...(USES_ALIGNED ? { aligned: beta[USES_WHOLE ? 2 : 1] } : {}) };
  const fusion: FusionParams = { ...base, weights };
  const fitted = { alignedOf };
  // 4. thresholds: on calibration ordinary reals (every one, judged or not: unsure is never a false alarm), pooled and per family
  const calReals = rows.filter((r) => r.part === 'calibration' && keep(r) && unaligned(r));
  const pOf = (r: FeatureRow) => fusedP(r, fusion, { high: 2, medium: 2 }, fitted);
  // `high` also needs the alignment cue (fuse() enforces it), so only aligned reals can be high false alarms
  const pHigh = (r: FeatureRow) => (judged(r) && fuse(inputOf(r, fitted), fusion, { high: 2, medium: 2 }).aligned ? pOf(r) : 0);
  const pick = (fpr: number, score: (r: FeatureRow) => number) => {
    let t = thresholdAtFpr(calReals.map(score), fpr);
    for (const fam of new Set(calReals.map((r) => r.family))) {
      const list = calReals.filter((r) => r.family === fam);
      if (list.length >= MIN_FAMILY_FOR_THRESHOLD) t = Math.max(t, thresholdAtFpr(list.map(score), fpr));
    }
    return Math.min(t, 1);
  };
  const medium = pick(MEDIUM_FPR, pOf);
  const thresholds = { high: Math.max(medium, pick(HIGH_FPR, pHigh)), medium };
  return {
    fusion,
    thresholds,
    alignedCalibration,
    alignedOf,
    notes: { textureInputs: TEXTURE_INPUTS, alignedFromHeldOutRun: swapped !== undefined, lnDistanceAligned: aligned, lnDistanceOrdinary: ordinary, layoutFrom: `${layoutSource}, ${FIT_PARTS.size > 1 ? "training + calibration parts" : "calibration part"} (${layoutRows.length} faces)`, geometryRows: geoRows.length, calibrationRows: cal.length, thresholdReals: calReals.length },
  };
}

/** Fused p of a row (0 when the row is unsure: no face, not a face photo, too small, undecodable). */
function fusedP(r: FeatureRow, fusion: FusionParams, thresholds: { high: number; medium: number }, f: Pick<Fitted, 'alignedOf'>): number {
  if (!judged(r)) return 0;
  return fuse(inputOf(r, f), fusion, thresholds).pGenerated ?? 0;
}

function levelOf(r: FeatureRow, f: Fitted): string {
  if (!judged(r)) return 'unsure';
  return fuse(inputOf(r, f), f.fusion, f.thresholds).level;
}

function v2Level(r: FeatureRow): string {
  if (r.error || r.tooSmall || r.pFace < params.faceMin || r.textureP === null) return 'unsure';
  return r.textureP >= V2_THRESHOLDS.high ? 'high' : r.textureP >= V2_THRESHOLDS.medium ? 'medium' : 'low';
}
const v2P = (r: FeatureRow) => (v2Level(r) === 'unsure' ? 0 : r.textureP!);

const share = (list: unknown[], n: number) => (n ? list.length / n : Number.NaN);

interface Row {
  group: string;
  kind: 'generated' | 'real' | 'nonface';
  variant: string;
  n: number;
  auc?: number;
  atFpr1?: number;
  high: number;
  mediumPlus: number;
  unsure: number;
  v2auc?: number;
  v2atFpr1?: number;
  v2high: number;
  v2mediumPlus: number;
}

function table(f: Fitted, evalRows: FeatureRow[], negatives: FeatureRow[], groupOf: (r: FeatureRow) => string[]): Row[] {
  const out: Row[] = [];
  for (const variant of ['clean', 'small']) {
    const neg = negatives.filter((r) => r.variant === variant);
    const negP = neg.map((r) => fusedP(r, f.fusion, f.thresholds, f));
    const negV2 = neg.map(v2P);
    const groups = new Map<string, FeatureRow[]>();
    for (const r of evalRows.filter((r) => r.variant === variant)) for (const g of groupOf(r)) groups.set(g, [...(groups.get(g) ?? []), r]);
    for (const [group, list] of [...groups].sort((a, b) => a[0].localeCompare(b[0]))) {
      const kind = list[0].label;
      const ps = list.map((r) => fusedP(r, f.fusion, f.thresholds, f));
      const levels = list.map((r) => levelOf(r, f));
      const v2levels = list.map(v2Level);
      const row: Row = {
        group,
        kind,
        variant,
        n: list.length,
        high: share(levels.filter((l) => l === 'high'), list.length),
        mediumPlus: share(levels.filter((l) => l === 'high' || l === 'medium'), list.length),
        unsure: share(levels.filter((l) => l === 'unsure'), list.length),
        v2high: share(v2levels.filter((l) => l === 'high'), list.length),
        v2mediumPlus: share(v2levels.filter((l) => l === 'high' || l === 'medium'), list.length),
      };
      if (kind === 'generated') {
        row.auc = rocAuc(ps, negP);
        row.atFpr1 = tprAtFpr(ps, negP, 0.01);
        row.v2auc = rocAuc(list.map(v2P), negV2);
        row.v2atFpr1 = tprAtFpr(list.map(v2P), negV2, 0.01);
      } else if (kind === 'real') {
        const t1 = thresholdAtFpr(negP, 0.01);
        row.atFpr1 = share(ps.filter((p) => p >= t1), list.length);
      }
      out.push(row);
    }
  }
  return out;
}

const fmt = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '–' : v.toFixed(3));

function markdownGenerated(rowsOut: Row[]): string {
  const lines = [
    '| generated (family / source) | variant | n | AUC | TPR @1% FPR | medium+ | high | unsure | v2 AUC | v2 TPR @1% FPR | v2 medium+ | v2 high |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rowsOut.filter((r) => r.kind === 'generated')) {
    lines.push(`| ${r.group} | ${r.variant} | ${r.n} | ${fmt(r.auc)} | ${fmt(r.atFpr1)} | ${fmt(r.mediumPlus)} | ${fmt(r.high)} | ${fmt(r.unsure)} | ${fmt(r.v2auc)} | ${fmt(r.v2atFpr1)} | ${fmt(r.v2mediumPlus)} | ${fmt(r.v2high)} |`);
  }
  return lines.join('\n');
}

function markdownReal(rowsOut: Row[]): string {
  const lines = [
    '| real / non-face (family / source) | variant | n | medium+ | high | unsure | v2 medium+ | v2 high |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rowsOut.filter((r) => r.kind !== 'generated')) {
    lines.push(`| ${r.group} | ${r.variant} | ${r.n} | ${fmt(r.mediumPlus)} | ${fmt(r.high)} | ${fmt(r.unsure)} | ${fmt(r.v2mediumPlus)} | ${fmt(r.v2high)} |`);
  }
  return lines.join('\n');
}

function main() {
  const dryRun = process.argv.includes('--dry-run');
  const main = fit();
  const test = rows.filter((r) => r.part === 'test');
  const testNegatives = test.filter(unaligned);
  const groupOf = (r: FeatureRow) => (r.label === 'nonface' ? ['nonface:ALL', `source:${r.source}`] : [`family:${r.family}`, `source:${r.label}:${r.source}`]);
  const testRows = table(main, test, testNegatives, groupOf);
  const allGen = (variant: string) => test.filter((r) => r.label === 'generated' && r.variant === variant);
  const overall = ['clean', 'small'].map((variant) => {
    const neg = testNegatives.filter((r) => r.variant === variant).map((r) => fusedP(r, main.fusion, main.thresholds, main));
    const pos = allGen(variant).map((r) => fusedP(r, main.fusion, main.thresholds, main));
    return { variant, generated: pos.length, ordinaryReals: neg.length, auc: rocAuc(pos, neg), tprAtFpr1: tprAtFpr(pos, neg, 0.01) };
  });

  // held-out families: refit without the family, score its calibration + test images
  const holdouts: Record<string, unknown>[] = [];
  const heldOutRows: Row[] = [];
  for (const family of ['StyleGAN2', 'StableDiffusion2.1', 'FLUX/SDXL', 'LFW', 'UTKFace', 'FFHQ']) {
    const f = fit(family);
    const target = rows.filter((r) => r.part !== 'train' && r.family === family);
    const negatives = rows.filter((r) => r.part === 'test' && unaligned(r) && r.family !== family);
    const t = table(f, target, negatives, () => [`held out: ${family}`]);
    heldOutRows.push(...t);
    holdouts.push({ family, thresholds: f.thresholds, weights: f.fusion.weights, geometry: f.fusion.geometry, layout: f.fusion.layouts[0], notes: f.notes, rows: t });
  }

  const version = `${USES_ALIGNED || params.geometryHead ? 4 : 3}.0.0+${new Date().toISOString().slice(0, 16).replace(/[-:T]/g, '')}`;
  const metrics = { version, fitted: main, overallTest: overall, test: testRows, holdouts };
  // --dry-run prints only: the committed metrics stay those of the shipped fit
  if (!dryRun) writeFileSync(resolve(MODELS_DIR, 'training/metrics-v3.json'), `${JSON.stringify(metrics, null, 1)}\n`);
  const md = [
    `# Avatar detector v${USES_ALIGNED ? 4 : 3}: fitted ${new Date().toISOString()}`,
    '',
    `Canonical layout (${String(main.notes.layoutFrom)}): eyes at (${main.fusion.layouts[0].leftEye.x}, ${main.fusion.layouts[0].leftEye.y}) and (${main.fusion.layouts[0].rightEye.x}, ${main.fusion.layouts[0].rightEye.y}) of the image width / height; detector's StyleGAN2 layout (face-geometry.ts) for comparison: (${FFHQ_ALIGNED_LAYOUT.leftEye.x}, ${FFHQ_ALIGNED_LAYOUT.leftEye.y}) and (${FFHQ_ALIGNED_LAYOUT.rightEye.x}, ${FFHQ_ALIGNED_LAYOUT.rightEye.y}).`,
    `Geometry: ln d ~ N(${(main.notes.lnDistanceAligned as { mean: number }).mean.toFixed(3)}, ${(main.notes.lnDistanceAligned as { sd: number }).sd.toFixed(3)}²) for FFHQ-aligned photos, N(${(main.notes.lnDistanceOrdinary as { mean: number }).mean.toFixed(3)}, ${(main.notes.lnDistanceOrdinary as { sd: number }).sd.toFixed(3)}²) for ordinary portraits; g(d) = min(${GEOMETRY_MAX.toFixed(2)}, ${main.fusion.geometry.a.toFixed(3)} + ${main.fusion.geometry.b.toFixed(3)}·x + ${main.fusion.geometry.c.toFixed(3)}·x²), x = ln(max(d, ${GEOMETRY_FLOOR})); aligned share ${ALIGNED_SHARE}; the alignment cue fires at r(d) ≥ ${ALIGNED_MIN_RATIO}.`,
    `Fusion (texture inputs: ${TEXTURE_INPUTS}): intercept ${main.fusion.weights.intercept.toFixed(3)}, whole-picture texture weight ${main.fusion.weights.texture.toFixed(3)}${USES_ALIGNED ? `, aligned-face texture weight ${main.fusion.weights.aligned!.toFixed(3)} (its Platt scaling a ${main.alignedCalibration!.a.toFixed(3)}, b ${main.alignedCalibration!.b.toFixed(3)})` : ''}. Thresholds on fused p: high ${main.thresholds.high.toFixed(4)} (≤ ${HIGH_FPR * 100} % FPR), medium ${main.thresholds.medium.toFixed(4)} (≤ ${MEDIUM_FPR * 100} % FPR) on calibration ordinary reals, pooled and per family ≥ ${MIN_FAMILY_FOR_THRESHOLD}.${main.fusion.alignedMinFaceScore !== undefined ? ` The alignment cue needs a face score ≥ ${main.fusion.alignedMinFaceScore} (1st percentile of calibration StyleGAN2 faces).` : ''}`,
    `Rows: ${JSON.stringify(main.notes)}`,
    '',
    '## Test part (never used for fitting); negatives for AUC / TPR@1%FPR = test ordinary reals (LFW, UTKFace, CelebA) of the same variant',
    '',
    overall.map((o) => `- ${o.variant}: all generated AUC ${fmt(o.auc)}, TPR at 1 % FPR ${fmt(o.tprAtFpr1)} (${o.generated} generated, ${o.ordinaryReals} ordinary reals)`).join('\n'),
    '',
    markdownGenerated(testRows),
    '',
    markdownReal(testRows),
    '',
    '## Held-out families (fusion, layout source, g(d) and thresholds refitted without the family; scored on its calibration + test images)',
    '',
    USES_ALIGNED && !USES_WHOLE
      ? `Texture is the aligned-face network only. Rows whose family has a run trained without it (${holdouts.filter((h) => (h.notes as { alignedFromHeldOutRun?: boolean }).alignedFromHeldOutRun).map((h) => h.family).join(', ') || 'none'}) take that run's margins (train_aligned.py --holdout, Python crops), so they hold the texture network out too; the other rows use the shipped aligned network.`
      : USES_ALIGNED
        ? `Rows whose family has an aligned run trained without it (${holdouts.filter((h) => (h.notes as { alignedFromHeldOutRun?: boolean }).alignedFromHeldOutRun).map((h) => h.family).join(', ') || 'none'}) take that run's margins for the aligned-face network (train_aligned.py --holdout, Python crops); the whole-picture network (v2 weights) was trained with every family, so no row holds it out.`
        : 'The whole-picture texture network (v2 weights) was trained with every family in its training part: the held-out rows measure the fusion and geometry without the family, not a texture model that never saw it.',
    '',
    markdownGenerated(heldOutRows),
    '',
    markdownReal(heldOutRows),
    '',
  ].join('\n');
  if (!dryRun) writeFileSync(resolve(MODELS_DIR, 'training/metrics-v3.md'), md);
  console.log(md);
  if (!dryRun) {
    const next = {
      ...params,
      version,
      textureThresholds: V2_THRESHOLDS,
      thresholds: main.thresholds,
      thresholdTargets: {
        high: `FPR <= ${HIGH_FPR * 100}% on calibration-part ordinary (not FFHQ-aligned) real photos, clean and 64px+JPEG50, pooled and within each real family with >= ${MIN_FAMILY_FOR_THRESHOLD} samples`,
        medium: `FPR <= ${MEDIUM_FPR * 100}% on the same`,
      },
      output: (params.geometryHead ? 'v4: one network; its output row is [texture logits (classes), face logit, left eye x, y, right eye x, y] (geometryHead.outputs; eyes in fractions of the centre square, face found when sigmoid(face logit) >= geometryHead.minScore; near a layout (geometryHead.mirrorNearWithin) the eyes are averaged with the mirrored input\'s); ' : '') +
        (FACE_GATE ? 'the alignment cue (needed for high) also needs sigmoid(face logit) >= fusion.alignedMinFaceScore; ' : '') +
        (USES_ALIGNED ? 'v4: + fusion.weights.aligned*logit(alignedP), alignedP = the aligned-face texture model (alignedTexture) on the detected face, Platt-calibrated; ' : '') +
        'v3: fused p(AI-generated) = sigmoid(fusion.weights.intercept + ln(alignedShare*exp(g(d)) + 1 - alignedShare) + fusion.weights.texture*logit(textureP)); textureP = sigmoid(calibration.a*(logits[generated]-logits[real]) + calibration.b) of the texture model; level unsure when no face is found, p(face photo) < faceMin, or the image is smaller than minImageSide',
      fusion: main.fusion,
      ...(USES_ALIGNED && params.alignedTexture ? { alignedTexture: { ...params.alignedTexture, calibration: main.alignedCalibration } } : {}),
      // v4 files (geometryHead): the texture network gives the face itself, no detector file
      ...(params.geometryHead ? {} : { faceDetector: params.faceDetector ?? { file: 'face-detector/blazeface-front.onnx', options: { refine: true, flip: true, minScore: 0.5 } } }),
      split: 'models/training/split-v3.json',
    };
    writeFileSync(PARAMS_PATH, `${JSON.stringify(next, null, 2)}\n`);
    console.error(`wrote ${PARAMS_PATH}`);
  }
}

main();
