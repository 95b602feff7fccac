/**
 * Co-occurrence: the same accounts commenting together in at least two threads the user has seen.
 * Only accounts present in ≥ 2 threads can take part, which keeps this cheap: each such account is
 * indexed under every pair of its threads.
 *
 * Each pair of threads carries a chance: if every account that appears in several threads had
 * picked its threads at random among the case's T threads, an account seen in m of them is in a
 * given pair with probability m(m−1)/(T(T−1)), so the accounts expected in both threads of a pair
 * number λ = Σ m(m−1)/(T(T−1)); the chance of k or more is the Poisson tail, multiplied by the
 * C(T, 2) pairs that could have shown it (Bonferroni). Channel regulars who comment under most
 * videos (m > T/2) are expected in every pair: they are left out of k and λ and carry no evidence;
 * a handful of otherwise rare visitors meeting in the same two threads does. With two or three
 * threads nobody is rare and co-occurrence says nothing; timing is co-travel's business (co-travel.ts).
 */

export interface CoOccurrence {
  account: string;
  /** other accounts sharing at least `minThreads` threads with this one */
  partners: string[];
  /** the threads shared with the partners */
  threads: string[];
}

/** Accounts that commented in both threads of a pair (at least two of them). */
export interface CoOccurrenceGroup {
  id: string;
  /** the two threads, sorted */
  threads: [string, string];
  /** sorted */
  accounts: string[];
  /** accounts in both threads that are not regulars (in at most half of the case's threads), sorted: only they can draw evidence from the pair */
  visitors: string[];
  /** accounts (other than regulars) expected in both threads if multi-thread accounts picked their threads at random */
  expected: number;
  /** log10 of the chance of this many, corrected for the pairs of threads (≤ 0) */
  log10Corrected: number;
}

const LN10 = Math.log(10);

/** log10 P(X ≥ k) for X ~ Poisson(λ), exact in the far tail (summed from k upward in log space). */
export function log10PoissonTail(k: number, lambda: number): number {
  if (k <= 0) return 0;
  if (lambda <= 0) return -Infinity;
  if (k <= lambda) {
    // Not in the tail: 1 − P(X < k) is well conditioned.
    let logTerm = -lambda;
    let cdf = Math.exp(logTerm);
    for (let i = 1; i < k; i++) {
      logTerm += Math.log(lambda / i);
      cdf += Math.exp(logTerm);
    }
    return Math.log10(Math.max(1e-300, 1 - cdf));
  }
  let logTerm = -lambda;
  for (let i = 1; i <= k; i++) logTerm += Math.log(lambda / i);
  // Terms after k shrink by λ/i < 1: sum until they stop mattering.
  let sum = 1;
  let ratio = 1;
  for (let i = k + 1; i < k + 1000; i++) {
    ratio *= lambda / i;
    sum += ratio;
    if (ratio < 1e-12 * sum) break;
  }
  return (logTerm + Math.log(sum)) / LN10;
}

/**
 * Groups of accounts by pair of threads they all commented in. Linear in the accounts' thread pairs:
 * an account's partners are the union of its groups, which callers size only when they need to.
 */
export function findCoOccurrenceGroups(threadsByAccount: Map<string, Set<string>>, minThreads = 2): CoOccurrenceGroup[] {
  const byPair = new Map<string, string[]>();
  const allThreads = new Set<string>();
  for (const threads of threadsByAccount.values()) if (threads.size >= minThreads) for (const t of threads) allThreads.add(t);
  const T = allThreads.size;
  // Accounts in most of the case's threads (regulars) are expected in any pair: they tell nothing
  // and are left out of both the count and its expectation.
  const informative = (m: number) => m >= minThreads && m <= T / 2;
  let expected = 0;
  for (const threads of threadsByAccount.values()) {
    const m = threads.size;
    if (informative(m)) expected += (m * (m - 1)) / (T * (T - 1));
  }
  const log10Pairs = T >= 2 ? Math.log10((T * (T - 1)) / 2) : 0;
  for (const [account, threads] of threadsByAccount) {
    if (threads.size < minThreads) continue;
    const list = [...threads].sort();
    // Bound the work for accounts seen in very many threads: pairs of their 30 first threads.
    const capped = list.slice(0, 30);
    for (let i = 0; i < capped.length; i++) {
      for (let j = i + 1; j < capped.length; j++) {
        const key = `${capped[i]}\u0000${capped[j]}`;
        let arr = byPair.get(key);
        if (!arr) byPair.set(key, (arr = []));
        arr.push(account);
      }
    }
  }
  const groups: CoOccurrenceGroup[] = [];
  for (const [pair, accounts] of byPair) {
    if (accounts.length < 2) continue;
    const [a, b] = pair.split('\u0000') as [string, string];
    accounts.sort();
    const visitors = accounts.filter((a) => informative(threadsByAccount.get(a)!.size));
    const k = visitors.length;
    const log10Corrected = k < 2 ? 0 : Math.min(0, log10PoissonTail(k, expected) + log10Pairs);
    groups.push({ id: `co:${a}|${b}`, threads: [a, b], accounts, visitors, expected: Math.round(expected * 100) / 100, log10Corrected: Math.round(log10Corrected * 100) / 100 });
  }
  return groups.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

/** Per account, every partner and shared thread (quadratic in a group's size: for small cases and tests). */
export function findCoOccurrence(threadsByAccount: Map<string, Set<string>>, minThreads = 2): Map<string, CoOccurrence> {
  const partners = new Map<string, Set<string>>();
  const shared = new Map<string, Set<string>>();
  for (const { accounts, threads } of findCoOccurrenceGroups(threadsByAccount, minThreads)) {
    for (const a of accounts) {
      let p = partners.get(a);
      if (!p) {
        partners.set(a, (p = new Set()));
        shared.set(a, new Set());
      }
      for (const b of accounts) if (b !== a) p.add(b);
      for (const t of threads) shared.get(a)!.add(t);
    }
  }
  const result = new Map<string, CoOccurrence>();
  for (const [a, p] of partners) result.set(a, { account: a, partners: [...p].sort(), threads: [...shared.get(a)!].sort() });
  return result;
}
