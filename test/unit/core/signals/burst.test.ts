import { describe, expect, it } from 'vitest';
import { findBursts, poissonTail, usableTimes, type TimedComment } from '../../../../src/core/signals/burst.ts';
import { createRng } from '../../../../src/core/simulate/rng.ts';

const HOUR = 3_600_000;

function organic(n: number, spanMs: number, seed = 1): TimedComment[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, (_, i) => ({ key: `o${i}`, account: `org${i}`, ms: rng.next() * spanMs, precisionMs: 1000 }));
}

describe('bursts', () => {
  it('poissonTail stays exact where e^-lambda underflows (hundreds of comments sharing one relative time)', () => {
    expect(poissonTail(10, 800)).toBe(1);
    expect(poissonTail(800, 800)).toBeGreaterThan(0.45);
    expect(poissonTail(800, 800)).toBeLessThan(0.55);
    expect(poissonTail(1200, 800)).toBeLessThan(1e-40);
  });

  it('finds no burst among 3,000 comments that all read "3 hours ago", and returns', () => {
    const now = Date.UTC(2026, 10, 29, 12);
    const comments: TimedComment[] = Array.from({ length: 3_000 }, (_, i) => ({ key: `c${i}`, account: `a${i}`, ms: now - 3 * 3_600_000, precisionMs: 3_600_000 }));
    expect(findBursts(comments)).toEqual([]);
  });

  it('poissonTail is a probability that falls with k', () => {
    expect(poissonTail(0, 2)).toBe(1);
    expect(poissonTail(5, 1)).toBeGreaterThan(poissonTail(8, 1));
    expect(poissonTail(3, 0)).toBe(0);
  });

  it('finds 8 accounts within 20 minutes in a thread spread over a month', () => {
    const base = organic(200, 30 * 24 * HOUR);
    const burst = Array.from({ length: 8 }, (_, i) => ({ key: `b${i}`, account: `amp${i}`, ms: 10 * 24 * HOUR + i * 150_000, precisionMs: 1000 }));
    const found = findBursts([...base, ...burst]);
    expect(found).toHaveLength(1);
    expect(found[0].accounts.filter((a) => a.startsWith('amp'))).toHaveLength(8);
    expect(found[0].ratio).toBeGreaterThan(20);
  });

  it('finds nothing in a steady organic thread', () => {
    expect(findBursts(organic(300, 7 * 24 * HOUR, 3))).toHaveLength(0);
  });

  it('uses coarse relative times only when they are precise enough', () => {
    const years = Array.from({ length: 50 }, (_, i) => ({ key: `y${i}`, account: `y${i}`, ms: -i * 365 * 24 * HOUR, precisionMs: 365 * 24 * HOUR }));
    const hours = Array.from({ length: 6 }, (_, i) => ({ key: `h${i}`, account: `h${i}`, ms: -(i % 2) * HOUR, precisionMs: HOUR }));
    const found = findBursts([...years, ...hours]);
    expect(found[0]?.accounts.sort()).toEqual(['h0', 'h1', 'h2', 'h3', 'h4', 'h5']);
  });

  it('reports timing as unavailable when every comment was seen at once', () => {
    const comments = Array.from({ length: 10 }, () => ({ time: { ms: 1000, precisionMs: 1000, source: 'seen' } }));
    expect(usableTimes(comments).basis).toBe('none');
  });
});
