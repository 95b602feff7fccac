import { describe, expect, it } from 'vitest';
import { buildDemoCase, editText, injectCampaign, organicAvatarScores } from '../../../src/core/simulate/index.ts';
import { createRng } from '../../../src/core/simulate/rng.ts';
import { syntheticThread } from '../../../src/core/simulate/synthetic.ts';
import { CAMPAIGN_TEMPLATES } from '../../../src/core/simulate/templates.ts';
import { handlePattern } from '../../../src/core/signals/handle-pattern.ts';

describe('campaign simulator', () => {
  const host = syntheticThread(200, 3, 'x', 'host');

  it('is reproducible from its seed and marks every simulated account', () => {
    const a = injectCampaign(host, { seed: 42, size: 15 });
    const b = injectCampaign(host, { seed: 42, size: 15 });
    expect(a.simulated).toEqual(b.simulated);
    expect(a.simulatedAccountKeys.size).toBe(15);
    expect(a.records.slice(0, host.length)).toEqual(host);
    for (const r of a.simulated) {
      expect(a.simulatedAccountKeys.has(`x:${r.author.id}`)).toBe(true);
      expect(r.threadId).toBe('host');
    }
    expect(injectCampaign(host, { seed: 43, size: 15 }).simulated).not.toEqual(a.simulated);
  });

  it('gives members different traits: not every account has every tell', () => {
    const { simulated, avatarScores } = injectCampaign(host, { seed: 5, size: 30 });
    const byAccount = new Map(simulated.map((r) => [r.author.id, r]));
    const authors = [...byAccount.values()].map((r) => r.author);
    const digits = authors.filter((a) => handlePattern('x', a)?.kind === 'name-digits').length;
    const fresh = authors.filter((a) => a.createdAt && Date.parse(simulated[0].publishedAt!) - Date.parse(a.createdAt) < 90 * 86_400_000).length;
    const ai = [...avatarScores.values()].filter((s) => s.level === 'high' || s.level === 'medium').length;
    for (const n of [digits, fresh, ai]) {
      expect(n).toBeGreaterThan(3);
      expect(n).toBeLessThan(27);
    }
    const languages = new Set(simulated.map((r) => r.lang));
    expect(languages.size).toBeGreaterThanOrEqual(2);
  });

  it('spreads the campaign over the burst width and keeps the platform time format', () => {
    const { simulated } = injectCampaign(host, { seed: 8, burstMinutes: 30 });
    const times = simulated.map((r) => Date.parse(r.publishedAt!));
    expect(Math.max(...times) - Math.min(...times)).toBeLessThanOrEqual(30 * 60_000);
    const yt = syntheticThread(50, 4).map((r) => ({ ...r, publishedAt: undefined, publishedText: '2 years ago' }));
    const injected = injectCampaign(yt, { seed: 8 });
    expect(injected.simulated.every((r) => !r.publishedAt && /ago$/.test(r.publishedText!))).toBe(true);
  });

  it('edits templates a little and has every template in English, Chinese and Turkish', () => {
    for (const t of CAMPAIGN_TEMPLATES) for (const lang of ['en', 'zh', 'tr'] as const) expect(t[lang].length).toBeGreaterThan(20);
    const rng = createRng(1);
    const original = CAMPAIGN_TEMPLATES[0].en;
    const edited = editText(original, 'en', 0.3, rng);
    expect(edited).not.toBe(original);
    expect(editText(original, 'en', 0, rng)).toBe(original);
  });

  it('scores organic avatars like an imperfect model: a small false-positive tail', () => {
    const scores = organicAvatarScores(syntheticThread(2000, 9), 1, 0.03);
    const high = [...scores.values()].filter((s) => s.level === 'high' || s.level === 'medium').length / scores.size;
    expect(high).toBeGreaterThan(0.01);
    expect(high).toBeLessThan(0.06);
  });

  it('builds the demo case on the largest real thread', () => {
    const real = [...syntheticThread(30, 1, 'youtube', 'small'), ...syntheticThread(80, 2, 'youtube', 'big')];
    const demo = buildDemoCase(real);
    expect(demo.records.length).toBeGreaterThan(real.length);
    expect(demo.simulatedAccountIds.length).toBe(10);
    const simulated = demo.records.filter((r) => demo.simulatedAccountIds.includes(r.author.id));
    expect(new Set(simulated.map((r) => r.threadId))).toEqual(new Set(['big']));
    expect(Object.keys(demo.avatarScores)).toHaveLength(10);
  });
});
