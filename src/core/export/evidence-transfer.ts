/**
 * How the background hands an evidence pack's data to the page that builds it: a small plan first, then
 * accounts and captures in pages bounded by size (so no message comes near the browsers' 64 MiB limit),
 * and the graph drawn from the plan. Types and pure functions only.
 */
import type { AccountView } from '../views.ts';
import type { Cluster, CommentRecord, Level, Platform } from '../types.ts';
import { base64ToBytes } from './evidence-format.ts';
import type { PackAccount, PackGraph, PackGraphNode, PackThread } from './evidence-pack.ts';

export type PackScope = { kind: 'case' } | { kind: 'thread'; platform: Platform; threadId: string };

export interface PackPlanAccount {
  platform: Platform;
  accountId: string;
  label: string;
  level: Level;
  threads: string[];
}

export interface PackPlan {
  title: string;
  scopeLabel: string;
  filename: string;
  generatedAt: string;
  threads: PackThread[];
  /** the clusters the flagged accounts' reasons rest on, each once */
  clusters: Cluster[];
  /** flagged accounts in the order of the pack */
  accounts: PackPlanAccount[];
  captures: { id: number; url: string; capturedAt: string }[];
  notice?: string;
}

/** One account as it crosses from the background: the picture's bytes in base64 (messages are JSON in Chrome). */
export interface PackAccountWire {
  verdict: AccountView;
  comments: CommentRecord[];
  avatar?: { bytesBase64: string; sourceUrl: string; fetchedAt: string };
}

export interface PackCaptureWire {
  bytesBase64: string;
  url: string;
  title?: string;
  capturedAt: string;
}

/** Soft cap on the picture bytes of one 'pack-accounts' reply (at least one account is always sent). */
export const PACK_REPLY_BUDGET_BYTES = 8 * 1024 * 1024;

export function accountFromWire(wire: PackAccountWire): PackAccount {
  return {
    verdict: wire.verdict,
    comments: wire.comments,
    ...(wire.avatar ? { avatar: { bytes: base64ToBytes(wire.avatar.bytesBase64), sourceUrl: wire.avatar.sourceUrl, fetchedAt: wire.avatar.fetchedAt } } : {}),
  };
}

export type LayoutFn = (nodeCount: number, edges: readonly { source: number; target: number }[], options: { width: number; height: number; margin?: number }, anchors?: readonly number[]) => { x: number; y: number }[];

const CLUSTER_WORDS: Record<string, string> = {
  'near-duplicate': 'same text',
  'cross-language': 'same links/tags across languages',
  burst: 'burst',
  batch: 'created in a batch',
  'shared-picture': 'same picture',
  'co-occurrence': 'together across threads',
};

/**
 * The coordination graph: threads, evidence clusters and flagged accounts as nodes; an account is joined
 * to each thread it commented in and each cluster it is a member of. Linear in the members, whatever the
 * cluster sizes (no cliques).
 */
export function packGraph(plan: Pick<PackPlan, 'threads' | 'clusters' | 'accounts'>, layout: LayoutFn): PackGraph {
  const nodes: Omit<PackGraphNode, 'x' | 'y'>[] = [];
  const edges: PackGraph['edges'] = [];
  const threadIndex = new Map<string, number>();
  for (const t of plan.threads) {
    threadIndex.set(`${t.summary.platform}:${t.summary.threadId}`, nodes.length);
    nodes.push({ kind: 'thread', label: t.title ? `${t.title} (${t.summary.threadId})` : `thread ${t.summary.threadId}` });
  }
  const accountIndex = new Map<string, number>();
  plan.accounts.forEach((a, n) => {
    accountIndex.set(`${a.platform}:${a.accountId}`, nodes.length);
    nodes.push({ kind: 'account', label: a.label, level: a.level, anchor: `a-${n}` });
    for (const t of new Set(a.threads)) {
      const target = threadIndex.get(`${a.platform}:${t}`);
      if (target !== undefined) edges.push({ source: accountIndex.get(`${a.platform}:${a.accountId}`)!, target, kind: 'commented' });
    }
  });
  for (const c of plan.clusters) {
    const members = c.members.map((m) => accountIndex.get(`${c.platform}:${m}`)).filter((i): i is number => i !== undefined);
    if (members.length < 2) continue;
    const index = nodes.length;
    nodes.push({ kind: 'cluster', label: `${CLUSTER_WORDS[c.kind] ?? c.kind}: ${members.length} flagged accounts${c.sampleText ? ` — “${c.sampleText.slice(0, 60)}”` : ''}` });
    for (const m of members) edges.push({ source: m, target: index, kind: 'cluster' });
  }
  const size = Math.round(Math.min(1600, Math.max(600, 40 * Math.sqrt(nodes.length))));
  const points = layout(nodes.length, edges, { width: size, height: Math.round(size * 0.7), margin: 24 }, [...threadIndex.values()]);
  return { width: size, height: Math.round(size * 0.7), nodes: nodes.map((n, i) => ({ ...n, x: points[i]?.x ?? 0, y: points[i]?.y ?? 0 })), edges };
}
