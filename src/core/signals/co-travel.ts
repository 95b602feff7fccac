/**
 * Accounts that travel together: the same accounts commenting close in time to one another in
 * several threads of a case, with a number behind it.
 *
 * Like the coordination-network-toolkit's co-reply network and CooRTweet, a pair of accounts is
 * linked by coordinated events — both commenting in one thread within `windowMs` of each other —
 * and the edge carries the number of events and the average gap. Unlike them, each event is weighed
 * by how surprising it is in *that* thread: the chance that a comment of the thread falls as close
 * to the partner's as it did is the share of the thread's background (comments of accounts seen in
 * that thread only) in that stretch of time (a first-hour rush makes closeness cheap; a quiet
 * afternoon makes it rare). A pair's chance is the
 * product over its close threads times the ways of choosing them among its shared threads; a pair
 * links when that chance stays small after multiplying by the number of pairs that met at all. Linked
 * pairs form groups; a group's chance is the product over its threads of the chance that its members
 * present there all fall within their observed spread, corrected for the number of groups of that
 * size among the accounts present in those threads (Bonferroni). That corrected chance decides the
 * evidence: tiny chances escalate beyond "unsure" even when every thread alone looks harmless.
 *
 * Only accounts seen in ≥ 2 threads take part; pairs come from a sliding window over each thread's
 * timeline (at most `maxNeighbours` per comment), so the cost is linear in the case.
 */
import { compareText } from '../text/compare.ts';

export interface TravelComment {
  key: string;
  account: string;
  ms: number;
  precisionMs: number;
}

export interface CoTravelOptions {
  /** two comments closer than this in one thread are a coordinated event (toolkit: 1 h co-reply) */
  windowMs: number;
  /** comments whose time is less precise than this cannot show closeness */
  maxPrecisionMs: number;
  /** coordinated events a pair needs (toolkit and CooRTweet default: 2) */
  minEvents: number;
  /** a pair's chance, times the number of pairs with a close event (Bonferroni), must be below this to link it into a group */
  pairAlpha: number;
  /** a group's corrected chance must be below this to be evidence */
  groupAlpha: number;
  /**
   * …and a group of only two accounts below this: pairs are by far the most numerous groups that
   * could form (80,000 among 400 channel regulars), and the per-thread densities are estimates, so
   * a borderline pair is expected somewhere in a large case (two regulars at "1 in 468" in the
   * 100,000-comment bench).
   */
  pairGroupAlpha: number;
  /** closest neighbours considered per comment in a window */
  maxNeighbours: number;
  /** time differences below this are treated as this (clocks, display rounding) */
  minGapMs: number;
  /**
   * A stretch of time holding more than this share of the thread's other comments (within
   * `rushWindowMs`) is a rush — the first hour of a video, a live moment — where regulars meet by
   * habit: closeness there is expected and not counted.
   */
  rushShare: number;
  rushWindowMs: number;
  /**
   * Closeness within this long after a thread's first comment is not counted either: regulars who
   * watch every new video as it comes out meet in its first hour by habit.
   */
  earlyMs: number;
}

export const DEFAULT_CO_TRAVEL: CoTravelOptions = {
  windowMs: 60 * 60_000,
  maxPrecisionMs: 60 * 60_000,
  minEvents: 2,
  pairAlpha: 0.05,
  groupAlpha: 0.05,
  pairGroupAlpha: 1e-3,
  maxNeighbours: 200,
  minGapMs: 60_000,
  rushShare: 0.1,
  rushWindowMs: 60 * 60_000,
  earlyMs: 60 * 60_000,
};

export interface CoTravelEdge {
  a: string;
  b: string;
  /** threads where both commented within the window */
  events: number;
  /** threads both commented in */
  sharedThreads: number;
  meanGapMs: number;
  /** log10 of the chance of so many close events between two unrelated accounts */
  log10Chance: number;
}

export interface CoTravelThread {
  thread: string;
  /** members who commented there, within `spreadMs` of one another */
  accounts: string[];
  spreadMs: number;
  commentKeys: string[];
}

export interface CoTravelGroup {
  id: string;
  accounts: string[];
  threads: CoTravelThread[];
  edges: CoTravelEdge[];
  /** log10 of the chance of the group's closeness in all its threads, before correction */
  log10Chance: number;
  /** log10 of the number of groups of this size that could have been tested */
  log10Tests: number;
  /** log10 of the corrected chance (≤ 0) */
  log10Corrected: number;
}

export interface CoTravelResult {
  groups: CoTravelGroup[];
  groupOf: Map<string, CoTravelGroup>;
}

const LN10 = Math.log(10);

function log10Choose(n: number, k: number): number {
  if (k < 0 || k > n) return -Infinity;
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log(n - k + i) - Math.log(i);
  return s / LN10;
}

/** Number of entries of a time-sorted list with lo ≤ ms ≤ hi. */
function countBetween(sorted: readonly { ms: number }[], lo: number, hi: number): number {
  const lower = (x: number, strict: boolean) => {
    let l = 0;
    let h = sorted.length;
    while (l < h) {
      const m = (l + h) >> 1;
      if (strict ? sorted[m].ms <= x : sorted[m].ms < x) l = m + 1;
      else h = m;
    }
    return l;
  };
  return lower(hi, true) - lower(lo, false);
}

interface Visit {
  account: string;
  key: string;
  ms: number;
  precisionMs: number;
}

export interface TravelVisit extends TravelComment {
  thread: string;
}

/**
 * Groups of accounts that repeatedly comment close in time to one another across threads.
 * `timelines`: every thread's comments in time order (by reference: only their times are read);
 * `visits`: the comments of accounts seen in two or more threads (others cannot travel).
 */
export function findCoTravel(timelines: ReadonlyMap<string, readonly { ms: number }[]>, visits: readonly TravelVisit[], options: Partial<CoTravelOptions> = {}): CoTravelResult {
  const opts = { ...DEFAULT_CO_TRAVEL, ...options };
  const empty: CoTravelResult = { groups: [], groupOf: new Map() };
  const threadsOf = new Map<string, Set<string>>();
  for (const v of visits) {
    let set = threadsOf.get(v.account);
    if (!set) threadsOf.set(v.account, (set = new Set()));
    set.add(v.thread);
  }
  const travellers = new Set<string>();
  for (const [a, set] of threadsOf) if (set.size >= 2) travellers.add(a);
  if (travellers.size < 2) return empty;

  // Each traveller's first precise comment per thread.
  const visitOf = new Map<string, Map<string, Visit>>();
  for (const c of visits) {
    if (!travellers.has(c.account) || c.precisionMs > opts.maxPrecisionMs || !timelines.has(c.thread)) continue;
    let first = visitOf.get(c.thread);
    if (!first) visitOf.set(c.thread, (first = new Map()));
    const v = first.get(c.account);
    if (!v || c.ms < v.ms || (c.ms === v.ms && compareText(c.key, v.key) < 0)) first.set(c.account, { account: c.account, key: c.key, ms: c.ms, precisionMs: c.precisionMs });
  }
  const byThread = new Map<string, Visit[]>();
  for (const [thread, first] of [...visitOf].sort((x, y) => compareText(x[0], y[0]))) byThread.set(thread, [...first.values()].sort((x, y) => x.ms - y.ms || compareText(x.key, y.key)));

  // The thread's background: comments of accounts seen only there. Under the null hypothesis a
  // traveller's comment falls where the background's do.
  const travellerTimes = new Map<string, { ms: number }[]>();
  for (const c of visits) {
    if (!travellers.has(c.account)) continue;
    let list = travellerTimes.get(c.thread);
    if (!list) travellerTimes.set(c.thread, (list = []));
    list.push({ ms: c.ms });
  }
  for (const list of travellerTimes.values()) list.sort((x, y) => x.ms - y.ms);
  // Share of the thread's background within ±half of a time (add-one: an empty stretch of a small thread proves little).
  const density = (thread: string, ms: number, half: number) => {
    const all = timelines.get(thread)!;
    const trav = travellerTimes.get(thread) ?? [];
    const background = Math.max(0, all.length - trav.length);
    const inside = Math.max(0, countBetween(all, ms - half, ms + half) - countBetween(trav, ms - half, ms + half));
    return Math.min(1, (inside + 1) / (background + 1));
  };
  const inRush = (thread: string, lo: number, hi: number) => {
    const first = timelines.get(thread)![0]?.ms ?? lo;
    return lo - first < opts.earlyMs || density(thread, (lo + hi) / 2, (hi - lo) / 2 + opts.rushWindowMs / 2) > opts.rushShare;
  };

  // Coordinated events per pair.
  interface PairAcc {
    a: string;
    b: string;
    events: number;
    gapSum: number;
    log10: number;
  }
  const pairs = new Map<string, PairAcc>();
  for (const [thread, list] of byThread) {
    for (let i = 0; i < list.length; i++) {
      const x = list[i];
      for (let j = i + 1, n = 0; j < list.length && n < opts.maxNeighbours; j++, n++) {
        const y = list[j];
        const gap = Math.max(y.ms - x.ms, x.precisionMs, y.precisionMs, opts.minGapMs);
        if (y.ms - x.ms > opts.windowMs) break;
        if (gap > opts.windowMs) continue;
        if (inRush(thread, x.ms, y.ms)) continue;
        const [a, b] = compareText(x.account, y.account) < 0 ? [x.account, y.account] : [y.account, x.account];
        const key = `${a}\u0000${b}`;
        let p = pairs.get(key);
        if (!p) pairs.set(key, (p = { a, b, events: 0, gapSum: 0, log10: 0 }));
        p.events++;
        p.gapSum += y.ms - x.ms;
        p.log10 += Math.log10(Math.max(1e-12, density(thread, x.ms, gap)));
      }
    }
  }

  const edges: CoTravelEdge[] = [];
  // Every pair with a close event was, in effect, tested: with hundreds of regulars in a case some
  // pairs meet repeatedly by chance, and only a pair that stands out from all of them links.
  const log10Pairs = Math.log10(Math.max(1, pairs.size));
  for (const p of pairs.values()) {
    if (p.events < opts.minEvents) continue;
    let shared = 0;
    const tb = threadsOf.get(p.b)!;
    for (const t of threadsOf.get(p.a)!) if (tb.has(t)) shared++;
    const log10Chance = Math.min(0, p.log10 + log10Choose(shared, p.events));
    if (log10Chance + log10Pairs > Math.log10(opts.pairAlpha)) continue;
    edges.push({ a: p.a, b: p.b, events: p.events, sharedThreads: shared, meanGapMs: Math.round(p.gapSum / p.events), log10Chance: Math.round(log10Chance * 100) / 100 });
  }
  if (edges.length === 0) return empty;

  // Connected groups of linked pairs.
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    let c = x;
    while (c !== r) {
      const n = parent.get(c)!;
      parent.set(c, r);
      c = n;
    }
    return r;
  };
  for (const e of edges) {
    if (!parent.has(e.a)) parent.set(e.a, e.a);
    if (!parent.has(e.b)) parent.set(e.b, e.b);
    const ra = find(e.a);
    const rb = find(e.b);
    if (ra !== rb) parent.set(compareText(ra, rb) < 0 ? rb : ra, compareText(ra, rb) < 0 ? ra : rb);
  }
  const members = new Map<string, string[]>();
  for (const a of parent.keys()) {
    const r = find(a);
    let list = members.get(r);
    if (!list) members.set(r, (list = []));
    list.push(a);
  }
  const edgesOf = new Map<string, CoTravelEdge[]>();
  for (const e of edges) {
    const r = find(e.a);
    let list = edgesOf.get(r);
    if (!list) edgesOf.set(r, (list = []));
    list.push(e);
  }

  const groups: CoTravelGroup[] = [];
  for (const [root, accounts] of members) {
    accounts.sort(compareText);
    const inGroup = new Set(accounts);
    const threads: CoTravelThread[] = [];
    let log10Chance = 0;
    const groupThreads = new Set<string>();
    for (const a of accounts) for (const t of threadsOf.get(a)!) groupThreads.add(t);
    for (const t of [...groupThreads].sort(compareText)) {
      const present = [...(visitOf.get(t)?.values() ?? [])].filter((v) => inGroup.has(v.account)).sort((x, y) => x.ms - y.ms);
      if (present.length < 2) continue;
      // The largest run of members within the window of one another.
      let best: Visit[] = [];
      for (let i = 0, j = 0; i < present.length; i++) {
        while (present[i].ms - present[j].ms > opts.windowMs) j++;
        if (i - j + 1 > best.length) best = present.slice(j, i + 1);
      }
      if (best.length < 2) continue;
      const lo = best[0].ms;
      const hi = best[best.length - 1].ms;
      const width = Math.max(hi - lo, opts.minGapMs, ...best.map((v) => v.precisionMs));
      if (inRush(t, lo, hi)) continue;
      const f = density(t, (lo + hi) / 2, (hi - lo) / 2 + width / 2);
      const p = Math.min(1, best.length * f ** (best.length - 1));
      log10Chance += Math.log10(Math.max(1e-300, p));
      threads.push({ thread: t, accounts: best.map((v) => v.account).sort(compareText), spreadMs: hi - lo, commentKeys: best.map((v) => v.key) });
    }
    if (threads.length < opts.minEvents) continue;
    // Accounts that could have formed such a group: travellers present in ≥ 2 of its threads.
    const involved = new Set(threads.map((t) => t.thread));
    let candidates = 0;
    for (const a of travellers) {
      let n = 0;
      for (const t of threadsOf.get(a)!) if (involved.has(t)) n++;
      if (n >= 2) candidates++;
    }
    const log10Tests = Math.max(0, log10Choose(candidates, accounts.length));
    const log10Corrected = Math.min(0, log10Chance + log10Tests);
    if (log10Corrected > Math.log10(accounts.length === 2 ? opts.pairGroupAlpha : opts.groupAlpha)) continue;
    groups.push({
      id: `co-travel:${root}`,
      accounts,
      threads,
      edges: edgesOf.get(root)!.sort((x, y) => x.log10Chance - y.log10Chance || compareText(x.a + x.b, y.a + y.b)),
      log10Chance: Math.round(log10Chance * 100) / 100,
      log10Tests: Math.round(log10Tests * 100) / 100,
      log10Corrected: Math.round(log10Corrected * 100) / 100,
    });
  }
  groups.sort((x, y) => x.log10Corrected - y.log10Corrected || compareText(x.id, y.id));
  const groupOf = new Map<string, CoTravelGroup>();
  for (const g of groups) for (const a of g.accounts) if (!groupOf.has(a)) groupOf.set(a, g);
  return { groups, groupOf };
}

/** "about 1 in 3 million" for a log10 chance. */
export function describeChance(log10: number): string {
  const odds = -log10;
  if (odds < 1) return `about ${Math.round(10 ** log10 * 100)}%`;
  if (odds < 3) return `about 1 in ${Math.round(10 ** odds)}`;
  if (odds < 6) return `about 1 in ${Math.round(10 ** (odds - 3))} thousand`;
  if (odds < 9) return `about 1 in ${Math.round(10 ** (odds - 6))} million`;
  if (odds < 12) return `about 1 in ${Math.round(10 ** (odds - 9))} billion`;
  return `less than 1 in 10^${Math.floor(odds)}`;
}
