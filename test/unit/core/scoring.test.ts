import { describe, expect, it } from 'vitest';
import { combineEvidence, levelFor } from '../../../src/core/scoring/score.ts';
import { DEFAULT_THRESHOLDS, WEIGHTS } from '../../../src/core/scoring/weights.ts';
import { analyzeCase } from '../../../src/core/analyze.ts';
import type { Evidence } from '../../../src/core/types.ts';
import { rec } from './helpers.ts';

const ev = (signal: string, weight: number): Evidence => ({ signal, weight, detail: signal });

describe('combineEvidence', () => {
  it('orders reasons strongest first and stays within 0..1', () => {
    const r = combineEvidence([ev('handle-pattern', 0.12), ev('near-duplicate', 0.5), ev('burst', 0.3), ev('avatar-ai', 0.3), ev('account-age', 0.25)]);
    expect(r.reasons.map((e) => e.signal)).toEqual(['near-duplicate', 'avatar-ai', 'burst', 'account-age', 'handle-pattern']);
    expect(r.score).toBeGreaterThan(0.8);
    expect(r.score).toBeLessThanOrEqual(1);
    expect(r.level).toBe('high');
  });

  it('keeps an AI face alone (even with other identity traits) below medium: no relational signal', () => {
    const r = combineEvidence([ev('avatar-ai', 0.99), ev('handle-pattern', 0.9), ev('account-age', 0.9)]);
    expect(r.cap).toBe('no-relational-signal');
    expect(r.level).not.toBe('high');
    expect(r.level).not.toBe('medium');
  });

  it('caps one repeated slogan at medium however large the cluster', () => {
    const r = combineEvidence([ev('near-duplicate', 0.95)]);
    expect(r.level).toBe('medium');
    expect(r.cap).toBe('single-signal');
  });

  it('needs two signal families for high', () => {
    expect(combineEvidence([ev('near-duplicate', 0.6), ev('cross-language', 0.6)]).level).toBe('medium');
    expect(combineEvidence([ev('near-duplicate', 0.6), ev('burst', 0.6)]).level).toBe('high');
  });

  it('respects labels: dismissed is never flagged, confirmed stays flagged', () => {
    const strong = [ev('near-duplicate', 0.6), ev('burst', 0.6)];
    expect(combineEvidence(strong, DEFAULT_THRESHOLDS, 'dismissed').level).toBe('low');
    expect(combineEvidence([], DEFAULT_THRESHOLDS, 'confirmed').level).toBe('medium');
    expect(combineEvidence(strong, DEFAULT_THRESHOLDS, 'confirmed').level).toBe('high');
  });

  it('uses configurable thresholds', () => {
    expect(levelFor(0.5, { medium: 0.45, high: 0.7 })).toBe('medium');
    expect(levelFor(0.5, { medium: 0.3, high: 0.5 })).toBe('high');
    expect(levelFor(0.05)).toBe('low');
  });
});

describe('verdicts from records', () => {
  const slogan = 'Everyone can see who is really behind the chaos, the government only cares about weapons money';

  it('one repeated slogan alone is at most medium and names the other accounts', () => {
    const records = Array.from({ length: 8 }, (_, i) => rec({ threadId: 'slogan', text: `${slogan}${i % 2 ? '!' : ''}`, author: { id: `s${i}`, displayName: `Person S${i}` } }));
    const { verdicts, clusters } = analyzeCase(records);
    expect(verdicts).toHaveLength(8);
    for (const v of verdicts) {
      expect(v.level === 'medium' || v.level === 'unsure').toBe(true);
      const dup = v.reasons.find((r) => r.signal === 'near-duplicate');
      expect(dup?.detail).toMatch(/Posted near-identical text to 7 other accounts \(Person S\d, Person S\d, Person S\d, Person S\d and 3 more\)/);
      // A bounded sample of the others; the whole group is stored once, as the cluster it points to.
      expect(dup?.related).toHaveLength(5);
      expect(dup?.related).not.toContain(v.accountId);
      const cluster = clusters.find((c) => c.id === dup?.clusterId);
      expect(cluster?.kind).toBe('near-duplicate');
      expect(cluster?.members).toEqual(records.map((r) => r.author.id).sort());
      expect(cluster?.commentIds).toHaveLength(8);
    }
  });

  it('lists signals it could not compute as unavailable', () => {
    const { verdicts, threads } = analyzeCase([rec({ threadId: 'plain', text: 'a perfectly ordinary comment', author: { id: 'u1', displayName: 'Ana' } })]);
    expect(verdicts[0].unavailable).toEqual(expect.arrayContaining(['burst', 'account-age', 'avatar-ai', 'co-occurrence']));
    expect(verdicts[0].level).toBe('low');
    expect(threads[0].unavailable).toEqual(expect.arrayContaining(['burst', 'account-age', 'avatar-ai']));
  });

  it('respects dismissed and confirmed labels from the options', () => {
    const records = Array.from({ length: 6 }, (_, i) => rec({ threadId: 'lab', text: slogan, author: { id: `l${i}` } }));
    const { verdicts } = analyzeCase(records, { labels: { 'youtube:l0': 'dismissed', l1: 'confirmed' } });
    const byId = new Map(verdicts.map((v) => [v.accountId, v]));
    expect(byId.get('l0')?.level).toBe('low');
    expect(byId.get('l0')?.label).toBe('dismissed');
    expect(['medium', 'high']).toContain(byId.get('l1')?.level);
  });

  it('documents every weight in one place as numbers in 0..1', () => {
    // The entries of WEIGHTS that are counts, not weights or shares.
    const counts = new Set(['nearDuplicate.shortTextShingles', 'narrative.offTopicMinAccounts', 'group.minAccounts', 'group.maxAccounts', 'group.minKinds']);
    const walk = (o: object, prefix: string): [string, unknown][] =>
      Object.entries(o).flatMap(([key, v]) => (v !== null && typeof v === 'object' ? walk(v, `${prefix}${key}.`) : [[`${prefix}${key}`, v] as [string, unknown]]));
    const entries = walk(WEIGHTS, '');
    const weights = entries.filter(([path]) => !counts.has(path));
    expect(weights.length).toBeGreaterThan(15);
    for (const [path, n] of weights) {
      expect(typeof n, path).toBe('number');
      expect(n as number, path).toBeGreaterThanOrEqual(0);
      expect(n as number, path).toBeLessThanOrEqual(1);
    }
    for (const path of counts) {
      const n = entries.find(([p]) => p === path)?.[1];
      expect(Number.isInteger(n) && (n as number) > 0, path).toBe(true);
    }
  });
});
