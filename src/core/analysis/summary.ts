/** One thread's summary: how many accounts are flagged, its clusters, its level, what could not be computed. */
import type { AccountVerdict, AvatarScore, CommentRecord, Level, ThreadClusterRef, ThreadSummary } from '../types.ts';
import type { ThreadState } from './state.ts';

export interface SummaryContext {
  verdictOf(account: string): AccountVerdict | undefined;
  accountOfComment(commentKey: string): string;
  author(account: string): CommentRecord['author'];
  avatarOf(account: string): AvatarScore | undefined;
  threadCount: number;
  /** the thread's share of the case's clusters */
  clusters: ThreadClusterRef[];
}

export function summarizeThread(t: ThreadState, ctx: SummaryContext): ThreadSummary {
  const flagged: Record<Level, number> = { high: 0, medium: 0, low: 0, unsure: 0 };
  const flaggedAccounts = new Set<string>();
  for (const a of t.accounts) {
    const v = ctx.verdictOf(a);
    if (!v) continue;
    flagged[v.level]++;
    if (v.level === 'high' || v.level === 'medium') flaggedAccounts.add(a);
  }
  let flaggedComments = 0;
  for (const k of t.comments) if (flaggedAccounts.has(ctx.accountOfComment(k))) flaggedComments++;
  const unavailable: string[] = [];
  if (t.basis === 'none') unavailable.push('burst');
  if (ctx.threadCount < 2) unavailable.push('co-occurrence', 'co-travel');
  let anyCreated = false;
  let anyAvatar = false;
  for (const a of t.accounts) {
    if (ctx.author(a).createdAt) anyCreated = true;
    if (ctx.avatarOf(a)?.pGenerated !== undefined) anyAvatar = true;
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
    clusters: ctx.clusters,
    flaggedCommentShare: Math.round(share * 1000) / 1000,
    level,
    unavailable,
  };
}
