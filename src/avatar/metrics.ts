/** Detection metrics shared by scripts/eval-avatar.ts and the accuracy test. Pure code. */

/** Area under the ROC curve (Mann–Whitney, ties count one half). */
export function rocAuc(positives: number[], negatives: number[]): number {
  if (!positives.length || !negatives.length) return Number.NaN;
  const all = [...positives.map((v) => ({ v, pos: true })), ...negatives.map((v) => ({ v, pos: false }))].sort((a, b) => a.v - b.v);
  let rankSumPos = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j + 1 < all.length && all[j + 1].v === all[i].v) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (all[k].pos) rankSumPos += rank;
    i = j + 1;
  }
  const n = positives.length;
  return (rankSumPos - (n * (n + 1)) / 2) / (n * negatives.length);
}

/** Smallest threshold t with share(negatives >= t) <= fpr. */
export function thresholdAtFpr(negatives: number[], fpr: number): number {
  const sorted = [...negatives].sort((a, b) => b - a);
  const k = Math.floor(fpr * sorted.length);
  if (k >= sorted.length) return sorted[sorted.length - 1];
  const v = sorted[k];
  // the next representable number above v, so v itself is not counted
  return v + Math.max(Math.abs(v) * Number.EPSILON, Number.MIN_VALUE);
}

export function shareAtLeast(values: number[], threshold: number): number {
  return values.length ? values.filter((v) => v >= threshold).length / values.length : Number.NaN;
}

/** TPR at the threshold that gives the wanted FPR on the negatives. */
export function tprAtFpr(positives: number[], negatives: number[], fpr: number): number {
  return shareAtLeast(positives, thresholdAtFpr(negatives, fpr));
}
