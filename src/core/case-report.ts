/**
 * What the case report shows. The background holds the whole case (CaseReportView) and sends the
 * report a light summary with the network already built, then accounts one page at a time
 * (caseSummary, caseListPage, caseListPosition), so no message grows with the campaign. Pure
 * functions (no browser APIs) so tests can recompute the same model from the same data.
 */
import { coordinationGraph } from './analysis/coordination-edges.ts';
import type { Cluster, Level, Platform, ThreadSummary } from './types.ts';
import type { ThreadRow } from './views.ts';
import { pageOf, type AccountRow as AccountView, type CaseReportView as CaseReply, type Page } from './view-pages.ts';

/** One stored thread, and the case as the background holds it. */
export type { ThreadRow as StoredThread } from './views.ts';
export type { CaseReportView as CaseReply, AccountRow as AccountView } from './view-pages.ts';

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

export { safePlatformUrl, safeThreadUrl } from './urls.ts';
import { safeThreadUrl } from './urls.ts';

/** Every thread seen, most recently visited first; threads known only from the analysis come last. */
export function threadEntries(reply: Pick<CaseReply, 'threads' | 'summaries'>): ThreadEntry[] {
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
  /** accounts tied to others by evidence: their connected group (0 = the largest), for colouring */
  group?: number;
}

export interface NetworkEdge {
  /** indexes into nodes */
  source: number;
  target: number;
  /** 'thread': the account commented in the thread; 'coordination': evidence ties the two accounts */
  kind: 'thread' | 'coordination';
  /** thread edges: the account's comments in that thread; coordination edges: the clusters tying them */
  comments: number;
  repeat: boolean;
  /** coordination edges: the kinds of evidence (near-duplicate, narrative, co-travel…) and the group */
  kinds?: string[];
  group?: number;
}

export interface Network {
  nodes: NetworkNode[];
  edges: NetworkEdge[];
  /** accounts of the case not drawn (over {@link MAX_GRAPH_ACCOUNTS}) */
  omittedAccounts: number;
  /** coordination links of the case not drawn because one of their accounts is not drawn */
  omittedLinks: number;
  /** coordination edges drawn, by kind of evidence */
  linkKinds: Record<string, number>;
}

/**
 * The accounts the network draws when there are too many: those seen in several threads first, then
 * those tied to others by evidence, then flagged or labelled ones, each by score; then the rest by score.
 */
function drawnAccounts(accounts: AccountView[], max: number, linked: ReadonlyMap<string, number>): AccountView[] {
  if (accounts.length <= max) return accounts;
  const rank = (a: AccountView) => (a.threads.length >= 2 ? 0 : linked.has(accountKeyOf(a)) ? 1 : isFlagged(a) || a.label !== undefined ? 2 : 3);
  return [...accounts].sort((a, b) => rank(a) - rank(b) || byScore(a, b)).slice(0, max);
}

/**
 * The case network: threads and accounts as nodes; an edge where an account commented in a thread, and
 * an edge between two accounts where evidence ties them (coordinationGraph: shared text or narrative,
 * cross-language tokens, bursts, batches, shared pictures, co-occurrence, co-travel), coloured by the
 * group the evidence makes. Nodes come in a fixed order (threads, then accounts, each sorted by key) so
 * the layout is the same every time for the same case. At most `maxAccounts` account nodes.
 */
export function buildNetwork(
  reply: Pick<CaseReply, 'threads' | 'summaries' | 'accounts' | 'links'>,
  clusters: readonly Cluster[] = [],
  threads: ThreadEntry[] = threadEntries(reply),
  maxAccounts = MAX_GRAPH_ACCOUNTS,
): Network {
  const coordination = coordinationGraph(clusters);
  const accounts = drawnAccounts(reply.accounts, maxAccounts, coordination.group);
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
      group: coordination.group.get(accountKeyOf(account)),
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
        kind: 'thread',
        comments: commentCounts.get(`a|${accountKeyOf(account)}\u0000${threadNode}`) ?? 1,
        repeat: nodes[source].repeat,
      });
    }
  }
  let omittedLinks = 0;
  const linkKinds: Record<string, number> = {};
  for (const link of coordination.edges) {
    const source = index.get(`a|${link.a}`);
    const target = index.get(`a|${link.b}`);
    if (source === undefined || target === undefined) {
      omittedLinks++;
      continue;
    }
    for (const kind of link.kinds) linkKinds[kind] = (linkKinds[kind] ?? 0) + 1;
    edges.push({
      source: Math.min(source, target),
      target: Math.max(source, target),
      kind: 'coordination',
      comments: link.clusterIds.length,
      repeat: false,
      kinds: [...link.kinds].sort(),
      group: coordination.group.get(link.a),
    });
  }
  edges.sort((a, b) => a.source - b.source || a.target - b.target);
  return { nodes, edges, omittedAccounts: reply.accounts.length - accounts.length, omittedLinks, linkKinds };
}

/** The lists of accounts the report pages through. */
export type CaseList = 'review' | 'all' | 'repeat';

export function caseList(accounts: AccountView[], list: CaseList): AccountView[] {
  return list === 'repeat' ? repeatAccounts(accounts) : reviewAccounts(accounts, list === 'all');
}

/** Most members named per co-travel group in the summary; the count says how many there are. */
export const CO_TRAVEL_MEMBERS_SHOWN = 20;
/** Most co-travel groups in the summary, least likely by chance first. */
export const CO_TRAVEL_GROUPS_SHOWN = 50;

/** Accounts that travel together, as the report lists them: who, where, how close in time, how unlikely. */
export interface CoTravelGroup {
  id: string;
  platform: Platform;
  members: { accountId: string; name: string }[];
  memberCount: number;
  visits: { thread: string; accounts: number; spreadMinutes: number }[];
  log10Chance?: number;
}

/**
 * The report's first message: threads, counts, the network (at most MAX_GRAPH_ACCOUNTS accounts) and the
 * co-travel groups. Its size grows with the threads and the drawn accounts, never with the whole case;
 * the accounts themselves come a page at a time.
 */
export interface CaseSummaryView {
  version: string;
  threads: ThreadRow[];
  summaries: ThreadSummary[];
  counts: { accounts: number; flagged: number; repeat: number; review: number; comments: number };
  network: Network;
  coTravel: CoTravelGroup[];
  coTravelTotal: number;
}

export function caseSummary(reply: CaseReply, clusters: readonly Cluster[]): CaseSummaryView {
  const threads = threadEntries(reply);
  const names = new Map(reply.accounts.map((a) => [accountKeyOf(a), displayName(a)]));
  const coTravel = clusters
    .filter((c) => c.kind === 'co-travel')
    .sort((a, b) => (a.log10Chance ?? 0) - (b.log10Chance ?? 0) || a.id.localeCompare(b.id));
  return {
    version: reply.version,
    threads: reply.threads,
    summaries: reply.summaries,
    counts: {
      accounts: reply.accounts.length,
      flagged: reply.accounts.filter(isFlagged).length,
      repeat: reply.accounts.filter((a) => a.threads.length >= 2).length,
      review: caseList(reply.accounts, 'review').length,
      comments: threads.reduce((sum, e) => sum + e.comments, 0),
    },
    network: buildNetwork(reply, clusters, threads),
    coTravel: coTravel.slice(0, CO_TRAVEL_GROUPS_SHOWN).map((c) => ({
      id: c.id,
      platform: c.platform,
      members: c.members.slice(0, CO_TRAVEL_MEMBERS_SHOWN).map((accountId) => ({ accountId, name: names.get(`${c.platform}:${accountId}`) ?? accountId })),
      memberCount: c.members.length,
      visits: c.visits ?? c.threads.map((thread) => ({ thread, accounts: c.members.length, spreadMinutes: Number.NaN })),
      log10Chance: c.log10Chance,
    })),
    coTravelTotal: coTravel.length,
  };
}

export interface CaseListPage {
  version: string;
  page: Page<AccountView>;
}

/** One page of a list: rows offset..offset+limit (the last page when past the end). */
export function caseListPage(reply: CaseReply, list: CaseList, offset: number, limit: number): CaseListPage {
  return { version: reply.version, page: pageOf(caseList(reply.accounts, list), offset, limit, (a) => a) };
}

/** Where one account is in a list (-1 when the list leaves it out), and its row: to jump to it. */
export function caseListPosition(reply: CaseReply, list: CaseList, platform: Platform, accountId: string): { version: string; index: number; row?: AccountView } {
  const row = reply.accounts.find((a) => a.platform === platform && a.accountId === accountId);
  const index = row ? caseList(reply.accounts, list).indexOf(row) : -1;
  return { version: reply.version, index, row };
}
