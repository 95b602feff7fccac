import { describe, expect, it } from 'vitest';
import { coordinationGraph } from '../../../src/core/analysis/coordination-edges.ts';
import { analyzeCase } from '../../../src/core/analyze.ts';
import { crossThreadScenario, syntheticThread } from '../../../src/core/simulate/index.ts';
import type { Cluster } from '../../../src/core/types.ts';

const cluster = (id: string, kind: string, members: string[]): Cluster => ({ id, kind, platform: 'youtube', threads: [], members, commentIds: [] });

describe('coordination network data', () => {
  it('links a cluster’s members in a ring (linear), merges kinds per pair and numbers groups by size', () => {
    const g = coordinationGraph([cluster('d1', 'near-duplicate', ['a', 'b', 'c', 'd']), cluster('t1', 'co-travel', ['a', 'b']), cluster('n1', 'narrative', ['x', 'y', 'z'])]);
    expect(g.edges).toHaveLength(4 + 3);
    const ab = g.edges.find((e) => e.a === 'youtube:a' && e.b === 'youtube:b')!;
    expect(ab.kinds.sort()).toEqual(['co-travel', 'near-duplicate']);
    expect(ab.clusterIds).toEqual(['d1', 't1']);
    expect(g.group.get('youtube:a')).toBe(0);
    expect(g.group.get('youtube:x')).toBe(1);
  });

  it('draws the accounts that travel together across threads as one linked group', () => {
    const hosts = [1, 2, 3].map((s) => syntheticThread(120, s, 'youtube', `host-${s}`));
    const sc = crossThreadScenario(hosts, { seed: 2, k: 5, n: 3 });
    const { clusters } = analyzeCase(sc.records, { avatarScores: sc.avatarScores });
    const travel = clusters.filter((c) => c.kind === 'co-travel');
    expect(travel).toHaveLength(1);
    const g = coordinationGraph(travel);
    const linked = new Set(g.edges.flatMap((e) => [e.a, e.b]));
    expect([...linked].sort()).toEqual([...sc.truth].sort());
    expect(new Set([...linked].map((k) => g.group.get(k))).size).toBe(1);
  });
});
