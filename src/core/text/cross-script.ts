/**
 * Places named in any script, as one term: "China", "Chine", "Çin", "Китай", "中国", "中國" and "중국"
 * are the region CN; "Hong Kong", "Гонконг" and "香港" are HK. The names come from the runtime's own
 * CLDR data (`Intl.DisplayNames`, full ICU in Node, Chrome and Firefox), in the languages the product
 * reads, long and short forms ("United States", "US", "EE. UU.", "ABD", "美国"): no hand-made gazetteer.
 * A few English forms CLDR lacks are added (see EXTRA). The table is built once, on first use.
 *
 * Names are matched the way the term scanner reads text: Latin, Cyrillic, Greek, Arabic and Hangul
 * names as sequences of folded words (the caller folds with the same function), Chinese and Japanese
 * names inside runs of Han and kana characters. A name written in lower case ("turkey", "china") is
 * not matched, nor a short all-capital form ("US", "UK", "ABD") unless written in capitals.
 */

/** The languages whose region names are read (those the product meets in comment sections). */
const LOCALES = ['en', 'es', 'pt', 'fr', 'de', 'it', 'tr', 'id', 'vi', 'ru', 'uk', 'zh', 'zh-Hant', 'ja', 'ko', 'ar', 'fa', 'hi'];
/** Region codes that name no place a comment would mention, or only a grouping of them. */
const SKIP = new Set(['ZZ', 'QO', 'XA', 'XB', 'EZ', 'UM']);
/**
 * Everyday English forms CLDR's names lack (its en forms are "United States" / "US", "United Kingdom" /
 * "UK", and "Türkiye" since 2022). Kept to these three countries.
 */
const EXTRA: [string, string][] = [
  ['America', 'US'],
  ['USA', 'US'],
  ['Britain', 'GB'],
  ['Great Britain', 'GB'],
  ['Turkey', 'TR'],
];

const HAN_OR_KANA = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+$/u;
const WORD = /[\p{L}\p{M}]+/gu;

export interface PlaceTable {
  /** the region code of each place id */
  codes: string[];
  /** folded word → word id (words of Latin/Cyrillic/… names) */
  wordIds: Map<string, number>;
  /** a one-word Cyrillic name without its case ending ("rossi" of Россия) → its word id */
  cyrillicStems: Map<string, number>;
  /** word id → whether the word, written in capitals, is a name's first word only that way ("US", "ABD") */
  capitalsOnly: boolean[];
  /** first word id → the names starting with it: the word ids after the first, and the place id; longest first */
  byFirstWord: Map<number, { rest: number[]; place: number }[]>;
  /** first two characters → Chinese/Japanese names starting with them, longest first */
  byHanStart: Map<string, { name: string; length: number; place: number }[]>;
  /** milliseconds the build took (for the bench) */
  buildMs: number;
}

let table: PlaceTable | undefined;

/**
 * The place table, built on first use from the runtime's CLDR region names. A runtime without region
 * names (no `Intl.DisplayNames`, or ICU without its data) gets an empty table: places then meet only as
 * the words they are, as before this table existed, and the analysis keeps working.
 */
export function placeTable(fold: (word: string) => string): PlaceTable {
  if (table) return table;
  try {
    table = buildPlaceTable(fold);
  } catch {
    table = { codes: [], wordIds: new Map(), cyrillicStems: new Map(), capitalsOnly: [], byFirstWord: new Map(), byHanStart: new Map(), buildMs: 0 };
  }
  return table;
}

function buildPlaceTable(fold: (word: string) => string): PlaceTable {
  const started = performance.now();
  const english = new Intl.DisplayNames('en', { type: 'region', fallback: 'none' });
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const codes: string[] = [];
  for (const a of letters)
    for (const b of letters) {
      const code = a + b;
      // Deprecated codes (UK, SU, BU…) have a current one with the same names.
      if (SKIP.has(code) || english.of(code) === undefined || Intl.getCanonicalLocales(`und-${code}`)[0] !== `und-${code}`) continue;
      codes.push(code);
    }
  // Each written name → the regions it names; a name of two regions ("Congo", "Guinea" in some languages) is left out.
  const named = new Map<string, Set<string>>();
  const note = (name: string, code: string) => {
    let set = named.get(name);
    if (!set) named.set(name, (set = new Set()));
    set.add(code);
  };
  for (const locale of LOCALES)
    for (const style of ['long', 'short'] as const) {
      const names = new Intl.DisplayNames(locale, { type: 'region', style, fallback: 'none' });
      for (const code of codes) {
        const name = names.of(code);
        if (!name) continue;
        note(name, code);
        // "Myanmar (Burma)", "Congo - Kinshasa": the part before a bracket or dash too (not the bracket's, "Hong Kong (China)").
        const head = name.split(/\s*[(（]|\s+[-–]\s+/u)[0].trim();
        if (head && head !== name) note(head, code);
      }
    }
  for (const [name, code] of EXTRA) note(name, code);

  const placeOf = new Map<string, number>();
  const wordIds = new Map<string, number>();
  const cyrillicStems = new Map<string, number>();
  const capitalsOnly: boolean[] = [];
  const byFirstWord = new Map<number, { rest: number[]; place: number }[]>();
  const byHanStart = new Map<string, { name: string; length: number; place: number }[]>();
  for (const [name, regions] of named) {
    if (regions.size !== 1) continue;
    const code = [...regions][0];
    let place = placeOf.get(code);
    if (place === undefined) placeOf.set(code, (place = placeOf.size));
    if (HAN_OR_KANA.test(name)) {
      const chars = Array.from(name);
      if (chars.length < 2) continue;
      const head = chars[0] + chars[1];
      let list = byHanStart.get(head);
      if (!list) byHanStart.set(head, (list = []));
      list.push({ name, length: chars.length, place });
      continue;
    }
    const words = name.match(WORD);
    if (!words) continue;
    // One short Latin or Cyrillic word ("Mỹ") names too many other things, unless an all-capital form
    // ("US", "UK": matched only in capitals); two Hangul or Arabic letters ("중국") are a name.
    const caseless = words.every((w) => w.toUpperCase() === w.toLowerCase());
    const allCapitals = !caseless && words.length <= 2 && words.every((w) => w.length <= 3 && w === w.toUpperCase());
    if (words.length === 1 && words[0].length < (caseless ? 2 : 3) && !(allCapitals && words[0].length >= 2)) continue;
    const ids = words.map((w) => {
      const folded = fold(w);
      let id = wordIds.get(folded);
      if (id === undefined) {
        wordIds.set(folded, (id = wordIds.size));
        capitalsOnly.push(true);
      }
      return id;
    });
    if (!allCapitals) capitalsOnly[ids[0]] = false;
    if (words.length === 1 && CYRILLIC.test(words[0])) {
      const stem = withoutEnding(fold(words[0]));
      if (stem !== undefined) cyrillicStems.set(stem, ids[0]);
    }
    let list = byFirstWord.get(ids[0]);
    if (!list) byFirstWord.set(ids[0], (list = []));
    if (!list.some((n) => n.place === place && n.rest.join() === ids.slice(1).join())) list.push({ rest: ids.slice(1), place });
  }
  for (const list of byFirstWord.values()) list.sort((x, y) => y.rest.length - x.rest.length);
  for (const list of byHanStart.values()) list.sort((x, y) => y.length - x.length);
  const placeCodes: string[] = [];
  for (const [code, place] of placeOf) placeCodes[place] = code;
  return { codes: placeCodes, wordIds, cyrillicStems, capitalsOnly, byFirstWord, byHanStart, buildMs: performance.now() - started };
}

const CYRILLIC = /^\p{Script=Cyrillic}/u;
/** Russian and Ukrainian case endings, folded (Китая, Китаю, Китае, России, Украину, Тайваня), longest first. */
const CASE_ENDINGS = ['yami', 'ami', 'iei', 'ei', 'oi', 'om', 'em', 'ov', 'ev', 'yu', 'ya', 'iu', 'ia', 'a', 'e', 'i', 'y', 'u', 'o'];

/** A folded word without its case ending, when at least 4 letters stay. */
function withoutEnding(folded: string): string | undefined {
  for (const ending of CASE_ENDINGS) if (folded.endsWith(ending) && folded.length - ending.length >= 4) return folded.slice(0, -ending.length);
  return undefined;
}

/**
 * The place-word id of a folded word, or undefined. A Cyrillic word (`cyrillic`) may carry a case
 * ending: "Китае" is "Китай", "России" is "Россия" (only one-word names, stems of 4 letters or more).
 */
export function placeWordOf(t: PlaceTable, folded: string, cyrillic: boolean): number | undefined {
  const id = t.wordIds.get(folded);
  // ("Китаю" is also a later word of a name: "Гонконг, О.А.Р. Китаю")
  if (!cyrillic || (id !== undefined && t.byFirstWord.has(id))) return id;
  for (const ending of CASE_ENDINGS) {
    if (!folded.endsWith(ending) || folded.length - ending.length < 4) continue;
    const stem = folded.slice(0, -ending.length);
    const found = t.cyrillicStems.get(stem) ?? t.wordIds.get(stem);
    if (found !== undefined && t.byFirstWord.has(found)) return found;
  }
  return id;
}

/** The term key of a place id: 'g:' and its region code. */
export function placeKey(t: PlaceTable, place: number): string {
  return `g:${t.codes[place]}`;
}

let englishNames: Intl.DisplayNames | undefined;

/** A place term key's English name, for reasons ("g:HK" → "Hong Kong"); undefined for other keys. */
export function placeName(key: string): string | undefined {
  if (!key.startsWith('g:')) return undefined;
  englishNames ??= new Intl.DisplayNames('en', { type: 'region', style: 'short', fallback: 'code' });
  return englishNames.of(key.slice(2));
}

/**
 * Chinese or Japanese place names inside a run of such characters: calls `found` with each name's
 * place id, first character and length (in characters), longest first at each position, not overlapping.
 */
export function hanPlaces(t: PlaceTable, chars: string[], found: (place: number, start: number, length: number) => void): void {
  for (let j = 0; j + 1 < chars.length; j++) {
    const list = t.byHanStart.get(chars[j] + chars[j + 1]);
    if (!list) continue;
    for (const { name, length, place } of list) {
      if (j + length > chars.length) continue;
      if (length > 2 && chars.slice(j, j + length).join('') !== name) continue;
      found(place, j, length);
      j += length - 1;
      break;
    }
  }
}
