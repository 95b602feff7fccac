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
  const counts = new Map<ScriptName, number>();
  let letters = 0;
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code < 0x80) {
      // ASCII: only A–Z and a–z are letters, all of them Latin (what the tests below would say).
      const lower = code | 0x20;
      if (lower >= 0x61 && lower <= 0x7a) {
        letters++;
        counts.set('Latin', (counts.get('Latin') ?? 0) + 1);
      }
      continue;
    }
    if (!LETTER.test(ch)) continue;
    letters++;
    let name: ScriptName = 'Other';
    for (const [n, re] of SCRIPTS) {
      if (re.test(ch)) {
        name = n;
        break;
      }
    }
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  if (letters < minLetters) return undefined;
  let best: ScriptName | undefined;
  let bestCount = 0;
  for (const [n, c] of counts) {
    if (c > bestCount) {
      best = n;
      bestCount = c;
    }
  }
  // Japanese mixes Han and Kana: treat any Kana presence with Han as Kana (Japanese).
  if (best === 'Han' && (counts.get('Kana') ?? 0) > 0) return 'Kana';
  return bestCount / letters >= 0.6 ? best : undefined;
}
