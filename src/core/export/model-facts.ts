/**
 * What the evidence pack says about the avatar model, read from the files the model ships with
 * (`models/avatar-detector.json` and the recipe's `models/training/metrics.json`), so that the pack's
 * methods section changes when the model does. Unknown shapes give fewer facts, never an error.
 */

export interface ModelRate {
  group: string;
  n: number;
  /** false positives (real photos) or true positives (generated pictures) at the medium and high cut-offs */
  medium: number;
  high: number;
}

export interface ModelCondition {
  /** e.g. "clean", "jpeg64q50" */
  condition: string;
  auc?: number;
  nReal?: number;
  nGenerated?: number;
  realFalsePositives: ModelRate[];
  generatedDetected: ModelRate[];
}

export interface HeldOutRate {
  family: string;
  label: 'real' | 'generated';
  n: number;
  auc?: number;
  /** FPR (real) or TPR (generated) at medium and high, clean images */
  medium: number;
  high: number;
}

export interface ModelFacts {
  version: string;
  thresholds?: { medium: number; high: number };
  thresholdTargets?: Record<string, string>;
  measuredAt?: string;
  conditions: ModelCondition[];
  heldOut: HeldOutRate[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);
const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

function rates(groups: unknown, mediumKey: string, highKey: string): ModelRate[] {
  if (!isRecord(groups)) return [];
  const out: ModelRate[] = [];
  for (const [group, value] of Object.entries(groups)) {
    if (!isRecord(value) || !group.startsWith('family:')) continue;
    const n = num(value.n);
    const medium = num(value[mediumKey]);
    const high = num(value[highKey]);
    if (n !== undefined && medium !== undefined && high !== undefined) out.push({ group: group.slice('family:'.length), n, medium, high });
  }
  return out;
}

export function modelFacts(detector: unknown, metrics?: unknown): ModelFacts | undefined {
  if (!isRecord(detector) || typeof detector.version !== 'string') return undefined;
  const thresholds = isRecord(detector.thresholds) ? detector.thresholds : undefined;
  const medium = num(thresholds?.medium);
  const high = num(thresholds?.high);
  const facts: ModelFacts = {
    version: detector.version,
    ...(medium !== undefined && high !== undefined ? { thresholds: { medium, high } } : {}),
    ...(isRecord(detector.thresholdTargets)
      ? { thresholdTargets: Object.fromEntries(Object.entries(detector.thresholdTargets).filter(([, v]) => typeof v === 'string')) as Record<string, string> }
      : {}),
    conditions: [],
    heldOut: [],
  };
  if (!isRecord(metrics)) return facts;
  if (typeof metrics.created === 'string') facts.measuredAt = metrics.created;
  const main = isRecord(metrics.main) ? metrics.main : undefined;
  if (isRecord(main?.conditions)) {
    for (const [condition, value] of Object.entries(main.conditions)) {
      if (!isRecord(value)) continue;
      const overall = isRecord(value.overall) ? value.overall : {};
      facts.conditions.push({
        condition,
        auc: num(overall.auc),
        nReal: num(overall.nReal),
        nGenerated: num(overall.nGenerated),
        realFalsePositives: rates(value.real, 'fprMedium', 'fprHigh'),
        generatedDetected: rates(value.generated, 'tprMedium', 'tprHigh'),
      });
    }
  }
  if (Array.isArray(metrics.holdouts)) {
    for (const h of metrics.holdouts) {
      if (!isRecord(h) || typeof h.heldOut !== 'string' || (h.label !== 'real' && h.label !== 'generated') || !isRecord(h.clean)) continue;
      const real = h.label === 'real';
      const n = num(h.n);
      const medium = num(h.clean[real ? 'fprMedium' : 'tprMedium']);
      const high = num(h.clean[real ? 'fprHigh' : 'tprHigh']);
      if (n === undefined || medium === undefined || high === undefined) continue;
      facts.heldOut.push({ family: h.heldOut, label: h.label, n, auc: num(h.clean.auc), medium, high });
    }
  }
  return facts;
}
