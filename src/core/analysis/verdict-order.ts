/**
 * Verdicts in output order (highest score first, then level, then account key), kept up to date as a
 * few accounts are rescored: in a 100,000-account case a batch of 20 comments changes a few dozen
 * verdicts, which are found by binary search and merged back in one pass, instead of visiting every
 * entry through a set of changed keys.
 */
import type { AccountVerdict, Level } from '../types.ts';
import { compareText } from '../text/compare.ts';

const LEVEL_RANK: Record<Level, number> = { high: 3, medium: 2, unsure: 1, low: 0 };

export function compareVerdicts(ka: string, a: AccountVerdict, kb: string, b: AccountVerdict): number {
  return b.score - a.score || LEVEL_RANK[b.level] - LEVEL_RANK[a.level] || compareText(ka, kb);
}

/** Above this many changes since the last listing, sorting everything again is cheaper. */
const MAX_PATCHED = 2000;

export class VerdictOrder {
  private keys: string[] = [];
  private verdicts: AccountVerdict[] = [];
  private valid = false;
  /** accounts rescored since the last listing → their verdict in `verdicts` then (undefined: not listed) */
  private replaced = new Map<string, AccountVerdict | undefined>();

  /** Call before an account's verdict in `current` is replaced by a new one. */
  replacing(key: string, current: ReadonlyMap<string, AccountVerdict>): void {
    // Nothing to patch before the first listing (a case analysed from scratch looks nothing up).
    if (!this.valid || this.replaced.has(key)) return;
    this.replaced.set(key, current.get(key));
    if (this.replaced.size > MAX_PATCHED) this.invalidate();
  }

  invalidate(): void {
    this.valid = false;
    this.replaced.clear();
  }

  /** Every verdict of `current`, in order (a new array). */
  list(current: ReadonlyMap<string, AccountVerdict>): AccountVerdict[] {
    if (!this.valid) {
      this.sortAll(current);
      this.valid = true;
      this.replaced.clear();
    } else if (this.replaced.size > 0) this.patch(current);
    return this.verdicts.slice();
  }

  /**
   * Sorts every verdict in the order of `compareVerdicts`, reading scores, levels and the start of
   * each key from arrays: most accounts of a thread tie on score 0, and comparing their key strings
   * was most of the sort. A key's first three characters after the prefix all keys share decide the
   * order of two keys numerically when they differ (a character is its code + 1, a missing one 0).
   */
  private sortAll(current: ReadonlyMap<string, AccountVerdict>): void {
    const n = current.size;
    const keys: string[] = [];
    const verdicts: AccountVerdict[] = [];
    for (const [key, v] of current) {
      keys.push(key);
      verdicts.push(v);
    }
    let shared = n === 0 ? 0 : keys[0].length;
    for (let i = 1; i < n && shared > 0; i++) {
      const k = keys[i];
      let c = 0;
      while (c < shared && c < k.length && k.charCodeAt(c) === keys[0].charCodeAt(c)) c++;
      shared = c;
    }
    const scores = new Float64Array(n);
    const ranks = new Uint8Array(n);
    const starts = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const k = keys[i];
      scores[i] = verdicts[i].score;
      ranks[i] = LEVEL_RANK[verdicts[i].level];
      let code = 0;
      for (let c = shared; c < shared + 3; c++) code = code * 0x20000 + (c < k.length ? k.charCodeAt(c) + 1 : 0);
      starts[i] = code;
    }
    const order: number[] = [];
    for (let i = 0; i < n; i++) order.push(i);
    order.sort((i, j) => scores[j] - scores[i] || ranks[j] - ranks[i] || starts[i] - starts[j] || compareText(keys[i], keys[j]));
    this.keys = order.map((i) => keys[i]);
    this.verdicts = order.map((i) => verdicts[i]);
  }

  private patch(current: ReadonlyMap<string, AccountVerdict>): void {
    const { keys, verdicts } = this;
    const removed = new Set<number>();
    const added: [string, AccountVerdict][] = [];
    for (const [key, listed] of this.replaced) {
      if (listed) removed.add(this.position(key, listed));
      const now = current.get(key);
      if (now) added.push([key, now]);
    }
    added.sort(([ka, a], [kb, b]) => compareVerdicts(ka, a, kb, b));
    // Where each new verdict goes among the old ones (before the first old one that follows it).
    const at = added.map(([k, v]) => this.position(k, v, false));
    const cuts = [...new Set([...removed, ...at])].sort((x, y) => x - y);
    // Copy the runs between cuts whole (slices), not entry by entry.
    const keyParts: string[][] = [];
    const verdictParts: AccountVerdict[][] = [];
    let start = 0;
    let j = 0;
    for (const cut of cuts) {
      keyParts.push(keys.slice(start, cut));
      verdictParts.push(verdicts.slice(start, cut));
      for (; j < added.length && at[j] === cut; j++) {
        keyParts.push([added[j][0]]);
        verdictParts.push([added[j][1]]);
      }
      start = removed.has(cut) ? cut + 1 : cut;
    }
    keyParts.push(keys.slice(start));
    verdictParts.push(verdicts.slice(start));
    for (; j < added.length; j++) {
      keyParts.push([added[j][0]]);
      verdictParts.push([added[j][1]]);
    }
    this.keys = ([] as string[]).concat(...keyParts);
    this.verdicts = ([] as AccountVerdict[]).concat(...verdictParts);
    this.replaced.clear();
  }

  /**
   * Index of a listed verdict (keys are unique, so the order is total), or with `listed` false the
   * index of the first listed verdict that follows it.
   */
  private position(key: string, verdict: AccountVerdict, listed = true): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareVerdicts(this.keys[mid], this.verdicts[mid], key, verdict) < 0) lo = mid + 1;
      else hi = mid;
    }
    if (listed && (this.keys[lo] !== key || this.verdicts[lo] !== verdict)) throw new Error(`verdict order lost ${key}`);
    return lo;
  }
}
