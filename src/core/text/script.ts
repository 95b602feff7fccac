/** Writing-system detection (cheap, no model): which script a name or a comment is written in. */

export type ScriptName = 'Latin' | 'Han' | 'Kana' | 'Hangul' | 'Cyrillic' | 'Arabic' | 'Hebrew' | 'Greek' | 'Thai' | 'Devanagari' | 'Other';

const SCRIPTS: [ScriptName, RegExp][] = [
  ['Latin', /\p{Script=Latin}/u],
  ['Han', /\p{Script=Han}/u],
  ['Kana', /[\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ['Hangul', /\p{Script=Hangul}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Thai', /\p{Script=Thai}/u],
  ['Devanagari', /\p{Script=Devanagari}/u],
];

const LETTER = /\p{L}/u;

/**
 * `dominantScript(text, minLetters)` for text known to be ASCII: 'Latin' once `minLetters` letters
 * are found (usually within the first few characters), without reading the rest.
 */
export function asciiScript(text: string, minLetters = 2): 'Latin' | undefined {
  let letters = 0;
  for (let i = 0; i < text.length && letters < minLetters; i++) {
    const c = text.charCodeAt(i) | 0x20;
    if (c >= 0x61 && c <= 0x7a) letters++;
  }
  return letters >= minLetters ? 'Latin' : undefined;
}

/**
 * The script of most letters in the text, or undefined when it has fewer than `minLetters` letters
 * or no script holds a clear majority (≥ 60 %).
 */
export function dominantScript(text: string, minLetters = 2): ScriptName | undefined {
  let ascii = true;
  let asciiLetters = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) | 0x20;
    if (text.charCodeAt(i) > 0x7f) {
      ascii = false;
      break;
    }
    if (c >= 0x61 && c <= 0x7a) asciiLetters++;
  }
  if (ascii) return asciiLetters >= minLetters ? 'Latin' : undefined;
  // Letters per script (as SCRIPT_OF numbers them), scripts in order of first appearance.
  const seen: number[] = [];
  const counts: number[] = [];
  let letters = 0;
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    let script: number;
    if (code < 0x80) {
      // ASCII: only A–Z and a–z are letters, all of them Latin (what the tests below would say).
      const lower = code | 0x20;
      if (lower < 0x61 || lower > 0x7a) continue;
      script = LATIN;
    } else {
      script = ch.length === 1 ? SCRIPT_OF[code] : 0;
      if (script === 0) {
        script = scriptOf(ch);
        if (ch.length === 1) SCRIPT_OF[code] = script;
      }
      if (script === NOT_A_LETTER) continue;
    }
    letters++;
    const k = seen.indexOf(script);
    if (k < 0) {
      seen.push(script);
      counts.push(1);
    } else counts[k]++;
  }
  if (letters < minLetters) return undefined;
  let best = -1;
  let bestCount = 0;
  for (let k = 0; k < seen.length; k++) {
    if (counts[k] > bestCount) {
      best = k;
      bestCount = counts[k];
    }
  }
  if (best < 0) return undefined;
  const name = nameOf(seen[best]);
  // Japanese mixes Han and Kana: treat any Kana presence with Han as Kana (Japanese).
  if (name === 'Han' && seen.includes(KANA)) return 'Kana';
  return bestCount / letters >= 0.6 ? name : undefined;
}

// Scripts by number: NOT_A_LETTER, then SCRIPTS in order (LATIN first), then OTHER (a letter of none of them).
const NOT_A_LETTER = 1;
const LATIN = 2;
const KANA = 2 + SCRIPTS.findIndex(([n]) => n === 'Kana');
const OTHER = 2 + SCRIPTS.length;
/** per UTF-16 code unit, its script number once looked up (0: not yet): each character's patterns run once */
const SCRIPT_OF = new Uint8Array(0x10000);

function scriptOf(ch: string): number {
  if (!LETTER.test(ch)) return NOT_A_LETTER;
  for (let k = 0; k < SCRIPTS.length; k++) if (SCRIPTS[k][1].test(ch)) return 2 + k;
  return OTHER;
}

function nameOf(script: number): ScriptName {
  return script === OTHER ? 'Other' : SCRIPTS[script - 2][0];
}
