/** Wording shared by the analyzer's evidence: names of a sample of accounts, counts, time windows. */
import type { Burst } from '../signals/burst.ts';

/** "1,234" — counts in evidence are read by people. */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}

/** "@a, @b, @c, @d and 2,996 more": the first `max` names of a group of `total`. */
export function listNames(names: string[], total: number, max = 4): string {
  const shown = names.slice(0, max);
  const rest = total - shown.length;
  return rest > 0 ? `${shown.join(', ')} and ${count(rest)} more` : shown.join(', ');
}

/** How tight a burst is, in words (relative times such as "18 hours ago" only place comments to within their unit). */
export function burstWindow(b: Pick<Burst, 'startMs' | 'endMs' | 'precisionMs'>): string {
  const spanMinutes = Math.max(1, Math.round(Math.max(b.endMs - b.startMs, b.precisionMs > 60_000 ? b.precisionMs : 0) / 60_000));
  return b.precisionMs > 60_000
    ? `within about ${spanMinutes} minutes (times shown only to the ${b.precisionMs >= 3_600_000 ? 'hour' : 'minute'})`
    : `within ${spanMinutes} ${plural(spanMinutes, 'minute')}`;
}

export function expectedText(expected: number): string {
  return expected < 0.1 ? 'under 0.1' : expected.toFixed(1);
}
