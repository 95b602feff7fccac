import { describe, expect, it } from 'vitest';
import { analyzeCase, CaseAnalyzer } from '../../../src/core/analyze.ts';
import { injectCampaign } from '../../../src/core/simulate/campaign.ts';
import type { CommentRecord } from '../../../src/core/types.ts';
import { createRng } from '../../../src/core/simulate/rng.ts';
import { syntheticThread } from '../../../src/core/simulate/synthetic.ts';
import { rec } from './helpers.ts';
import { WEIGHTS } from '../../../src/core/scoring/weights.ts';

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
    const byId = (c: ReturnType<CaseAnalyzer['clusters']>) => [...c].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(incremental.clusters())).toEqual(byId(scratch.clusters()));
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
    // The name the page shows stays (src/core/merge.ts); the JSON adds what the page lacks.
    expect(a.records()[0].author.displayName).toBe('Dom Name');
    expect(a.verdicts()[0].displayName).toBe('Dom Name');
    expect(a.verdicts()[0].comments).toBe(1);
    expect(a.verdicts()[0].unavailable).not.toContain('account-age');
  });

  it('lists every thread a comment was seen in, even when its id was already placed in another thread', () => {
    // Found by the property test: the JSON enriching a DOM sighting keeps the DOM's thread, so the second
    // thread vanished from the case when both reported the same comment id.
    const dom = rec({ threadId: 't3', commentId: 'S', source: 'dom', text: '' });
    const json = { ...dom, threadId: 't1', source: 'json' as const };
    const { threads, verdicts } = analyzeCase([dom, json]);
    expect(threads.map((t) => t.threadId).sort()).toEqual(['t1', 't3']);
    expect(verdicts).toHaveLength(1);
    expect(verdicts[0].comments).toBe(1);
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

  it('counts co-occurrence only where the same accounts meet more often than chance: rare visitors in one pair of threads, not regulars', () => {
    const records: CommentRecord[] = [];
    const threads = ['t1', 't2', 't3', 't4', 't5', 't6', 't7', 't8'];
    for (const t of threads) {
      // ten regulars under every video, twenty one-off viewers
      for (let i = 0; i < 10; i++) records.push(rec({ threadId: t, commentId: `${t}-reg${i}`, author: { id: `regular${i}` } }));
      for (let i = 0; i < 20; i++) records.push(rec({ threadId: t, commentId: `${t}-v${i}`, author: { id: `${t}-viewer${i}` } }));
    }
    for (const id of ['p', 'q', 'r', 's']) for (const t of ['t1', 't2']) records.push(rec({ threadId: t, commentId: `${t}-${id}`, author: { id } }));
    const { verdicts } = analyzeCase(records);
    const co = (id: string) => verdicts.find((v) => v.accountId === id)?.reasons.find((r) => r.signal === 'co-occurrence');
    expect(co('p')?.detail).toMatch(/Commented alongside .* 4 accounts seen in few threads share two of them where about 0\.1 would .*chance about 1 in/);
    expect(co('p')?.weight).toBe(WEIGHTS.coOccurrence.small);
    expect(co('regular0')).toBeUndefined();
    // With two threads nobody is a rare visitor: co-occurrence alone says nothing.
    const two: CommentRecord[] = [];
    for (const t of ['t1', 't2']) for (const id of ['p', 'q', 'r']) two.push(rec({ threadId: t, commentId: `${t}-${id}`, author: { id } }));
    expect(analyzeCase(two).verdicts.flatMap((v) => v.reasons).filter((r) => r.signal === 'co-occurrence')).toEqual([]);
  });

  it('stores each cluster once and points every verdict to it with a bounded sample of co-members', () => {
    const records: CommentRecord[] = [];
    for (const t of ['t1', 't2']) {
      for (let i = 0; i < 40; i++) {
        records.push(
          rec({
            threadId: t,
            commentId: `${t}-c${i}`,
            text: `Share this before they delete it, the council lied about the stadium costs ${t === 't1' ? 'again' : 'today'} https://example.org/proof`,
            publishedAt: new Date(Date.parse('2026-03-01T10:00:00Z') + i * 20_000).toISOString(),
            lang: i % 2 ? 'en' : 'de',
            author: { id: `acct${i}`, handle: `@acct${i}`, avatarUrl: 'https://yt3.ggpht.com/same-picture=s88' },
          }),
        );
      }
      for (let i = 0; i < 60; i++) records.push(rec({ threadId: t, commentId: `${t}-o${i}`, text: `ordinary remark number ${i} about ${t} and the weather ${i * 13}`, publishedAt: new Date(Date.parse('2026-02-01T00:00:00Z') + i * 3_600_000 * 7).toISOString(), author: { id: `${t}-viewer${i}` } }));
    }
    const { verdicts, clusters, threads } = analyzeCase(records);
    const byId = new Map(clusters.map((c) => [c.id, c]));
    expect(byId.size).toBe(clusters.length);
    const kinds = new Set(clusters.map((c) => c.kind));
    for (const kind of ['near-duplicate', 'burst', 'shared-picture', 'co-occurrence']) expect(kinds).toContain(kind);
    const campaign = verdicts.filter((v) => v.accountId.startsWith('acct'));
    expect(campaign).toHaveLength(40);
    for (const v of campaign) {
      for (const r of v.reasons) {
        expect(r.related?.length ?? 0).toBeLessThanOrEqual(5);
        if (r.related) expect(r.related).not.toContain(v.accountId);
        for (const id of r.clusterIds ?? (r.clusterId ? [r.clusterId] : [])) expect(byId.get(id)?.members).toContain(v.accountId);
      }
      const shared = v.reasons.find((r) => r.signal === 'avatar-shared');
      expect(shared?.detail).toMatch(/^Same profile picture as @acct\d+, @acct\d+, @acct\d+, @acct\d+ and 35 more$/);
      expect(byId.get(shared!.clusterId!)).toMatchObject({ kind: 'shared-picture', platform: 'youtube', members: expect.arrayContaining([v.accountId]) });
      expect(byId.get(shared!.clusterId!)?.members).toHaveLength(40);
    }
    const burst = clusters.find((c) => c.kind === 'burst' && c.threads[0] === 't1')!;
    expect(burst.members).toHaveLength(40);
    expect(burst.commentIds).toHaveLength(40);
    expect(Date.parse(burst.window!.end) - Date.parse(burst.window!.start)).toBe(39 * 20_000);
    // Thread summaries refer to clusters by id and count within the thread.
    const t1 = threads.find((t) => t.threadId === 't1')!;
    const ref = t1.clusters.find((c) => c.kind === 'burst')!;
    expect(ref).toMatchObject({ id: burst.id, accounts: 40, comments: 40 });
  });

  it('keeps each verdict the same size whatever the size of its cluster', () => {
    const sizeFor = (n: number) => {
      const records = Array.from({ length: n }, (_, i) =>
        rec({ threadId: 'big', commentId: `c${i}`, text: 'Everyone can see who is really behind the chaos, the government only cares about weapons money', publishedAt: new Date(Date.parse('2026-03-01T10:00:00Z') + i * 1000).toISOString(), author: { id: `a${String(i).padStart(5, '0')}`, handle: `@a${i}` } }),
      );
      const { verdicts, clusters } = analyzeCase(records);
      return { perAccount: JSON.stringify(verdicts).length / n, clusterBytes: JSON.stringify(clusters).length / n };
    };
    const small = sizeFor(100);
    const large = sizeFor(1500);
    expect(large.perAccount / small.perAccount).toBeLessThan(1.2);
    expect(large.clusterBytes / small.clusterBytes).toBeLessThan(1.2);
  });

  it('counts a burst member as linked through a near-identical pair even when the other comment is too short to link back', () => {
    const t0 = Date.parse('2026-04-01T12:00:00Z');
    const organic = Array.from({ length: 60 }, (_, i) =>
      rec({ threadId: 'pair', commentId: `o${i}`, text: `an ordinary remark ${i} on topic ${i * 17} with nothing alike`, publishedAt: new Date(t0 - (i + 1) * 12 * 3_600_000).toISOString(), author: { id: `viewer${i}` } }),
    );
    const at = (minute: number) => new Date(t0 + minute * 60_000).toISOString();
    const burst = [
      rec({ threadId: 'pair', commentId: 'long', text: 'the council hid the real costs again', publishedAt: at(1), author: { id: 'longer', handle: '@longer' } }),
      rec({ threadId: 'pair', commentId: 'short', text: 'council hid the real costs', publishedAt: at(2), author: { id: 'shorter', handle: '@shorter' } }),
      rec({ threadId: 'pair', commentId: 'x1', text: 'what a lovely video about birds', publishedAt: at(3), author: { id: 'x1' } }),
      rec({ threadId: 'pair', commentId: 'x2', text: 'first time here, greetings from Lisbon', publishedAt: at(4), author: { id: 'x2' } }),
      rec({ threadId: 'pair', commentId: 'x3', text: 'the soundtrack at the end is great', publishedAt: at(5), author: { id: 'x3' } }),
    ];
    const { verdicts } = analyzeCase([...organic, ...burst]);
    const longer = verdicts.find((v) => v.accountId === 'longer')!;
    const shorter = verdicts.find((v) => v.accountId === 'shorter')!;
    // The pair links the longer comment's author only (short text is too weak a link on its own) ...
    expect(longer.reasons.some((r) => r.signal === 'near-duplicate')).toBe(true);
    expect(shorter.reasons.some((r) => r.signal === 'near-duplicate')).toBe(false);
    // ... and that link holds inside the burst: full weight, naming the partner.
    expect(longer.reasons.find((r) => r.signal === 'burst')?.detail).toMatch(/this account is linked to @shorter$/);
    expect(shorter.reasons.find((r) => r.signal === 'burst')?.detail).toMatch(/; with /);
  });
});
