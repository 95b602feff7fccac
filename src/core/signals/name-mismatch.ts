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

/** `comments` are comment texts, or their scripts already computed (undefined when unknown). */
export function nameLanguageMismatch(displayName: string | undefined, comments: string[] | { scripts: (ScriptName | undefined)[] }): NameMismatchResult {
  if (!displayName) return { status: 'unavailable' };
  const nameScript = dominantScript(displayName, 2);
  if (!nameScript || nameScript === 'Other') return { status: 'unavailable' };
  const all = Array.isArray(comments) ? comments.map((t) => dominantScript(t.replace(STRIP, ' '), 4)) : comments.scripts;
  const scripts = all.filter((s): s is ScriptName => !!s);
  if (scripts.length === 0) return { status: 'unavailable' };
  const counts = new Map<ScriptName, number>();
  for (const s of scripts) counts.set(s, (counts.get(s) ?? 0) + 1);
  let best: ScriptName = scripts[0];
  for (const [s, c] of counts) if (c > (counts.get(best) ?? 0)) best = s;
  const sameFamily = (a: ScriptName, b: ScriptName) => a === b || (a === 'Han' && b === 'Kana') || (a === 'Kana' && b === 'Han');
  if (sameFamily(nameScript, best) || best === 'Other') return { status: 'consistent' };
  return { status: 'mismatch', mismatch: { nameScript, commentScript: best, comments: counts.get(best)! } };
}
