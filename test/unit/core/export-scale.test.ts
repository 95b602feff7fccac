import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { analyzeCase } from '../../../src/core/analyze.ts';
import { buildCaseExport, csvChunks, gexfChunks, jsonChunks, toCsv, toGexf, toJson } from '../../../src/core/export/index.ts';
import { syntheticThread } from '../../../src/core/simulate/synthetic.ts';
import type { CommentRecord } from '../../../src/core/types.ts';

const SLOGAN = 'Finally someone tells the truth about the new stadium deal, the council hid the real costs from all of us. Share before it gets deleted!';

/** A copy-paste campaign: `n` accounts posting one slogan within an hour, on an organic thread. */
function campaign(n: number): CommentRecord[] {
  const organic = syntheticThread(200, 5, 'youtube', 'v1');
  const start = Date.parse('2026-10-20T12:00:00Z');
  const copies = Array.from({ length: n }, (_, i): CommentRecord => ({
    platform: 'youtube',
    threadId: 'v1',
    commentId: `camp-${i}`,
    author: { id: `UCcamp${String(i).padStart(6, '0')}`, handle: `@patriot${i}`, displayName: `Patriot ${i}`, avatarUrl: 'https://yt3.ggpht.com/shared-face=s88-c-k' },
    text: SLOGAN,
    publishedAt: new Date(start + (i * 3_600_000) / n).toISOString(),
    seenAt: '2026-11-01T00:00:00.000Z',
    source: 'json',
  }));
  return [...organic, ...copies];
}

function exportSizes(n: number) {
  const records = campaign(n);
  const { verdicts, threads, clusters } = analyzeCase(records);
  const bytes = (chunks: Iterable<string>) => {
    let total = 0;
    for (const c of chunks) total += Buffer.byteLength(c);
    return total;
  };
  return {
    accounts: verdicts.length,
    json: bytes(jsonChunks({ verdicts, threads, clusters, records })) / verdicts.length,
    csv: bytes(csvChunks(verdicts, { records })) / verdicts.length,
    gexf: bytes(gexfChunks({ verdicts, records, clusters })) / verdicts.length,
  };
}

describe('exports of a large copy-paste campaign', () => {
  it('stay the same size per account from 300 to 3,000 accounts (clusters written once, not per member)', () => {
    const small = exportSizes(300);
    const large = exportSizes(3000);
    expect(large.accounts).toBeGreaterThan(3000);
    for (const format of ['json', 'csv', 'gexf'] as const) {
      expect(large[format] / small[format], format).toBeLessThan(1.25);
    }
    // A generous absolute bound too: the limit is 30 MB for 3,000 accounts.
    expect(large.json * large.accounts).toBeLessThan(15_000_000);
  });

  it('write each cluster once with all its members, and every account points to it', () => {
    const records = campaign(120);
    const { verdicts, threads, clusters } = analyzeCase(records);
    const out = JSON.parse(toJson({ verdicts, threads, clusters, records, exportedAt: '2026-11-29T09:00:00.000Z' }));
    expect(out.schema).toBe('amplifier-lens/case@2');
    const dup = out.clusters.filter((c: { kind: string }) => c.kind === 'near-duplicate');
    expect(dup).toHaveLength(1);
    expect(dup[0].members).toHaveLength(120);
    expect(dup[0].commentIds).toHaveLength(120);
    const ids = new Set(out.clusters.map((c: { id: string }) => c.id));
    expect(ids.size).toBe(out.clusters.length);
    const copier = out.accounts.find((a: { accountId: string }) => a.accountId === 'UCcamp000007');
    const reason = copier.reasons.find((r: { signal: string }) => r.signal === 'near-duplicate');
    expect(ids.has(reason.clusterId)).toBe(true);
    expect(reason.related.length).toBeLessThanOrEqual(5);
    expect(reason.detail).toMatch(/to 119 other accounts \(@patriot\d+, @patriot\d+, @patriot\d+, @patriot\d+ and 115 more\)/);
  });

  it('streams exactly the text of the whole-file form, in more than one piece', () => {
    const records = campaign(1200);
    const { verdicts, threads, clusters } = analyzeCase(records);
    const input = { verdicts, threads, clusters, records, exportedAt: '2026-11-29T09:00:00.000Z' };
    const json = [...jsonChunks(input)];
    expect(json.length).toBeGreaterThan(1000);
    expect(json.join('')).toBe(`${JSON.stringify(buildCaseExport(input), null, 2)}\n`);
    const csv = [...csvChunks(verdicts, { records })];
    expect(csv.length).toBeGreaterThan(2);
    expect(csv.join('')).toBe(toCsv(verdicts, { records }));
    const rows = Papa.parse<Record<string, string>>(csv.join('').slice(1), { header: true }).data;
    expect(rows).toHaveLength(verdicts.length);
    expect(rows.find((r) => r.account_id === 'UCcamp000003')?.clusters).toMatch(/^dup:youtube:camp-/);
    const gexf = [...gexfChunks({ verdicts, records, clusters }, { exportedAt: input.exportedAt })];
    expect(gexf.length).toBeGreaterThan(1);
    expect(gexf.join('')).toBe(toGexf({ verdicts, records, clusters }, { exportedAt: input.exportedAt }));
    // A cluster of 1,200 is drawn as a star (1,199 shared-text edges), not a clique (719,400).
    expect(gexf.join('').match(/value="shared-text"/g)?.length).toBeLessThan(1300);
  });
});
