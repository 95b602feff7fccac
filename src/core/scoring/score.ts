/** Combines evidence into an account score and level. Weights and rules: weights.ts. */
import type { Evidence, Level } from '../types.ts';
import { DEFAULT_THRESHOLDS, SIGNALS, UNSURE_FRACTION_OF_MEDIUM, type SignalName, type Thresholds } from './weights.ts';

export interface ScoreResult {
  score: number;
  level: Level;
  reasons: Evidence[];
  /** why the score was capped, if it was */
  cap?: 'no-relational-signal' | 'single-signal';
}

const EPS = 0.001;

export function levelFor(score: number, thresholds: Thresholds = DEFAULT_THRESHOLDS): Level {
  if (score >= thresholds.high) return 'high';
  if (score >= thresholds.medium) return 'medium';
  if (score >= thresholds.medium * UNSURE_FRACTION_OF_MEDIUM) return 'unsure';
  return 'low';
}

export function combineEvidence(evidence: Evidence[], thresholds: Thresholds = DEFAULT_THRESHOLDS, label?: 'confirmed' | 'dismissed'): ScoreResult {
  if (evidence.length === 0 && !label) return { score: 0, level: levelFor(0, thresholds), reasons: [] };
  const reasons = evidence.filter((e) => e.weight > 0).sort((a, b) => b.weight - a.weight || a.signal.localeCompare(b.signal));
  let keep = 1;
  for (const e of reasons) keep *= 1 - Math.min(1, Math.max(0, e.weight));
  let score = 1 - keep;
  let cap: ScoreResult['cap'];
  const specs = reasons.map((e) => SIGNALS[e.signal as SignalName]).filter(Boolean);
  const relational = specs.some((s) => s.relational);
  const families = new Set(specs.map((s) => s.family));
  const signals = new Set(reasons.map((e) => e.signal));
  if (!relational && score >= thresholds.medium) {
    score = thresholds.medium - EPS;
    cap = 'no-relational-signal';
  } else if ((signals.size < 2 || families.size < 2) && score >= thresholds.high) {
    score = thresholds.high - EPS;
    cap = 'single-signal';
  }
  score = Math.round(score * 1000) / 1000;
  let level = levelFor(score, thresholds);
  if (label === 'dismissed') {
    level = 'low';
    reasons.unshift({ signal: 'label', weight: 0, detail: 'You dismissed this account: it is never flagged.' });
  } else if (label === 'confirmed') {
    if (level !== 'high') level = 'medium';
    reasons.unshift({ signal: 'label', weight: 0, detail: 'You confirmed this account as coordinated.' });
  }
  return { score, level, reasons, cap };
}
