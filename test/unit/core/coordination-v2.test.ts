import { describe, expect, it } from 'vitest';
import { CaseAnalyzer } from '../../../src/core/analyze.ts';
import { crossThreadScenario, organicRushScenario, paraphraseScenario, syntheticThread, type Scenario } from '../../../src/core/simulate/index.ts';

function run(sc: Scenario) {
  const a = new CaseAnalyzer({ avatarScores: sc.avatarScores });
  a.add(sc.records);
  const verdicts = a.verdicts();
  const flagged = verdicts.filter((v) => v.level === 'medium' || v.level === 'high');
  const truth = (v: { platform: string; accountId: string }) => sc.truth.has(`${v.platform}:${v.accountId}`);
  return { a, verdicts, caught: flagged.filter(truth), organic: flagged.filter((v) => !truth(v)) };
}

describe('coordination v2 in the analyzer', () => {
  it('flags paraphrases of an off-topic narrative and quotes the shared terms', () => {
    const sc = paraphraseScenario(syntheticThread(300, 4, 'youtube', 'fresh'), { seed: 3, k: 8, narratives: [1] });
    const { caught, organic, a } = run(sc);
    expect(caught.length).toBeGreaterThanOrEqual(6);
    expect(organic).toHaveLength(0);
    const reason = caught[0].reasons.find((r) => r.signal === 'narrative')!;
    expect(reason.detail).toMatch(/"Dominion"|"Maricopa"/);
    expect(reason.detail).toContain('off-topic for fresh');
    expect(a.clusters().some((c) => c.kind === 'narrative' && c.terms?.includes('Maricopa'))).toBe(true);
  });

  it('escalates accounts that travel together across three threads beyond unsure, with the chance in words', () => {
    const hosts = [1, 2, 3].map((s) => syntheticThread(150, s, 'youtube', `host-${s}`));
    const sc = crossThreadScenario(hosts, { seed: 2, k: 5, n: 3, aiShare: 0 });
    const { caught, organic } = run(sc);
    expect(caught.length).toBeGreaterThanOrEqual(4);
    expect(organic).toHaveLength(0);
    const reason = caught[0].reasons.find((r) => r.signal === 'co-travel')!;
    expect(reason.detail).toMatch(/in 3 threads/);
    expect(reason.detail).toMatch(/chance of such timing among unrelated commenters is (about 1 in|less than)/);
  });

  it('leaves an organic first-hour rush unflagged', () => {
    for (const seed of [1, 2, 3]) {
      const { verdicts, organic } = run(organicRushScenario({ seed }));
      expect(verdicts.length).toBeGreaterThan(150);
      expect(organic).toHaveLength(0);
    }
  });

  it('gives the same verdicts when comments arrive in batches as from scratch', () => {
    const hosts = [1, 2, 3].map((s) => syntheticThread(150, s, 'youtube', `host-${s}`));
    const sc = crossThreadScenario(hosts, { seed: 5, k: 5, n: 3 });
    const scratch = run(sc).verdicts.map((v) => `${v.accountId}:${v.level}:${v.score}`);
    const inc = new CaseAnalyzer({ avatarScores: sc.avatarScores });
    for (let i = 0; i < sc.records.length; i += 37) inc.add(sc.records.slice(i, i + 37));
    // Co-travel is brought up to date when a multi-thread account comments (always, here) or the case grows by a tenth.
    expect(inc.verdicts().map((v) => `${v.accountId}:${v.level}:${v.score}`)).toEqual(scratch);
  });

  it('does not count an account that shares a few words with one text, however many accounts copied it, as part of the narrative', () => {
    const host = syntheticThread(300, 3, 'youtube', 't');
    const texts: [string, string][] = [
      ['c1', 'Everyone can see who is really behind the chaos. The American government only cares about weapons money #TruthAboutChina'],
      ['c2', 'Everyone can see who really behind the chaos. The American government only cares about money #TruthAboutChina'],
      ['c3', 'Everyone see is really behind the chaos. exactly The American government only cares about weapons money'],
      ['c4', 'everyone can see who is really behind chaos. the american government only cares about weapons #TruthAboutChina'],
      ['c5', 'China lifted 800 million people out of poverty. What has Washington done except start wars? #TruthAboutChina'],
      ['c6', 'Who is behind this chaos? Washington, whose government cares only about money from weapons and wars #TruthAboutChina'],
      ['fan', 'People who believe in Illuminati are stupid, the same people believe that 911 was made by the American government'],
    ];
    const records = [
      ...host,
      ...texts.map(([id, text], i) => ({ ...host[i], commentId: `x-${id}`, parentId: undefined, author: { id, handle: `@${id}` }, text })),
    ];
    const a = new CaseAnalyzer();
    a.add(records);
    const group = a.clusters().find((c) => c.kind === 'narrative' && c.members.includes('fan'));
    // The fan's comment is in the connected group (it shares "American government" with four copies)…
    expect(group).toBeDefined();
    const narrativeOf = (id: string) => a.verdict('youtube', id)!.reasons.find((r) => r.signal === 'narrative');
    // …but those copies are one text: no narrative evidence for the fan, while the campaign's paraphrases keep theirs.
    expect(narrativeOf('fan')).toBeUndefined();
    for (const id of ['c1', 'c5', 'c6']) expect(narrativeOf(id), id).toBeDefined();
  });
});
