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
});
