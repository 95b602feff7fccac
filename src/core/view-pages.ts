/**
 * Light views for the extension's pages: a thread or case is summarised and its accounts are sent one page
 * at a time, so a message stays small however large a campaign is. Pure functions, no browser APIs.
 */
import type { CommentRecord, Platform, ThreadSummary } from './types.ts';
import type { AccountView, TabView, ThreadRow } from './views.ts';

/** Comment ids kept per account in a page: "Show comment" needs the first; the count says how many there are. */
export const COMMENT_IDS_PER_ROW = 3;

/**
 * An account as a page of a list shows it: reasons without their related-id lists (the text names the
 * accounts), and only the first few comment ids.
 */
export interface AccountRow extends Omit<AccountView, 'reasons' | 'commentIds'> {
  reasons: Omit<AccountView['reasons'][number], 'related'>[];
  commentIds: string[];
  /** this account's comments in the thread (or case) being viewed */
  commentCount: number;
}

/** One page of a longer, sorted list. */
export interface Page<T> {
  /** items in the whole list */
  total: number;
  offset: number;
  items: T[];
}

/**
 * What the popup shows for a tab: the thread's summary and one page of its flagged accounts (high or
 * medium, highest score first). `version` changes whenever anything the view is built from changed, so the
 * popup asks for the cheap version every second and for this view only when it moved.
 */
export type TabPageView =
  | ({ version: string } & Exclude<TabView, { state: 'analysing' | 'ready' }>)
  | (Omit<Extract<TabView, { state: 'analysing' | 'ready' }>, 'accounts'> & {
      version: string;
      /** one page of the flagged accounts, not the whole thread */
      flagged: Page<AccountRow>;
    });

export function accountRow(account: AccountView): AccountRow {
  return {
    ...account,
    reasons: account.reasons.map(({ related: _related, ...reason }) => reason),
    commentIds: account.commentIds.slice(0, COMMENT_IDS_PER_ROW),
    commentCount: account.commentIds.length,
  };
}

/** Items offset..offset+limit of a list; an offset past the end gives the last page, never an empty one. */
export function pageOf<T, R>(items: readonly T[], offset: number, limit: number, toRow: (item: T) => R): Page<R> {
  const total = items.length;
  const lastStart = total === 0 ? 0 : Math.floor((total - 1) / limit) * limit;
  const start = Math.min(Math.max(0, offset), lastStart);
  return { total, offset: start, items: items.slice(start, start + limit).map(toRow) };
}

export const isFlaggedLevel = (a: { level: string }) => a.level === 'high' || a.level === 'medium';

/** How many comments an account wrote in a thread: the report's network edges. */
export interface AccountThreadLink {
  platform: Platform;
  threadId: string;
  accountId: string;
  comments: number;
}

/**
 * The case as the report page receives it: every thread and account once, light (no comment-id lists,
 * no related-id lists, one link per account and thread instead of one row per comment), so the message
 * grows with the accounts, not with their comments or the size of their clusters.
 */
export interface CaseReportView {
  version: string;
  threads: ThreadRow[];
  summaries: ThreadSummary[];
  accounts: AccountRow[];
  links: AccountThreadLink[];
}

/** Counts each account's comments per thread. */
export function accountThreadLinks(records: Iterable<Pick<CommentRecord, 'platform' | 'threadId' | 'author'>>): AccountThreadLink[] {
  const links = new Map<string, AccountThreadLink>();
  for (const r of records) {
    const key = `${r.platform}\u0000${r.threadId}\u0000${r.author.id}`;
    const link = links.get(key);
    if (link) link.comments++;
    else links.set(key, { platform: r.platform, threadId: r.threadId, accountId: r.author.id, comments: 1 });
  }
  return [...links.values()];
}
