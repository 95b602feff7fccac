/**
 * Sizes of unions of account groups without listing them per account. In a copy-paste campaign every
 * member of a 3,000-account cluster has the same groups: their union is computed once per distinct
 * combination of groups during a scoring pass, not once per member (which would grow with the square
 * of the cluster's size).
 */
import { RELATED_SAMPLE } from '../types.ts';

/** A group of accounts; `accounts` sorted in code-unit order (`Array.prototype.sort`). */
export interface MemberGroup {
  id: string;
  accounts: readonly string[];
}

export interface Union {
  count: number;
  /** the smallest members, in order (one more than a sample so that one can be left out) */
  sample: string[];
}

/** The accounts of a union other than `self` (a member): how many, and the first `max`. */
export interface Others {
  count: number;
  sample: string[];
}

const KEEP = RELATED_SAMPLE + 1;

/** The `k` smallest strings of an iterable, in order; O(n·k). */
export function smallest(values: Iterable<string>, k: number): string[] {
  const out: string[] = [];
  for (const v of values) {
    if (out.length === k && v >= out[k - 1]) continue;
    let i = out.length < k ? out.length : k - 1;
    if (out.length < k) out.push(v);
    while (i > 0 && out[i - 1] > v) {
      out[i] = out[i - 1];
      i--;
    }
    out[i] = v;
  }
  return out;
}

interface CachedUnion {
  union: Union;
  /** the groups' member arrays and the restriction it was computed from (groups are never edited in place) */
  arrays: (readonly string[])[];
  lengths: number[];
  within?: ReadonlySet<string>;
}

export class UnionCache {
  private cache = new Map<string, CachedUnion>();
  /** the previous pass's unions: reused when their groups are the very same arrays */
  private previous = new Map<string, CachedUnion>();

  /**
   * Starts a new pass. Unions of groups that did not change since the last pass are kept (an account
   * in hundreds of co-occurrence groups is rescored often in a large case; its union is not rebuilt
   * each time); unions not asked for during a pass are dropped after it.
   */
  clear(): void {
    this.previous = this.cache;
    this.cache = new Map();
  }

  /**
   * Union of the groups' accounts, restricted to `within` when given. Cached by the groups' ids (and
   * `within.id`), checked against the groups' member arrays.
   */
  of(groups: readonly MemberGroup[], within?: { id: string; members: ReadonlySet<string> }): Union {
    if (groups.length === 0) return { count: 0, sample: [] };
    if (groups.length === 1 && !within) return { count: groups[0].accounts.length, sample: groups[0].accounts.slice(0, KEEP) };
    const key = `${within?.id ?? ''}\u0000${groups.map((g) => g.id).join('\u0000')}`;
    let entry = this.cache.get(key);
    if (!entry) {
      const earlier = this.previous.get(key);
      if (earlier && sameGroups(earlier, groups, within?.members)) entry = earlier;
      else {
        const set = new Set<string>();
        for (const g of groups) for (const a of g.accounts) if (!within || within.members.has(a)) set.add(a);
        entry = { union: { count: set.size, sample: smallest(set, KEEP) }, arrays: groups.map((g) => g.accounts), lengths: groups.map((g) => g.accounts.length), within: within?.members };
      }
      this.cache.set(key, entry);
    }
    return entry.union;
  }
}

function sameGroups(entry: CachedUnion, groups: readonly MemberGroup[], within: ReadonlySet<string> | undefined): boolean {
  if (entry.within !== within || entry.arrays.length !== groups.length) return false;
  for (let i = 0; i < groups.length; i++) if (entry.arrays[i] !== groups[i].accounts || entry.lengths[i] !== groups[i].accounts.length) return false;
  return true;
}

/** The union's members other than `self`, which callers know to be a member. */
export function othersOf(union: Union, self: string, max = RELATED_SAMPLE): Others {
  const sample = union.sample.filter((k) => k !== self).slice(0, max);
  return { count: union.count > 0 ? union.count - 1 : 0, sample };
}
