/**
 * What the report shows, derived from the background's 'get-case' reply. Pure functions (no browser
 * APIs) so the e2e test can recompute the same model from the same reply and compare.
 */
import type { Level, Platform } from '../../core/types.ts';
import type { AccountRow as AccountView, CaseReportView as CaseReply } from '../../core/view-pages.ts';

/** One stored thread, and the 'get-case' reply, as the background sends them. */
export type { ThreadRow as StoredThread } from '../../core/views.ts';
export type { CaseReportView as CaseReply, AccountRow as AccountView } from '../../core/view-pages.ts';

/**
 * Most account nodes the network draws. Beyond a few thousand an SVG is unreadable and slow; the tables
 * list every account, and the graph says how many it left out.
 */
export const MAX_GRAPH_ACCOUNTS = 1_500;

export interface ThreadEntry {
  key: string;
  platform: Platform;
  threadId: string;
  /** a link that is safe to put in href (http/https on the platform's own site), or none */
  url?: string;
  title?: string;
  firstSeen?: string;
  lastSeen?: string;
  comments: number;
  accounts: number;
  flagged: number;
  level: Level;
}

export const threadKeyOf = (platform: Platform, threadId: string) => `${platform}:${threadId}`;
export const accountKeyOf = (a: { platform: Platform; accountId: string }) => `${a.platform}:${a.accountId}`;

export { safePlatformUrl, safeThreadUrl } from '../../core/urls.ts';
import { safeThreadUrl } from '../../core/urls.ts';

/** Every thread seen, most recently visited first; threads known only from the analysis come last. */
export function threadEntries(reply: CaseReply): ThreadEntry[] {
  const summaries = new Map(reply.summaries.map((s) => [threadKeyOf(s.platform, s.threadId), s]));
  const stored = new Map(reply.threads.map((t) => [threadKeyOf(t.platform, t.threadId), t]));
  const keys = new Set([...stored.keys(), ...summaries.keys()]);
  const entries: ThreadEntry[] = [];
  for (const key of keys) {
    const row = stored.get(key);
    const summary = summaries.get(key);
    const platform = (row ?? summary)!.platform;
    const threadId = (row ?? summary)!.threadId;
    entries.push({
      key,
      platform,
      threadId,
      url: safeThreadUrl(platform, threadId, row?.url),
      title: row?.title,
      firstSeen: row?.firstSeen,
      lastSeen: row?.lastSeen,
      comments: summary?.comments ?? 0,
      accounts: summary?.accounts ?? 0,
      flagged: summary ? summary.flagged.high + summary.flagged.medium : 0,
      level: summary?.level ?? 'unsure',
    });
  }
  return entries.sort((a, b) => (b.lastSeen ?? '').localeCompare(a.lastSeen ?? '') || a.key.localeCompare(b.key));
}

/** Flagged as the exports count it: high or medium, or confirmed by the user. */
export const isFlagged = (a: AccountView) => a.level === 'high' || a.level === 'medium' || a.label === 'confirmed';

const byScore = (a: AccountView, b: AccountView) => b.score - a.score || accountKeyOf(a).localeCompare(accountKeyOf(b));

/**
 * The accounts listed for review: every flagged account, plus every account the user labelled or
 * annotated (a dismissed account must stay reachable so the label can be undone), plus all others when
 * asked; by score, highest first.
 */
export function reviewAccounts(accounts: AccountView[], showAll: boolean): AccountView[] {
  return accounts.filter((a) => showAll || isFlagged(a) || a.label !== undefined || !!a.note).sort(byScore);
}

/** Accounts seen in two threads or more: most threads first, then by score. */
export function repeatAccounts(accounts: AccountView[]): AccountView[] {
  return accounts.filter((a) => a.threads.length >= 2).sort((a, b) => b.threads.length - a.threads.length || byScore(a, b));
}

export function displayName(a: Pick<AccountView, 'displayName' | 'handle' | 'accountId'>): string {
  return a.displayName || a.handle || a.accountId;
}

export interface NetworkNode {
  key: string;
  kind: 'account' | 'thread';
  platform: Platform;
  /** account id or thread id */
  id: string;
  level: Level;
  /** accounts: seen in ≥ 2 threads */
  repeat: boolean;
  label: string;
  /** accounts: 0..1 */
  score: number;
  comments: number;
  /** accounts: threads commented in; threads: accounts seen */
  degree: number;
}

export interface NetworkEdge {
  /** indexes into nodes */
  source: number;
  target: number;
  /** the account's comments in that thread */
  comments: number;
  repeat: boolean;
}

export interface Network {
  nodes: NetworkNode[];
  edges: NetworkEdge[];
  /** accounts of the case not drawn (over {@link MAX_GRAPH_ACCOUNTS}) */
  omittedAccounts: number;
}

/**
 * The accounts the network draws when there are too many: those seen in several threads first, then
 * flagged or labelled ones, each by score; then the rest by score.
 */
function drawnAccounts(accounts: AccountView[], max: number): AccountView[] {
  if (accounts.length <= max) return accounts;
  const rank = (a: AccountView) => (a.threads.length >= 2 ? 0 : isFlagged(a) || a.label !== undefined ? 1 : 2);
  return [...accounts].sort((a, b) => rank(a) - rank(b) || byScore(a, b)).slice(0, max);
}

/**
 * The co-occurrence network: accounts and threads as nodes, an edge where an account commented in a
 * thread. Nodes come in a fixed order (threads, then accounts, each sorted by key) so the layout is the
 * same every time for the same case. At most `maxAccounts` account nodes (see drawnAccounts).
 */
export function buildNetwork(reply: CaseReply, threads: ThreadEntry[] = threadEntries(reply), maxAccounts = MAX_GRAPH_ACCOUNTS): Network {
  const accounts = drawnAccounts(reply.accounts, maxAccounts);
  const nodes: NetworkNode[] = [];
  const index = new Map<string, number>();
  for (const thread of [...threads].sort((a, b) => a.key.localeCompare(b.key))) {
    index.set(`t|${thread.key}`, nodes.length);
    nodes.push({
      key: `t|${thread.key}`,
      kind: 'thread',
      platform: thread.platform,
      id: thread.threadId,
      level: thread.level,
      repeat: false,
      label: thread.title || thread.threadId,
      score: 0,
      comments: thread.comments,
      degree: thread.accounts,
    });
  }
  for (const account of [...accounts].sort((a, b) => accountKeyOf(a).localeCompare(accountKeyOf(b)))) {
    const key = `a|${accountKeyOf(account)}`;
    index.set(key, nodes.length);
    nodes.push({
      key,
      kind: 'account',
      platform: account.platform,
      id: account.accountId,
      level: account.level,
      repeat: account.threads.length >= 2,
      label: displayName(account),
      score: account.score,
      comments: account.comments,
      degree: new Set(account.threads).size,
    });
  }
  const commentCounts = new Map<string, number>();
  for (const link of reply.links) {
    commentCounts.set(`a|${link.platform}:${link.accountId}\u0000t|${threadKeyOf(link.platform, link.threadId)}`, link.comments);
  }
  const edges: NetworkEdge[] = [];
  for (const account of accounts) {
    const source = index.get(`a|${accountKeyOf(account)}`)!;
    for (const threadId of [...new Set(account.threads)].sort()) {
      const threadNode = `t|${threadKeyOf(account.platform, threadId)}`;
      const target = index.get(threadNode);
      if (target === undefined) continue;
      edges.push({
        source,
        target,
        comments: commentCounts.get(`a|${accountKeyOf(account)}\u0000${threadNode}`) ?? 1,
        repeat: nodes[source].repeat,
      });
    }
  }
  edges.sort((a, b) => a.source - b.source || a.target - b.target);
  return { nodes, edges, omittedAccounts: reply.accounts.length - accounts.length };
}
