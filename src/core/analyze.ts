/**
 * The analysis core: records in, account verdicts, clusters and thread summaries out. `CaseAnalyzer`
 * keeps its indexes (LSH buckets, token postings, per-thread timing, per-account state) so that adding
 * a few comments only rescores the accounts whose evidence changed. Groups of accounts are stored once,
 * as clusters; each verdict points to them and names a bounded sample of co-members, so memory and
 * output grow linearly with the case (analysis/*: evidence per signal, clusters, summaries, unions).
 * `analyzeCase` is the one-shot form.
 */
import { compareText } from './text/compare.ts';
import type { AccountVerdict, AvatarScore, Cluster, CommentRecord, Platform, ThreadClusterRef, ThreadSummary } from './types.ts';
import { accountKeyOf, commentKeyOf, prepareCommentWithKeys, threadKeyOf, type PreparedComment } from './signals/prepare.ts';
import { NearDuplicateIndex, type DuplicateCluster, type NearDuplicateOptions } from './signals/near-duplicate.ts';
import { CrossLanguageIndex } from './signals/cross-language.ts';
import { findBursts, type Burst, type BurstOptions, type TimedComment } from './signals/burst.ts';
import { findBatchCreation, type BatchGroup } from './signals/account-age.ts';
import { imageKeyFromUrl, lookupAvatarScore, sharedPictureGroups, type AvatarScores, type SharedAvatarGroup } from './signals/avatar.ts';
import { findCoOccurrenceGroups, type CoOccurrenceGroup } from './signals/co-occurrence.ts';
import { NarrativeIndex, type NarrativeComment, type NarrativeGroup } from './signals/narrative.ts';
import { findCoTravel, type CoTravelGroup, type CoTravelResult, type TravelVisit } from './signals/co-travel.ts';
import { UnionCache, type MemberGroup } from './analysis/union.ts';
import { addThreadRefs, clusterIdOn, spansPlatforms, toClusters, type GroupSource } from './analysis/clusters.ts';
import { LinkComponents } from './analysis/link-components.ts';
import { accountEvidence, crossLanguageGroup, type BurstLinks, type ScoringContext } from './analysis/evidence.ts';
import { insertTimes, memoBy, mergeAuthor, mergeRecords, type AccountState, type ThreadState } from './analysis/state.ts';
import { summarizeThread } from './analysis/summary.ts';
import { ConversationNames } from './analysis/conversations.ts';
import { VerdictOrder } from './analysis/verdict-order.ts';
import { combineEvidence } from './scoring/score.ts';
import { DEFAULT_THRESHOLDS, WEIGHTS, type Thresholds } from './scoring/weights.ts';
import { commentTime } from './text/time.ts';

const NO_PICTURES: string[] = [];
Object.freeze(NO_PICTURES);

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

export class CaseAnalyzer {
  private thresholds: Thresholds;
  private avatarScores: AvatarScores | undefined;
  private labels: Record<string, 'confirmed' | 'dismissed'>;
  /** the same labels in a Map: looking up ten thousand account keys on a plain object interns every key */
  private labelOf: Map<string, 'confirmed' | 'dismissed'>;
  private readonly burstOpts: Partial<BurstOptions>;

  /** numbered in order of arrival (`PreparedComment.no`): the indexes file them by number, not by key */
  private comments = new Map<string, PreparedComment>();
  /** the number naming each new comment's conversation (for the narrative index) */
  private conversations = new ConversationNames();
  private accounts = new Map<string, AccountState>();
  private threads = new Map<string, ThreadState>();
  private duplicates: NearDuplicateIndex;
  private crossLanguage = new CrossLanguageIndex();
  private batchOf = new Map<string, BatchGroup>();
  /** picture identity ('phash:…' / 'image:…') → accounts showing it */
  private accountsByPicture = new Map<string, Set<string>>();
  /** co-occurrence groups (accounts by pair of threads) each account is in */
  private coOccurrence = new Map<string, CoOccurrenceGroup[]>();
  private coOccurrenceGroups: CoOccurrenceGroup[] = [];
  private narrative = new NarrativeIndex();
  private coTravel: CoTravelResult = { groups: [], groupOf: new Map() };
  /** accounts seen in two or more threads (only they can travel together) */
  private travellers = new Set<string>();
  /** comments in the case when co-travel was last computed */
  private coTravelAt = 0;
  /** per thread, comments in near-duplicate clusters of at least minAccounts accounts; per pass */
  private repeatedCache: Map<string, number> | null = null;
  private verdictCache = new Map<string, AccountVerdict>();
  // Valid during one rescore pass (the groups do not change within it):
  /** each account's link groups: text, tokens, picture, creation batch */
  private linkCache = new Map<string, MemberGroup[]>();
  private unions = new UnionCache();
  private components = new LinkComponents((k) => this.linkGroupsOf(k), WEIGHTS.group.maxAccounts);
  /** accounts whose verdict holds group evidence */
  private grouped = new Set<string>();
  /** per burst: members, and how many members each link group has in it */
  private burstCache = new Map<string, BurstLinks>();
  /** whether a group spans platforms, by its member array (groups are new arrays when they change) */
  private spansCache = new WeakMap<readonly string[], { length: number; spans: boolean }>();
  /** shared-picture groups each account is in; null when pictures changed since it was built */
  private pictureIndex: Map<string, SharedAvatarGroup[]> | null = null;
  /** bumped whenever verdicts may have changed */
  private version = 0;
  private clusterCache: { version: number; clusters: Cluster[]; byThread: Map<string, ThreadClusterRef[]> } | null = null;
  /** accounts rescored by the last update (how incremental the last add was) */
  lastRescored = 0;
  /** shared thread-id lists for verdicts (see `threadIdsOf`) */
  private threadIdLists = new Map<string, string[]>();
  /** verdicts in output order */
  private order = new VerdictOrder();

  /** what scoring reads from the indexes above */
  private readonly scoring: ScoringContext;

  constructor(opts: AnalyzeOptions = {}) {
    this.thresholds = { ...DEFAULT_THRESHOLDS, ...opts.thresholds };
    this.avatarScores = opts.avatarScores;
    this.labels = { ...opts.labels };
    this.labelOf = new Map(Object.entries(this.labels));
    this.burstOpts = opts.burst ?? {};
    this.duplicates = new NearDuplicateIndex(opts.nearDuplicate);
    this.scoring = {
      comment: (key) => this.comments.get(key)!,
      thread: (key) => this.threads.get(key)!,
      threadCount: () => this.threads.size,
      duplicateClusterOf: (c) => this.duplicates.clusterOfComment(c),
      minDuplicateAccounts: this.duplicates.opts.minAccounts,
      crossLanguageGroupsOf: (account) => this.crossLanguage.groupsOf(account),
      linkGroupsOf: (account) => this.linkGroupsOf(account),
      linkComponentOf: (account) => this.components.of(account),
      burstLinks: (b) => this.burstLinks(b),
      batchOf: (account) => this.batchOf.get(account),
      pictureGroupsOf: (account) => this.pictureGroupsOf(account),
      coOccurrenceOf: (account) => this.coOccurrence.get(account),
      otherRepetition: (thread, cluster) => this.otherRepetition(thread, cluster),
      narrativeGroupsOf: (account) => this.narrative.groupsOf(account),
      narrativeOffTopic: (g) => this.narrativeOffTopic(g),
      narrativeLanguages: (g) => this.narrativeLanguages(g),
      coTravelOf: (account) => this.coTravel.groupOf.get(account),
      unions: this.unions,
      nameOf: (key) => this.nameOf(key),
      clusterIdFor: (group, platform) => this.clusterIdFor(group, platform),
    };
  }

  add(records: CommentRecord[]): void {
    const dirty = new Set<string>();
    const touchedThreads = new Set<string>();
    let newCreatedAt = false;
    let threadCountsChanged = false;
    let travellerCommented = false;
    const pictureChanged = new Set<AccountState>();
    const newTimes = new Map<ThreadState, ThreadState['timeline']>();
    /** the thread of the last record, and the new times listed for it */
    let last: { platform: Platform; threadId: string; key: string; state: ThreadState; times?: ThreadState['timeline'] } | undefined;
    let lastTouched: string | undefined;
    if (records.length > 256) this.duplicates.expect(records.length);
    /** comments new to the case, for the indexes */
    const fresh: PreparedComment[] = [];
    /** per fresh comment: its text as first seen (a later sighting may merge into the record), its account's number, the number naming its conversation */
    const freshText: string[] = [];
    const freshAccountNo: number[] = [];
    const freshConversation: number[] = [];
    for (const incoming of records) {
      const key = commentKeyOf(incoming);
      const existing = this.comments.get(key);
      const record = existing ? mergeRecords(existing.record, incoming) : incoming;
      const accountKey = accountKeyOf(record);
      // A batch is mostly one thread: its key string is built (and looked up) once, not per comment.
      if (record.threadId !== last?.threadId || record.platform !== last.platform) {
        const threadKey = threadKeyOf(record);
        last = { platform: record.platform, threadId: record.threadId, key: threadKey, state: this.threadState(threadKey, record) };
      }
      const threadKey = last.key;
      let prepared: PreparedComment;
      let previousTime: PreparedComment['time'];
      if (existing) {
        prepared = existing;
        previousTime = existing.time;
        prepared.record = record;
        prepared.time = commentTime(record);
      } else {
        prepared = prepareCommentWithKeys(record, { key, account: accountKey, thread: threadKey, no: this.comments.size });
        this.comments.set(key, prepared);
      }
      let account = this.accounts.get(accountKey);
      // A new account's lists start with this comment as one-element literals: an empty array that is
      // pushed to reserves room for 17, and most accounts of a thread comment once.
      const created = !account;
      if (!account) {
        account = { key: accountKey, no: this.accounts.size, platform: record.platform, author: { ...record.author }, authorFromJson: record.source === 'json', comments: existing ? [] : [key], prepared: existing ? [] : [prepared], threads: [threadKey], pictures: NO_PICTURES };
        this.accounts.set(accountKey, account);
        pictureChanged.add(account);
      } else {
        const hadCreated = account.author.createdAt;
        const hadUrl = account.author.avatarUrl;
        const hadDefault = account.author.defaultAvatar;
        // The page's JSON knows more than its DOM: a DOM sighting only fills what is missing.
        mergeAuthor(account.author, record.author, account.authorFromJson && record.source === 'dom');
        if (record.source === 'json') account.authorFromJson = true;
        if (!hadCreated && account.author.createdAt) newCreatedAt = true;
        if (account.author.avatarUrl !== hadUrl || account.author.defaultAvatar !== hadDefault) pictureChanged.add(account);
      }
      if (!existing) {
        if (!created) {
          account.comments.push(key);
          account.prepared.push(prepared);
        }
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
      const thread = last.state;
      // The same comment id reported under another thread (the page's JSON enriching a DOM sighting keeps
      // the DOM's thread): the comment stays where it was first placed, but the thread it was seen in is
      // still a thread of the case, so the summary lists every thread the journalist read.
      if (existing && (incoming.threadId !== record.threadId || incoming.platform !== record.platform)) this.threadState(threadKeyOf(incoming), incoming);
      if (!existing) thread.comments.push(key);
      thread.accounts.add(accountKey);
      const time = prepared.time;
      if (existing && previousTime && (previousTime.ms !== time?.ms || previousTime.source !== time?.source || previousTime.precisionMs !== time?.precisionMs)) {
        const at = thread.timeline.findIndex((e) => e.key === key);
        if (at >= 0) thread.timeline.splice(at, 1);
      }
      if (time && (!existing || !previousTime || previousTime.ms !== time.ms || previousTime.source !== time.source || previousTime.precisionMs !== time.precisionMs)) {
        let list = last.times;
        if (!list) {
          list = newTimes.get(thread);
          if (!list) newTimes.set(thread, (list = []));
          last.times = list;
        }
        const entry = { key, account: accountKey, ms: time.ms, precisionMs: time.precisionMs, source: time.source };
        list.push(entry);
        // The entry is also the comment's time (the same values): one surviving object per timed comment, not two.
        prepared.time = entry;
      }
      if (threadKey !== lastTouched) touchedThreads.add((lastTouched = threadKey));
      if (account.threads.length >= 2) travellerCommented = true;
      dirty.add(accountKey);
      if (!existing) {
        fresh.push(prepared);
        freshText.push(record.text);
        freshAccountNo.push(account.no);
        freshConversation.push(this.conversations.of(record, prepared, this.comments));
      }
    }
    // Each index takes the new comments in one pass of its own (in arrival order, as if one by one):
    // its tables stay in the processor's cache for the whole batch instead of being evicted by the
    // other indexes' after every comment.
    this.duplicates.insertAll(fresh);
    for (const c of fresh) this.crossLanguage.insert(c);
    // (one object handed over for all: the index copies what it keeps)
    const given: NarrativeComment = { key: '', no: 0, account: '', accountNo: 0, thread: '', text: '', shingles: undefined, conversationNo: 0 };
    for (let i = 0; i < fresh.length; i++) {
      const c = fresh[i];
      given.key = c.key;
      given.no = c.no;
      given.account = c.account;
      given.accountNo = freshAccountNo[i];
      given.thread = c.thread;
      given.text = freshText[i];
      given.shingles = c.shingles;
      given.conversationNo = freshConversation[i];
      this.narrative.add(given);
    }
    // Each group that grew is listed once, however many of its comments arrived in this batch.
    for (const a of this.duplicates.takeTouchedAccounts()) dirty.add(a);
    for (const a of this.crossLanguage.flush()) dirty.add(a);
    for (const a of this.narrative.settle()) dirty.add(a);
    for (const [thread, entries] of newTimes) insertTimes(thread.timeline, entries);
    for (const t of touchedThreads) for (const a of this.updateBursts(this.threads.get(t)!)) dirty.add(a);
    if (newCreatedAt) for (const a of this.updateBatches()) dirty.add(a);
    if (threadCountsChanged) for (const a of this.updateCoOccurrence()) dirty.add(a);
    // Co-travel is recomputed when an account seen in two or more threads commented, or when the case
    // has grown by a tenth since (other comments only shift the densities its chances rest on).
    if (this.travellers.size >= 2 && (threadCountsChanged || travellerCommented || this.comments.size >= this.coTravelAt * 1.1)) {
      this.coTravelAt = this.comments.size;
      for (const a of this.updateCoTravel()) dirty.add(a);
    }
    this.refreshPictures(pictureChanged, dirty);
    this.rescore(dirty);
  }

  setAvatarScores(scores: AvatarScores | AvatarScore[]): void {
    if (Array.isArray(scores)) {
      const map = new Map<string, AvatarScore>();
      for (const s of scores) map.set(s.imageKey, s);
      this.avatarScores = map;
    } else this.avatarScores = scores;
    // Only accounts whose score changed (and those sharing a picture with them) are rescored.
    const changed: AccountState[] = [];
    for (const a of this.accounts.values()) {
      if (lookupAvatarScore(this.avatarScores, a.key, a.author) !== a.avatar) changed.push(a);
    }
    const dirty = new Set<string>();
    this.refreshPictures(changed, dirty);
    this.rescore(dirty);
  }

  setLabels(labels: Record<string, 'confirmed' | 'dismissed'>): void {
    const changed = new Set<string>();
    for (const k of new Set([...Object.keys(this.labels), ...Object.keys(labels)])) {
      if (this.labels[k] !== labels[k]) changed.add(k);
    }
    this.labels = { ...labels };
    this.labelOf = new Map(Object.entries(this.labels));
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
    return this.order.list(this.verdictCache);
  }

  verdict(platform: Platform, accountId: string): AccountVerdict | undefined {
    return this.verdictCache.get(`${platform}:${accountId}`);
  }

  private threadState(key: string, record: CommentRecord): ThreadState {
    let thread = this.threads.get(key);
    if (!thread) {
      thread = { key, platform: record.platform, threadId: record.threadId, comments: [], accounts: new Set(), basis: 'none', timeline: [], bursts: [], burstOf: new Map() };
      this.threads.set(key, thread);
    }
    return thread;
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
    // Groups only grow (accounts do not leave threads): ids, sizes and chances tell what changed.
    return this.swap(this.coOccurrence, next, (groups) => groups.map((g) => `${g.id}#${g.accounts.length}#${g.log10Corrected}`).join(','), (m) => (this.coOccurrence = m));
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
   * Looks up these accounts' avatar scores again and re-files their pictures; adds to `dirty` the
   * accounts whose evidence may have changed: themselves and everyone sharing an old or new picture
   * with them (each picture's accounts listed once, however many of them changed).
   */
  private refreshPictures(accounts: Iterable<AccountState>, dirty: Set<string>): void {
    const pictures = new Set<string>();
    for (const a of accounts) {
      dirty.add(a.key);
      for (const p of this.refreshPicture(a)) pictures.add(p);
    }
    // Everyone still showing a picture an account joined or left (a lone remaining sharer lost its partner).
    for (const p of pictures) for (const k of this.accountsByPicture.get(p) ?? []) dirty.add(k);
  }

  /** Re-files one account's pictures; returns the pictures it left or joined. */
  private refreshPicture(a: AccountState): string[] {
    const key = a.key;
    const score = lookupAvatarScore(this.avatarScores, key, a.author);
    a.avatar = score;
    const pictures: string[] = [];
    if (!a.author.defaultAvatar && !score?.generic) {
      // Default and generic (flat: letters, silhouettes) pictures are excluded: unrelated people share those.
      if (score?.phash) pictures.push(`phash:${score.phash.toLowerCase()}`);
      const imageKey = score?.imageKey ?? (a.author.avatarUrl ? imageKeyFromUrl(a.author.avatarUrl) : undefined);
      if (imageKey) pictures.push(`image:${imageKey}`);
    }
    const before = a.pictures;
    if (before.length === 0 && pictures.length === 0) return [];
    if (before.join('\n') === pictures.join('\n')) return [];
    for (const p of before) {
      const set = this.accountsByPicture.get(p);
      if (!set) continue;
      set.delete(key);
      if (set.size === 0) this.accountsByPicture.delete(p);
    }
    for (const p of pictures) {
      let set = this.accountsByPicture.get(p);
      if (!set) this.accountsByPicture.set(p, (set = new Set()));
      set.add(key);
    }
    a.pictures = pictures;
    this.pictureIndex = null;
    return [...before, ...pictures];
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

  /** The id under which a group is listed in `clusters()` for accounts of `platform`. */
  private clusterIdFor(group: MemberGroup, platform: Platform): string {
    let spans = this.spansCache.get(group.accounts);
    if (spans?.length !== group.accounts.length) this.spansCache.set(group.accounts, (spans = { length: group.accounts.length, spans: spansPlatforms(group.accounts) }));
    return clusterIdOn(group.id, platform, spans.spans);
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
      for (const prepared of a.prepared) {
        const cluster = this.duplicates.clusterOfComment(prepared);
        if (!cluster || seen.has(cluster.id)) continue;
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
  private burstLinks(b: Burst): BurstLinks {
    let entry = this.burstCache.get(b.id);
    if (entry) return entry;
    const members = new Set(b.accounts);
    // Every member of a group counts, also those for whom the group is no link of their own (a
    // near-identical pair ties the account with the longer comment to the other, not both ways).
    const inBurst = new Map<string, number>();
    for (const k of b.accounts) {
      for (const g of this.linkGroupsOf(k)) {
        if (inBurst.has(g.id)) continue;
        let n = 0;
        for (const a of g.accounts) if (members.has(a)) n++;
        inBurst.set(g.id, n);
      }
    }
    let linked = 0;
    for (const k of b.accounts) if (this.linkGroupsOf(k).some((g) => inBurst.get(g.id)! >= 2)) linked++;
    entry = { members, inBurst, coordinatedShare: linked / b.accounts.length, unlinked: b.accounts.length - linked };
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
    this.repeatedCache = null;
    this.components.clear();
    // A burst member's weight depends on how coordinated the whole burst is: rescore all members of
    // any burst a changed account belongs to (each burst listed once).
    // Dirty keys are always accounts of the case: when there are as many as accounts (a case analysed
    // from scratch, new thresholds), every account is rescored and nothing needs looking up.
    const everyone = dirty.size === this.accounts.size;
    if (!everyone) {
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
      // A group's evidence depends on its whole link component: rescore every member of a changed one.
      // A component that grew too large gives none: its members that had some lose it.
      let large = false;
      for (const key of [...dirty]) {
        if (!this.accounts.has(key)) continue;
        const c = this.components.of(key);
        if (c.large) large = true;
        else for (const k of c.accounts) dirty.add(k);
      }
      if (large) for (const k of this.grouped) if (this.components.of(k).large) dirty.add(k);
    }
    let rescored = 0;
    for (const a of everyone ? this.accounts.values() : this.dirtyAccounts(dirty)) {
      this.order.replacing(a.key, this.verdictCache);
      const verdict = this.score(a);
      this.verdictCache.set(a.key, verdict);
      if (verdict.reasons.some((r) => r.signal === 'group')) this.grouped.add(a.key);
      else this.grouped.delete(a.key);
      rescored++;
    }
    this.lastRescored = rescored;
  }

  private *dirtyAccounts(dirty: Set<string>): Iterable<AccountState> {
    for (const key of dirty) {
      const a = this.accounts.get(key);
      if (a) yield a;
    }
  }

  /**
   * The thread ids of a set of thread keys, as one frozen list shared by every verdict with the same
   * threads (most accounts of a case are in the same one): not a list per account for each rescoring
   * to leave behind. A list per set an account has had, so at most one per account and thread.
   */
  private threadIdsOf(threadKeys: string[]): string[] {
    const key = threadKeys.length === 1 ? threadKeys[0] : threadKeys.join('\u0000');
    let ids = this.threadIdLists.get(key);
    if (!ids) this.threadIdLists.set(key, (ids = Object.freeze(threadKeys.map((t) => t.slice(t.indexOf(':') + 1))) as string[]));
    return ids;
  }

  private score(a: AccountState): AccountVerdict {
    const { evidence, unavailable } = accountEvidence(a, this.scoring);
    const label = this.labelOf.size === 0 ? undefined : (this.labelOf.get(a.key) ?? this.labelOf.get(a.author.id));
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
      threads: this.threadIdsOf(a.threads),
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
    return summarizeThread(t, {
      verdictOf: (account) => this.verdictCache.get(account),
      accountOfComment: (key) => this.comments.get(key)!.account,
      author: (account) => this.accounts.get(account)!.author,
      avatarOf: (account) => this.accounts.get(account)!.avatar,
      threadCount: this.threads.size,
      clusters: this.clusterIndex().byThread.get(t.key) ?? [],
    });
  }
}

export function analyzeCase(records: CommentRecord[], opts: AnalyzeOptions = {}): { verdicts: AccountVerdict[]; threads: ThreadSummary[]; clusters: Cluster[] } {
  const analyzer = new CaseAnalyzer(opts);
  analyzer.add(records);
  return { verdicts: analyzer.verdicts(), threads: analyzer.summaries(), clusters: analyzer.clusters() };
}
