/**
 * Display-name script versus comment language: a Western (Latin-script) name suddenly posting in
 * Chinese is the hijacked-account tell in Spamouflage reports. Also any other pair of distinct
 * scripts (e.g. an Arabic-script name posting Chinese). Latin names writing other Latin-script
 * languages are not compared: names do not reveal language reliably enough.
 */
import { dominantScript, type ScriptName } from '../text/script.ts';

export interface NameMismatch {
  nameScript: ScriptName;
  commentScript: ScriptName;
  /** comments of the account written in the mismatching script */
  comments: number;
}

export type NameMismatchResult = { status: 'mismatch'; mismatch: NameMismatch } | { status: 'consistent' } | { status: 'unavailable' };

const STRIP = /https?:\/\/\S+|[#@][\p{L}\p{N}_.]+/gu;

// Initial + final, or one of the finals written without an initial (i, u, ü alone are spelled yi, wu, yu).
const PINYIN_SYLLABLE = /^(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uan|uai|ai|ei|ui|ao|ou|iu|ie|ue|an|en|in|un|ia|ua|uo|a|o|e|i|u)|[ln](?:v|ü|ve|üe)|a|ai|an|ang|ao|o|ou|e|ei|en|eng|er)$/;

function pinyinWord(word: string): boolean {
  // Split into syllables (up to 4, e.g. "xiaoming"), trying longer syllables first.
  const w = word.toLowerCase();
  const can = (from: number, depth: number): boolean => {
    if (from === w.length) return true;
    if (depth === 4) return false;
    for (let end = Math.min(w.length, from + 6); end > from; end--) {
      if (PINYIN_SYLLABLE.test(w.slice(from, end)) && can(end, depth + 1)) return true;
    }
    return false;
  };
  return w.length > 0 && can(0, 0);
}

/**
 * True when every word of a Latin-script name reads as Mandarin pinyin ("Wang Jing", "Li Xiaoming"):
 * a Chinese name written in Latin letters is no sign of a hijacked Western account.
 */
export function looksLikePinyin(name: string): boolean {
  const words = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').split(/[\s.\-_]+/).filter(Boolean);
  return words.length > 0 && words.every((w) => /^[a-z]+$/i.test(w) && pinyinWord(w));
}

function sameFamily(a: ScriptName, b: ScriptName): boolean {
  return a === b || (a === 'Han' && b === 'Kana') || (a === 'Kana' && b === 'Han');
}

/** `comments` are comment texts, or their scripts already computed (undefined when unknown). */
export function nameLanguageMismatch(displayName: string | undefined, comments: string[] | { scripts: (ScriptName | undefined)[] }): NameMismatchResult {
  if (!displayName) return { status: 'unavailable' };
  const nameScript = dominantScript(displayName, 2);
  if (!nameScript || nameScript === 'Other') return { status: 'unavailable' };
  const all = Array.isArray(comments) ? comments.map((t) => dominantScript(t.replace(STRIP, ' '), 4)) : comments.scripts;
  // Comments per script, in order of first appearance (an account has a comment or two: no Map).
  const seen: ScriptName[] = [];
  const counts: number[] = [];
  for (const s of all) {
    if (!s) continue;
    const k = seen.indexOf(s);
    if (k < 0) {
      seen.push(s);
      counts.push(1);
    } else counts[k]++;
  }
  if (seen.length === 0) return { status: 'unavailable' };
  // The most frequent script; of equally frequent ones, the first seen.
  let top = 0;
  for (let k = 1; k < seen.length; k++) if (counts[k] > counts[top]) top = k;
  const best = seen[top];
  if (sameFamily(nameScript, best) || best === 'Other') return { status: 'consistent' };
  if (nameScript === 'Latin' && best === 'Han' && looksLikePinyin(displayName)) return { status: 'consistent' };
  return { status: 'mismatch', mismatch: { nameScript, commentScript: best, comments: counts[top] } };
}
