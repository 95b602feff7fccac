/**
 * Bursts: many comments from distinct accounts within a short window, compared with the thread's
 * own rate (Poisson tail). Uses absolute times where the platform gives them, else relative times
 * anchored at observation time (only those precise enough for the window), else observation times
 * when the thread was watched over a long enough span. Otherwise the signal is unavailable.
 */

import { compareText } from '../text/compare.ts';
export interface TimedComment {
  key: string;
  account: string;
  ms: number;
  precisionMs: number;
}

export interface BurstOptions {
  /** window width, ms */
  windowMs: number;
  /** comments less precise than this cannot be placed in a window */
  maxPrecisionMs: number;
  /** a burst needs this many distinct accounts */
  minAccounts: number;
  /** Poisson tail probability below which a window counts as a burst */
  alpha: number;
  /** and the window must hold at least this many times the comments expected at the baseline rate
   * (organic attention decays after a post: the first hour is busier than average, but not 5×
   * busier than the thread's central rate and also improbable under Poisson) */
  minRatio: number;
}
export const DEFAULT_BURST: BurstOptions = { windowMs: 30 * 60_000, maxPrecisionMs: 60 * 60_000, minAccounts: 3, alpha: 1e-4, minRatio: 5 };

export interface Burst {
  id: string;
  startMs: number;
  endMs: number;
  commentKeys: string[];
  accounts: string[];
  /** comments expected in such a window at the thread's baseline rate */
  expected: number;
  /** distinct accounts in the burst divided by `expected` */
  ratio: number;
  /** coarsest time precision among the burst's comments (relative times: "3 hours ago" → 1 h) */
  precisionMs: number;
}

/** Order of comments in time (ties by key, so that results do not depend on arrival order). */
export function compareTimed(a: TimedComment, b: TimedComment): number {
  return a.ms - b.ms || compareText(a.key, b.key);
}

/**
 * P(X ≥ k) for X ~ Poisson(lambda). Terms are carried in log space: for large lambda (hundreds of
 * comments sharing one coarse relative time) e^-lambda underflows to 0 and a plain sum would never grow.
 */
export function poissonTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  let logTerm = -lambda;
  let cdf = Math.exp(logTerm);
  for (let i = 1; i < k; i++) {
    logTerm += Math.log(lambda / i);
    cdf += Math.exp(logTerm);
  }
  return Math.max(0, 1 - cdf);
}

/**
 * Finds bursts in one thread. `comments` are all timed comments of the thread (any precision);
 * the baseline rate is comments per ms over the thread's central 90 % time span.
 */
export function findBursts(comments: TimedComment[], opts: Partial<BurstOptions> = {}, presorted = false): Burst[] {
  const o = { ...DEFAULT_BURST, ...opts };
  if (comments.length < o.minAccounts) return [];
  const all = presorted ? comments : [...comments].sort(compareTimed);
  const lo = all[Math.floor(all.length * 0.05)].ms;
  const hi = all[Math.ceil(all.length * 0.95) - 1].ms;
  const span = Math.max(hi - lo, o.windowMs);
  const rate = (all.length * 0.9) / span;
  // Relative times ("2 hours ago") are only as fine as their unit: widen the window to match.
  // Comments too coarse to place ("4 years ago") count for the rate but not for windows.
  let width = o.windowMs;
  let coarse = 0;
  for (const c of all) {
    if (c.precisionMs > o.maxPrecisionMs) coarse++;
    else if (c.precisionMs > width) width = c.precisionMs;
  }
  const precise = coarse === 0 ? all : all.filter((c) => c.precisionMs <= o.maxPrecisionMs);
  const flagged = new Set<number>();
  const expected = rate * width;
  // The smallest comment count that could pass both tests; distinct accounts ≤ comments, so windows
  // with fewer comments are skipped without counting accounts (the common case in organic threads).
  let needed = Math.max(o.minAccounts, Math.ceil(o.minRatio * expected));
  // No window can hold more comments than there are: stop counting up there (and skip the scan).
  while (needed <= precise.length && poissonTail(needed, expected) >= o.alpha) needed++;
  if (needed > precise.length) return [];
  let j = 0;
  for (let i = 0; i < precise.length; i++) {
    // window [precise[i].ms, precise[i].ms + width]
    if (j < i) j = i;
    while (j < precise.length && precise[j].ms - precise[i].ms <= width) j++;
    if (j - i < needed) continue;
    const accounts = new Set<string>();
    for (let k = i; k < j; k++) accounts.add(precise[k].account);
    if (accounts.size >= needed) for (let k = i; k < j; k++) flagged.add(k);
  }
  // Merge flagged comments into contiguous bursts.
  const bursts: Burst[] = [];
  let current: TimedComment[] = [];
  const flush = () => {
    const accounts = [...new Set(current.map((c) => c.account))].sort();
    if (accounts.length >= o.minAccounts) {
      const startMs = current[0].ms;
      const endMs = current[current.length - 1].ms;
      const expected = rate * Math.max(width, endMs - startMs);
      bursts.push({
        id: `burst:${current[0].key}`,
        startMs,
        endMs,
        commentKeys: current.map((c) => c.key),
        accounts,
        expected,
        ratio: accounts.length / Math.max(expected, 1e-9),
        precisionMs: current.reduce((m, c) => Math.max(m, c.precisionMs), 0),
      });
    }
    current = [];
  };
  const indexes = [...flagged].sort((a, b) => a - b);
  for (const k of indexes) {
    const c = precise[k];
    if (current.length > 0 && c.ms - current[current.length - 1].ms > width) flush();
    current.push(c);
  }
  if (current.length > 0) flush();
  return bursts;
}

/**
 * Which timing a thread can use. Observation times only count when the thread was watched for at
 * least `minSeenSpanMs` (a page read in one go gives every comment the same seen time).
 */
export function usableTimes<T extends { time?: { ms: number; precisionMs: number; source: string } }>(
  comments: T[],
  minSeenSpanMs = 60 * 60_000,
): { usable: T[]; basis: 'absolute' | 'relative' | 'seen' | 'none' } {
  const withTime = comments.filter((c) => c.time && c.time.source !== 'seen');
  if (withTime.length >= 3) {
    const basis = withTime.every((c) => c.time!.source === 'absolute') ? 'absolute' : 'relative';
    return { usable: withTime, basis };
  }
  const seen = comments.filter((c) => c.time?.source === 'seen');
  if (seen.length >= 3) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const c of seen) {
      lo = Math.min(lo, c.time!.ms);
      hi = Math.max(hi, c.time!.ms);
    }
    if (hi - lo >= minSeenSpanMs) return { usable: seen, basis: 'seen' };
  }
  return { usable: [], basis: 'none' };
}
