import { createRequire } from 'node:module';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { analyzeCase } from '../../../src/core/analyze.ts';
import { CASE_SCHEMA, neutralizeCell, toCsv, toGexf, toJson } from '../../../src/core/export/index.ts';
import { injectCampaign } from '../../../src/core/simulate/campaign.ts';
import type { CommentRecord } from '../../../src/core/types.ts';
import { rec } from './helpers.ts';

const sax = createRequire(import.meta.url)('sax') as { parser(strict: boolean): { onerror: (e: Error) => void; onopentag: (t: { name: string; attributes: Record<string, string> }) => void; write(s: string): { close(): void } } };

function hostileCase() {
  const hostile: CommentRecord[] = [
    rec({ threadId: 'h', text: '=HYPERLINK("http://evil.example","click")', author: { id: 'f1', displayName: '=1+2', handle: '@eq' } }),
    rec({ threadId: 'h', text: '+SUM(A1:A9)', author: { id: 'f2', displayName: '-2+3' } }),
    rec({ threadId: 'h', text: '@cmd', author: { id: 'f3', displayName: '@SUM(1)' } }),
    rec({ threadId: 'h', text: 'tab', author: { id: 'f4', displayName: '\tstarts with tab' } }),
    rec({ threadId: 'h', text: 'cr', author: { id: 'f5', displayName: '\rstarts with CR' } }),
    rec({ threadId: 'h', text: '<script>alert(1)</script> & "quotes"', author: { id: 'f6', displayName: '<b>Bold</b> & <img src=x onerror=alert(1)>' } }),
    rec({ threadId: 'h', text: 'مرحبا بالجميع في هذا النقاش', author: { id: 'f7', displayName: '\u202Eأحمد الغامدي\u202C' } }),
    rec({ threadId: 'h', text: '中国加油，这才是真相', author: { id: 'f8', displayName: '王静' } }),
  ];
  const { records, avatarScores, simulatedAccountKeys } = injectCampaign(hostile, { seed: 3, size: 6 });
  const analysis = analyzeCase(records, { avatarScores });
  return { records, simulatedAccountKeys, ...analysis };
}

describe('CSV export', () => {
  const { verdicts, records } = hostileCase();
  const csv = toCsv(verdicts, { records });

  it('starts with a UTF-8 BOM and has one row per account', () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const parsed = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toHaveLength(verdicts.length + 1);
  });

  it('neutralises formula cells and keeps HTML and right-to-left names as text', () => {
    const parsed = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true });
    const byId = new Map(parsed.data.map((r) => [r.account_id, r]));
    expect(byId.get('f1')?.display_name).toBe("'=1+2");
    expect(byId.get('f1')?.sample_comment).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(byId.get('f2')?.display_name).toBe("'-2+3");
    expect(byId.get('f3')?.display_name).toBe("'@SUM(1)");
    expect(byId.get('f4')?.display_name).toBe("'\tstarts with tab");
    expect(byId.get('f5')?.display_name).toBe("'\rstarts with CR");
    expect(byId.get('f6')?.display_name).toBe('<b>Bold</b> & <img src=x onerror=alert(1)>');
    expect(byId.get('f7')?.display_name).toBe('\u202Eأحمد الغامدي\u202C');
    expect(byId.get('f8')?.display_name).toBe('王静');
    for (const row of parsed.data) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('puts the evidence in readable columns', () => {
    const parsed = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true });
    const flagged = parsed.data.filter((r) => r.level === 'high' || r.level === 'medium');
    expect(flagged.length).toBeGreaterThan(0);
    expect(flagged[0].reason_1).toMatch(/\[[a-z-]+ 0\.\d\d\]$/);
    expect(neutralizeCell('  =1')).toBe("'  =1");
    expect(neutralizeCell('plain')).toBe('plain');
  });
});

describe('JSON export', () => {
  it('has a versioned schema, evidence and timestamps, and page text as plain strings', () => {
    const { verdicts, threads, clusters, records, simulatedAccountKeys } = hostileCase();
    const simulatedAccountIds = [...simulatedAccountKeys].map((k) => k.split(':')[1]);
    const out = JSON.parse(toJson({ verdicts, threads, clusters, records, exportedAt: '2026-11-29T09:00:00.000Z', simulatedAccountIds }));
    expect(out.schema).toBe(CASE_SCHEMA);
    expect(out.exportedAt).toBe('2026-11-29T09:00:00.000Z');
    expect(out.accounts).toHaveLength(verdicts.length);
    expect(out.threads[0].threadId).toBe('h');
    const f6 = out.accounts.find((a: { accountId: string }) => a.accountId === 'f6');
    expect(f6.displayName).toBe('<b>Bold</b> & <img src=x onerror=alert(1)>');
    expect(f6.commentsDetail[0].text).toBe('<script>alert(1)</script> & "quotes"');
    expect(f6.commentsDetail[0].seenAt).toMatch(/^\d{4}-/);
    expect(out.accounts.filter((a: { simulated?: boolean }) => a.simulated)).toHaveLength(simulatedAccountIds.length);
    expect(out.accounts[0].reasons[0]).toEqual(expect.objectContaining({ signal: expect.any(String), weight: expect.any(Number), detail: expect.any(String) }));
  });
});

describe('GEXF export', () => {
  it('is well-formed XML with accounts, threads and typed edges, names escaped', () => {
    const { records: hostile } = hostileCase();
    // f1..f3 also comment in a second thread: co-commenting edges.
    const records = [...hostile, rec({ threadId: 'h2', author: { id: 'f1' } }), rec({ threadId: 'h2', author: { id: 'f2' } }), rec({ threadId: 'h2', text: 'bad \u0001 control', author: { id: 'f3' } })];
    const { verdicts, clusters } = analyzeCase(records);
    const gexf = toGexf({ verdicts, records, clusters });
    const parser = sax.parser(true);
    const errors: Error[] = [];
    const nodes: Record<string, string>[] = [];
    const edgeTypes = new Set<string>();
    let edgeOpen = false;
    parser.onerror = (e) => errors.push(e);
    parser.onopentag = (t) => {
      if (t.name === 'node') nodes.push(t.attributes);
      if (t.name === 'edge') edgeOpen = true;
      if (t.name === 'attvalue' && edgeOpen && t.attributes.for === 'type') edgeTypes.add(t.attributes.value);
    };
    parser.write(gexf).close();
    expect(errors).toEqual([]);
    expect(nodes.filter((n) => n.id.startsWith('t:'))).toHaveLength(2);
    expect(nodes.filter((n) => n.id.startsWith('a:')).length).toBe(verdicts.length);
    expect(nodes.find((n) => n.id === 'a:youtube:f6')?.label).toBe('<b>Bold</b> & <img src=x onerror=alert(1)>');
    expect(edgeTypes).toEqual(new Set(['commented', 'co-commenting', 'shared-text']));
    expect(gexf).not.toContain('<script>');
  });
});
