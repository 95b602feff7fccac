/**
 * Numbers written with a scale word or character, as one value whatever the language: "800 million",
 * "800 milyon", "800M", "8亿", "8億", "60 mil millones", "60 Milliarden", "2.5 billion" and "25亿"
 * are the values 800,000,000 / 60,000,000,000 / 2,500,000,000. Numbers without a scale word are left to
 * the caller (tokens.ts keeps its digits). The scale words are those the narrative terms read
 * (terms.ts `multiplier`), so both signals agree on what a number is.
 */
import { multiplier, numberValue } from './terms.ts';

/** Up to two words right after a number ("mil millones"), or the first character of a Chinese/Japanese run ("8亿"). */
const AFTER = /^(?:\s*([\p{Script=Han}])|\s+([\p{L}]+)(?:\s+([\p{L}]+))?|([kKmMbB])(?![\p{L}\p{N}]))/u;

export interface ScaledNumber {
  /** the value, e.g. 800000000 */
  value: number;
  /** how many characters after the digits the scale words take */
  length: number;
  /** the scale words as written after the digits, e.g. "亿", " million", " mil millones" */
  written: string;
}

/**
 * The value of the number `digits` (as matched, e.g. "800" or "2.5") with the scale words that follow
 * it in `after`; undefined when no scale word follows.
 */
export function scaledNumber(digits: string, after: string): ScaledNumber | undefined {
  const m = AFTER.exec(after);
  if (!m) return undefined;
  const base = numberValue(digits);
  if (base === undefined) return undefined;
  if (m[1] !== undefined || m[4] !== undefined) {
    const factor = multiplier((m[1] ?? m[4]).toLowerCase());
    return factor === undefined ? undefined : { value: base * factor, length: m[0].length, written: m[0] };
  }
  // A spaced single letter ("5 m away", "3 b") is more often a unit or a word than a scale.
  if (m[2].length < 2) return undefined;
  const first = multiplier(m[2].toLowerCase());
  if (first === undefined) return undefined;
  const second = m[3] !== undefined ? multiplier(m[3].toLowerCase()) : undefined;
  if (second === undefined) {
    const one = /^\s+[\p{L}]+/u.exec(after)![0];
    return { value: base * first, length: one.length, written: one };
  }
  return { value: base * first * second, length: m[0].length, written: m[0] };
}

/** A whole value as digits ("800000000"); undefined for values that are not whole numbers. */
export function valueDigits(value: number): string | undefined {
  const rounded = Math.round(value);
  if (!Number.isSafeInteger(rounded) || Math.abs(value - rounded) > 1e-6 * Math.max(1, value)) return undefined;
  return String(rounded);
}

/** "800 million", "60 billion", "40,000": a value in plain English words for reasons. */
export function describeValue(value: number): string {
  for (const [scale, word] of [
    [1e12, 'trillion'],
    [1e9, 'billion'],
    [1e6, 'million'],
  ] as const) {
    if (value >= scale) {
      const n = Math.round((value / scale) * 100) / 100;
      return `${n.toLocaleString('en-US')} ${word}`;
    }
  }
  return Math.round(value).toLocaleString('en-US');
}
