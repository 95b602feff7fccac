import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareVerdicts, VerdictOrder } from '../../../src/core/analysis/verdict-order.ts';
import type { AccountVerdict, Level } from '../../../src/core/types.ts';

const LEVELS: Level[] = ['low', 'unsure', 'medium', 'high'];
const verdict = (id: string, score: number, level: Level): AccountVerdict => ({ platform: 'youtube', accountId: id, score, level, reasons: [], unavailable: [], comments: 1, threads: [] });
const fullSort = (m: Map<string, AccountVerdict>) => [...m].sort(([ka, a], [kb, b]) => compareVerdicts(ka, a, kb, b)).map(([, v]) => v);

describe('VerdictOrder', () => {
  it('patched after a few rescored accounts, lists exactly what sorting everything lists', () => {
    const step = fc.record({ account: fc.integer({ min: 0, max: 59 }), score: fc.constantFrom(0, 0.1, 0.35, 0.35, 0.6, 0.9), level: fc.constantFrom(...LEVELS) });
    fc.assert(
      fc.property(fc.array(fc.array(step, { maxLength: 12 }), { minLength: 1, maxLength: 8 }), (batches) => {
        const current = new Map<string, AccountVerdict>();
        const order = new VerdictOrder();
        for (let i = 0; i < 40; i++) current.set(`youtube:a${i}`, verdict(`a${i}`, (i % 7) / 10, LEVELS[i % 4]));
        expect(order.list(current)).toEqual(fullSort(current));
        for (const batch of batches) {
          for (const s of batch) {
            const key = `youtube:a${s.account}`;
            order.replacing(key, current);
            current.set(key, verdict(`a${s.account}`, s.score, s.level));
          }
          const listed = order.list(current);
          expect(listed.map((v) => v.accountId)).toEqual(fullSort(current).map((v) => v.accountId));
          // The very objects, not copies, in a fresh array each time.
          for (const v of listed) expect(current.get(`youtube:${v.accountId}`)).toBe(v);
          expect(order.list(current)).not.toBe(listed);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('lists a case from scratch in the order of compareVerdicts, whatever the keys (shared prefixes, lengths, any characters)', () => {
    const key = fc.tuple(fc.constantFrom('youtube:', 'youtube:UC', 'x:', ''), fc.string({ unit: fc.constantFrom('a', 'b', 'A', '0', '-', '\u00e9', '\uffff', '\ud83d\ude00', '\u0000'), maxLength: 6 })).map(([p, t]) => p + t);
    const entry = fc.record({ key, score: fc.constantFrom(0, 0, 0, 0.1, 0.35, 0.9), level: fc.constantFrom(...LEVELS) });
    fc.assert(
      fc.property(fc.uniqueArray(entry, { selector: (e) => e.key, maxLength: 60 }), (entries) => {
        const current = new Map(entries.map((e) => [e.key, verdict(e.key, e.score, e.level)]));
        expect(new VerdictOrder().list(current).map((v) => v.accountId)).toEqual(fullSort(current).map((v) => v.accountId));
      }),
      { numRuns: 2000 },
    );
  });
});
