/**
 * Clusters as the case stores and exports them: one entry per group, with its members and comment ids,
 * instead of every member's verdict repeating the whole group. A group spanning platforms (the same
 * text on YouTube and X) is listed once per platform, because account and comment ids are
 * platform-local.
 */
import type { Cluster, ClusterKind, Platform, ThreadClusterRef } from '../types.ts';
import { excerpt } from '../signals/prepare.ts';

/** A group found by one signal, in the analyzer's keys (`platform:id`). */
export interface GroupSource {
  id: string;
  kind: ClusterKind;
  /** account keys, sorted */
  accounts: readonly string[];
  commentKeys?: readonly string[];
  /** thread keys, for groups without comments (co-occurrence) */
  threadKeys?: readonly string[];
  sampleText?: string;
  facts?: Pick<Cluster, 'window' | 'expected' | 'precisionMs' | 'token' | 'languages' | 'picture' | 'terms' | 'offTopic' | 'log10Chance' | 'visits'>;
}

const platformOf = (key: string) => key.slice(0, key.indexOf(':')) as Platform;
const idOf = (key: string) => key.slice(key.indexOf(':') + 1);

/** True when a group's accounts are on more than one platform. */
export function spansPlatforms(accounts: readonly string[]): boolean {
  if (accounts.length === 0) return false;
  const first = platformOf(accounts[0]);
  for (const a of accounts) if (!a.startsWith(first) || a[first.length] !== ':') return true;
  return false;
}

/** The id of a group's cluster on one platform (see `toClusters`). */
export function clusterIdOn(id: string, platform: Platform, spans: boolean): string {
  return spans ? `${id}@${platform}` : id;
}

function byPlatform(keys: readonly string[]): Map<Platform, string[]> {
  const out = new Map<Platform, string[]>();
  for (const k of keys) {
    const p = platformOf(k);
    let list = out.get(p);
    if (!list) out.set(p, (list = []));
    list.push(idOf(k));
  }
  return out;
}

/** A group as one cluster per platform it spans. `threadOf` maps a comment key to its thread key. */
export function toClusters(group: GroupSource, threadOf: (commentKey: string) => string | undefined): Cluster[] {
  const members = byPlatform(group.accounts);
  const comments = byPlatform(group.commentKeys ?? []);
  const threadKeys = new Set<string>(group.threadKeys ?? []);
  for (const k of group.commentKeys ?? []) {
    const t = threadOf(k);
    if (t) threadKeys.add(t);
  }
  const threads = byPlatform([...threadKeys].sort());
  const spans = members.size > 1;
  return [...members].map(([platform, ids]) => ({
    id: clusterIdOn(group.id, platform, spans),
    kind: group.kind,
    platform,
    ...(spans ? { group: group.id } : {}),
    threads: threads.get(platform) ?? [],
    members: ids,
    commentIds: comments.get(platform) ?? [],
    ...(group.sampleText !== undefined ? { sampleText: excerpt(group.sampleText, 200) } : {}),
    ...group.facts,
  }));
}

/**
 * Per thread, the group's accounts and comments in that thread (groups with fewer than two accounts
 * there are left out), appended to `into` under the thread key.
 */
export function addThreadRefs(
  group: GroupSource,
  comment: (commentKey: string) => { thread: string; account: string } | undefined,
  into: Map<string, ThreadClusterRef[]>,
): void {
  const perThread = new Map<string, { accounts: Set<string>; comments: number }>();
  for (const k of group.commentKeys ?? []) {
    const c = comment(k);
    if (!c) continue;
    let entry = perThread.get(c.thread);
    if (!entry) perThread.set(c.thread, (entry = { accounts: new Set(), comments: 0 }));
    entry.accounts.add(c.account);
    entry.comments++;
  }
  const spans = spansPlatforms(group.accounts);
  for (const [thread, { accounts, comments }] of perThread) {
    if (accounts.size < 2) continue;
    let list = into.get(thread);
    if (!list) into.set(thread, (list = []));
    list.push({ id: clusterIdOn(group.id, platformOf(thread), spans), kind: group.kind, accounts: accounts.size, comments, sampleText: excerpt(group.sampleText ?? '', 200) });
  }
}
