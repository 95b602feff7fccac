/**
 * GEXF 1.3 export for Gephi: accounts and threads as nodes; edges for commenting (account–thread,
 * weight = comments), co-commenting (accounts together in ≥ 2 threads) and shared text (accounts
 * that posted near-identical comments or the same tokens across languages), drawn from the case's
 * clusters: a clique for a small cluster, a star for a large one, so edges grow linearly. All text is
 * XML-escaped and characters XML cannot carry are dropped. `gexfChunks` yields the file piece by piece.
 */
import type { AccountVerdict, Cluster, CommentRecord } from '../types.ts';

// Characters not allowed in XML 1.0, including lone surrogates.
const INVALID_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlEscape(value: string): string {
  return value
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export interface GexfOptions {
  /** biggest clique drawn for one cluster; larger ones are drawn as a star */
  maxClique?: number;
  exportedAt?: string;
}

export interface GexfInput {
  verdicts: AccountVerdict[];
  records: CommentRecord[];
  /** the case's clusters: near-duplicate and cross-language ones give shared-text edges, co-occurrence ones co-commenting edges */
  clusters: Cluster[];
}

const EDGE_KIND: Record<string, string | undefined> = { 'near-duplicate': 'shared-text', 'cross-language': 'shared-text', 'co-occurrence': 'co-commenting' };

export function* gexfChunks({ verdicts, records, clusters }: GexfInput, opts: GexfOptions = {}): Generator<string> {
  const maxClique = opts.maxClique ?? 40;
  const accountNode = (platform: string, id: string) => `a:${platform}:${id}`;
  const threadNode = (platform: string, id: string) => `t:${platform}:${id}`;
  const verdictOf = new Map(verdicts.map((v) => [`${v.platform}:${v.accountId}`, v]));

  const nodes = new Map<string, { label: string; kind: 'account' | 'thread'; platform: string; score?: number; level?: string; comments: number }>();
  const edges = new Map<string, { source: string; target: string; type: string; weight: number }>();
  const addEdge = (a: string, b: string, type: string, weight = 1) => {
    const [source, target] = a < b ? [a, b] : [b, a];
    const key = `${type}|${source}|${target}`;
    const e = edges.get(key);
    if (e) e.weight += weight;
    else edges.set(key, { source, target, type, weight });
  };

  for (const v of verdicts) {
    nodes.set(accountNode(v.platform, v.accountId), { label: v.displayName ?? v.handle ?? v.accountId, kind: 'account', platform: v.platform, score: v.score, level: v.level, comments: v.comments });
  }
  for (const r of records) {
    const a = accountNode(r.platform, r.author.id);
    const t = threadNode(r.platform, r.threadId);
    if (!nodes.has(a)) {
      const v = verdictOf.get(`${r.platform}:${r.author.id}`);
      nodes.set(a, { label: r.author.displayName ?? r.author.handle ?? r.author.id, kind: 'account', platform: r.platform, score: v?.score, level: v?.level, comments: 0 });
    }
    const tn = nodes.get(t);
    if (tn) tn.comments++;
    else nodes.set(t, { label: r.threadId, kind: 'thread', platform: r.platform, comments: 1 });
    addEdge(a, t, 'commented');
  }
  for (const c of clusters) {
    const type = EDGE_KIND[c.kind];
    if (!type) continue;
    // Only members present in this graph (a thread export holds that thread's accounts).
    const ids = c.members.map((m) => accountNode(c.platform, m)).filter((id) => nodes.has(id));
    if (ids.length <= maxClique) {
      for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) addEdge(ids[i], ids[j], type);
    } else for (let i = 1; i < ids.length; i++) addEdge(ids[0], ids[i], type);
  }

  yield [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">',
    `  <meta lastmodifieddate="${xmlEscape((opts.exportedAt ?? new Date().toISOString()).slice(0, 10))}">`,
    '    <creator>Amplifier Lens</creator>',
    '    <description>Accounts and threads of a case; edges: commented, co-commenting, shared-text</description>',
    '  </meta>',
    '  <graph defaultedgetype="undirected" mode="static">',
    '    <attributes class="node">',
    '      <attribute id="kind" title="kind" type="string"/>',
    '      <attribute id="platform" title="platform" type="string"/>',
    '      <attribute id="score" title="score" type="double"/>',
    '      <attribute id="level" title="level" type="string"/>',
    '      <attribute id="comments" title="comments" type="integer"/>',
    '    </attributes>',
    '    <attributes class="edge">',
    '      <attribute id="type" title="type" type="string"/>',
    '    </attributes>',
    '    <nodes>',
    '',
  ].join('\n');
  let out: string[] = [];
  for (const [id, n] of [...nodes].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    out.push(`      <node id="${xmlEscape(id)}" label="${xmlEscape(n.label)}">`);
    out.push('        <attvalues>');
    out.push(`          <attvalue for="kind" value="${n.kind}"/>`);
    out.push(`          <attvalue for="platform" value="${xmlEscape(n.platform)}"/>`);
    if (n.score !== undefined) out.push(`          <attvalue for="score" value="${n.score}"/>`);
    if (n.level !== undefined) out.push(`          <attvalue for="level" value="${xmlEscape(n.level)}"/>`);
    out.push(`          <attvalue for="comments" value="${n.comments}"/>`);
    out.push('        </attvalues>');
    out.push('      </node>');
    if (out.length >= 2000) {
      yield out.join('\n') + '\n';
      out = [];
    }
  }
  out.push('    </nodes>');
  out.push('    <edges>');
  let i = 0;
  for (const e of edges.values()) {
    out.push(`      <edge id="e${i++}" source="${xmlEscape(e.source)}" target="${xmlEscape(e.target)}" weight="${e.weight}">`);
    out.push(`        <attvalues><attvalue for="type" value="${e.type}"/></attvalues>`);
    out.push('      </edge>');
    if (out.length >= 2000) {
      yield out.join('\n') + '\n';
      out = [];
    }
  }
  out.push('    </edges>');
  out.push('  </graph>');
  out.push('</gexf>');
  yield out.join('\n') + '\n';
}

export function toGexf(input: GexfInput, opts: GexfOptions = {}): string {
  return [...gexfChunks(input, opts)].join('');
}
