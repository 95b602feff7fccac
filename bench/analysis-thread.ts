/**
 * The analysis bench's thread: 10,000 comments of a synthetic organic thread with a simulated campaign
 * of 20 accounts injected, and the organic comments left over for adding +20 at a time. One definition
 * for the bench, its in-browser run and the comparison and profiling scripts, so they all time the same.
 */
import { injectCampaign, syntheticThread } from '../src/core/simulate/index.ts';

export function benchThread(size = 10_000) {
  const full = injectCampaign(syntheticThread(size + 1000, 7), { seed: 7, size: 20 });
  const organic = full.records.filter((r) => !full.simulatedAccountKeys.has(`${r.platform}:${r.author.id}`));
  const base = [...organic.slice(0, size - full.simulated.length), ...full.simulated];
  const extra = organic.slice(size - full.simulated.length);
  return { full, base, extra };
}
