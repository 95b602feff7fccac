/**
 * Co-occurrence: the same accounts commenting together in at least two threads the user has seen.
 * Only accounts present in ≥ 2 threads can take part, which keeps this cheap: each such account is
 * indexed under every pair of its threads.
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
}

/**
 * Groups of accounts by pair of threads they all commented in. Linear in the accounts' thread pairs:
 * an account's partners are the union of its groups, which callers size only when they need to.
 */
export function findCoOccurrenceGroups(threadsByAccount: Map<string, Set<string>>, minThreads = 2): CoOccurrenceGroup[] {
  const byPair = new Map<string, string[]>();
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
    groups.push({ id: `co:${a}|${b}`, threads: [a, b], accounts: accounts.sort() });
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
