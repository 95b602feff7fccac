/**
 * Content terms of a comment for narrative similarity: what survives paraphrase and translation.
 * Words are folded (case, accents, Cyrillic and Greek written in Latin letters, a few spelling
 * variants such as k/c, y/i, z/s) and cut to a 5-letter stem, so that "Ukraine", "Ucrania",
 * "Ukraina" and "Украина", or "democracy", "democracia" and "Demokratie", meet on one term; numbers
 * keep their value across scales and scripts ("800 million", "800 millones", "8亿" → 8e8); Chinese
 * and Japanese runs give character pairs. A place named in any script is one term ("China", "Çin", "中国",
 * "Китай" → 'g:CN'; text/cross-script.ts). Stop words of the common languages are dropped. A word
 * capitalised inside a sentence counts as a name, except in German, which capitalises every noun.
 */

import { hanPlaces, placeKey, placeTable, placeWordOf } from './cross-script.ts';

export type TermKind = 'word' | 'name' | 'number' | 'han';

export interface Term {
  /** e.g. 'w:ucrai', 'n:8e8', 'h:贫困' */
  key: string;
  kind: TermKind;
  /** the text as written, for reasons */
  surface: string;
}

const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'i', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'h', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'sch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', і: 'i', ї: 'i', є: 'e', ґ: 'g',
};
const GREEK: Record<string, string> = {
  α: 'a', β: 'v', γ: 'g', δ: 'd', ε: 'e', ζ: 'z', η: 'i', θ: 'th', ι: 'i', κ: 'k', λ: 'l', μ: 'm', ν: 'n', ξ: 'x', ο: 'o', π: 'p', ρ: 'r', σ: 's', ς: 's', τ: 't', υ: 'y', φ: 'f', χ: 'ch', ψ: 'ps', ω: 'o',
};

const STOP = new Set(
  (
    // en
    'this that with have from they them their there what when where which while will would could should about after again also been before being both does doing down during each into just more most other over only same some such than then these those through under until very were your yours ours here because really think people video thank thanks please know like love good great just dont cant isnt youre thats lets yeah gonna wanna still even much many make made every always never something anything nothing everyone someone anyone '+
    // es / pt / it
    'para pero como esta este esto estos estas porque cuando donde todo todos toda todas solo tambien muy mas menos entre sobre desde hasta ellos ellas nosotros ustedes tiene tienen hace hacer puede pueden quien cual eles elas voce voces isso essa esse nossa nosso mais muito muita quando onde pelo pela sobre tudo todos questo questa sono anche perche come della delle degli nella sempre ancora '+
    // de / nl
    'aber auch dass weil wenn oder nicht noch schon sind sein seine ihre ihren einem einer eines diese dieser dieses wird werden wurde haben hatte nach ueber unter durch gegen immer alle alles mehr sehr hier jetzt niet maar voor door deze zijn hebben '+
    // fr
    'avec pour dans mais sont cette cela leur leurs nous vous elle elles ils tout tous toute toutes plus moins comme quand sans sous entre depuis encore aussi tres fait faire peut etre avoir '+
    // tr
    'icin ama gibi daha cok bir biz siz onlar bunu buna bunlar sadece kadar sonra once olan olarak ediyor '+
    // ru (transliterated)
    'kotorye kotoryi chtoby tolko etot eto esli kogda vsegda ochen'
  ).split(' '),
);

const MULTIPLIERS: [RegExp, number][] = [
  [/^(thousand|thousands|k|mil|mille|tausend|bin|тысяч|тыс)$/u, 1e3],
  [/^(万|萬)$/u, 1e4],
  [/^(million|millions|mn|m|millón|millon|millones|millionen|mio|milhão|milhao|milhões|milhoes|milioni|milione|milyon|миллион|миллиона|миллионов|млн)$/u, 1e6],
  [/^(亿|億)$/u, 1e8],
  [/^(billion|billions|bn|b|milliard|milliards|milliarde|milliarden|mrd|bilhão|bilhao|bilhões|bilhoes|miliardi|miliardo|milyar|миллиард|миллиарда|миллиардов|млрд)$/u, 1e9],
  [/^(trillion|trillions|billón|billon|billones|billionen|trilhão|trilyon|триллион)$/u, 1e12],
];

/** `3:45`, `1:02:33`: a moment in the video, not a shared fact. */
export const VIDEO_TIMESTAMP = /(?:^|[^\d:])\d{1,2}:\d{2}(?::\d{2})?(?![\d:])/;

const LINK = /\bhttps?:\/\/\S+|\bwww\.\S+/giu;
const MENTION = /[@＠][\p{L}\p{N}_.-]+/gu;
const HAN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/u;
/** the pieces a comment is read in: Chinese and Japanese runs, numbers, words (ASCII text is split by hand the same way) */
const PIECE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+|\d+(?:[.,\s]\d{3})*(?:[.,]\d+)?|[\p{L}\p{M}]+/gu;

const MARKS = /\p{M}/gu;
/**
 * German (and Luxembourgish) capitalise every noun, so there a capital letter does not mark a name.
 * Two distinct German function words (none of them an English word) tell such a comment.
 */
const GERMAN_FUNCTION_WORD = /(?<![\p{L}\p{N}])(?:der|das|und|nicht|ist|sind|haben|hat|wurde|wurden|für|mit|dem|den|des|eine|einen|einer|auch|sich|nach|wie|keine|keiner|zu|wo|oder|wird|werden|sein|seine|ihre)(?![\p{L}\p{N}])/giu;

function capitalisesNouns(text: string): boolean {
  const seen = new Set<string>();
  for (const m of text.matchAll(GERMAN_FUNCTION_WORD)) {
    seen.add(m[0].toLowerCase());
    if (seen.size >= 2) return true;
  }
  return false;
}
const NON_ASCII = /[^\x00-\x7f]/;

export function fold(word: string): string {
  const lower = word.toLowerCase();
  if (!NON_ASCII.test(lower)) return lower;
  let out = '';
  for (const ch of lower.normalize('NFKD').replace(MARKS, '')) out += CYRILLIC[ch] ?? GREEK[ch] ?? (ch === 'ß' ? 'ss' : ch === 'ı' ? 'i' : ch);
  return out;
}

/** Spelling variants that differ between languages of one name or cognate: ph→f, k/q→c, y/j→i, z→s, w→v, no doubled letters. */
function phonetic(folded: string): string {
  let out = '';
  let last = '';
  for (let i = 0; i < folded.length; i++) {
    let ch = folded[i];
    if (ch === 'p' && folded[i + 1] === 'h') {
      ch = 'f';
      i++;
    } else if (ch === 'k' || ch === 'q') ch = 'c';
    else if (ch === 'y' || ch === 'j') ch = 'i';
    else if (ch === 'z') ch = 's';
    else if (ch === 'w') ch = 'v';
    if (ch === last) continue;
    out += ch;
    last = ch;
  }
  return out;
}

export function multiplier(word: string): number | undefined {
  for (const [re, m] of MULTIPLIERS) if (re.test(word)) return m;
  return undefined;
}

export function numberValue(raw: string): number | undefined {
  let s = raw.replace(/\s/g, '');
  // "60,000" / "60.000" are thousands; "2,5" / "2.5" are decimals.
  if (/^\d{1,3}([.,]\d{3})+$/.test(s)) s = s.replace(/[.,]/g, '');
  else s = s.replace(',', '.');
  const v = Number(s);
  return Number.isFinite(v) ? v : undefined;
}

function canonicalNumber(v: number): string {
  if (v === 0) return '0';
  const exp = Math.floor(Math.log10(v));
  const mantissa = Math.round((v / 10 ** exp) * 100) / 100;
  return `${mantissa}e${exp}`;
}

const EMPTY: Term[] = [];
Object.freeze(EMPTY);

/** Distinct content terms of a comment, in order of first appearance. */
export function contentTerms(text: string): Term[] {
  const out = new Map<string, Term>();
  scanTerms(text, (key, kind, surface) => {
    if (!out.has(key)) out.set(key, { key, kind, surface });
  });
  return out.size === 0 ? EMPTY : [...out.values()];
}

/**
 * The content terms of a comment as they occur, repeats included, without building Term objects.
 * `place` is the term's word position (stop words, short words and each Chinese or Japanese
 * character count as positions; a number with its multiplier words ends at its last word; a word
 * and its name prefix share one), so terms at adjacent places belong to one phrase.
 */
export function scanTerms(text: string, add: (key: string, kind: TermKind, surface: string, place: number) => void): void {
  const vocabulary = sharedVocabulary;
  vocabulary.scan(text, (id, kind, place, surface) => add(vocabulary.keyOf(id), kind, surface!, place), true);
}

/**
 * The word table's slots: one record of SLOT numbers per slot, so that finding a word and reading what
 * it gives touches one place of memory (and its characters a second), not five arrays and objects.
 * Per slot: whether taken (1) and the word's hash, where its characters start in the character
 * arena and how many there are, and what the word gives wherever it stands: an acronym's term, or
 * its stem and (for names: the 4-letter stem when the stem has 6 letters or more) short stem terms
 * (-1 for none; short and stop words give none), whether its first letter is a capital, and whether
 * it is a word of a place name (text/cross-script.ts: the word's id × 2, + 1 when written so that it
 * may start one; -1 when not).
 */
const SLOT = 9;
const TAKEN = 0;
const HASH = 1;
const CHARS_AT = 2;
const CHARS = 3;
const ACRONYM = 4;
const STEM = 5;
const SHORT_STEM = 6;
const UPPER_FIRST = 7;
const PLACE_WORD = 8;

/** the pieces of text the scanner found, by their bounds in the cleaned text (reused: a scan must not start another) */
let pieceStart = new Int32Array(256);
let pieceEnd = new Int32Array(256);
/** ASCII numbers as the PIECE patterns read them, from a given position */
const ASCII_NUMBER = /\d+(?:[.,\s]\d{3})*(?:[.,]\d+)?/y;

/** Splits cleaned ASCII text into the pieces `PIECE` would match (numbers, runs of letters) by bounds; returns their count. */
function asciiPieces(clean: string): number {
  let n = 0;
  const length = clean.length;
  for (let p = 0; p < length; ) {
    const c = clean.charCodeAt(p);
    let end: number;
    if (c >= 0x30 && c <= 0x39) {
      ASCII_NUMBER.lastIndex = p;
      ASCII_NUMBER.test(clean);
      end = ASCII_NUMBER.lastIndex;
    } else if ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) {
      end = p + 1;
      while (end < length) {
        const d = clean.charCodeAt(end) | 0x20;
        if (d < 0x61 || d > 0x7a) break;
        end++;
      }
    } else {
      p++;
      continue;
    }
    n = keepPiece(n, p, end);
    p = end;
  }
  return n;
}

/** The same for text with other characters, by the Unicode pattern. */
function unicodePieces(clean: string): number {
  let n = 0;
  PIECE.lastIndex = 0;
  for (let m = PIECE.exec(clean); m; m = PIECE.exec(clean)) n = keepPiece(n, m.index, m.index + m[0].length);
  return n;
}

function keepPiece(n: number, start: number, end: number): number {
  if (n === pieceStart.length) {
    const starts = new Int32Array(n * 2);
    starts.set(pieceStart);
    pieceStart = starts;
    const ends = new Int32Array(n * 2);
    ends.set(pieceEnd);
    pieceEnd = ends;
  }
  pieceStart[n] = start;
  pieceEnd[n] = end;
  return n + 1;
}

/** The pieces the scanner reads a text in, as strings (for tests of the hand-written ASCII split). */
export function termPieces(clean: string): string[] {
  const count = NON_ASCII.test(clean) ? unicodePieces(clean) : asciiPieces(clean);
  return Array.from({ length: count }, (_, k) => clean.slice(pieceStart[k], pieceEnd[k]));
}

/** Words repeat across a thread's comments: each distinct one is folded and stemmed once (dropped past this many). */
const WORD_CACHE = 20_000;

/**
 * Content terms as numbers. A vocabulary gives each term key a number on first sight, and keeps each
 * distinct word's terms in a table looked up by the word's characters in the text (no substring, no
 * string hashing per word): scanning all comments of a case was a third of the narrative signal's time,
 * most of it in string-keyed lookups. One vocabulary serves all threads of a case.
 */
export class TermVocabulary {
  private keys: string[] = [];
  private ids = new Map<string, number>();
  /** word table: open-addressed slots of SLOT numbers each, by the word's hash */
  private slots = new Int32Array(SLOT << 12);
  private wordCount = 0;
  /** the characters of the words in the table, back to back */
  private chars = new Uint16Array(1 << 15);
  private charsUsed = 0;
  /** the term id of each place (text/cross-script.ts), -1 until first seen */
  private placeTermIds: Int32Array | undefined;

  /**
   * @param maxTerms with a bound, the numbering starts over (before a scan) once it is reached: for
   * callers that turn numbers back into keys at once; an index that keeps the numbers needs them stable
   */
  constructor(private readonly maxTerms = Infinity) {}

  /** The number of a term key (given on first sight). */
  idOf(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.keys.length;
      this.ids.set(key, id);
      this.keys.push(key);
    }
    return id;
  }

  keyOf(id: number): string {
    return this.keys[id];
  }

  private startOver(): void {
    this.keys = [];
    this.ids = new Map();
    this.placeTermIds = undefined;
    this.clearWords();
  }

  private clearWords(): void {
    this.slots = new Int32Array(SLOT << 12);
    this.wordCount = 0;
    this.charsUsed = 0;
  }

  /**
   * Calls `add` for each content term of `text` as it occurs (repeats included) with its number,
   * kind and word position (see `scanTerms`); with `surfaces`, also the term as written.
   */
  scan(text: string, add: (id: number, kind: TermKind, place: number, surface: string | undefined) => void, surfaces = false): void {
    if (this.keys.length >= this.maxTerms) this.startOver();
    let clean = text;
    if (clean.includes('://') || clean.includes('www.')) clean = clean.replace(LINK, ' ');
    if (clean.includes('@') || clean.includes('＠')) clean = clean.replace(MENTION, ' ');
    const ascii = !NON_ASCII.test(clean);
    const count = ascii ? asciiPieces(clean) : unicodePieces(clean);
    if (count === 0) return;
    const starts = pieceStart;
    const ends = pieceEnd;
    // Decided on the first capital inside the text (most comments have none).
    let nounCapitals: boolean | undefined;
    // Pieces before this one, plus the extra characters of Chinese and Japanese runs.
    let shift = 0;
    for (let i = 0; i < count; i++) {
      const c0 = clean.charCodeAt(starts[i]);
      if (c0 <= 0x39 && c0 >= 0x30) {
        const piece = clean.slice(starts[i], ends[i]);
        const value = numberValue(piece);
        if (value === undefined) continue;
        const digits = piece.replace(/\D/g, '');
        if (digits.length < 2 && i + 1 >= count) continue;
        let scaled = value;
        let surface = piece;
        // "60 billion", "60 mil millones", "8亿": multiplier words after the number are part of it.
        for (let k = 0; k < 2 && i + 1 < count; k++) {
          const next = clean.slice(starts[i + 1], ends[i + 1]);
          const hanHead = HAN.test(next) ? Array.from(next)[0] : undefined;
          const factor = multiplier(hanHead ?? next.toLowerCase());
          if (factor === undefined) break;
          scaled *= factor;
          surface += hanHead ? hanHead : ` ${next}`;
          if (hanHead) break;
          i++;
        }
        if (scaled < 10) continue;
        add(this.idOf(`n:${canonicalNumber(scaled)}`), 'number', i + shift, surface);
        continue;
      }
      if (c0 >= 0x2e80) {
        const piece = clean.slice(starts[i], ends[i]);
        if (HAN.test(piece)) {
          const chars = Array.from(piece);
          // Place names in the run ("美国", "香港") are one place term each instead of their character pairs.
          let names: number[] | undefined;
          hanPlaces(placeTable(fold), chars, (place, start, length) => (names ??= []).push(place, start, length));
          let m = 0;
          for (let j = 0; j + 1 < chars.length; j++) {
            if (names && m < names.length && j >= names[m + 1]) {
              const start = names[m + 1];
              const end = start + names[m + 2];
              if (j === start) add(this.placeTermId(names[m]), 'name', i + shift + j, surfaces ? chars.slice(start, end).join('') : undefined);
              if (j + 1 < end) continue;
              m += 3;
            }
            add(this.idOf(`h:${chars[j]}${chars[j + 1]}`), 'han', i + shift + j, surfaces ? chars[j] + chars[j + 1] : undefined);
          }
          shift += chars.length - 1;
          continue;
        }
      }
      const at = this.wordAt(clean, starts[i], ends[i]);
      const slots = this.slots;
      const acronym = slots[at + ACRONYM];
      const stem = slots[at + STEM];
      const shortStem = slots[at + SHORT_STEM];
      const placeWord = slots[at + PLACE_WORD];
      if (placeWord > 0 && (placeWord & 1) === 1) {
        // A place name ("Hong Kong", "Estados Unidos", "Китай"): one place term for its words.
        const place = this.placeAt(clean, i, count, placeWord >> 1);
        if (place >= 0) {
          const words = place >> 16;
          add(this.placeTermId(place & 0xffff), 'name', i + shift, surfaces ? clean.slice(starts[i], ends[i + words - 1]) : undefined);
          i += words - 1;
          continue;
        }
      }
      const surface = surfaces ? clean.slice(starts[i], ends[i]) : undefined;
      if (acronym >= 0) {
        add(acronym, 'name', i + shift, surface);
        continue;
      }
      if (stem < 0) continue;
      // Capitalised inside a sentence: likely a name (weighed as such by the caller).
      const capitalised = slots[at + UPPER_FIRST] === 1 && i > 0 && !(nounCapitals ??= capitalisesNouns(clean));
      add(stem, capitalised ? 'name' : 'word', i + shift, surface);
      // Names change their endings between languages (Ukraine, Ucrania, Ukraina): a shorter stem too.
      if (capitalised && shortStem >= 0) add(shortStem, 'name', i + shift, surface);
    }
  }

  private placeTermId(place: number): number {
    const table = placeTable(fold);
    if (!this.placeTermIds) this.placeTermIds = new Int32Array(table.codes.length).fill(-1);
    let id = this.placeTermIds[place];
    if (id < 0) this.placeTermIds[place] = id = this.idOf(placeKey(table, place));
    return id;
  }

  /**
   * The place named by the words starting at piece `i` (whose first word has place-word id `first`):
   * its number of words × 65536 + its place id, or -1 when the following words do not complete a name.
   */
  private placeAt(clean: string, i: number, count: number, first: number): number {
    const names = placeTable(fold).byFirstWord.get(first);
    if (!names) return -1;
    const starts = pieceStart;
    const ends = pieceEnd;
    for (const { rest, place } of names) {
      if (i + rest.length >= count) continue;
      let k = 0;
      for (; k < rest.length; k++) {
        const c = clean.charCodeAt(starts[i + 1 + k]);
        if ((c <= 0x39 && c >= 0x30) || (c >= 0x2e80 && HAN.test(clean.slice(starts[i + 1 + k], ends[i + 1 + k])))) break;
        const at = this.wordAt(clean, starts[i + 1 + k], ends[i + 1 + k]);
        const word = this.slots[at + PLACE_WORD];
        if (word < 0 || word >> 1 !== rest[k]) break;
      }
      if (k === rest.length) return ((rest.length + 1) << 16) | place;
    }
    return -1;
  }

  /** The slot of the word `text[start, end)` in the word table (see SLOT), found or filled once. */
  private wordAt(text: string, start: number, end: number): number {
    let h = 0x811c9dc5;
    for (let k = start; k < end; k++) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193);
    const slots = this.slots;
    const mask = slots.length / SLOT - 1;
    const length = end - start;
    let s = (Math.imul(h, 0x9e3779b1) >>> 0) & mask;
    for (; slots[s * SLOT + TAKEN] !== 0; s = (s + 1) & mask) {
      const at = s * SLOT;
      if (slots[at + HASH] === h && slots[at + CHARS] === length && this.sameChars(slots[at + CHARS_AT], text, start, length)) return at;
    }
    if (this.wordCount >= WORD_CACHE) this.clearWords();
    else if ((this.wordCount + 1) * 2 * SLOT > this.slots.length) this.growWords();
    const at = this.freeSlot(h);
    const piece = text.slice(start, end);
    this.computeWordTerms(piece, at);
    this.slots[at + TAKEN] = 1;
    this.slots[at + HASH] = h;
    this.slots[at + CHARS_AT] = this.keepChars(text, start, length);
    this.slots[at + CHARS] = length;
    this.wordCount++;
    return at;
  }

  /** Where a free slot for hash `h` starts in `slots`. */
  private freeSlot(h: number): number {
    const mask = this.slots.length / SLOT - 1;
    let s = (Math.imul(h, 0x9e3779b1) >>> 0) & mask;
    while (this.slots[s * SLOT + TAKEN] !== 0) s = (s + 1) & mask;
    return s * SLOT;
  }

  private growWords(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    for (let at = 0; at < old.length; at += SLOT) {
      if (old[at + TAKEN] === 0) continue;
      const to = this.freeSlot(old[at + HASH]);
      for (let f = 0; f < SLOT; f++) this.slots[to + f] = old[at + f];
    }
  }

  /** Copies a word's characters into the arena; returns where they start. */
  private keepChars(text: string, start: number, length: number): number {
    if (this.charsUsed + length > this.chars.length) {
      const bigger = new Uint16Array(Math.max(this.chars.length * 2, this.charsUsed + length));
      bigger.set(this.chars.subarray(0, this.charsUsed));
      this.chars = bigger;
    }
    const at = this.charsUsed;
    for (let k = 0; k < length; k++) this.chars[at + k] = text.charCodeAt(start + k);
    this.charsUsed += length;
    return at;
  }

  private sameChars(at: number, text: string, start: number, length: number): boolean {
    const chars = this.chars;
    for (let k = 0; k < length; k++) if (chars[at + k] !== text.charCodeAt(start + k)) return false;
    return true;
  }

  /** Fills a slot's terms for the word `piece`. */
  private computeWordTerms(piece: string, at: number): void {
    const slots = this.slots;
    const c0 = piece.charCodeAt(0);
    const folded = fold(piece);
    const upperFirst = c0 < 0x80 ? c0 >= 0x41 && c0 <= 0x5a : /^\p{Lu}/u.test(piece);
    const acronym = upperFirst && piece.length >= 2 && piece.length <= 5 && piece === piece.toUpperCase() && /^\p{Lu}+$/u.test(piece);
    slots[at + UPPER_FIRST] = upperFirst ? 1 : 0;
    slots[at + ACRONYM] = -1;
    slots[at + STEM] = -1;
    slots[at + SHORT_STEM] = -1;
    const places = placeTable(fold);
    const placeWord = placeWordOf(places, folded, c0 >= 0x400 && c0 <= 0x52f);
    // A place name starts with a capital ("Hong Kong", not "turkey"), its short forms all in capitals ("US", not "us").
    const mayStart = placeWord !== undefined && (places.capitalsOnly[placeWord] ? piece === piece.toUpperCase() : !/^\p{Ll}/u.test(piece));
    slots[at + PLACE_WORD] = placeWord === undefined ? -1 : placeWord * 2 + (mayStart ? 1 : 0);
    if (acronym) slots[at + ACRONYM] = this.idOf(`w:${phonetic(folded)}`);
    else if (folded.length >= 4 && !STOP.has(folded)) {
      const stem = phonetic(folded);
      slots[at + STEM] = this.idOf(`w:${stem.slice(0, 5)}`);
      if (stem.length >= 6) slots[at + SHORT_STEM] = this.idOf(`p:${stem.slice(0, 4)}`);
    }
  }
}

/** For `scanTerms`: numbers are turned back into keys at once, so the numbering may start over. */
const sharedVocabulary = new TermVocabulary(4 * WORD_CACHE);
