import { describe, expect, it } from 'vitest';
import { describeChance, findCoTravel as findCoTravelIn, type TravelComment } from '../../../../src/core/signals/co-travel.ts';

/** Every comment as a visit: the signal itself keeps only accounts seen in two threads or more. */
const findCoTravel = (timelines: Map<string, TravelComment[]>) => findCoTravelIn(timelines, [...timelines].flatMap(([thread, list]) => list.map((c) => ({ ...c, thread }))));
import { createRng } from '../../../../src/core/simulate/rng.ts';

const BASE = Date.parse('2026-11-01T00:00:00Z');
const MIN = 60_000;

/** Three threads a week apart, 200 organic comments over two days each, 50 regulars appearing in several. */
function case3(opts: { campaign: boolean; rushFans?: boolean; seed?: number }): Map<string, TravelComment[]> {
  const rng = createRng(opts.seed ?? 5);
  const timelines = new Map<string, TravelComment[]>();
  for (let t = 0; t < 3; t++) {
    const start = BASE + t * 7 * 86_400_000;
    const list: TravelComment[] = [];
    for (let i = 0; i < 200; i++) {
      // A first-hour rush: half the comments in the first hour, the fans among them.
      const rush = opts.rushFans && i < 100;
      const fan = rng.chance(0.3) || rush;
      list.push({ key: `t${t}c${i}`, account: fan ? `fan${rng.int(0, rush ? 19 : 49)}` : `org${t}-${i}`, ms: start + (rush ? rng.next() * 60 * MIN : rng.next() * 2 * 86_400_000), precisionMs: 1000 });
    }
    if (opts.campaign) {
      const at = start + 3 * 3_600_000 + rng.next() * 86_400_000;
      for (let k = 0; k < 5; k++) list.push({ key: `t${t}camp${k}`, account: `camp${k}`, ms: at + rng.next() * 25 * MIN, precisionMs: 1000 });
    }
    list.sort((a, b) => a.ms - b.ms);
    timelines.set(`youtube:v${t}`, list);
  }
  return timelines;
}

describe('accounts that travel together', () => {
  it('finds five accounts commenting within minutes of one another in three threads, with a tiny chance', () => {
    const r = findCoTravel(case3({ campaign: true }));
    expect(r.groups).toHaveLength(1);
    const g = r.groups[0];
    expect(g.accounts).toEqual(['camp0', 'camp1', 'camp2', 'camp3', 'camp4']);
    expect(g.threads).toHaveLength(3);
    expect(g.log10Corrected).toBeLessThan(-6);
    for (const t of g.threads) expect(t.spreadMs).toBeLessThanOrEqual(25 * MIN);
    expect(g.edges.every((e) => e.events === 3 && e.meanGapMs <= 25 * MIN)).toBe(true);
  });

  it('does not link regulars who appear in the same threads at unrelated times', () => {
    for (const seed of [1, 2, 3]) expect(findCoTravel(case3({ campaign: false, seed })).groups).toEqual([]);
  });

  it('does not link fans who all rush in during the first hour of every video', () => {
    for (const seed of [1, 2, 3]) expect(findCoTravel(case3({ campaign: false, rushFans: true, seed })).groups).toEqual([]);
  });

  it('asks more of a pair than of a larger group: two accounts 50 minutes apart in two busy threads are not enough', () => {
    const rng = createRng(5);
    const timelines = new Map<string, TravelComment[]>();
    for (let t = 0; t < 2; t++) {
      const start = BASE + t * 7 * 86_400_000;
      const list: TravelComment[] = Array.from({ length: 1000 }, (_, i) => ({ key: `t${t}c${i}`, account: `org${t}-${i}`, ms: start + rng.next() * 2 * 86_400_000, precisionMs: 1000 }));
      const at = start + 5 * 3_600_000 + rng.next() * 86_400_000;
      list.push({ key: `t${t}d0`, account: 'duo0', ms: at, precisionMs: 1000 }, { key: `t${t}d1`, account: 'duo1', ms: at + 50 * MIN, precisionMs: 1000 });
      list.sort((a, b) => a.ms - b.ms);
      timelines.set(`youtube:v${t}`, list);
    }
    const visits = [...timelines].flatMap(([thread, list]) => list.map((c) => ({ ...c, thread })));
    const lenient = findCoTravelIn(timelines, visits, { pairGroupAlpha: 0.05 });
    expect(lenient.groups).toHaveLength(1);
    expect(lenient.groups[0].log10Corrected).toBeGreaterThan(-3);
    expect(findCoTravelIn(timelines, visits).groups).toEqual([]);
  });

  it('cannot place comments whose times are only known to the day', () => {
    const coarse = new Map([...case3({ campaign: true })].map(([k, list]) => [k, list.map((c) => ({ ...c, precisionMs: 86_400_000 }))]));
    expect(findCoTravel(coarse).groups).toEqual([]);
  });

  it('describes chances in words', () => {
    expect(describeChance(-6.5)).toBe('about 1 in 3 million');
    expect(describeChance(-2)).toBe('about 1 in 100');
    expect(describeChance(-14)).toBe('less than 1 in 10^14');
  });
});
