/**
 * Account age (where the platform exposes creation dates, e.g. X): accounts created shortly before
 * commenting, and accounts created in a batch — more commenters created within a few days of each
 * other than the case's own spread of creation dates explains (Poisson tail, as for bursts).
 */
import { compareText } from '../text/compare.ts';
import { poissonTail } from './burst.ts';

const DAY = 86_400_000;

export interface FreshAccount {
  ageDays: number;
}

/** Age of the account when it commented; fresh when under `maxDays`. */
export function freshAccount(createdAt: string | undefined, commentedAtMs: number | undefined, maxDays = 90): FreshAccount | undefined {
  if (!createdAt || commentedAtMs === undefined) return undefined;
  const created = Date.parse(createdAt);
  if (!Number.isFinite(created)) return undefined;
  const ageDays = (commentedAtMs - created) / DAY;
  return ageDays >= 0 && ageDays < maxDays ? { ageDays } : undefined;
}

export interface BatchGroup {
  id: string;
  accounts: string[];
  startMs: number;
  endMs: number;
  expected: number;
}

export interface BatchOptions {
  windowMs: number;
  minAccounts: number;
  alpha: number;
}
export const DEFAULT_BATCH: BatchOptions = { windowMs: 3 * DAY, minAccounts: 3, alpha: 1e-3 };

/** Groups of accounts created within `windowMs` of each other, improbable at the case's base rate. */
export function findBatchCreation(accounts: { account: string; createdMs: number }[], opts: Partial<BatchOptions> = {}): BatchGroup[] {
  const o = { ...DEFAULT_BATCH, ...opts };
  if (accounts.length < o.minAccounts) return [];
  const sorted = [...accounts].sort((a, b) => a.createdMs - b.createdMs || compareText(a.account, b.account));
  const lo = sorted[0].createdMs;
  const hi = sorted[sorted.length - 1].createdMs;
  // Creation dates of real commenters spread over the platform's lifetime; floor the span at a year
  // so a handful of accounts cannot make any coincidence look improbable.
  const span = Math.max(hi - lo, 365 * DAY);
  const expected = (sorted.length / span) * o.windowMs;
  const flagged = new Set<number>();
  let j = 0;
  for (let i = 0; i < sorted.length; i++) {
    while (j < sorted.length && sorted[j].createdMs - sorted[i].createdMs <= o.windowMs) j++;
    const count = j - i;
    if (count >= o.minAccounts && poissonTail(count, expected) < o.alpha) for (let k = i; k < j; k++) flagged.add(k);
  }
  const groups: BatchGroup[] = [];
  let current: typeof sorted = [];
  const flush = () => {
    if (current.length >= o.minAccounts) {
      groups.push({
        id: `batch:${current[0].account}`,
        accounts: current.map((c) => c.account).sort(),
        startMs: current[0].createdMs,
        endMs: current[current.length - 1].createdMs,
        expected,
      });
    }
    current = [];
  };
  for (const k of [...flagged].sort((a, b) => a - b)) {
    if (current.length > 0 && sorted[k].createdMs - current[current.length - 1].createdMs > o.windowMs) flush();
    current.push(sorted[k]);
  }
  flush();
  return groups;
}
