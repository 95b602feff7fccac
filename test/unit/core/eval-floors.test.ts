/**
 * Floors (with margin) for the coordination evaluation on real threads from ../shared: organic
 * baselines and the default simulated campaign. The full tables: `npm run eval:coordination`.
 */
import { describe, expect, it } from 'vitest';
import { hasShared } from '../../helpers/shared.ts';
import { loadFixtureThreads, loadUci, precision, recall, scenarioTable, sweep, SCENARIOS, type HostThread } from '../../../scripts/eval-coordination.ts';
import { CaseAnalyzer } from '../../../src/core/analyze.ts';
import { organicAvatarScores } from '../../../src/core/simulate/campaign.ts';

describe.skipIf(!hasShared('data/behaviour/uci_youtube_spam_collection'))('coordination evaluation floors', () => {
  async function hosts(): Promise<HostThread[]> {
    const fixtures = await loadFixtureThreads();
    const uci = loadUci().map((u) => ({ name: `uci:${u.video}`, records: u.rows.filter((r) => !r.spam).map((r) => r.record) }));
    return [...fixtures.threads, ...uci];
  }

  it('flags few organic accounts (targets medium ≤ 3 %, high ≤ 1 %; floors 3 % / 1 %)', async () => {
    let accounts = 0;
    let medium = 0;
    let high = 0;
    for (const h of await hosts()) {
      const a = new CaseAnalyzer({ avatarScores: organicAvatarScores(h.records, 77) });
      a.add(h.records);
      for (const v of a.verdicts()) {
        accounts++;
        if (v.level === 'medium') medium++;
        if (v.level === 'high') high++;
      }
    }
    expect(accounts).toBeGreaterThan(900);
    expect(medium / accounts).toBeLessThanOrEqual(0.03);
    expect(high / accounts).toBeLessThanOrEqual(0.01);
  });

  it('finds the default simulated campaign injected into real threads (targets P ≥ 0.95, R ≥ 0.90; floors 0.92 / 0.85)', async () => {
    const [result] = sweep(await hosts(), [{ setting: 'default', params: {} }], 3);
    expect(result.runs).toBeGreaterThanOrEqual(15);
    expect(precision(result.m)).toBeGreaterThanOrEqual(0.92);
    expect(recall(result.m)).toBeGreaterThanOrEqual(0.85);
  });

  it('finds paraphrase and slow-drip campaigns on fresh timelines and leaves an organic rush alone (table (d); floors with margin under the measured 0.91-1.0)', async () => {
    const rows = SCENARIOS.filter((r) => /^(paraphrase: 8 accts, multilingual|slow drip|organic rush)/.test(r.setting));
    expect(rows).toHaveLength(3);
    const table = scenarioTable(await hosts(), 1, rows);
    for (const r of table) {
      expect(r.organic.high, `${r.setting} ${r.split}: organic high`).toBe(0);
      expect(r.organic.medium / r.organic.accounts, `${r.setting} ${r.split}: organic medium`).toBeLessThanOrEqual(0.01);
      if (r.setting.startsWith('organic rush')) expect(r.m.fp).toBe(0);
      else {
        expect(recall(r.m), `${r.setting} ${r.split}: recall`).toBeGreaterThanOrEqual(0.75);
        expect(precision(r.m), `${r.setting} ${r.split}: precision`).toBeGreaterThanOrEqual(0.9);
      }
    }
  });

  it('leaves fans sharing a popular hashtag across languages alone (table (d) popular-tag row; measured 0.3 %, 3.1 % before the thread-own-tag rule)', async () => {
    const rows = SCENARIOS.filter((r) => r.setting.startsWith('popular tag'));
    expect(rows).toHaveLength(1);
    for (const r of scenarioTable(await hosts(), 1, rows)) {
      expect(r.organic.accounts, r.split).toBeGreaterThan(500);
      expect(r.organic.high, `${r.split}: organic high`).toBe(0);
      expect(r.organic.medium / r.organic.accounts, `${r.split}: organic medium`).toBeLessThanOrEqual(0.01);
    }
  });

  it('does worse on a hard campaign, as it should (a sanity check that the floors are not trivial)', async () => {
    const [hard] = sweep(await hosts(), [{ setting: 'hard', params: { size: 4, editRate: 0.5, freeTextShare: 0.6, burstMinutes: 2880, aiAvatarShare: 0, nameDigitHandleShare: 0, tokenShare: 0, hijackedShare: 0, freshAccountShare: 0, reusedPictureShare: 0 } }], 2);
    expect(recall(hard.m)).toBeLessThan(0.5);
  });
});
