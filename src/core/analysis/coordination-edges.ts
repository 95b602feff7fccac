/**
 * The coordination network as graph data (issue 11): accounts linked by the evidence that ties them
 * — shared text or narrative, cross-language tokens, bursts, creation batches, shared pictures,
 * co-occurrence and co-travel — instead of accounts linked to threads (a star for one thread).
 * Each cluster links its members in a ring (sorted ids), not a clique, so the edges grow linearly
 * with the clusters' sizes; an edge carries every kind and cluster that ties its two accounts.
 * `group` colours accounts by connected cluster group. For the report's NetworkGraph (the lead wires
 * it into src/ui/report/case-model.ts).
 */
import type { Cluster, ClusterKind } from '../types.ts';

export interface CoordinationEdge {
  /** account keys `platform:id`, a < b */
  a: string;
  b: string;
  kinds: ClusterKind[];
  clusterIds: string[];
}

export interface CoordinationGraph {
  edges: CoordinationEdge[];
  /** account key → group number (0 = the largest group), for colouring */
  group: Map<string, number>;
}

/** Kinds that are evidence of coordination between accounts (co-occurrence alone is weak but shown). */
const LINKING: ReadonlySet<string> = new Set(['near-duplicate', 'narrative', 'cross-language', 'burst', 'batch', 'shared-picture', 'co-occurrence', 'co-travel']);

export function coordinationGraph(clusters: readonly Cluster[], options: { kinds?: ReadonlySet<string>; maxMembersPerCluster?: number } = {}): CoordinationGraph {
  const kinds = options.kinds ?? LINKING;
  const max = options.maxMembersPerCluster ?? 500;
  const byPair = new Map<string, CoordinationEdge>();
  for (const c of clusters) {
    if (!kinds.has(c.kind) || c.members.length < 2) continue;
    const members = [...new Set(c.members)].sort().slice(0, max).map((m) => `${c.platform}:${m}`);
    const ring = members.length === 2 ? 1 : members.length;
    for (let i = 0; i < ring; i++) {
      const x = members[i];
      const y = members[(i + 1) % members.length];
      const [a, b] = x < y ? [x, y] : [y, x];
      const key = `${a}\u0000${b}`;
      let e = byPair.get(key);
      if (!e) byPair.set(key, (e = { a, b, kinds: [], clusterIds: [] }));
      if (!e.kinds.includes(c.kind)) e.kinds.push(c.kind);
      e.clusterIds.push(c.id);
    }
  }
  const edges = [...byPair.values()].sort((x, y) => (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : x.b > y.b ? 1 : 0));
  // Connected groups, numbered by size (largest first).
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    while (parent.get(x) !== x) {
      const p = parent.get(x)!;
      parent.set(x, parent.get(p)!);
      x = p;
    }
    return x;
  };
  for (const e of edges) {
    for (const k of [e.a, e.b]) if (!parent.has(k)) parent.set(k, k);
    const ra = find(e.a);
    const rb = find(e.b);
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
  const members = new Map<string, string[]>();
  for (const k of parent.keys()) {
    const r = find(k);
    let list = members.get(r);
    if (!list) members.set(r, (list = []));
    list.push(k);
  }
  const group = new Map<string, number>();
  [...members.values()]
    .sort((x, y) => y.length - x.length || (x[0] < y[0] ? -1 : 1))
    .forEach((list, i) => {
      for (const k of list) group.set(k, i);
    });
  return { edges, group };
}
