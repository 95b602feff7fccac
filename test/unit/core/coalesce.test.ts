// The verdict refresh after every batch: at most one request in flight, the calls made meanwhile
// answered by one trailing request that sees the latest state.
import { describe, expect, it } from 'vitest';
import { coalesced } from '../../../src/core/coalesce.ts';

function gate() {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe('coalesced', () => {
  it('runs once for a call, and a burst during a run collapses into one trailing run', async () => {
    const gates: ReturnType<typeof gate>[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    let state = 0;
    const seen: number[] = [];
    const refresh = coalesced(async () => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const g = gate();
      gates.push(g);
      await g.promise;
      seen.push(state);
      inFlight--;
    });
    const first = refresh();
    const burst = Array.from({ length: 50 }, () => {
      state++;
      return refresh();
    });
    expect(refresh.runs).toBe(1);
    gates[0].open();
    await first;
    // the trailing run has started, after the first finished, and sees the latest state
    await Promise.resolve();
    expect(refresh.runs).toBe(2);
    gates[1].open();
    await Promise.all(burst);
    expect(refresh.runs).toBe(2);
    expect(maxInFlight).toBe(1);
    expect(seen).toEqual([50, 50]);
    // idle again: the next call runs at once
    const later = refresh();
    expect(refresh.runs).toBe(3);
    gates[2].open();
    await later;
  });

  it('keeps going after a failed run', async () => {
    let calls = 0;
    const refresh = coalesced(async () => {
      calls++;
      if (calls === 1) throw new Error('background restarting');
    });
    await refresh();
    await refresh();
    expect(calls).toBe(2);
  });
});
