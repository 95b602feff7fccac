/**
 * Near-duplicate text: MinHash signatures over character shingles, banded LSH for candidates, exact
 * Jaccard to confirm, union-find for clusters. Language-agnostic (CJK uses 2-character shingles).
 * The index is incremental: adding a comment only compares it with its bucket neighbours.
 */
import { compareText } from '../text/compare.ts';
import { jaccard } from '../text/normalize.ts';
import type { PreparedComment } from './prepare.ts';
import { grown, withRoomFor } from '../typed-arrays.ts';

export interface NearDuplicateOptions {
  /** minimum Jaccard similarity of the shingle sets */
  similarity: number;
  /** for two long comments (both ≥ longShingles shingles) a lower bar: long texts rarely match by chance */
  longSimilarity: number;
  longShingles: number;
  /** comments with fewer shingles are too short to say anything ("first", "❤") */
  minShingles: number;
  /** a cluster counts when this many distinct accounts posted into it */
  minAccounts: number;
}
export const DEFAULT_NEAR_DUPLICATE: NearDuplicateOptions = { similarity: 0.5, longSimilarity: 0.4, longShingles: 40, minShingles: 8, minAccounts: 3 };

export interface DuplicateCluster {
  id: string;
  commentKeys: string[];
  accounts: string[];
  threads: string[];
  sampleText: string;
}

const HASHES = 64;
const ROWS = 4;
const BANDS = HASHES / ROWS;
/** most recent members of one LSH bucket compared with a new comment (a slogan posted a thousand
 * times costs at most this many comparisons per band, not a thousand) */
const MAX_PER_BUCKET = 64;

/**
 * LSH buckets of all bands in one hash table on typed arrays: no object per entry, which keeps both
 * memory and garbage collection low. Distinct bucket keys sit in an open-addressed table; each holds
 * the chain of its own entries, newest first (a bucket shared by a thousand copies of one slogan is
 * never walked by a comment with another key). Exported for its tests.
 */
export class BucketTable {
  /** per slot, side by side (one cache line): the bucket key, and its newest entry (-1: empty slot) */
  private slots = BucketTable.emptySlots(1 << 12);
  private distinct = 0;
  /** 32 − log2(slots) */
  private shift = 20;
  /** per entry: its value, and the next (older) entry of the same bucket (-1: none) */
  values = new Int32Array(1 << 12);
  next = new Int32Array(1 << 12);
  private size = 0;

  /** `n` empty slots (an empty slot's key is never read, so -1 throughout: one fill) */
  private static emptySlots(n: number): Int32Array {
    return new Int32Array(n * 2).fill(-1);
  }

  /** The slot (index of its key in `slots`) holding `key`, or the empty one where it would go. */
  private slot(key: number): number {
    const slots = this.slots;
    const mask = slots.length - 1;
    let s = (Math.imul(key, 0x9e3779b1) >>> this.shift) << 1;
    while (slots[s + 1] !== -1 && slots[s] !== key) s = (s + 2) & mask;
    return s;
  }

  /** Adds an entry under `key`; returns the entry (its `next` is the bucket's entry before it). No rehash: call `reserve` first. */
  private add(key: number, value: number): number {
    const s = this.slot(key);
    if (this.slots[s + 1] === -1) {
      this.distinct++;
      this.slots[s] = key;
    }
    return this.push(s, value);
  }

  /**
   * Adds entries (`keys[i]` / `values[i]`, i < count) as if one by one in index order: each bucket's
   * entries stay newest first; `entries[i]` receives the entry made for `i`. One by one, each key is a
   * random place in a table of megabytes (a cache miss apiece, at best); many are added in the order of
   * their home slots instead, so the table is swept front to back. A counting sort by the home slot's
   * top bits is enough for that, and being stable it keeps each bucket's entries in index order.
   */
  addAll(keys: Int32Array, values: Int32Array, count: number, entries: Int32Array): void {
    this.reserve(count);
    if (count < 4096) {
      for (let i = 0; i < count; i++) entries[i] = this.add(keys[i], values[i]);
      return;
    }
    const bits = Math.min(11, 32 - this.shift);
    const regionShift = 32 - bits;
    const starts = new Int32Array((1 << bits) + 1);
    for (let i = 0; i < count; i++) starts[(Math.imul(keys[i], 0x9e3779b1) >>> regionShift) + 1]++;
    for (let r = 0; r < 1 << bits; r++) starts[r + 1] += starts[r];
    // Keys and values moved into that order (every later pass reads its arrays front to back); entries
    // are made in it, so the entry for `i` is known before it is made.
    const sortedKeys = new Int32Array(count);
    const sortedValues = new Int32Array(count);
    const first = this.size;
    for (let i = 0; i < count; i++) {
      const p = starts[Math.imul(keys[i], 0x9e3779b1) >>> regionShift]++;
      sortedKeys[p] = keys[i];
      sortedValues[p] = values[i];
      entries[i] = first + p;
    }
    for (let p = 0; p < count; p++) this.add(sortedKeys[p], sortedValues[p]);
  }

  /** Makes room for `keys` more distinct keys without rehashing (one rehash into the size needed, not one per doubling). */
  reserve(keys: number): void {
    let size = this.slots.length;
    while ((this.distinct + keys) * 4 > size) size *= 2;
    if (size > this.slots.length) this.rehash(size);
  }

  /** Makes room for `keys` more entries (and as many distinct keys) at once, instead of doubling step by step. */
  expect(keys: number): void {
    this.reserve(keys);
    if (this.size + keys > this.values.length) {
      let cap = this.values.length;
      while (this.size + keys > cap) cap *= 2;
      this.values = grown(this.values, cap);
      this.next = grown(this.next, cap);
    }
  }

  private push(s: number, value: number): number {
    if (this.size === this.values.length) {
      this.values = grown(this.values, this.values.length * 2);
      this.next = grown(this.next, this.next.length * 2);
    }
    const e = this.size++;
    this.values[e] = value;
    this.next[e] = this.slots[s + 1];
    this.slots[s + 1] = e;
    return e;
  }

  /** Moves the keys into a table of `size` numbers (a power of two). */
  private rehash(size: number): void {
    const old = this.slots;
    this.slots = BucketTable.emptySlots(size / 2);
    this.shift -= Math.log2(size / old.length);
    for (let s = 0; s < old.length; s += 2) {
      if (old[s + 1] === -1) continue;
      const t = this.slot(old[s]);
      this.slots[t] = old[s];
      this.slots[t + 1] = old[s + 1];
    }
  }
}

const EMPTY = 0xffffffff;
/** the signature being inserted (copied into the index's buffer) */
const SIG_SCRATCH = new Uint32Array(HASHES);

function mix(x: number, seed: number): number {
  let h = Math.imul(x ^ seed, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * MinHash signature by one-permutation hashing: each shingle goes to one of HASHES bins and each
 * bin keeps its minimum; empty bins borrow from the next filled bin (rotation densification).
 * Linear in the number of shingles, instead of shingles × HASHES for classic MinHash.
 */
export function minHash(shingles: Uint32Array, into?: Uint32Array): Uint32Array {
  const sig = (into ?? new Uint32Array(HASHES)).fill(EMPTY);
  for (let s = 0; s < shingles.length; s++) {
    const x = shingles[s];
    const bin = ((mix(x, 0x9e3779b9) >>> 16) * HASHES) >>> 16;
    const v = mix(x, 0x7f4a7c15);
    if (v < sig[bin]) sig[bin] = v;
  }
  if (shingles.length === 0) return sig;
  for (let i = 0; i < HASHES; i++) {
    if (sig[i] !== EMPTY) continue;
    let j = (i + 1) % HASHES;
    let distance = 1;
    while (sig[j] === EMPTY || j === i) {
      j = (j + 1) % HASHES;
      distance++;
    }
    sig[i] = mix(sig[j], distance);
  }
  return sig;
}

/** The LSH bucket key of one band of the signature at `offset` in `sigs`. */
function bandKey(sigs: Uint32Array, offset: number, band: number): number {
  let h = 0x811c9dc5 ^ band;
  for (let r = offset + band * ROWS; r < offset + band * ROWS + ROWS; r++) h = Math.imul(h ^ sigs[r], 0x01000193);
  return h | 0;
}

export class NearDuplicateIndex {
  readonly opts: NearDuplicateOptions;
  // Entries as parallel arrays (no object per comment): comment, signature, union-find parent.
  private comments: PreparedComment[] = [];
  /** all signatures back to back (HASHES values per entry): one buffer, not one per comment */
  private sigs = new Uint32Array(HASHES * 256);
  private parent: number[] = [];
  /** entry by comment key, for comments the caller did not number */
  private byKey = new Map<string, number>();
  /** entry + 1 by the comment's number (`PreparedComment.no`; 0: not in the index): no key hashed per comment */
  private byNo = new Int32Array(1024);
  /** per band: bucket key → entry index (one member, the common case) or indexes */
  private buckets = new BucketTable();
  /** root → member entry indexes, for clusters of two or more (a missing root is a singleton) */
  private members = new Map<number, number[]>();
  /** described clusters, cleared whenever the index changes */
  private described = new Map<number, DuplicateCluster | undefined>();
  /** entries added to a group of two or more since `takeTouchedAccounts` */
  private touched: number[] = [];
  /** per entry, the entry (+1) whose insertion last compared it: each pair is compared once */
  private checkedBy = new Int32Array(1024);
  /** per entry, 1 when it has at least longShingles shingles (read without touching the comment) */
  private isLong = new Uint8Array(1024);

  constructor(opts: Partial<NearDuplicateOptions> = {}) {
    this.opts = { ...DEFAULT_NEAR_DUPLICATE, ...opts };
  }

  private find(i: number): number {
    const parent = this.parent;
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  private group(root: number): number[] {
    return this.members.get(root) ?? [root];
  }

  private union(a: number, b: number): number {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return ra;
    let ma = this.group(ra);
    let mb = this.group(rb);
    if (ma.length < mb.length) {
      [ra, rb] = [rb, ra];
      [ma, mb] = [mb, ma];
    }
    this.parent[rb] = ra;
    this.described.delete(ra);
    this.described.delete(rb);
    const into = ma.length === 1 ? [ra] : ma;
    for (const m of mb) into.push(m);
    this.members.set(ra, into);
    this.members.delete(rb);
    return ra;
  }

  /**
   * Adds a comment; returns the account keys of every cluster it joined (those accounts' evidence
   * may have changed). Comments too short to compare are ignored. Re-adding a key is a no-op.
   * Listing the accounts costs the size of the group: bulk callers use `insertAll` and
   * `takeTouchedAccounts` instead.
   */
  add(comment: PreparedComment): string[] {
    if (!this.insert(comment)) return [];
    this.touched.pop();
    const group = this.members.get(this.find(this.entryOf(comment)));
    return group ? [...new Set(group.map((m) => this.comments[m].account))] : [];
  }

  /**
   * Makes room for `comments` more comments at once (a case analysed from scratch): the bucket table
   * and the per-entry arrays are sized once instead of doubling, and rehashing, a dozen times.
   */
  expect(comments: number): void {
    // At least doubled, as one by one would: a case captured in many large batches is not copied whole each time.
    const entries = this.comments.length + comments;
    if (entries * HASHES > this.sigs.length) this.sigs = grown(this.sigs, Math.max(entries * HASHES, this.sigs.length * 2));
    if (entries > this.checkedBy.length) {
      const size = Math.max(entries, this.checkedBy.length * 2);
      this.checkedBy = grown(this.checkedBy, size);
      this.isLong = grown(this.isLong, size);
    }
    this.buckets.expect(comments * BANDS);
  }

  /** The comment's entry, or -1 when it is not in the index. */
  private entryOf(comment: PreparedComment): number {
    const no = comment.no;
    if (no === undefined) return this.byKey.get(comment.key) ?? -1;
    return no < this.byNo.length ? this.byNo[no] - 1 : -1;
  }

  /** Files the comment's entry under its number, or its key when it has none. */
  private file(comment: PreparedComment, idx: number): void {
    const no = comment.no;
    if (no === undefined) {
      this.byKey.set(comment.key, idx);
      return;
    }
    this.byNo = withRoomFor(this.byNo, no);
    this.byNo[no] = idx + 1;
  }

  /** Adds a comment; true when it joined a group of two or more comments. */
  insert(comment: PreparedComment): boolean {
    const touched = this.touched.length;
    this.insertAll([comment]);
    return this.touched.length > touched;
  }

  /**
   * Adds comments, with the same result as inserting them one by one in this order. Every band of
   * every new comment is filed in the LSH buckets first (in bulk: `BucketTable.addAll`), then each
   * comment is compared with the bucket entries filed before its own, which are the entries that
   * were there when it arrived, in the same order.
   */
  insertAll(comments: readonly PreparedComment[]): void {
    const first = this.comments.length;
    for (const c of comments) if (c.shingles.length >= this.opts.minShingles && this.entryOf(c) < 0) this.addEntry(c);
    const count = this.comments.length - first;
    if (count === 0) return;
    const keys = new Int32Array(count * BANDS);
    const values = new Int32Array(count * BANDS);
    for (let i = 0; i < count; i++) {
      const idx = first + i;
      for (let b = 0; b < BANDS; b++) {
        keys[i * BANDS + b] = bandKey(this.sigs, idx * HASHES, b);
        values[i * BANDS + b] = idx;
      }
    }
    const entries = new Int32Array(count * BANDS);
    this.buckets.addAll(keys, values, count * BANDS, entries);
    for (let i = 0; i < count; i++) this.compare(first + i, entries, i * BANDS);
  }

  /** Numbers a comment, keeps its signature, files it under its number (or key). */
  private addEntry(comment: PreparedComment): void {
    const idx = this.comments.length;
    const sig = minHash(comment.shingles, SIG_SCRATCH);
    this.comments.push(comment);
    if ((idx + 1) * HASHES > this.sigs.length) {
      this.sigs = grown(this.sigs, this.sigs.length * 2);
    }
    this.sigs.set(sig, idx * HASHES);
    this.parent.push(idx);
    this.file(comment, idx);
    if (this.checkedBy.length <= idx) {
      const size = Math.max(1024, this.checkedBy.length * 2);
      this.checkedBy = grown(this.checkedBy, size);
      this.isLong = grown(this.isLong, size);
    }
    if (comment.shingles.length >= this.opts.longShingles) this.isLong[idx] = 1;
  }

  /**
   * Compares entry `idx` with the older entries of its buckets (`entries[at + band]`: its own entry in
   * each band's bucket; the ones after it are older) and joins it to those similar enough.
   */
  private compare(idx: number, entries: Int32Array, at: number): void {
    const checkedBy = this.checkedBy;
    const isLong = this.isLong;
    const stamp = idx + 1;
    const { next, values } = this.buckets;
    const sigs = this.sigs;
    const offset = idx * HASHES;
    const shingles = this.comments[idx].shingles;
    const long = isLong[idx] === 1;
    for (let b = 0; b < BANDS; b++) {
      let seen = 0;
      for (let e = next[entries[at + b]]; e !== -1 && seen < MAX_PER_BUCKET; e = next[e]) {
        seen++;
        const other = values[e];
        if (checkedBy[other] === stamp || this.find(other) === this.find(idx)) continue;
        checkedBy[other] = stamp;
        const bar = long && isLong[other] === 1 ? this.opts.longSimilarity : this.opts.similarity;
        // The share of equal signature bins estimates the similarity; only plausible pairs get the
        // exact (and costlier) comparison. The margin keeps misses rare (the estimate's s.d. ≈ 0.06).
        if (!signatureReaches(sigs, offset, other * HASHES, bar - 0.2)) continue;
        if (jaccard(shingles, this.comments[other].shingles) >= bar) this.union(idx, other);
      }
    }
    if (this.members.has(this.find(idx))) this.touched.push(idx);
  }

  /** Accounts of every group that a comment joined since the last call, each group listed once. */
  takeTouchedAccounts(): string[] {
    const roots = new Set<number>();
    for (const idx of this.touched) roots.add(this.find(idx));
    this.touched = [];
    const accounts = new Set<string>();
    for (const root of roots) for (const m of this.group(root)) accounts.add(this.comments[m].account);
    return [...accounts];
  }

  /**
   * The group of near-identical comments a comment belongs to, when at least two distinct accounts
   * posted into it (callers decide what a pair is worth; `clusters()` applies minAccounts). By key:
   * for comments added without a number (`clusterOfComment` finds either).
   */
  clusterOf(commentKey: string): DuplicateCluster | undefined {
    const idx = this.byKey.get(commentKey);
    return idx === undefined ? undefined : this.clusterAt(idx);
  }

  /** The same for a comment as added (found by its number when it has one). */
  clusterOfComment(comment: PreparedComment): DuplicateCluster | undefined {
    const idx = this.entryOf(comment);
    return idx < 0 ? undefined : this.clusterAt(idx);
  }

  private clusterAt(idx: number): DuplicateCluster | undefined {
    const root = this.find(idx);
    // Most comments are in no group: nothing to describe or remember.
    return this.members.has(root) ? this.describe(root) : undefined;
  }

  /** Clusters of at least minAccounts distinct accounts (or `minAccounts` given), largest first. */
  clusters(minAccounts = this.opts.minAccounts): DuplicateCluster[] {
    const out: DuplicateCluster[] = [];
    for (const [root, group] of this.members) {
      if (group.length < minAccounts) continue;
      const c = this.describe(root);
      if (c && c.accounts.length >= minAccounts) out.push(c);
    }
    return out.sort((a, b) => b.accounts.length - a.accounts.length || compareText(a.id, b.id));
  }

  private describe(root: number): DuplicateCluster | undefined {
    if (this.described.has(root)) return this.described.get(root);
    const result = this.describeUncached(root);
    this.described.set(root, result);
    return result;
  }

  private describeUncached(root: number): DuplicateCluster | undefined {
    const group = this.members.get(root);
    if (!group || group.length < 2) return undefined;
    const comments = group.map((m) => this.comments[m]);
    const accounts = [...new Set(comments.map((c) => c.account))];
    if (accounts.length < 2) return undefined;
    const sorted = [...comments].sort((a, b) => compareText(a.key, b.key));
    return {
      // Stable id: the smallest comment key, so incremental and from-scratch runs agree.
      id: `dup:${sorted[0].key}`,
      commentKeys: sorted.map((c) => c.key),
      accounts: accounts.sort(),
      threads: [...new Set(comments.map((c) => c.thread))].sort(),
      sampleText: sorted[0].record.text,
    };
  }
}

/**
 * Whether the share of equal bins reaches `share` (exactly `same / bins >= share`), stopping as soon
 * as the remaining bins could no longer get there: most bucket neighbours of a short comment share a
 * bucket by chance and agree on few bins.
 */
function signatureReaches(sigs: Uint32Array, a: number, b: number, share: number): boolean {
  let same = 0;
  for (let i = 0; i < HASHES; i++) {
    if (sigs[a + i] === sigs[b + i]) same++;
    else if ((same + HASHES - 1 - i) / HASHES < share) return false;
  }
  return same / HASHES >= share;
}

/** Pure form: clusters of near-identical comments posted by at least `minAccounts` distinct accounts. */
export function findNearDuplicates(comments: PreparedComment[], opts: Partial<NearDuplicateOptions> = {}): DuplicateCluster[] {
  const index = new NearDuplicateIndex(opts);
  for (const c of comments) index.add(c);
  return index.clusters();
}
