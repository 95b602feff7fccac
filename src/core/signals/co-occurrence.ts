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

export function findCoOccurrence(threadsByAccount: Map<string, Set<string>>, minThreads = 2): Map<string, CoOccurrence> {
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
  const partners = new Map<string, Set<string>>();
  const shared = new Map<string, Set<string>>();
  for (const [pair, accounts] of byPair) {
    if (accounts.length < 2) continue;
    const threads = pair.split('\u0000');
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
