/**
 * Narrative similarity: comments by different accounts that share what is rare *in their thread* —
 * names, numbers, uncommon words, across languages (terms from text/terms.ts) — even when no two
 * of them share a sentence. The thread is the corpus: a term used by more than `maxDf` of its
 * comments is the thread's own vocabulary (the video's topic, its fans' phrases) and links nothing;
 * rarer terms weigh ln(1 + n/df). Two comments are linked when they share enough rare terms and
 * their weighted (TF-IDF cosine) similarity passes a bar; a group is a connected set of linked
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
import { contentTerms, VIDEO_TIMESTAMP, type Term } from '../text/terms.ts';

export interface NarrativeOptions {
  /** terms in more comments of the thread than this are its common vocabulary */
  maxDf: number;
  /** rare terms two comments must share… */
  minShared: number;
  /** …or this many when one of them is a number or a name */
  minSharedWithFact: number;
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
  /** threads smaller than this have no "common vocabulary" to be off-topic from */
  offTopicMinThread: number;
  /** comments visited when recomputing one group (bounds a pathological chain) */
  maxGroupComments: number;
}

export const DEFAULT_NARRATIVE: NarrativeOptions = {
  maxDf: 24,
  minShared: 3,
  minSharedWithFact: 2,
  minSimilarity: 0.22,
  copySimilarity: 0.6,
  minAccounts: 3,
  minTerms: 4,
  offTopicConcentration: 0.7,
  offTopicRareShare: 0.8,
  offTopicMinThread: 40,
  maxGroupComments: 400,
};

export interface NarrativeComment {
  key: string;
  account: string;
  thread: string;
  text: string;
  /** character shingles (text/normalize.ts), to leave exact copies to the near-duplicate signal */
  shingles?: Uint32Array;
  /** the conversation it belongs to (the top-level comment's id): replies to one another share words by nature */
  conversation?: string;
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
  offTopic: boolean;
  /** comments in the thread when the group was computed */
  threadComments: number;
}

interface Entry {
  key: string;
  account: string;
  thread: ThreadIndex;
  /** sorted term keys */
  terms: string[];
  /** terms that are numbers or names (usually none or a few) */
  facts: string[];
  /** kept by reference for the terms' written forms, read only when a group is described */
  text: string;
  shingles?: Uint32Array;
  conversation?: string;
  linkable: boolean;
  /** comments sharing enough rare terms to be checked (created on the first one) */
  candidates?: Set<number>;
  group?: NarrativeGroup;
}

interface ThreadIndex {
  key: string;
  n: number;
  df: Map<string, number>;
  /** comments listed under each term while it is rare */
  postings: Map<string, number[]>;
}

const FACT_WEIGHT = 1.5;

export class NarrativeIndex {
  readonly opts: NarrativeOptions;
  private entries: Entry[] = [];
  private idOf = new Map<string, number>();
  private threads = new Map<string, ThreadIndex>();
  private groupsByAccount = new Map<string, Set<NarrativeGroup>>();
  private pending = new Set<number>();
  private sharedCount = new Uint16Array(1024);

  constructor(opts: Partial<NarrativeOptions> = {}) {
    this.opts = { ...DEFAULT_NARRATIVE, ...opts };
  }

  /** Adds a comment (once per key); groups are brought up to date by `settle()`. */
  add(c: NarrativeComment): void {
    if (this.idOf.has(c.key)) return;
    let thread = this.threads.get(c.thread);
    if (!thread) this.threads.set(c.thread, (thread = { key: c.thread, n: 0, df: new Map(), postings: new Map() }));
    const terms: Term[] = contentTerms(c.text);
    const id = this.entries.length;
    const entry: Entry = {
      key: c.key,
      account: c.account,
      thread,
      terms: terms.map((t) => t.key).sort(),
      facts: terms.filter((t) => t.kind === 'number' || t.kind === 'name').map((t) => t.key),
      text: c.text,
      shingles: c.shingles,
      conversation: c.conversation,
      // A comment pointing at a moment of the video is about the video.
      linkable: terms.length >= this.opts.minTerms && !VIDEO_TIMESTAMP.test(c.text),
    };
    this.entries.push(entry);
    this.idOf.set(c.key, id);
    thread.n++;
    // Shared rare terms per earlier comment, in a reused counter (no map per comment).
    if (this.sharedCount.length <= id) {
      const grown = new Uint16Array(Math.max(1024, this.sharedCount.length * 2, id + 1));
      grown.set(this.sharedCount);
      this.sharedCount = grown;
    }
    const counts = this.sharedCount;
    const touched: number[] = [];
    const factPartners = new Set<number>();
    for (const term of entry.terms) {
      const df = (thread.df.get(term) ?? 0) + 1;
      thread.df.set(term, df);
      if (df > this.opts.maxDf + 1) continue;
      let list = thread.postings.get(term);
      if (df > this.opts.maxDf) {
        // The term has become common: groups resting on it may change, and it links nothing more.
        for (const other of list ?? []) if (this.entries[other].candidates) this.pending.add(other);
        thread.postings.delete(term);
        continue;
      }
      if (!list) thread.postings.set(term, (list = []));
      for (const other of list) {
        const o = this.entries[other];
        // Its weights change with this term's frequency (only comments with links can be in a group).
        if (o.candidates) this.pending.add(other);
        if (entry.linkable && o.linkable && o.account !== entry.account && (entry.conversation === undefined || entry.conversation !== o.conversation)) {
          if (counts[other]++ === 0) touched.push(other);
          if (entry.facts.length > 0 && (entry.facts.includes(term) || o.facts.includes(term))) factPartners.add(other);
        }
      }
      list.push(id);
    }
    for (const other of touched) {
      const count = counts[other];
      counts[other] = 0;
      // The same bar as `linked` (which only ever sees fewer rare terms, as frequencies grow).
      if (count < this.opts.minShared && !(count >= this.opts.minSharedWithFact && factPartners.has(other))) continue;
      (entry.candidates ??= new Set()).add(other);
      (this.entries[other].candidates ??= new Set()).add(id);
      this.pending.add(other);
    }
    if (entry.candidates) this.pending.add(id);
  }

  /** Recomputes the groups of comments whose links may have changed; returns the accounts affected. */
  settle(): string[] {
    const touched = new Set<string>();
    const done = new Set<number>();
    const work = [...this.pending];
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
        for (const k of g.commentKeys) {
          const m = this.idOf.get(k)!;
          const e = this.entries[m];
          if (e.group === g) e.group = undefined;
          // A group that split: its other part is recomputed too.
          if (!done.has(m)) work.push(m);
        }
      }
      if (group) {
        for (const k of group.commentKeys) this.entries[this.idOf.get(k)!].group = group;
        for (const a of group.accounts) {
          touched.add(a);
          let set = this.groupsByAccount.get(a);
          if (!set) this.groupsByAccount.set(a, (set = new Set()));
          set.add(group);
        }
      }
    }
    this.pending.clear();
    return [...touched].sort(compareText);
  }

  groupOf(commentKey: string): NarrativeGroup | undefined {
    const id = this.idOf.get(commentKey);
    return id === undefined ? undefined : this.entries[id].group;
  }

  groupsOf(account: string): NarrativeGroup[] {
    return [...(this.groupsByAccount.get(account) ?? [])].sort((a, b) => compareText(a.id, b.id));
  }

  allGroups(): NarrativeGroup[] {
    const all = new Set<NarrativeGroup>();
    for (const set of this.groupsByAccount.values()) for (const g of set) all.add(g);
    return [...all].sort((a, b) => compareText(a.id, b.id));
  }

  private idf(thread: ThreadIndex, term: string): number {
    return Math.log(1 + thread.n / (thread.df.get(term) ?? 1));
  }

  private norm(e: Entry): number {
    let sum = 0;
    for (const t of e.terms) {
      const w = this.idf(e.thread, t) * (e.facts.includes(t) ? FACT_WEIGHT : 1);
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
    while (i < a.terms.length && j < b.terms.length) {
      const ta = a.terms[i];
      const tb = b.terms[j];
      if (ta === tb) {
        if ((thread.df.get(ta) ?? 0) <= this.opts.maxDf) {
          shared++;
          const fact = a.facts.includes(ta) || b.facts.includes(ta);
          if (fact) facts++;
          const w = this.idf(thread, ta) * (fact ? FACT_WEIGHT : 1);
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
    return true;
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

  private evaluate(component: number[]): NarrativeGroup | undefined {
    const members = component.map((id) => this.entries[id]);
    const accounts = [...new Set(members.map((m) => m.account))].sort(compareText);
    if (accounts.length < this.opts.minAccounts) return undefined;
    const thread = members[0].thread;
    const inGroup = new Map<string, number>();
    for (const m of members) for (const t of m.terms) inGroup.set(t, (inGroup.get(t) ?? 0) + 1);
    const sharedTerms = [...inGroup]
      .filter(([t, c]) => c >= 2 && (thread.df.get(t) ?? 0) <= this.opts.maxDf)
      .sort((x, y) => y[1] * this.idf(thread, y[0]) - x[1] * this.idf(thread, x[0]) || compareText(x[0], y[0]));
    let inside = 0;
    let total = 0;
    for (const [t, c] of sharedTerms) {
      inside += c;
      total += thread.df.get(t) ?? c;
    }
    const concentration = total === 0 ? 0 : inside / total;
    let rare = 0;
    for (const m of members) {
      let r = 0;
      for (const t of m.terms) if ((thread.df.get(t) ?? 0) <= this.opts.maxDf) r++;
      rare += m.terms.length ? r / m.terms.length : 0;
    }
    const rareShare = rare / members.length;
    const surfaces = new Map<string, string>();
    for (const m of members) for (const t of contentTerms(m.text)) if (!surfaces.has(t.key)) surfaces.set(t.key, t.surface);
    const surface = (t: string) => surfaces.get(t) ?? t;
    const commentKeys = members.map((m) => m.key).sort(compareText);
    return {
      id: `narrative:${commentKeys[0]}`,
      thread: thread.key,
      commentKeys,
      accounts,
      terms: [...new Set(sharedTerms.map(([t]) => surface(t)))].slice(0, 6),
      concentration: Math.round(concentration * 1000) / 1000,
      rareShare: Math.round(rareShare * 1000) / 1000,
      offTopic: thread.n >= this.opts.offTopicMinThread && concentration >= this.opts.offTopicConcentration && rareShare >= this.opts.offTopicRareShare,
      threadComments: thread.n,
    };
  }
}
