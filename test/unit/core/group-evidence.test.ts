import { describe, expect, it } from 'vitest';
import { CaseAnalyzer } from '../../../src/core/analyze.ts';
import { syntheticThread } from '../../../src/core/simulate/index.ts';
import type { CommentRecord } from '../../../src/core/types.ts';
import { WEIGHTS } from '../../../src/core/scoring/weights.ts';

/**
 * Three or more accounts tied by links of different kinds weigh more than the same links as isolated
 * pairs (analysis/link-components.ts, evidence `group`). Texts are the simulator's "800 million"
 * talking point as a campaign would post it: two edited English copies and a Chinese translation
 * that shares only the number.
 */
const HOST = syntheticThread(120, 7, 'youtube', 'host');
const seenAt = HOST[0].seenAt;
let n = 0;
function post(account: string, text: string, minute: number): CommentRecord {
  n++;
  return {
    platform: 'youtube',
    threadId: 'host',
    commentId: `g${n}`,
    author: { id: `UC-${account}`, handle: `@${account}`, displayName: account },
    text,
    publishedAt: new Date(Date.parse(seenAt) - 20 * 3_600_000 + minute * 60_000).toISOString(),
    seenAt,
    source: 'json',
  };
}

const EN_A = 'China lifted 800 million people out of poverty. What has Washington done except start wars? Think about it';
const EN_B = 'China lifted 800 million citizens out of poverty. What has Washington done except start WARS? think about it';
const ZH = '中国让8亿人摆脱了贫困。华盛顿除了发动战争还做了什么？';

function verdictsOf(records: CommentRecord[]) {
  const a = new CaseAnalyzer();
  a.add(records);
  return new Map(a.verdicts().map((v) => [v.handle!, v]));
}

describe('group evidence', () => {
  it('ties a near-identical pair and a translation sharing only the number into one group of three, and says so', () => {
    const v = verdictsOf([...HOST, post('olivia', EN_A, 0), post('sarah', EN_B, 200), post('eric', ZH, 400)]);
    for (const h of ['@olivia', '@sarah', '@eric']) {
      const group = v.get(h)!.reasons.find((r) => r.signal === 'group');
      expect(group, h).toBeDefined();
      expect(group!.weight).toBe(0.15);
      expect(group!.detail).toBe('One of 3 accounts tied to one another by 2 links of 2 kinds, each weak alone: near-identical text (@olivia, @sarah); the number 800 million across languages (@eric, @olivia, @sarah)');
    }
    // The pair alone, and the number alone, are weighed as what they are: one pair sharing one thing.
    expect(v.get('@olivia')!.reasons.map((r) => r.signal).sort()).toEqual(['cross-language', 'group', 'near-duplicate']);
    expect(v.get('@olivia')!.level).toBe('medium');
    // Nobody in the host thread is part of it.
    expect([...v.values()].filter((x) => x.reasons.some((r) => r.signal === 'group'))).toHaveLength(3);
  });

  it('gives nothing to a near-identical pair alone, or to three accounts held by one link only', () => {
    const pair = verdictsOf([...HOST, post('olivia', EN_A, 0), post('sarah', EN_B, 200)]);
    expect(pair.get('@olivia')!.reasons.some((r) => r.signal === 'group')).toBe(false);
    expect(pair.get('@olivia')!.level).toBe('unsure');
    const oneToken = verdictsOf([...HOST, post('olivia', EN_A, 0), post('eric', ZH, 400), post('ayse', 'Çin 800 milyon insanı yoksulluktan kurtardı', 600)]);
    for (const h of ['@olivia', '@eric', '@ayse']) expect(oneToken.get(h)!.reasons.some((r) => r.signal === 'group'), h).toBe(false);
  });

  it('is the same when the group arrives one comment at a time', () => {
    const records = [...HOST, post('olivia', EN_A, 0), post('sarah', EN_B, 200), post('eric', ZH, 400)];
    const scratch = [...verdictsOf(records).values()].map((x) => `${x.accountId}:${x.score}:${x.reasons.map((r) => r.detail).join('|')}`);
    const inc = new CaseAnalyzer();
    inc.add(HOST);
    for (const r of records.slice(HOST.length)) inc.add([r]);
    expect(inc.verdicts().map((x) => `${x.accountId}:${x.score}:${x.reasons.map((r) => r.detail).join('|')}`)).toEqual(scratch);
  });

  it('gives none in a web of links wider than group.maxAccounts, also to a small group that one of them joins later', () => {
    // One tag across English and Chinese from many accounts within the hour.
    const tagged = (count: number) =>
      Array.from({ length: count }, (_, i) => post(`tag${i}`, i % 2 ? `这个视频全是谎言，请看这个 第${i}次 #TruthAboutChina` : `Watch the other channel instead, number ${i} #TruthAboutChina`, i % 50));
    const grouped = (vs: CaseAnalyzer['verdicts'] extends () => infer R ? R : never) => vs.filter((x) => x.reasons.some((r) => r.signal === 'group')).map((x) => x.handle);
    const small = [...HOST, post('olivia', EN_A, 0), post('sarah', EN_B, 200), post('eric', ZH, 400)];
    // Eric also posts the tag: his small group now hangs together with the whole web.
    const joined = [post('eric', '这个视频全是谎言 #TruthAboutChina', 30), ...tagged(WEIGHTS.group.maxAccounts)];
    const scratch = new CaseAnalyzer();
    scratch.add([...small, ...joined]);
    expect(grouped(scratch.verdicts())).toEqual([]);
    const inc = new CaseAnalyzer();
    inc.add(small);
    expect(grouped(inc.verdicts()).sort()).toEqual(['@eric', '@olivia', '@sarah']);
    inc.add(joined);
    expect(grouped(inc.verdicts())).toEqual([]);
    expect(inc.verdicts().map((x) => `${x.accountId}:${x.score}`)).toEqual(scratch.verdicts().map((x) => `${x.accountId}:${x.score}`));
  });

  it('does not count a near-identical pair that ties the account to nobody in the group (the other comment is a short slogan)', () => {
    // The pair is a link of the account with the longer text only ("Finally someone says it" is anyone's phrase).
    const records = [
      ...HOST,
      post('bianca', 'Finally someone says it, agreed', 0),
      post('bianca', 'Watch this instead #TruthAboutChina', 150),
      post('alan', 'Finally someone says it', 300),
      post('chen', '这个视频全是谎言，请看这个 #TruthAboutChina', 450),
      post('deniz', 'Bu video yalanlarla dolu #TruthAboutChina', 600),
    ];
    const v = verdictsOf(records);
    expect(v.get('@bianca')!.reasons.map((r) => r.signal).sort()).toEqual(['cross-language', 'near-duplicate']);
    for (const h of ['@alan', '@bianca', '@chen', '@deniz']) expect(v.get(h)!.reasons.some((r) => r.signal === 'group'), h).toBe(false);
  });
});
