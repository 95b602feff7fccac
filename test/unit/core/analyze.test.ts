import { describe, expect, it } from 'vitest';
import { analyzeCase, CaseAnalyzer } from '../../../src/core/analyze.ts';
import { injectCampaign } from '../../../src/core/simulate/campaign.ts';
import type { CommentRecord } from '../../../src/core/types.ts';
import { createRng } from '../../../src/core/simulate/rng.ts';
import { syntheticThread } from '../../../src/core/simulate/synthetic.ts';
import { rec } from './helpers.ts';

function organicThread(n: number, seed: number, threadId = 'v1'): CommentRecord[] {
  const rng = createRng(seed);
  // Pseudo-words from syllables: varied enough that random comments do not look alike.
  const syllables = ['ka', 'lo', 'mi', 'ren', 'tas', 'vo', 'pel', 'dri', 'su', 'gan', 'ef', 'ox', 'ul', 'bri', 'zen', 'qua', 'hop', 'nir'];
  const words = Array.from({ length: 400 }, () => Array.from({ length: rng.int(1, 3) }, () => rng.pick(syllables)).join(''));
  return Array.from({ length: n }, (_, i) => {
    const author = `${threadId}-u${rng.int(0, n)}`;
    return rec({
      threadId,
      commentId: `${threadId}-o${i}`,
      text: Array.from({ length: rng.int(4, 14) }, () => rng.pick(words)).join(' ') + ` ${i}`,
      publishedAt: new Date(Date.parse('2026-01-01') + rng.next() * 200 * 86_400_000).toISOString(),
      author: { id: author, displayName: `Viewer ${author}` },
    });
  });
}

describe('CaseAnalyzer', () => {
  it('gives the same verdicts and summaries incrementally as from scratch', () => {
    const host = organicThread(400, 5);
    const { records, avatarScores } = injectCampaign(host, { seed: 9, size: 10 });
    const other = organicThread(50, 6, 'v2');
    const all = [...records, ...other];
    const scratch = new CaseAnalyzer({ avatarScores });
    scratch.add(all);
    const incremental = new CaseAnalyzer({ avatarScores });
    const order = createRng(3).shuffle([...all]);
    for (let i = 0; i < order.length; i += 37) incremental.add(order.slice(i, i + 37));
    expect(incremental.verdicts()).toEqual(scratch.verdicts());
    const byThread = (s: ReturnType<CaseAnalyzer['summaries']>) => [...s].sort((a, b) => a.threadId.localeCompare(b.threadId));
    expect(byThread(incremental.summaries())).toEqual(byThread(scratch.summaries()));
  });

  it('rescores only the touched accounts when 20 comments join a 5,000-comment thread', () => {
    const thread = syntheticThread(5020, 13);
    const a = new CaseAnalyzer();
    a.add(thread.slice(0, 5000));
    const accounts = a.verdicts().length;
    expect(a.lastRescored).toBe(accounts);
    a.add(thread.slice(5000));
    expect(a.lastRescored).toBeGreaterThanOrEqual(1);
    expect(a.lastRescored).toBeLessThan(accounts / 20);
    const scratch = new CaseAnalyzer();
    scratch.add(thread);
    expect(a.verdicts()).toEqual(scratch.verdicts());
  });

  it('applies avatar scores incrementally: only accounts whose score changed are rescored', () => {
    const host = organicThread(300, 21);
    const { records, avatarScores, simulatedAccountKeys } = injectCampaign(host, { seed: 21, reusedPictureShare: 0.5 });
    const a = new CaseAnalyzer();
    a.add(records);
    a.setAvatarScores(avatarScores);
    expect(a.lastRescored).toBeGreaterThanOrEqual(simulatedAccountKeys.size);
    expect(a.lastRescored).toBeLessThan(a.verdicts().length / 4);
    const scratch = new CaseAnalyzer({ avatarScores });
    scratch.add(records);
    expect(a.verdicts()).toEqual(scratch.verdicts());
    expect(a.verdicts().some((v) => v.reasons.some((r) => r.signal === 'avatar-shared'))).toBe(true);
  });

  it('flags the simulated campaign and names a coordinated cluster in the thread summary', () => {
    const host = organicThread(300, 11);
    const { records, avatarScores, simulatedAccountKeys } = injectCampaign(host, { seed: 4, size: 12 });
    const { verdicts, threads } = analyzeCase(records, { avatarScores });
    const flagged = verdicts.filter((v) => v.level === 'high' || v.level === 'medium');
    const truePositives = flagged.filter((v) => simulatedAccountKeys.has(`${v.platform}:${v.accountId}`));
    expect(truePositives.length).toBeGreaterThanOrEqual(9);
    expect(flagged.length - truePositives.length).toBeLessThanOrEqual(1);
    const summary = threads.find((t) => t.threadId === 'v1')!;
    expect(summary.clusters.some((c) => c.kind === 'near-duplicate' && c.accounts >= 3)).toBe(true);
    expect(['medium', 'high']).toContain(summary.level);
    expect(summary.flaggedCommentShare).toBeGreaterThan(0);
    for (const v of flagged) for (const r of v.reasons) expect(r.detail.length).toBeGreaterThan(10);
  });

  it('deduplicates by platform and comment id, the JSON record enriching the DOM one', () => {
    const dom = rec({ commentId: 'dup1', source: 'dom', publishedText: '2 hours ago', author: { id: 'a1', displayName: 'Dom Name' } });
    const json = { ...dom, source: 'json' as const, publishedAt: '2026-11-29T06:00:00.000Z', author: { id: 'a1', displayName: 'Json Name', createdAt: '2020-01-01T00:00:00Z' } };
    const a = new CaseAnalyzer();
    a.add([dom]);
    a.add([json]);
    a.add([{ ...dom, text: 'later DOM copy' }]);
    expect(a.records()).toHaveLength(1);
    expect(a.records()[0].publishedAt).toBe('2026-11-29T06:00:00.000Z');
    expect(a.records()[0].author.displayName).toBe('Json Name');
    expect(a.verdicts()[0].displayName).toBe('Json Name');
    expect(a.verdicts()[0].comments).toBe(1);
    expect(a.verdicts()[0].unavailable).not.toContain('account-age');
  });

  it('updates labels and thresholds without re-adding records', () => {
    const host = organicThread(100, 2);
    const { records, avatarScores, simulated } = injectCampaign(host, { seed: 2 });
    const a = new CaseAnalyzer({ avatarScores });
    a.add(records);
    const target = a.verdicts()[0];
    a.setLabels({ [`${target.platform}:${target.accountId}`]: 'dismissed' });
    expect(a.verdict(target.platform, target.accountId)?.level).toBe('low');
    a.setThresholds({ medium: 0.99, high: 0.995 });
    expect(a.verdicts().filter((v) => v.level === 'medium' || v.level === 'high')).toHaveLength(0);
    expect(simulated.length).toBeGreaterThan(0);
  });

  it('finds co-occurrence across threads', () => {
    const records: CommentRecord[] = [];
    for (const t of ['t1', 't2', 't3']) for (const id of ['p', 'q', 'r']) records.push(rec({ threadId: t, author: { id } }));
    const { verdicts } = analyzeCase(records);
    expect(verdicts.find((v) => v.accountId === 'p')?.reasons.find((r) => r.signal === 'co-occurrence')?.detail).toMatch(/Commented alongside/);
  });
});
