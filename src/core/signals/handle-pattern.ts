/**
 * Handle patterns of mass-created accounts: a name followed by a long digit run (X suggests
 * "JaneDoe84736251" at sign-up), and platform auto-generated handles (YouTube "@user-xy7ab3kq9").
 * Common among real people too, hence a weak signal.
 */
import type { CommentAuthor, Platform } from '../types.ts';

export type HandlePatternKind = 'name-digits' | 'auto-handle';
export interface HandlePattern {
  kind: HandlePatternKind;
  handle: string;
  /** number of trailing digits for name-digits */
  digits?: number;
}

const NAME_DIGITS = /^@?([\p{L}]{2,}[._-]?[\p{L}]*)[._-]?(\d{5,})$/u;
const YOUTUBE_AUTO = /^@?user-[a-z0-9]{6,}$/i;
const YOUTUBE_NAME_AUTO = /^@?[\p{L}\p{N}.]+-[a-z0-9]{2,5}$/u;

export function handlePattern(platform: Platform, author: CommentAuthor): HandlePattern | undefined {
  const raw = author.handle ?? (platform === 'facebook' ? undefined : undefined);
  if (!raw) return undefined;
  // Every pattern below has a hyphen or ends in a digit: most handles are ruled out without a pattern run.
  const end = raw.charCodeAt(raw.length - 1);
  if (!(end >= 0x30 && end <= 0x39) && !raw.includes('-')) return undefined;
  const handle = raw.startsWith('@') ? raw : `@${raw}`;
  if (platform === 'youtube' && (YOUTUBE_AUTO.test(handle) || (YOUTUBE_NAME_AUTO.test(handle) && /\d/.test(handle.split('-').pop()!)))) {
    return { kind: 'auto-handle', handle };
  }
  const m = NAME_DIGITS.exec(handle);
  if (m) return { kind: 'name-digits', handle, digits: m[2].length };
  return undefined;
}
