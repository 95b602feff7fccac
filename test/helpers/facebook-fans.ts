/**
 * Real fans for the precision tests: the commenters of Nintendo's Facebook posts in the page snapshots
 * (../shared/fixtures/pages), one comment per account, and the one hand-written step those tests share:
 * their comments re-timed into one thread spread evenly over a day.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sharedPath } from './shared.ts';
import { readCaseFiles } from '../../src/cli/read-case.ts';
import type { CommentRecord } from '../../src/core/types.ts';

export const FAN_PAGES = 'fixtures/pages/facebook';
export const FAN_DAY_START = Date.parse('2026-06-18T14:00:00Z');
export const MINUTE = 60_000;

/** One comment per account (the first that `keep` accepts), from the Nintendo snapshots. */
export async function nintendoFans(keep: (r: CommentRecord) => boolean = () => true): Promise<CommentRecord[]> {
  const dir = sharedPath(FAN_PAGES);
  const files = readdirSync(dir)
    .filter((f) => /Nintendo/.test(f))
    .map((f) => join(dir, f))
    .sort();
  const { records } = await readCaseFiles(files);
  const seen = new Set<string>();
  return records.filter((r) => !seen.has(r.author.id) && keep(r) && seen.add(r.author.id));
}

/** Hand-written: the fans' comments as one thread over a day from FAN_DAY_START; `change` adjusts comment i. */
export function oneDayThread(fans: CommentRecord[], change: (r: CommentRecord, i: number) => Partial<CommentRecord> = () => ({})): CommentRecord[] {
  const step = (24 * 60 * MINUTE) / fans.length;
  return fans.map((r, i) => ({
    ...r,
    platform: 'facebook',
    threadId: 'nintendo-direct',
    parentId: undefined,
    publishedAt: new Date(FAN_DAY_START + i * step).toISOString(),
    ...change(r, i),
  }));
}
