/**
 * What the evidence pack says about the avatar model, read from the files the model ships with
 * (`models/avatar-detector.json` and the recipe's metrics: `models/training/metrics-v3.json` for the v3
 * detector, the older `metrics.json` shape for v2), so that the pack's
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
  if (Array.isArray(metrics.test)) return { ...facts, ...v3Facts(metrics) };
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

/** A v3 row: one family ("family:LFW" or "held out: StyleGAN2") under one image variant. */
function v3Rate(row: Record<string, unknown>): ModelRate | undefined {
  const n = num(row.n);
  const medium = num(row.mediumPlus);
  const high = num(row.high);
  if (typeof row.group !== 'string' || n === undefined || medium === undefined || high === undefined) return undefined;
  return { group: row.group.replace(/^(family|held out): /, '').replace(/^family:/, ''), n, medium, high };
}

/** The v3 recipe's report (`metrics-v3.json`): rates on the test part per variant, and held-out-family runs. */
function v3Facts(metrics: Record<string, unknown>): Pick<ModelFacts, 'measuredAt' | 'conditions' | 'heldOut'> {
  const rows = (metrics.test as unknown[]).filter(isRecord);
  const overall = Array.isArray(metrics.overallTest) ? metrics.overallTest.filter(isRecord) : [];
  const variants = [...new Set(rows.map((r) => r.variant).filter((v): v is string => typeof v === 'string'))];
  const conditions: ModelCondition[] = variants.map((variant) => {
    const total = overall.find((o) => o.variant === variant);
    const of = (kind: string) =>
      rows.filter((r) => r.variant === variant && r.kind === kind).flatMap((r) => v3Rate(r) ?? []);
    return {
      condition: variant === 'small' ? 'small (64 px + JPEG 50)' : variant,
      auc: num(total?.auc),
      nReal: num(total?.ordinaryReals),
      nGenerated: num(total?.generated),
      realFalsePositives: of('real'),
      generatedDetected: of('generated'),
    };
  });
  const heldOut: HeldOutRate[] = [];
  for (const run of Array.isArray(metrics.holdouts) ? metrics.holdouts.filter(isRecord) : []) {
    for (const row of Array.isArray(run.rows) ? run.rows.filter(isRecord) : []) {
      const rate = row.variant === 'clean' ? v3Rate(row) : undefined;
      if (rate && (row.kind === 'real' || row.kind === 'generated')) heldOut.push({ family: rate.group, label: row.kind, n: rate.n, auc: num(row.auc), medium: rate.medium, high: rate.high });
    }
  }
  return { ...(typeof metrics.version === 'string' ? { measuredAt: `model ${metrics.version}` } : {}), conditions, heldOut };
}
