/**
 * The analysis core: records in, account verdicts and thread summaries out. `CaseAnalyzer` keeps
 * its indexes (LSH buckets, token postings, per-thread timing, per-account state) so that adding a
 * few comments only rescores the accounts whose evidence changed. `analyzeCase` is the one-shot form.
 */
import { compareText } from './text/compare.ts';
import type { AccountVerdict, AvatarScore, Cluster, CommentRecord, Evidence, Level, Platform, ThreadClusterRef, ThreadSummary } from './types.ts';
import { accountKeyOf, commentKeyOf, excerpt, prepareCommentWithKeys, threadKeyOf, type PreparedComment } from './signals/prepare.ts';
import { NearDuplicateIndex, type DuplicateCluster, type NearDuplicateOptions } from './signals/near-duplicate.ts';
import { CrossLanguageIndex, type CrossLanguageGroup } from './signals/cross-language.ts';
import { compareTimed, findBursts, type Burst, type BurstOptions, type TimedComment } from './signals/burst.ts';
import { handlePattern } from './signals/handle-pattern.ts';
import { nameLanguageMismatch } from './signals/name-mismatch.ts';
import { findBatchCreation, freshAccount, type BatchGroup } from './signals/account-age.ts';
import { avatarFinding, imageKeyFromUrl, lookupAvatarScore, sharedPictureGroups, type AvatarScores, type SharedAvatarGroup } from './signals/avatar.ts';
import { findCoOccurrenceGroups, type CoOccurrenceGroup } from './signals/co-occurrence.ts';
import { NarrativeIndex, type NarrativeGroup } from './signals/narrative.ts';
import { describeChance, findCoTravel, type CoTravelGroup, type CoTravelResult, type TravelVisit } from './signals/co-travel.ts';
import { othersOf, UnionCache, type MemberGroup, type Others } from './analysis/union.ts';
import { addThreadRefs, clusterIdOn, spansPlatforms, toClusters, type GroupSource } from './analysis/clusters.ts';
import { burstWindow, count, expectedText, listNames, plural } from './analysis/evidence-text.ts';
import { combineEvidence } from './scoring/score.ts';
import { DEFAULT_THRESHOLDS, WEIGHTS, type Thresholds } from './scoring/weights.ts';
import { commentTime } from './text/time.ts';

export interface AnalyzeOptions {
  /** score cut-offs (options page) */
  thresholds?: Partial<Thresholds>;
  /** avatar module results keyed by `platform:accountId`, accountId, avatar URL or image key */
  avatarScores?: AvatarScores;
  /** manual labels keyed by `platform:accountId` (or bare accountId) */
  labels?: Record<string, 'confirmed' | 'dismissed'>;
  nearDuplicate?: Partial<NearDuplicateOptions>;
  burst?: Partial<BurstOptions>;
}

interface AccountState {
  key: string;
  platform: Platform;
  author: CommentRecord['author'];
  /** whether the author fields came from the platform's JSON (richer than the DOM) */
  authorFromJson: boolean;
  comments: string[];
  /** thread keys, sorted (usually one) */
  threads: string[];
}

interface ThreadState {
  key: string;
  platform: Platform;
  threadId: string;
  comments: string[];
  accounts: Set<string>;
  basis: 'absolute' | 'relative' | 'seen' | 'none';
  /** timed comments in time order, kept sorted as comments arrive */
  timeline: (TimedComment & { source: 'absolute' | 'relative' | 'seen' })[];
  bursts: Burst[];
  burstOf: Map<string, Burst>;
}

const LEVEL_RANK: Record<Level, number> = { high: 3, medium: 2, unsure: 1, low: 0 };
const DAY = 86_400_000;

function mergeRecords(old: CommentRecord, next: CommentRecord): CommentRecord {
  // JSON carries ids, absolute times and account ages that the DOM lacks: it wins field by field.
  const [base, over] = old.source === 'json' && next.source === 'dom' ? [next, old] : [old, next];
  const defined = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
  return { ...base, ...defined(over), author: { ...base.author, ...defined(over.author) } };
}

/** Keeps a timeline sorted: a few entries are inserted in place, a large batch is appended and sorted. */
function insertTimes(timeline: ThreadState['timeline'], entries: ThreadState['timeline']): void {
  if (entries.length > 32) {
    for (const e of entries) timeline.push(e);
    timeline.sort(compareTimed);
    return;
  }
  for (const entry of entries) {
    let lo = 0;
    let hi = timeline.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareTimed(timeline[mid], entry) < 0) lo = mid + 1;
      else hi = mid;
    }
    timeline.splice(lo, 0, entry);
  }
}

/** A function of an object, computed once per object (groups are shared by all their members). */
function memoBy<V, R>(fn: (v: V) => R): (v: V) => R {
  const memo = new Map<V, R>();
  return (v) => {
    if (memo.has(v)) return memo.get(v)!;
    const r = fn(v);
    memo.set(v, r);
    return r;
  };
}

function compareVerdictEntries([ka, a]: [string, AccountVerdict], [kb, b]: [string, AccountVerdict]): number {
  return b.score - a.score || LEVEL_RANK[b.level] - LEVEL_RANK[a.level] || compareText(ka, kb);
}

/** Copies the defined fields of a newer sighting of an author onto the stored one. */
function mergeAuthor(into: CommentRecord['author'], next: CommentRecord['author'], onlyMissing: boolean): void {
  const target = into as unknown as Record<string, unknown>;
  for (const k in next) {
    const v = next[k as keyof typeof next];
    if (v !== undefined && (!onlyMissing || target[k] === undefined)) target[k] = v;
  }
}

export class CaseAnalyzer {
  private thresholds: Thresholds;
  private avatarScores: AvatarScores | undefined;
  private labels: Record<string, 'confirmed' | 'dismissed'>;
  private readonly burstOpts: Partial<BurstOptions>;

  private comments = new Map<string, PreparedComment>();
  private accounts = new Map<string, AccountState>();
  private threads = new Map<string, ThreadState>();
  private duplicates: NearDuplicateIndex;
  private crossLanguage = new CrossLanguageIndex();
  private batchOf = new Map<string, BatchGroup>();
  /** picture identity ('phash:…' / 'image:…') → accounts showing it */
  private accountsByPicture = new Map<string, Set<string>>();
  private picturesOf = new Map<string, string[]>();
  /** each account's avatar score as last looked up */
  private avatarOf = new Map<string, AvatarScore | undefined>();
  /** co-occurrence groups (accounts by pair of threads) each account is in */
  private coOccurrence = new Map<string, CoOccurrenceGroup[]>();
  private coOccurrenceGroups: CoOccurrenceGroup[] = [];
  private narrative = new NarrativeIndex();
  private coTravel: CoTravelResult = { groups: [], groupOf: new Map() };
  /** accounts seen in two or more threads (only they can travel together) */
  private travellers = new Set<string>();
  private verdictCache = new Map<string, AccountVerdict>();
  // Valid during one rescore pass (the groups do not change within it):
  /** each account's link groups: text, tokens, picture, creation batch */
  private linkCache = new Map<string, MemberGroup[]>();
  private unions = new UnionCache();
  /** per burst: members, and how many members each link group has in it */
  private burstCache = new Map<string, { members: Set<string>; inBurst: Map<string, number>; coordinatedShare: number }>();
  /** per thread, comments in near-duplicate clusters of at least minAccounts accounts; per pass */
  private repeatedCache: Map<string, number> | null = null;
  /** whether a group spans platforms, by group id */
  private spansCache = new Map<string, boolean>();
  /** shared-picture groups each account is in; null when pictures changed since it was built */
  private pictureIndex: Map<string, SharedAvatarGroup[]> | null = null;
  /** bumped whenever verdicts may have changed */
  private version = 0;
  private clusterCache: { version: number; clusters: Cluster[]; byThread: Map<string, ThreadClusterRef[]> } | null = null;
  /** accounts rescored by the last update (how incremental the last add was) */
  lastRescored = 0;
  /** verdicts in output order, by account key; null when it must be rebuilt */
  private sorted: [string, AccountVerdict][] | null = null;
  /** accounts rescored since `sorted` was last brought up to date */
  private changedSinceSort = new Set<string>();

  constructor(opts: AnalyzeOptions = {}) {
    this.thresholds = { ...DEFAULT_THRESHOLDS, ...opts.thresholds };
    this.avatarScores = opts.avatarScores;
    this.labels = { ...opts.labels };
    this.burstOpts = opts.burst ?? {};
    this.duplicates = new NearDuplicateIndex(opts.nearDuplicate);
  }

  add(records: CommentRecord[]): void {
    const dirty = new Set<string>();
    const touchedThreads = new Set<string>();
    let newCreatedAt = false;
    let threadCountsChanged = false;
    const pictureChanged = new Set<string>();
    const newTimes = new Map<ThreadState, ThreadState['timeline']>();
    for (const incoming of records) {
      const key = commentKeyOf(incoming);
      const existing = this.comments.get(key);
      const record = existing ? mergeRecords(existing.record, incoming) : incoming;
      const accountKey = accountKeyOf(record);
      const threadKey = threadKeyOf(record);
      let prepared: PreparedComment;
      let previousTime: PreparedComment['time'];
      if (existing) {
        prepared = existing;
        previousTime = existing.time;
        prepared.record = record;
        prepared.time = commentTime(record);
      } else {
        prepared = prepareCommentWithKeys(record, { key, account: accountKey, thread: threadKey });
        this.comments.set(key, prepared);
      }
      let account = this.accounts.get(accountKey);
      if (!account) {
        account = { key: accountKey, platform: record.platform, author: { ...record.author }, authorFromJson: record.source === 'json', comments: [], threads: [] };
        this.accounts.set(accountKey, account);
        pictureChanged.add(accountKey);
      } else {
        const hadCreated = account.author.createdAt;
        const hadPicture = `${account.author.avatarUrl}|${account.author.defaultAvatar}`;
        // The page's JSON knows more than its DOM: a DOM sighting only fills what is missing.
        mergeAuthor(account.author, record.author, account.authorFromJson && record.source === 'dom');
        if (record.source === 'json') account.authorFromJson = true;
        if (!hadCreated && account.author.createdAt) newCreatedAt = true;
        if (`${account.author.avatarUrl}|${account.author.defaultAvatar}` !== hadPicture) pictureChanged.add(accountKey);
      }
      if (!existing) {
        account.comments.push(key);
        if (record.author.createdAt) newCreatedAt = true;
      }
      if (!account.threads.includes(threadKey)) {
        account.threads.push(threadKey);
        account.threads.sort();
        if (account.threads.length >= 2) {
          threadCountsChanged = true;
          this.travellers.add(accountKey);
        }
      }
      let thread = this.threads.get(threadKey);
      if (!thread) {
        thread = { key: threadKey, platform: record.platform, threadId: record.threadId, comments: [], accounts: new Set(), basis: 'none', timeline: [], bursts: [], burstOf: new Map() };
        this.threads.set(threadKey, thread);
      }
      if (!existing) thread.comments.push(key);
      thread.accounts.add(accountKey);
      const time = prepared.time;
      if (existing && previousTime && (previousTime.ms !== time?.ms || previousTime.source !== time?.source || previousTime.precisionMs !== time?.precisionMs)) {
        const at = thread.timeline.findIndex((e) => e.key === key);
        if (at >= 0) thread.timeline.splice(at, 1);
      }
      if (time && (!existing || !previousTime || previousTime.ms !== time.ms || previousTime.source !== time.source || previousTime.precisionMs !== time.precisionMs)) {
        let list = newTimes.get(thread);
        if (!list) newTimes.set(thread, (list = []));
        list.push({ key, account: accountKey, ms: time.ms, precisionMs: time.precisionMs, source: time.source });
      }
      touchedThreads.add(threadKey);
      dirty.add(accountKey);
      if (!existing) {
        this.duplicates.insert(prepared);
        this.crossLanguage.insert(prepared);
        this.narrative.add({ key, account: accountKey, thread: threadKey, text: record.text, shingles: prepared.shingles });
      }
    }
    // Each group that grew is listed once, however many of its comments arrived in this batch.
    for (const a of this.duplicates.takeTouchedAccounts()) dirty.add(a);
    for (const a of this.crossLanguage.flush()) dirty.add(a);
    for (const a of this.narrative.settle()) dirty.add(a);
    for (const [thread, entries] of newTimes) insertTimes(thread.timeline, entries);
    for (const t of touchedThreads) for (const a of this.updateBursts(this.threads.get(t)!)) dirty.add(a);
    if (newCreatedAt) for (const a of this.updateBatches()) dirty.add(a);
    if (threadCountsChanged) for (const a of this.updateCoOccurrence()) dirty.add(a);
    // New comments change the threads' densities, which every co-travel chance rests on.
    if (this.travellers.size >= 2 && (threadCountsChanged || newTimes.size > 0)) for (const a of this.updateCoTravel()) dirty.add(a);
    for (const a of pictureChanged) for (const t of this.refreshPicture(a)) dirty.add(t);
    this.rescore(dirty);
  }

  setAvatarScores(scores: AvatarScores | AvatarScore[]): void {
    if (Array.isArray(scores)) {
      const map = new Map<string, AvatarScore>();
      for (const s of scores) map.set(s.imageKey, s);
      this.avatarScores = map;
    } else this.avatarScores = scores;
    // Only accounts whose score changed (and those sharing a picture with them) are rescored.
    const dirty = new Set<string>();
    for (const a of this.accounts.values()) {
      if (lookupAvatarScore(this.avatarScores, a.key, a.author) === this.avatarOf.get(a.key)) continue;
      for (const t of this.refreshPicture(a.key)) dirty.add(t);
    }
    this.rescore(dirty);
  }

  setLabels(labels: Record<string, 'confirmed' | 'dismissed'>): void {
    const changed = new Set<string>();
    for (const k of new Set([...Object.keys(this.labels), ...Object.keys(labels)])) {
      if (this.labels[k] !== labels[k]) changed.add(k);
    }
    this.labels = { ...labels };
    const dirty = new Set<string>();
    for (const a of this.accounts.values()) {
      if (changed.has(a.key) || changed.has(a.author.id)) dirty.add(a.key);
    }
    this.rescore(dirty);
  }

  setThresholds(thresholds: Partial<Thresholds>): void {
    this.thresholds = { ...this.thresholds, ...thresholds };
    this.rescore(new Set(this.accounts.keys()));
  }

  /** All verdicts, highest score first. */
  verdicts(): AccountVerdict[] {
    if (!this.sorted) {
      this.sorted = [...this.verdictCache].sort(compareVerdictEntries);
      this.changedSinceSort.clear();
    } else if (this.changedSinceSort.size > 0) {
      // A few changed verdicts: take them out and insert them back in order.
      const changed = this.changedSinceSort;
      const kept = this.sorted.filter(([k]) => !changed.has(k));
      for (const k of [...changed].sort()) {
        const v = this.verdictCache.get(k);
        if (!v) continue;
        const entry: [string, AccountVerdict] = [k, v];
        let lo = 0;
        let hi = kept.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (compareVerdictEntries(kept[mid], entry) < 0) lo = mid + 1;
          else hi = mid;
        }
        kept.splice(lo, 0, entry);
      }
      this.sorted = kept;
      changed.clear();
    }
    return this.sorted.map(([, v]) => v);
  }

  verdict(platform: Platform, accountId: string): AccountVerdict | undefined {
    return this.verdictCache.get(`${platform}:${accountId}`);
  }

  /** Records of the case (merged, deduplicated). */
  records(): CommentRecord[] {
    return [...this.comments.values()].map((c) => c.record);
  }

  nearDuplicateClusters(): DuplicateCluster[] {
    return this.duplicates.clusters();
  }

  /**
   * Every group behind the evidence, once each (verdicts point to them by `clusterId`): near-duplicate
   * text (two or more accounts), cross-language tokens, bursts, creation batches, shared pictures and
   * co-occurrence, in that order. Built once per change of the case.
   */
  clusters(): Cluster[] {
    return this.clusterIndex().clusters;
  }

  summaries(): ThreadSummary[] {
    return [...this.threads.values()].map((t) => this.summarize(t));
  }

  summary(platform: Platform, threadId: string): ThreadSummary | undefined {
    const t = this.threads.get(`${platform}:${threadId}`);
    return t ? this.summarize(t) : undefined;
  }

  // ---- index maintenance --------------------------------------------------------------------

  private updateBursts(thread: ThreadState): string[] {
    // Absolute or relative times when at least three comments have them; observation times only
    // when the thread was watched for an hour or more (a page read at once gives them all one time).
    let seenOnly = 0;
    for (const e of thread.timeline) if (e.source === 'seen') seenOnly++;
    const placed = seenOnly === 0 ? thread.timeline : thread.timeline.filter((e) => e.source !== 'seen');
    let usable: TimedComment[] = [];
    if (placed.length >= 3) {
      usable = placed;
      thread.basis = placed.every((e) => e.source === 'absolute') ? 'absolute' : 'relative';
    } else {
      const seen = thread.timeline.filter((e) => e.source === 'seen');
      if (seen.length >= 3 && seen[seen.length - 1].ms - seen[0].ms >= 60 * 60_000) {
        usable = seen;
        thread.basis = 'seen';
      } else thread.basis = 'none';
    }
    const bursts = usable.length ? findBursts(usable, this.burstOpts, true) : [];
    const sig = memoBy((b: Burst | undefined) => (b ? `${b.id}|${b.accounts.join(',')}|${b.commentKeys.length}|${b.endMs - b.startMs}|${b.precisionMs}|${b.expected < 0.1 ? '<0.1' : b.expected.toFixed(1)}|${b.ratio}` : ''));
    const next = new Map<string, Burst>();
    for (const b of bursts) for (const a of b.accounts) next.set(a, b);
    const changed: string[] = [];
    for (const a of new Set([...thread.burstOf.keys(), ...next.keys()])) {
      if (sig(thread.burstOf.get(a)) !== sig(next.get(a))) changed.push(a);
    }
    thread.bursts = bursts;
    thread.burstOf = next;
    return changed;
  }

  private updateBatches(): string[] {
    const byPlatform = new Map<Platform, { account: string; createdMs: number }[]>();
    for (const a of this.accounts.values()) {
      const ms = a.author.createdAt ? Date.parse(a.author.createdAt) : NaN;
      if (!Number.isFinite(ms)) continue;
      let list = byPlatform.get(a.platform);
      if (!list) byPlatform.set(a.platform, (list = []));
      list.push({ account: a.key, createdMs: ms });
    }
    const next = new Map<string, BatchGroup>();
    for (const list of byPlatform.values()) for (const g of findBatchCreation(list)) for (const a of g.accounts) next.set(a, g);
    return this.swap(this.batchOf, next, (g) => `${g.id}|${g.accounts.join(',')}`, (m) => (this.batchOf = m));
  }

  private updateCoOccurrence(): string[] {
    const threadsByAccount = new Map<string, Set<string>>();
    for (const a of this.accounts.values()) if (a.threads.length >= 2) threadsByAccount.set(a.key, new Set(a.threads));
    this.coOccurrenceGroups = findCoOccurrenceGroups(threadsByAccount);
    const next = new Map<string, CoOccurrenceGroup[]>();
    for (const g of this.coOccurrenceGroups) {
      for (const a of g.accounts) {
        let list = next.get(a);
        if (!list) next.set(a, (list = []));
        list.push(g);
      }
    }
    // Groups only grow (accounts do not leave threads): ids and sizes tell what changed.
    return this.swap(this.coOccurrence, next, (groups) => groups.map((g) => `${g.id}#${g.accounts.length}`).join(','), (m) => (this.coOccurrence = m));
  }

  private updateCoTravel(): string[] {
    const visits: TravelVisit[] = [];
    for (const key of this.travellers) {
      for (const c of this.accounts.get(key)!.comments) {
        const p = this.comments.get(c)!;
        if (p.time && p.time.source !== 'seen') visits.push({ key: c, account: key, thread: p.thread, ms: p.time.ms, precisionMs: p.time.precisionMs });
      }
    }
    const timelines = new Map<string, ThreadState['timeline']>();
    for (const t of this.threads.values()) timelines.set(t.key, t.timeline);
    const next = findCoTravel(timelines, visits);
    const old = this.coTravel;
    this.coTravel = next;
    const sig = memoBy((g: CoTravelGroup | undefined) => (g ? `${g.id}|${g.accounts.join(',')}|${g.log10Corrected}|${g.threads.map((t) => `${t.thread}:${t.accounts.length}:${t.spreadMs}`).join(',')}` : ''));
    const changed: string[] = [];
    for (const a of new Set([...old.groupOf.keys(), ...next.groupOf.keys()])) if (sig(old.groupOf.get(a)) !== sig(next.groupOf.get(a))) changed.push(a);
    return changed;
  }

  /**
   * Looks up an account's avatar score again and re-files its pictures; returns the accounts whose
   * evidence may have changed (itself and everyone sharing an old or new picture with it).
   */
  private refreshPicture(key: string): string[] {
    const a = this.accounts.get(key)!;
    const score = lookupAvatarScore(this.avatarScores, key, a.author);
    this.avatarOf.set(key, score);
    const pictures: string[] = [];
    if (!a.author.defaultAvatar && !score?.generic) {
      // Default and generic (flat: letters, silhouettes) pictures are excluded: unrelated people share those.
      if (score?.phash) pictures.push(`phash:${score.phash.toLowerCase()}`);
      const imageKey = score?.imageKey ?? (a.author.avatarUrl ? imageKeyFromUrl(a.author.avatarUrl) : undefined);
      if (imageKey) pictures.push(`image:${imageKey}`);
    }
    const before = this.picturesOf.get(key) ?? [];
    const touched = new Set<string>([key]);
    if (before.join('\n') === pictures.join('\n')) return [...touched];
    for (const p of before) {
      const set = this.accountsByPicture.get(p);
      if (!set) continue;
      set.delete(key);
      if (set.size >= 1) for (const k of set) touched.add(k);
      if (set.size === 0) this.accountsByPicture.delete(p);
    }
    for (const p of pictures) {
      let set = this.accountsByPicture.get(p);
      if (!set) this.accountsByPicture.set(p, (set = new Set()));
      set.add(key);
      if (set.size >= 2) for (const k of set) touched.add(k);
    }
    this.picturesOf.set(key, pictures);
    this.pictureIndex = null;
    return [...touched];
  }

  /** Groups of accounts showing the same picture as this one (same perceptual hash or image). */
  private pictureGroupsOf(key: string): SharedAvatarGroup[] {
    return this.sharedPictures().get(key) ?? [];
  }

  /**
   * Shared-picture groups by account, built once for all accounts (each group's members sorted once,
   * not once per member): the same groups, in the same order, as grouping each account's pictures.
   */
  private sharedPictures(): Map<string, SharedAvatarGroup[]> {
    if (this.pictureIndex) return this.pictureIndex;
    const pictures = [...this.accountsByPicture.keys()].sort();
    const index = new Map<string, SharedAvatarGroup[]>();
    for (const g of sharedPictureGroups(pictures.map((p) => [p, this.accountsByPicture.get(p)] as const))) {
      for (const a of g.accounts) {
        let list = index.get(a);
        if (!list) index.set(a, (list = []));
        list.push(g);
      }
    }
    this.pictureIndex = index;
    return index;
  }

  private swap<V>(old: Map<string, V>, next: Map<string, V>, sigOf: (v: V) => string, set: (m: Map<string, V>) => void): string[] {
    // Many accounts share one group object: its signature is computed once.
    const sig = memoBy(sigOf);
    const changed: string[] = [];
    for (const a of new Set([...old.keys(), ...next.keys()])) {
      const o = old.get(a);
      const n = next.get(a);
      if ((o === undefined ? '' : sig(o)) !== (n === undefined ? '' : sig(n))) changed.push(a);
    }
    set(next);
    return changed;
  }

  // ---- scoring ------------------------------------------------------------------------------

  private nameOf(accountKey: string): string {
    const a = this.accounts.get(accountKey);
    if (!a) return accountKey.slice(accountKey.indexOf(':') + 1);
    const handle = a.author.handle ? (a.author.handle.startsWith('@') ? a.author.handle : `@${a.author.handle}`) : undefined;
    return handle ?? a.author.displayName ?? a.author.id;
  }

  /** "@a, @b, @c, @d and 2,996 more" for a group's other members. */
  private names(others: Others): string {
    return listNames(others.sample.map((k) => this.nameOf(k)), others.count);
  }

  private idsOf(keys: readonly string[]): string[] {
    return keys.map((k) => k.slice(k.indexOf(':') + 1));
  }

  /** The id under which a group is listed in `clusters()` for accounts of `platform`. */
  private clusterIdFor(group: MemberGroup, platform: Platform): string {
    let spans = this.spansCache.get(group.id);
    if (spans === undefined) this.spansCache.set(group.id, (spans = spansPlatforms(group.accounts)));
    return clusterIdOn(group.id, platform, spans);
  }

  /** `clusterId` (and `clusterIds` when several) of evidence resting on these groups. */
  private clusterRefs(groups: readonly MemberGroup[], platform: Platform): Pick<Evidence, 'clusterId' | 'clusterIds'> {
    if (groups.length === 0) return {};
    const ids = groups.map((g) => this.clusterIdFor(g, platform));
    return ids.length === 1 ? { clusterId: ids[0] } : { clusterId: ids[0], clusterIds: ids };
  }

  /**
   * Groups tying this account to others by text, tokens, picture or creation batch (not by timing);
   * two accounts are linked when they share one.
   */
  private linkGroupsOf(key: string): MemberGroup[] {
    const cached = this.linkCache.get(key);
    if (cached) return cached;
    const groups: MemberGroup[] = [];
    const a = this.accounts.get(key);
    if (a) {
      const seen = new Set<string>();
      for (const c of a.comments) {
        const cluster = this.duplicates.clusterOf(c);
        if (!cluster || seen.has(cluster.id)) continue;
        const prepared = this.comments.get(c)!;
        // The same tiers as the near-duplicate evidence: a pair counts only for non-short text.
        if (cluster.accounts.length >= this.duplicates.opts.minAccounts || prepared.shingles.length >= WEIGHTS.nearDuplicate.shortTextShingles) {
          seen.add(cluster.id);
          groups.push(cluster);
        }
      }
      for (const g of this.crossLanguage.groupsOf(key)) groups.push(crossLanguageGroup(g));
      for (const g of this.narrative.groupsOf(key)) if (this.narrativeOffTopic(g)) groups.push(g);
      for (const g of this.pictureGroupsOf(key)) groups.push(g);
      const batch = this.batchOf.get(key);
      if (batch) groups.push(batch);
    }
    this.linkCache.set(key, groups);
    return groups;
  }

  /**
   * A burst's members and, per link group, how many of them it holds: an account is linked to another
   * account of the burst when one of its groups holds two or more. Once per burst and pass.
   */
  private burstLinks(b: Burst) {
    let entry = this.burstCache.get(b.id);
    if (entry) return entry;
    const inBurst = new Map<string, number>();
    for (const k of b.accounts) for (const g of this.linkGroupsOf(k)) inBurst.set(g.id, (inBurst.get(g.id) ?? 0) + 1);
    let linked = 0;
    for (const k of b.accounts) if (this.linkGroupsOf(k).some((g) => inBurst.get(g.id)! >= 2)) linked++;
    entry = { members: new Set(b.accounts), inBurst, coordinatedShare: linked / b.accounts.length };
    this.burstCache.set(b.id, entry);
    return entry;
  }

  /** Share of a thread's comments outside `own` that are in near-duplicate clusters of ≥ minAccounts accounts. */
  private otherRepetition(threadKey: string, own: DuplicateCluster): number {
    if (!this.repeatedCache) {
      const perThread = new Map<string, number>();
      for (const c of this.duplicates.clusters()) {
        for (const k of c.commentKeys) {
          const t = this.comments.get(k)?.thread;
          if (t) perThread.set(t, (perThread.get(t) ?? 0) + 1);
        }
      }
      this.repeatedCache = perThread;
    }
    const thread = this.threads.get(threadKey);
    if (!thread) return 0;
    let ownHere = 0;
    for (const k of own.commentKeys) if (this.comments.get(k)?.thread === threadKey) ownHere++;
    const counted = own.accounts.length >= this.duplicates.opts.minAccounts ? ownHere : 0;
    const rest = thread.comments.length - ownHere;
    return rest <= 0 ? 0 : Math.max(0, (this.repeatedCache.get(threadKey) ?? 0) - counted) / rest;
  }

  private rescore(dirty: Set<string>): void {
    this.version++;
    this.linkCache.clear();
    this.unions.clear();
    this.burstCache.clear();
    this.spansCache.clear();
    this.repeatedCache = null;
    // A burst member's weight depends on how coordinated the whole burst is: rescore all members of
    // any burst a changed account belongs to (each burst listed once).
    const bursts = new Set<Burst>();
    for (const key of dirty) {
      const a = this.accounts.get(key);
      if (!a) continue;
      for (const t of a.threads) {
        const b = this.threads.get(t)?.burstOf.get(key);
        if (b) bursts.add(b);
      }
    }
    for (const b of bursts) for (const k of b.accounts) dirty.add(k);
    let rescored = 0;
    for (const key of dirty) {
      const a = this.accounts.get(key);
      if (!a) continue;
      this.verdictCache.set(key, this.score(a));
      rescored++;
      if (this.sorted) this.changedSinceSort.add(key);
    }
    if (this.sorted && this.changedSinceSort.size > 2000) this.sorted = null;
    this.lastRescored = rescored;
  }

  private score(a: AccountState): AccountVerdict {
    const evidence: Evidence[] = [];
    const unavailable: string[] = [];
    // Sorted so that verdicts do not depend on the order records arrived in.
    const comments = [...a.comments].sort().map((k) => this.comments.get(k)!);
    const others = (groups: readonly MemberGroup[], within?: { id: string; members: ReadonlySet<string> }) => othersOf(this.unions.of(groups, within), a.key);
    const related = (o: Others) => this.idsOf(o.sample);

    // Near-duplicate text: the largest cluster this account posted into.
    let bestCluster: DuplicateCluster | undefined;
    let mine: PreparedComment | undefined;
    for (const c of comments) {
      const cluster = this.duplicates.clusterOf(c.key);
      if (cluster && (!bestCluster || cluster.accounts.length > bestCluster.accounts.length)) {
        bestCluster = cluster;
        mine = c;
      }
    }
    if (bestCluster && mine) {
      const w = WEIGHTS.nearDuplicate;
      const n = bestCluster.accounts.length;
      const short = mine.shingles.length < w.shortTextShingles;
      let weight = 0;
      if (n >= this.duplicates.opts.minAccounts) weight = Math.min(w.max, w.base + w.perExtraAccount * (n - 3)) * (short ? w.shortTextFactor : 1);
      else if (!short) weight = w.pair;
      // In a thread where much of the rest repeats itself too (a fan rush of catchphrases), one more
      // repeated phrase says little.
      const repetition = this.otherRepetition(mine.thread, bestCluster);
      const repetitive = repetition >= w.repetitiveThreadShare;
      if (repetitive) weight = Math.round(weight * w.repetitiveThreadFactor * 1000) / 1000;
      const rel = others([bestCluster]);
      if (weight > 0) {
        evidence.push({
          signal: 'near-duplicate',
          weight,
          detail:
            `Posted near-identical text to ${count(rel.count)} other ${plural(rel.count, 'account')} (${this.names(rel)}): "${excerpt(mine.record.text, 70)}"` +
            (repetitive ? ` (in a thread where ${Math.round(repetition * 100)}% of the other comments repeat one another too)` : ''),
          related: related(rel),
          ...this.clusterRefs([bestCluster], a.platform),
        });
      }
    }

    // Cross-language copies.
    const xl = this.crossLanguage.groupsOf(a.key);
    if (xl.length > 0) {
      const w = WEIGHTS.crossLanguage;
      const linkGroups = xl.filter((g) => g.kind === 'link' || g.kind === 'hashtag');
      const strongest = linkGroups.some((g) => g.accounts.length >= 3) ? w.linkOrHashtag : linkGroups.length > 0 ? w.linkOrHashtagPair : w.other;
      const weight = Math.min(w.max, strongest + w.perExtraToken * (xl.length - 1));
      const groups = xl.map(crossLanguageGroup);
      const partners = others(groups);
      const langs = [...new Set(xl.flatMap((g) => g.languages))].sort();
      const tokens = xl.slice(0, 3).map((g) => g.token.replace(/^(\w+):/, (_, k: string) => (k === 'hashtag' ? '#' : k === 'mention' ? '@' : `${k} `)));
      evidence.push({
        signal: 'cross-language',
        weight,
        detail: `Shares ${tokens.join(', ')} with ${this.names(partners)}, in comments written in ${langs.join(', ')}`,
        related: related(partners),
        ...this.clusterRefs(groups, a.platform),
      });
    }

    // Narrative: the same rare terms as other accounts, in other words (and languages).
    // Accounts that posted the same text as this one are the near-duplicate evidence's: an on-topic
    // narrative counts only the others, and needs two of them. An off-topic one (copies or not, all
    // about one thing the rest of the thread never mentions) counts in full.
    const copied = new Set(bestCluster?.accounts ?? []);
    const beyondCopies = (g: NarrativeGroup) => {
      let n = 0;
      for (const k of g.accounts) if (k !== a.key && !copied.has(k)) n++;
      return n;
    };
    const narratives = this.narrative.groupsOf(a.key).filter((g) => beyondCopies(g) >= 2 || this.narrativeOffTopic(g));
    if (narratives.length > 0) {
      const w = WEIGHTS.narrative;
      const sizeOf = (g: NarrativeGroup) => (this.narrativeOffTopic(g) ? g.accounts.length : beyondCopies(g) + 1);
      const best = narratives.reduce((x, y) => (sizeOf(y) > sizeOf(x) || (sizeOf(y) === sizeOf(x) && y.offTopic && !x.offTopic) ? y : x));
      const langs = this.narrativeLanguages(best);
      const offTopic = this.narrativeOffTopic(best);
      const size = sizeOf(best);
      const weight = Math.round((Math.min(w.max, w.base + w.perExtraAccount * (size - 3)) + (offTopic ? w.offTopic : 0) + (langs.length >= 2 ? w.multilingual : 0)) * 1000) / 1000;
      const rel = others([best]);
      const thread = this.threads.get(best.thread);
      evidence.push({
        signal: 'narrative',
        weight,
        detail:
          `Wrote about the same thing as ${count(rel.count)} other ${plural(rel.count, 'account')} (${this.names(rel)}) in other words: shared terms rare in this thread ${best.terms.map((t) => `"${t}"`).join(', ')}` +
          (offTopic ? `; off-topic for ${thread?.threadId ?? 'this thread'}, on the same topic as ${count(rel.count)} ${plural(rel.count, 'other')}` : '') +
          (langs.length >= 2 ? `; in ${langs.join(', ')}` : ''),
        related: related(rel),
        ...this.clusterRefs([best], a.platform),
      });
    }

    // Bursts (per thread). Full weight when this account is linked to another account of the burst,
    // or when most of the burst's accounts are linked to one another (a coordinated burst: at the
    // thread's own rate hardly any of its comments would be there by chance); otherwise reduced.
    let burstUnavailable = true;
    let bestBurst: Evidence | undefined;
    for (const t of a.threads) {
      const thread = this.threads.get(t)!;
      if (thread.basis !== 'none') burstUnavailable = false;
      const b = thread.burstOf.get(a.key);
      if (!b) continue;
      const w = WEIGHTS.burst;
      const links = this.burstLinks(b);
      const mineLinks = this.linkGroupsOf(a.key);
      const linkedHere = mineLinks.some((g) => links.inBurst.get(g.id)! >= 2);
      const full = linkedHere || links.coordinatedShare >= w.coordinatedShare;
      const weight = Math.round(w.base * (1 - 1 / Math.max(b.ratio, 1)) * (full ? 1 : w.unlinkedFactor) * 1000) / 1000;
      if (bestBurst && bestBurst.weight >= weight) continue;
      const coordinatedNote = `${Math.round(links.coordinatedShare * 100)}% of them linked to one another by text, links, pictures or creation dates`;
      const rel = others([b]);
      const linkedInBurst = linkedHere ? others(mineLinks, { id: b.id, members: links.members }) : undefined;
      bestBurst = {
        signal: 'burst',
        weight,
        detail:
          `One of ${count(b.accounts.length)} accounts commenting ${burstWindow(b)} on ${thread.threadId} (${expectedText(b.expected)} expected at this thread's usual rate), ${coordinatedNote}` +
          (linkedInBurst ? `; this account is linked to ${this.names(linkedInBurst)}` : `; with ${this.names(rel)}`),
        related: related(linkedInBurst ?? rel),
        ...this.clusterRefs([b], a.platform),
      };
    }
    if (bestBurst) evidence.push(bestBurst);
    if (burstUnavailable) unavailable.push('burst');

    // Handle pattern.
    const hp = handlePattern(a.platform, a.author);
    if (hp) {
      const w = WEIGHTS.handlePattern;
      const weight = hp.kind === 'auto-handle' ? w.autoHandle : (hp.digits ?? 0) >= 7 ? w.nameManyDigits : w.nameDigits;
      evidence.push({
        signal: 'handle-pattern',
        weight,
        detail: hp.kind === 'auto-handle' ? `Handle ${hp.handle} is one the platform generates automatically` : `Handle ${hp.handle} is a name followed by ${hp.digits} digits, as in mass sign-ups`,
      });
    }

    // Display-name script vs comment language.
    const nm = nameLanguageMismatch(a.author.displayName, { scripts: comments.map((c) => c.script()) });
    if (nm.status === 'unavailable') unavailable.push('name-mismatch');
    else if (nm.status === 'mismatch') {
      evidence.push({
        signal: 'name-mismatch',
        weight: WEIGHTS.nameMismatch,
        detail: `Display name "${excerpt(a.author.displayName ?? '', 40)}" is in ${nm.mismatch.nameScript} script but ${nm.mismatch.comments} comment${nm.mismatch.comments === 1 ? ' is' : 's are'} in ${nm.mismatch.commentScript} script`,
      });
    }

    // Account age, followers, batch creation.
    if (!a.author.createdAt) unavailable.push('account-age');
    else {
      const firstMs = Math.min(...comments.map((c) => c.time?.ms ?? Date.parse(c.record.seenAt)).filter(Number.isFinite));
      const fresh = freshAccount(a.author.createdAt, Number.isFinite(firstMs) ? firstMs : undefined);
      if (fresh) {
        const w = WEIGHTS.accountAge;
        const days = Math.max(0, Math.floor(fresh.ageDays));
        evidence.push({
          signal: 'account-age',
          weight: fresh.ageDays < 30 ? w.under30Days : w.under90Days,
          detail: `Account created ${days} day${days === 1 ? '' : 's'} before it commented (${a.author.createdAt.slice(0, 10)})`,
        });
      }
    }
    if (a.author.followers === 0) {
      evidence.push({ signal: 'account-age', weight: WEIGHTS.accountAge.noFollowers, detail: 'Account has no followers' });
    }
    const batch = this.batchOf.get(a.key);
    if (batch) {
      const rel = others([batch]);
      const days = Math.max(1, Math.round((batch.endMs - batch.startMs) / DAY));
      evidence.push({
        signal: 'batch-created',
        weight: WEIGHTS.batchCreated,
        detail: `Created within ${days} day${days === 1 ? '' : 's'} of ${count(rel.count)} other ${plural(rel.count, 'commenter')} (${this.names(rel)}), ${new Date(batch.startMs).toISOString().slice(0, 10)}`,
        related: related(rel),
        ...this.clusterRefs([batch], a.platform),
      });
    }

    // Avatar.
    const score = this.avatarOf.get(a.key);
    const av = avatarFinding(a.author, score);
    if (!score || (score.pGenerated === undefined && score.level !== 'high' && score.level !== 'medium' && score.level !== 'low')) unavailable.push('avatar-ai');
    if (av?.aiLevel) {
      evidence.push({
        signal: 'avatar-ai',
        weight: av.aiLevel === 'high' ? WEIGHTS.avatar.aiHigh : WEIGHTS.avatar.aiMedium,
        detail: av.pGenerated !== undefined ? `Profile picture looks AI-generated (p = ${av.pGenerated.toFixed(2)})` : `Profile picture looks AI-generated (${av.aiLevel} by the avatar model)`,
      });
    }
    if (av?.defaultAvatar) evidence.push({ signal: 'avatar-default', weight: WEIGHTS.avatar.defaultPicture, detail: "Uses the platform's default profile picture" });
    const shared = this.pictureGroupsOf(a.key);
    if (shared.length > 0) {
      const rel = others(shared);
      evidence.push({
        signal: 'avatar-shared',
        weight: WEIGHTS.avatar.shared,
        detail: `Same profile picture as ${this.names(rel)}`,
        related: related(rel),
        ...this.clusterRefs(shared, a.platform),
      });
    }

    // Co-occurrence across threads.
    if (this.threads.size < 2) unavailable.push('co-occurrence');
    const co = this.coOccurrence.get(a.key);
    if (co && co.length > 0) {
      const w = WEIGHTS.coOccurrence;
      const partners = others(co);
      const threads = [...new Set(co.flatMap((g) => g.threads))].sort();
      evidence.push({
        signal: 'co-occurrence',
        weight: partners.count >= 2 ? w.severalPartners : w.onePartner,
        detail: `Commented alongside ${this.names(partners)} in ${threads.length} of the same threads (${this.idsOf(threads.slice(0, 3)).join(', ')})`,
        related: related(partners),
        ...this.clusterRefs(co, a.platform),
      });
    }

    // Travelling together: close in time to the same accounts in several threads.
    if (this.threads.size < 2) unavailable.push('co-travel');
    const travel = this.coTravel.groupOf.get(a.key);
    if (travel) {
      const w = WEIGHTS.coTravel;
      const weight = travel.log10Corrected <= -6 ? w.tiny : travel.log10Corrected <= -3 ? w.small : w.some;
      const rel = others([travel]);
      const visits = travel.threads.map((t) => `${t.thread.slice(t.thread.indexOf(':') + 1)}: ${t.accounts.length} within ${Math.max(1, Math.round(t.spreadMs / 60_000))} min`);
      evidence.push({
        signal: 'co-travel',
        weight,
        detail: `Commented close in time to ${this.names(rel)} in ${travel.threads.length} threads (${visits.slice(0, 4).join('; ')}${visits.length > 4 ? '; …' : ''}); the chance of such timing among unrelated commenters is ${describeChance(travel.log10Corrected)}`,
        related: related(rel),
        ...this.clusterRefs([travel], a.platform),
      });
    }

    const label = this.labels[a.key] ?? this.labels[a.author.id];
    const result = combineEvidence(evidence, this.thresholds, label);
    return {
      platform: a.platform,
      accountId: a.author.id,
      handle: a.author.handle,
      displayName: a.author.displayName,
      profileUrl: a.author.profileUrl,
      avatarUrl: a.author.avatarUrl,
      score: result.score,
      level: result.level,
      reasons: result.reasons,
      unavailable,
      comments: a.comments.length,
      threads: a.threads.map((t) => t.slice(t.indexOf(':') + 1)),
      label,
    };
  }

  // ---- clusters and summaries ---------------------------------------------------------------

  /** Every group as `GroupSource`s, in the order `clusters()` lists them. */
  private groupSources(): { sources: GroupSource[]; threadListed: GroupSource[] } {
    const sources: GroupSource[] = [];
    // Thread summaries list near-duplicate clusters of at least minAccounts, cross-language groups and bursts.
    const threadListed: GroupSource[] = [];
    const minAccounts = this.duplicates.opts.minAccounts;
    for (const c of this.duplicates.clusters(2)) {
      const source: GroupSource = { id: c.id, kind: 'near-duplicate', accounts: c.accounts, commentKeys: c.commentKeys, sampleText: c.sampleText };
      sources.push(source);
      if (c.accounts.length >= minAccounts) threadListed.push(source);
    }
    for (const g of this.crossLanguage.allGroups()) {
      const source: GroupSource = {
        id: crossLanguageGroup(g).id,
        kind: 'cross-language',
        accounts: g.accounts,
        commentKeys: g.commentKeys,
        sampleText: g.sampleText,
        facts: { token: g.token, languages: g.languages },
      };
      sources.push(source);
      threadListed.push(source);
    }
    for (const t of this.threads.values()) {
      for (const b of t.bursts) {
        const source: GroupSource = {
          id: b.id,
          kind: 'burst',
          accounts: b.accounts,
          commentKeys: b.commentKeys,
          sampleText: this.comments.get(b.commentKeys[0])!.record.text,
          facts: { window: { start: new Date(b.startMs).toISOString(), end: new Date(b.endMs).toISOString() }, expected: Math.round(b.expected * 1000) / 1000, precisionMs: b.precisionMs },
        };
        sources.push(source);
        threadListed.push(source);
      }
    }
    for (const g of new Set(this.batchOf.values())) {
      sources.push({ id: g.id, kind: 'batch', accounts: g.accounts, facts: { window: { start: new Date(g.startMs).toISOString(), end: new Date(g.endMs).toISOString() }, expected: Math.round(g.expected * 1000) / 1000 } });
    }
    const pictureGroups = new Set<SharedAvatarGroup>();
    for (const groups of this.sharedPictures().values()) for (const g of groups) pictureGroups.add(g);
    for (const g of [...pictureGroups].sort((x, y) => compareText(x.id, y.id))) sources.push({ id: g.id, kind: 'shared-picture', accounts: g.accounts, facts: { picture: g.picture } });
    for (const g of this.coOccurrenceGroups) sources.push({ id: g.id, kind: 'co-occurrence', accounts: g.accounts, threadKeys: g.threads });
    for (const g of this.narrative.allGroups()) {
      const source: GroupSource = {
        id: g.id,
        kind: 'narrative',
        accounts: g.accounts,
        commentKeys: g.commentKeys,
        sampleText: this.comments.get(g.commentKeys[0])?.record.text,
        facts: { terms: g.terms, offTopic: g.offTopic, languages: this.narrativeLanguages(g) },
      };
      sources.push(source);
      threadListed.push(source);
    }
    for (const g of this.coTravel.groups) {
      const source: GroupSource = {
        id: g.id,
        kind: 'co-travel',
        accounts: g.accounts,
        commentKeys: g.threads.flatMap((t) => t.commentKeys),
        sampleText: this.comments.get(g.threads[0].commentKeys[0])?.record.text,
        facts: { log10Chance: g.log10Corrected, visits: g.threads.map((t) => ({ thread: t.thread.slice(t.thread.indexOf(':') + 1), accounts: t.accounts.length, spreadMinutes: Math.round(t.spreadMs / 60_000) })) },
      };
      sources.push(source);
      threadListed.push(source);
    }
    return { sources, threadListed };
  }

  /** Languages a narrative group is written in, where reliably detected (once per group). */
  /** An off-topic narrative group large enough to count as such (weights.ts). */
  private narrativeOffTopic(g: NarrativeGroup): boolean {
    return g.offTopic && g.accounts.length >= WEIGHTS.narrative.offTopicMinAccounts;
  }

  private languagesOf = new WeakMap<NarrativeGroup, string[]>();
  private narrativeLanguages(g: NarrativeGroup): string[] {
    let langs = this.languagesOf.get(g);
    if (!langs) {
      const set = new Set<string>();
      for (const k of g.commentKeys) {
        const detected = this.comments.get(k)?.language();
        if (detected?.lang && detected.reliable) set.add(detected.lang);
      }
      this.languagesOf.set(g, (langs = [...set].sort()));
    }
    return langs;
  }

  private clusterIndex(): { clusters: Cluster[]; byThread: Map<string, ThreadClusterRef[]> } {
    if (this.clusterCache?.version === this.version) return this.clusterCache;
    const { sources, threadListed } = this.groupSources();
    const threadOf = (k: string) => this.comments.get(k)?.thread;
    const clusters = sources.flatMap((s) => toClusters(s, threadOf));
    const byThread = new Map<string, ThreadClusterRef[]>();
    for (const s of threadListed) addThreadRefs(s, (k) => this.comments.get(k), byThread);
    this.clusterCache = { version: this.version, clusters, byThread };
    return this.clusterCache;
  }

  private summarize(t: ThreadState): ThreadSummary {
    const flagged: Record<Level, number> = { high: 0, medium: 0, low: 0, unsure: 0 };
    const flaggedAccounts = new Set<string>();
    for (const a of t.accounts) {
      const v = this.verdictCache.get(a);
      if (!v) continue;
      flagged[v.level]++;
      if (v.level === 'high' || v.level === 'medium') flaggedAccounts.add(a);
    }
    let flaggedComments = 0;
    for (const k of t.comments) if (flaggedAccounts.has(this.comments.get(k)!.account)) flaggedComments++;
    const clusters = this.clusterIndex().byThread.get(t.key) ?? [];
    const unavailable: string[] = [];
    if (t.basis === 'none') unavailable.push('burst');
    if (this.threads.size < 2) unavailable.push('co-occurrence', 'co-travel');
    let anyCreated = false;
    let anyAvatar = false;
    for (const a of t.accounts) {
      const acc = this.accounts.get(a)!;
      if (acc.author.createdAt) anyCreated = true;
      if (this.avatarOf.get(a)?.pGenerated !== undefined) anyAvatar = true;
    }
    if (!anyCreated) unavailable.push('account-age');
    if (!anyAvatar) unavailable.push('avatar-ai');
    const share = t.comments.length ? flaggedComments / t.comments.length : 0;
    let level: Level = 'low';
    if (flagged.high >= 3 || (flagged.high >= 1 && flagged.high + flagged.medium >= 5)) level = 'high';
    else if (flagged.high + flagged.medium >= 2) level = 'medium';
    else if (flagged.high + flagged.medium + flagged.unsure >= 1) level = 'unsure';
    return {
      platform: t.platform,
      threadId: t.threadId,
      comments: t.comments.length,
      accounts: t.accounts.size,
      flagged,
      clusters,
      flaggedCommentShare: Math.round(share * 1000) / 1000,
      level,
      unavailable,
    };
  }
}

/** The id a cross-language group is known by (its token names it). */
function crossLanguageGroup(g: CrossLanguageGroup): MemberGroup {
  return { id: `xl:${g.token}`, accounts: g.accounts };
}

export function analyzeCase(records: CommentRecord[], opts: AnalyzeOptions = {}): { verdicts: AccountVerdict[]; threads: ThreadSummary[]; clusters: Cluster[] } {
  const analyzer = new CaseAnalyzer(opts);
  analyzer.add(records);
  return { verdicts: analyzer.verdicts(), threads: analyzer.summaries(), clusters: analyzer.clusters() };
}
