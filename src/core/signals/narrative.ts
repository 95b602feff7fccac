/**
 * Narrative similarity: comments by different accounts that share what is rare *in their thread* —
 * names, numbers, uncommon words, across languages (terms from text/terms.ts) — even when no two
 * of them share a sentence. The thread is the corpus: a term used by more than `maxDf` of its
 * comments is the thread's own vocabulary (the video's topic, its fans' phrases) and links nothing;
 * rarer terms weigh ln(1 + n/df) (a Chinese or Japanese character pair 1/√2 of that: a run's overlapping
 * pairs hold each character twice, so a Chinese sentence would otherwise weigh twice its English copy). Two comments are linked when they share enough rare terms, from
 * at least two separate places of each (one shared phrase is one thing in common), and their
 * weighted (TF-IDF cosine) similarity passes a bar; a group is a connected set of linked
 * comments from at least `minAccounts` accounts. A group whose terms occur almost only in its own
 * comments and whose comments use little of the thread's common vocabulary is off-topic for the
 * thread and on one topic together ("off-topic for this video, on the same topic as 7 others").
 *
 * Incremental and linear: each comment is compared only with the comments listed under its rare
 * terms (at most `maxDf` per term), candidate links are kept once, and a group is recomputed only
 * when a comment sharing one of its rare terms arrives. Candidate links are stored whenever two
 * comments share `minSharedAtInsert` terms rare at that moment; since document frequencies only grow,
 * a link that is valid later was a candidate when its second comment arrived, in any arrival order.
 */
import { compareText } from '../text/compare.ts';
import { jaccard } from '../text/normalize.ts';
import { placeName } from '../text/cross-script.ts';
import { TermVocabulary, VIDEO_TIMESTAMP, type TermKind } from '../text/terms.ts';
import { withRoomFor } from '../typed-arrays.ts';

export interface NarrativeOptions {
  /** terms in more comments of the thread than this are its common vocabulary */
  maxDf: number;
  /** rare terms two comments must share… */
  minShared: number;
  /** …or this many when one of them is a number or a name */
  minSharedWithFact: number;
  /** separate places (runs of adjacent words: one phrase) the shared rare terms must come from, in each comment */
  minSharedPhrases: number;
  /** TF-IDF cosine of the two comments */
  minSimilarity: number;
  /** shingle Jaccard at or above which two comments are copies, the near-duplicate signal's case */
  copySimilarity: number;
  /** distinct accounts for a group */
  minAccounts: number;
  /** a comment needs this many content terms to take part */
  minTerms: number;
  /** a group's terms occurring at least this share inside the group, with members using this share of rare terms, is off-topic */
  offTopicConcentration: number;
  offTopicRareShare: number;
  /** threads smaller than this have no "common vocabulary" (terms in more than `maxDf` comments) to judge by… */
  offTopicMinThread: number;
  /**
   * …but a thread with at least `offTopicMinOutside` comments outside the group still has a topic:
   * the words its other comments repeat. A group whose members share at most `offTopicMaxTopical`
   * of their terms with the rest of the thread (each used by two or more comments outside the
   * group) is off-topic in a thread of any size; in a thread below `offTopicMinThread` it needs
   * `offTopicSmallThreadAccounts` accounts (a tangent among four is not rare in a short thread).
   */
  offTopicMinOutside: number;
  offTopicMaxTopical: number;
  offTopicSmallThreadAccounts: number;
  /** comments visited when recomputing one group (bounds a pathological chain) */
  maxGroupComments: number;
}

export const DEFAULT_NARRATIVE: NarrativeOptions = {
  maxDf: 24,
  minShared: 3,
  minSharedWithFact: 2,
  minSharedPhrases: 2,
  minSimilarity: 0.22,
  copySimilarity: 0.6,
  minAccounts: 3,
  minTerms: 4,
  offTopicConcentration: 0.7,
  offTopicRareShare: 0.8,
  offTopicMinThread: 40,
  offTopicMinOutside: 15,
  offTopicMaxTopical: 0.3,
  offTopicSmallThreadAccounts: 5,
  maxGroupComments: 400,
};

export interface NarrativeComment {
  key: string;
  account: string;
  thread: string;
  text: string;
  /** character shingles (text/normalize.ts), to leave exact copies to the near-duplicate signal */
  shingles?: Uint32Array;
  /**
   * the conversation it belongs to, named by its top-level comment (its id, or any one name per
   * top-level comment: the analyzer passes comment keys it has already hashed): replies to one
   * another share words by nature
   */
  conversation?: string;
  /** the same as a number (any one number ≥ 0 per conversation), instead of `conversation` */
  conversationNo?: number;
  /** a number the caller gives each comment (unique, ≥ 0; for every comment or for none), to spare hashing its key */
  no?: number;
  /** a number the caller gives each account (one per account; for every comment or for none), to spare a lookup */
  accountNo?: number;
}

export interface NarrativeGroup {
  id: string;
  thread: string;
  commentKeys: string[];
  accounts: string[];
  /** shared rare terms as written, strongest first (at most 6) */
  terms: string[];
  /** share of all occurrences of the group's shared terms in the thread that are in the group */
  concentration: number;
  /** mean share of the members' terms that are rare in the thread */
  rareShare: number;
  /** mean share of the members' terms that at least two comments outside the group use too */
  topicalShare: number;
  offTopic: boolean;
  /** comments in the thread when the group was computed */
  threadComments: number;
}

interface Entry {
  key: string;
  account: string;
  thread: ThreadIndex;
  /** where its sorted term ids (the thread's own numbering, see ThreadIndex.termIds) start in the index's term column, and how many */
  termStart: number;
  termCount: number;
  /** term ids that are numbers or names (usually none or a few) */
  facts: number[];

  /** kept by reference for the terms' written forms, read only when a group is described */
  text: string;
  shingles?: Uint32Array;
  linkable: boolean;
  /** the word position of each of `terms` (first use), computed when a link first needs it */
  places?: Int32Array;
  /**
   * comments sharing enough rare terms to be checked (created on the first one); each pair is listed
   * once, when its second comment arrives, so a plain list holds no repeats
   */
  candidates?: number[];
  group?: NarrativeGroup;
}

/**
 * One thread's vocabulary. Terms are numbered on first sight so that counting and comparing them
 * reads arrays of integers, not string-keyed maps: the index is the largest cost of a 10,000-comment
 * analysis, and nearly all of it was hashing and chasing term strings. The case's vocabulary numbers
 * every term once (`TermVocabulary`); each thread numbers the terms it uses again, densely, for its arrays.
 */
interface ThreadIndex {
  key: string;
  n: number;
  /** the thread's number of each term, by the case vocabulary's number */
  localOf: IntMap;
  /** the case vocabulary's number by the thread's (for reasons and for the order of ties) */
  globalOf: number[];
  /** comments using each term, by term id */
  df: number[];
  /** comments listed under each term while it is rare; undefined once common */
  postings: (number[] | undefined)[];
  /** the last comment id that used each term (drops a comment's repeats of a term) */
  lastUser: number[];
  /** 1 for each term that is a pair of Chinese or Japanese characters */
  han: number[];
}

const FACT_WEIGHT = 1.5;
/** each Chinese or Japanese character stands in two overlapping pairs: a run's pairs weigh its content twice */
const HAN_PAIR_WEIGHT = Math.SQRT1_2;

/** Non-negative integer keys to integers, open-addressed (a per-thread term renumbering without a Map). */
class IntMap {
  private keys = new Int32Array(64).fill(-1);
  private values = new Int32Array(64);
  private size = 0;

  /** The value of `key`, or -1. */
  get(key: number): number {
    const keys = this.keys;
    const mask = keys.length - 1;
    for (let s = Math.imul(key, 0x9e3779b1) >>> 0 & mask; keys[s] !== -1; s = (s + 1) & mask) if (keys[s] === key) return this.values[s];
    return -1;
  }

  /** Sets a key that is not in the map yet. */
  add(key: number, value: number): void {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    this.place(key, value);
    this.size++;
  }

  private place(key: number, value: number): void {
    const keys = this.keys;
    const mask = keys.length - 1;
    let s = Math.imul(key, 0x9e3779b1) >>> 0 & mask;
    while (keys[s] !== -1) s = (s + 1) & mask;
    keys[s] = key;
    this.values[s] = value;
  }

  private grow(): void {
    const { keys, values } = this;
    this.keys = new Int32Array(keys.length * 2).fill(-1);
    this.values = new Int32Array(keys.length * 2);
    for (let s = 0; s < keys.length; s++) if (keys[s] !== -1) this.place(keys[s], values[s]);
  }
}

/** Runs of adjacent positions among `places` (sorted in place). */
function phraseCount(places: number[]): number {
  places.sort((x, y) => x - y);
  let runs = 0;
  for (let k = 0; k < places.length; k++) if (k === 0 || places[k] > places[k - 1] + 1) runs++;
  return runs;
}

function sortedIndex(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] === value) return mid;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
function grownInt32(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

const NO_FACTS: number[] = [];
Object.freeze(NO_FACTS);
const NO_GROUPS: NarrativeGroup[] = [];
Object.freeze(NO_GROUPS);

export class NarrativeIndex {
  readonly opts: NarrativeOptions;
  private entries: Entry[] = [];
  /** comment id by key, for comments the caller did not number */
  private idOf = new Map<string, number>();
  /** comment id + 1 by the caller's number (0: not added) */
  private idByNo = new Int32Array(1024);
  /** each group's comment ids (a group's comments are looked up by id, not by key) */
  private groupIds = new WeakMap<NarrativeGroup, number[]>();
  private threads = new Map<string, ThreadIndex>();
  /** the case's term numbering, shared by its threads */
  private vocabulary = new TermVocabulary();
  private groupsByAccount = new Map<string, Set<NarrativeGroup>>();
  /** comments whose groups `settle` recomputes, in first-marked order, with a flag per comment id */
  private pending: number[] = [];
  private pendingFlag = new Uint8Array(1024);
  private sharedCount = new Uint16Array(1024);
  /** per comment id, read in the inner loop without touching its Entry: account and conversation numbers, flags */
  private accountNo = new Int32Array(1024);
  private conversationNo = new Int32Array(1024);
  private linkableFlag = new Uint8Array(1024);
  private candidateFlag = new Uint8Array(1024);
  private accountNos = new Map<string, number>();
  private conversationNos = new Map<string, number>();
  /** the comment being scanned, read by `onTerm` (one callback for all comments, no closure each) */
  private scan: { vocabulary?: ThreadIndex; id: number; count: number; facts?: number[] } = { id: -1, count: 0 };
  /** its term ids as they come */
  private scanned = new Int32Array(256);
  /** every comment's sorted term ids, one after the other (offsets, not a view per comment: ten thousand
   * small objects surviving a from-scratch analysis were young-generation GC copying work) */
  private termColumn = new Int32Array(1 << 16);
  private termColumnUsed = 0;
  /** where the last `linked` walk found the shared rare terms: indices into each comment's term ids */
  private sharedInA: number[] = [];
  /** comments the comment being added shares a rare term with (see `add`) */
  private touchedScratch: Int32Array = new Int32Array(256);
  private sharedInB: number[] = [];

  constructor(opts: Partial<NarrativeOptions> = {}) {
    this.opts = { ...DEFAULT_NARRATIVE, ...opts };
  }

  private readonly onTerm = (id: number, kind: TermKind): void => {
    const { scan } = this;
    const vocabulary = scan.vocabulary!;
    let termId = vocabulary.localOf.get(id);
    if (termId < 0) {
      termId = vocabulary.globalOf.length;
      vocabulary.localOf.add(id, termId);
      vocabulary.globalOf.push(id);
      vocabulary.df.push(0);
      vocabulary.postings.push(undefined);
      vocabulary.lastUser.push(-1);
      vocabulary.han.push(kind === 'han' ? 1 : 0);
    } else if (vocabulary.lastUser[termId] === scan.id) return;
    vocabulary.lastUser[termId] = scan.id;
    if (scan.count === this.scanned.length) {
      const bigger = new Int32Array(this.scanned.length * 2);
      bigger.set(this.scanned);
      this.scanned = bigger;
    }
    this.scanned[scan.count++] = termId;
    if (kind === 'number' || kind === 'name') {
      if (scan.facts) scan.facts.push(termId);
      else scan.facts = [termId];
    }
  };

  /** Appends the first `count` scanned term ids, sorted, to the term column; returns where they start. */
  private keepTerms(count: number): number {
    const start = this.termColumnUsed;
    if (count > 0) this.termColumn = withRoomFor(this.termColumn, start + count - 1);
    const column = this.termColumn;
    for (let k = 0; k < count; k++) column[start + k] = this.scanned[k];
    this.termColumnUsed += count;
    column.subarray(start, start + count).sort();
    return start;
  }

  /** A comment's sorted term ids (a short-lived view: the hot loops read the column by offset instead). */
  private termsOf(e: Entry): Int32Array {
    return this.termColumn.subarray(e.termStart, e.termStart + e.termCount);
  }

  /** Adds a comment (once per key); groups are brought up to date by `settle()`. */
  add(c: NarrativeComment): void {
    if (c.no === undefined ? this.idOf.has(c.key) : c.no < this.idByNo.length && this.idByNo[c.no] !== 0) return;
    let thread = this.threads.get(c.thread);
    if (!thread) this.threads.set(c.thread, (thread = { key: c.thread, n: 0, localOf: new IntMap(), globalOf: [], df: [], postings: [], lastUser: [], han: [] }));
    const id = this.entries.length;
    const scan = this.scan;
    scan.vocabulary = thread;
    scan.id = id;
    scan.count = 0;
    scan.facts = undefined;
    this.vocabulary.scan(c.text, this.onTerm);
    const termCount = scan.count;
    const termStart = this.keepTerms(termCount);
    const termColumn = this.termColumn;
    const facts = scan.facts ?? NO_FACTS;
    const entry: Entry = {
      key: c.key,
      account: c.account,
      thread,
      termStart,
      termCount,
      facts,
      text: c.text,
      shingles: c.shingles,
      // A comment pointing at a moment of the video is about the video.
      linkable: termCount >= this.opts.minTerms && !(c.text.includes(':') && VIDEO_TIMESTAMP.test(c.text)),
    };
    this.entries.push(entry);
    if (c.no === undefined) this.idOf.set(c.key, id);
    else {
      this.idByNo = withRoomFor(this.idByNo, c.no);
      this.idByNo[c.no] = id + 1;
    }
    thread.n++;
    this.grow(id);
    let accountNo = c.accountNo ?? this.accountNos.get(c.account);
    if (accountNo === undefined) this.accountNos.set(c.account, (accountNo = this.accountNos.size));
    let conversationNo = c.conversationNo ?? -1;
    if (c.conversationNo === undefined && c.conversation !== undefined) {
      conversationNo = this.conversationNos.get(c.conversation) ?? -1;
      if (conversationNo < 0) this.conversationNos.set(c.conversation, (conversationNo = this.conversationNos.size));
    }
    this.accountNo[id] = accountNo;
    this.conversationNo[id] = conversationNo;
    this.linkableFlag[id] = entry.linkable ? 1 : 0;
    // Shared rare terms per earlier comment, in a reused counter (no map per comment).
    const counts = this.sharedCount;
    const accountNos = this.accountNo;
    const conversationNos = this.conversationNo;
    const linkable = this.linkableFlag;
    const hasCandidates = this.candidateFlag;
    // Earlier comments sharing a rare term with this one, each once (a reused buffer, no array per comment).
    let touched = this.touchedScratch;
    let touchedCount = 0;
    let factPartners: Set<number> | undefined;
    const maxDf = this.opts.maxDf;
    for (let k = termStart; k < termStart + termCount; k++) {
      const term = termColumn[k];
      const df = thread.df[term] + 1;
      thread.df[term] = df;
      if (df > maxDf + 1) continue;
      let list: number[] | undefined = thread.postings[term];
      if (df > maxDf) {
        // The term has become common: groups resting on it may change, and it links nothing more.
        if (list) for (const other of list) if (hasCandidates[other]) this.markPending(other);
        thread.postings[term] = undefined;
        continue;
      }
      if (!list) {
        // A first use: nothing to compare with; most terms of a thread stay this rare (a literal holds one id, `[]` would reserve 17).
        thread.postings[term] = [id];
        continue;
      }
      const isFact = facts.length > 0 && facts.includes(term);
      for (let p = 0; p < list.length; p++) {
        const other = list[p];
        // Its weights change with this term's frequency (only comments with links can be in a group).
        if (hasCandidates[other]) this.markPending(other);
        if (entry.linkable && linkable[other] && accountNos[other] !== accountNo && (conversationNo < 0 || conversationNos[other] !== conversationNo)) {
          if (counts[other]++ === 0) {
            if (touchedCount === touched.length) touched = this.touchedScratch = grownInt32(touched);
            touched[touchedCount++] = other;
          }
          if (facts.length > 0 && (isFact || this.entries[other].facts.includes(term))) (factPartners ??= new Set()).add(other);
        }
      }
      list.push(id);
    }
    for (let t = 0; t < touchedCount; t++) {
      const other = touched[t];
      const count = counts[other];
      counts[other] = 0;
      // The same bar as `linked` (which only ever sees fewer rare terms, as frequencies grow).
      if (count < this.opts.minShared && !(count >= this.opts.minSharedWithFact && factPartners?.has(other))) continue;
      if (entry.candidates) entry.candidates.push(other);
      else entry.candidates = [other];
      const partner = this.entries[other];
      if (partner.candidates) partner.candidates.push(id);
      else partner.candidates = [id];
      hasCandidates[other] = 1;
      this.markPending(other);
    }
    if (entry.candidates) {
      hasCandidates[id] = 1;
      this.markPending(id);
    }
  }

  private markPending(id: number): void {
    if (this.pendingFlag[id] === 1) return;
    this.pendingFlag[id] = 1;
    this.pending.push(id);
  }

  /** Makes room for comment `id` in the per-comment arrays. */
  private grow(id: number): void {
    if (this.sharedCount.length > id) return;
    const size = Math.max(1024, this.sharedCount.length * 2, id + 1);
    const widen = <T extends Uint16Array | Int32Array | Uint8Array>(old: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(old);
      return next;
    };
    this.sharedCount = widen(this.sharedCount, (n) => new Uint16Array(n));
    this.accountNo = widen(this.accountNo, (n) => new Int32Array(n));
    this.conversationNo = widen(this.conversationNo, (n) => new Int32Array(n));
    this.linkableFlag = widen(this.linkableFlag, (n) => new Uint8Array(n));
    this.candidateFlag = widen(this.candidateFlag, (n) => new Uint8Array(n));
    this.pendingFlag = widen(this.pendingFlag, (n) => new Uint8Array(n));
  }

  /** Recomputes the groups of comments whose links may have changed; returns the accounts affected. */
  settle(): string[] {
    const touched = new Set<string>();
    const done = new Set<number>();
    const work = this.pending;
    this.pending = [];
    for (const id of work) this.pendingFlag[id] = 0;
    while (work.length > 0) {
      const id = work.pop()!;
      if (done.has(id)) continue;
      const component = this.component(id);
      for (const m of component) done.add(m);
      const before = new Set<NarrativeGroup>();
      for (const m of component) {
        const g = this.entries[m].group;
        if (g) before.add(g);
      }
      const group = this.evaluate(component);
      for (const g of before) {
        for (const a of g.accounts) {
          touched.add(a);
          this.groupsByAccount.get(a)?.delete(g);
        }
        for (const m of this.groupIds.get(g)!) {
          const e = this.entries[m];
          if (e.group === g) e.group = undefined;
          // A group that split: its other part is recomputed too.
          if (!done.has(m)) work.push(m);
        }
      }
      if (group) {
        const idOfKey = new Map(component.map((m) => [this.entries[m].key, m]));
        const ids = group.commentKeys.map((k) => idOfKey.get(k)!);
        this.groupIds.set(group, ids);
        for (const m of ids) this.entries[m].group = group;
        for (const a of group.accounts) {
          touched.add(a);
          let set = this.groupsByAccount.get(a);
          if (!set) this.groupsByAccount.set(a, (set = new Set()));
          set.add(group);
        }
      }
    }
    return [...touched].sort(compareText);
  }

  /** The group a comment is in (by key; comments added with a number are looked for one by one). */
  groupOf(commentKey: string): NarrativeGroup | undefined {
    const id = this.idOf.get(commentKey) ?? this.entries.findIndex((e) => e.key === commentKey);
    return id < 0 ? undefined : this.entries[id].group;
  }

  groupsOf(account: string): NarrativeGroup[] {
    const groups = this.groupsByAccount.get(account);
    if (!groups) return NO_GROUPS;
    return [...groups].sort((a, b) => compareText(a.id, b.id));
  }

  allGroups(): NarrativeGroup[] {
    const all = new Set<NarrativeGroup>();
    for (const set of this.groupsByAccount.values()) for (const g of set) all.add(g);
    return [...all].sort((a, b) => compareText(a.id, b.id));
  }

  private idf(thread: ThreadIndex, term: number): number {
    return Math.log(1 + thread.n / (thread.df[term] || 1));
  }

  /** A term's weight in the similarity: its rarity, raised for a fact (number or name), lowered for a character pair. */
  private weight(thread: ThreadIndex, term: number, fact: boolean): number {
    return this.idf(thread, term) * (fact ? FACT_WEIGHT : thread.han[term] === 1 ? HAN_PAIR_WEIGHT : 1);
  }

  private norm(e: Entry): number {
    let sum = 0;
    for (const t of this.termsOf(e)) {
      const w = this.weight(e.thread, t, e.facts.includes(t));
      sum += w * w;
    }
    return Math.sqrt(sum);
  }

  /** Whether two candidate comments are linked under the thread's current vocabulary. */
  private linked(a: Entry, b: Entry): boolean {
    const thread = a.thread;
    let i = 0;
    let j = 0;
    let shared = 0;
    let facts = 0;
    let dot = 0;
    this.sharedInA.length = 0;
    this.sharedInB.length = 0;
    const column = this.termColumn;
    while (i < a.termCount && j < b.termCount) {
      const ta = column[a.termStart + i];
      const tb = column[b.termStart + j];
      if (ta === tb) {
        if (thread.df[ta] <= this.opts.maxDf) {
          shared++;
          this.sharedInA.push(i);
          this.sharedInB.push(j);
          const fact = a.facts.includes(ta) || b.facts.includes(ta);
          if (fact) facts++;
          const w = this.weight(thread, ta, fact);
          dot += w * w;
        }
        i++;
        j++;
      } else if (ta < tb) i++;
      else j++;
    }
    if (shared < this.opts.minShared && !(facts > 0 && shared >= this.opts.minSharedWithFact)) return false;
    if (dot / (this.norm(a) * this.norm(b)) < this.opts.minSimilarity) return false;
    if (a.shingles && b.shingles && a.shingles.length > 0 && b.shingles.length > 0 && jaccard(a.shingles, b.shingles) >= this.opts.copySimilarity) return false;
    return this.sharedPhrases(a, b) >= this.opts.minSharedPhrases;
  }

  /**
   * In how many separate places of each comment (fewer of the two) their shared rare terms stand:
   * terms at adjacent word positions are one phrase, so "American government" (a name, its prefix
   * and the next word: three terms) is one shared thing, not three. Reads the shared terms the
   * `linked` walk just found.
   */
  private sharedPhrases(a: Entry, b: Entry): number {
    const placesA = this.placesOf(a);
    const placesB = this.placesOf(b);
    return Math.min(phraseCount(this.sharedInA.map((k) => placesA[k])), phraseCount(this.sharedInB.map((k) => placesB[k])));
  }

  private placesOf(e: Entry): Int32Array {
    if (e.places) return e.places;
    const terms = this.termsOf(e);
    const places = new Int32Array(terms.length).fill(-1);
    this.vocabulary.scan(e.text, (id, _kind, place) => {
      const term = e.thread.localOf.get(id);
      if (term < 0) return;
      const k = sortedIndex(terms, term);
      if (k >= 0 && places[k] < 0) places[k] = place;
    });
    e.places = places;
    return places;
  }

  private component(start: number): number[] {
    const seen = new Set<number>([start]);
    const queue = [start];
    for (let q = 0; q < queue.length && seen.size < this.opts.maxGroupComments; q++) {
      const e = this.entries[queue[q]];
      for (const other of e.candidates ?? []) {
        if (seen.has(other)) continue;
        if (!this.linked(e, this.entries[other])) continue;
        seen.add(other);
        queue.push(other);
      }
    }
    return [...seen];
  }

  private isOffTopic(threadComments: number, groupComments: number, accounts: number, concentration: number, rareShare: number, topicalShare: number): boolean {
    const o = this.opts;
    if (threadComments - groupComments < o.offTopicMinOutside || concentration < o.offTopicConcentration || topicalShare > o.offTopicMaxTopical) return false;
    return threadComments >= o.offTopicMinThread ? rareShare >= o.offTopicRareShare : accounts >= o.offTopicSmallThreadAccounts;
  }

  private evaluate(component: number[]): NarrativeGroup | undefined {
    const members = component.map((id) => this.entries[id]);
    const accounts = [...new Set(members.map((m) => m.account))].sort(compareText);
    if (accounts.length < this.opts.minAccounts) return undefined;
    const thread = members[0].thread;
    const inGroup = new Map<number, number>();
    for (const m of members) for (const t of this.termsOf(m)) inGroup.set(t, (inGroup.get(t) ?? 0) + 1);
    const sharedTerms = [...inGroup]
      .filter(([t, c]) => c >= 2 && thread.df[t] <= this.opts.maxDf)
      .sort((x, y) => y[1] * this.idf(thread, y[0]) - x[1] * this.idf(thread, x[0]) || compareText(this.vocabulary.keyOf(thread.globalOf[x[0]]), this.vocabulary.keyOf(thread.globalOf[y[0]])));
    let inside = 0;
    let total = 0;
    for (const [t, c] of sharedTerms) {
      inside += c;
      total += thread.df[t] ?? c;
    }
    const concentration = total === 0 ? 0 : inside / total;
    let rare = 0;
    for (const m of members) {
      let r = 0;
      for (const t of this.termsOf(m)) if (thread.df[t] <= this.opts.maxDf) r++;
      rare += m.termCount ? r / m.termCount : 0;
    }
    const rareShare = rare / members.length;
    // How much of what the members write the rest of the thread writes too (each term used by at
    // least two comments outside the group): the thread's topic, whatever the thread's size.
    let topical = 0;
    for (const m of members) {
      let shared = 0;
      for (const t of this.termsOf(m)) if (thread.df[t] - (inGroup.get(t) ?? 0) >= 2) shared++;
      topical += m.termCount ? shared / m.termCount : 0;
    }
    const topicalShare = topical / members.length;
    const surfaces = new Map<number, string>();
    // A place named in several scripts is quoted with each way it was written: "Hong Kong (written 香港, Hong Kong)".
    let placeForms: Map<number, { name: string; forms: Set<string> }> | undefined;
    for (const m of members) this.vocabulary.scan(m.text, (id, kind, _place, written) => {
      if (!surfaces.has(id)) surfaces.set(id, written!);
      if (kind !== 'name') return;
      let place = placeForms?.get(id);
      if (!place) {
        const name = placeName(this.vocabulary.keyOf(id));
        if (name === undefined) return;
        (placeForms ??= new Map()).set(id, (place = { name, forms: new Set() }));
      }
      place.forms.add(written!);
    }, true);
    if (placeForms) for (const [id, { name, forms }] of placeForms) {
      const distinct = [...forms];
      surfaces.set(id, distinct.length === 1 && distinct[0] === name ? name : `${name} (written ${distinct.slice(0, 4).join(', ')})`);
    }
    const surface = (t: number) => surfaces.get(thread.globalOf[t]) ?? this.vocabulary.keyOf(thread.globalOf[t]);
    const commentKeys = members.map((m) => m.key).sort(compareText);
    return {
      id: `narrative:${commentKeys[0]}`,
      thread: thread.key,
      commentKeys,
      accounts,
      terms: [...new Set(sharedTerms.map(([t]) => surface(t)))].slice(0, 6),
      concentration: Math.round(concentration * 1000) / 1000,
      rareShare: Math.round(rareShare * 1000) / 1000,
      topicalShare: Math.round(topicalShare * 1000) / 1000,
      offTopic: this.isOffTopic(thread.n, members.length, accounts.length, concentration, rareShare, topicalShare),
      threadComments: thread.n,
    };
  }
}
