/** The analyzer's per-account and per-thread state, and how records are merged into it. */
import { mergeCommentRecords } from '../merge.ts';
import type { AvatarScore, CommentRecord, Platform } from '../types.ts';
import { compareTimed, type Burst, type TimedComment } from '../signals/burst.ts';
import type { PreparedComment } from '../signals/prepare.ts';

export interface AccountState {
  key: string;
  /** numbered in order of arrival (indexes keyed by number instead of by key) */
  no: number;
  platform: Platform;
  author: CommentRecord['author'];
  /** whether the author fields came from the platform's JSON (richer than the DOM) */
  authorFromJson: boolean;
  comments: string[];
  /** the same comments, prepared (scoring reads them without looking each key up) */
  prepared: PreparedComment[];
  /** thread keys, sorted (usually one) */
  threads: string[];
  /** its avatar score as last looked up */
  avatar?: AvatarScore;
  /** picture identities ('phash:…' / 'image:…') it is filed under */
  pictures: string[];
}

export interface ThreadState {
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

/** The page's own observation decides who said what; page JSON enriches it (src/core/merge.ts). */
export const mergeRecords = mergeCommentRecords;

/** Keeps a timeline sorted: a few entries are inserted in place, a large batch is appended and sorted. */
export function insertTimes(timeline: ThreadState['timeline'], entries: ThreadState['timeline']): void {
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
export function memoBy<V, R>(fn: (v: V) => R): (v: V) => R {
  const memo = new Map<V, R>();
  return (v) => {
    if (memo.has(v)) return memo.get(v)!;
    const r = fn(v);
    memo.set(v, r);
    return r;
  };
}

/** Copies the defined fields of a newer sighting of an author onto the stored one. */
export function mergeAuthor(into: CommentRecord['author'], next: CommentRecord['author'], onlyMissing: boolean): void {
  const target = into as unknown as Record<string, unknown>;
  for (const k in next) {
    const v = next[k as keyof typeof next];
    if (v !== undefined && (!onlyMissing || target[k] === undefined)) target[k] = v;
  }
}
