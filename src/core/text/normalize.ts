/**
 * Text normalisation for comparing comments: the same slogan typed with different case, spacing,
 * punctuation, full-width characters or emoji variants must compare equal.
 */

// Variation selectors, skin-tone modifiers, zero-width characters, tag characters (flag sequences).
const INVISIBLE = /[\uFE00-\uFE0F\u200B-\u200F\u2060-\u2064\uFEFF\u{1F3FB}-\u{1F3FF}\u{E0020}-\u{E007F}\u00AD]/gu;
const PUNCTUATION_OR_SYMBOL = /[\p{P}\p{Sm}\p{Sk}\p{Sc}]+/gu;
const WHITESPACE = /\s+/gu;

/** Lower-cased, NFKC-folded text with punctuation removed, emoji variants unified and spaces collapsed. */
export function normalizeText(text: string): string {
  if (!/[^\x00-\x7f]/.test(text)) {
    return text.toLowerCase().replace(/[!-\/:-@\[-`{-~]+/g, ' ').replace(/\s+/g, ' ').trim();
  }
  return text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .toLowerCase()
    .replace(PUNCTUATION_OR_SYMBOL, ' ')
    .replace(WHITESPACE, ' ')
    .trim();
}

const CJK_ALL = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
const LETTERS_ALL = /\p{L}/gu;
const NON_ASCII = /[^\x00-\x7f]/;

/** True when the text is mostly written in a script without spaces between words (CJK). */
export function isMostlyCjk(text: string): boolean {
  if (!NON_ASCII.test(text)) return false;
  const cjk = text.match(CJK_ALL)?.length ?? 0;
  if (cjk === 0) return false;
  const letters = text.match(LETTERS_ALL)?.length ?? 0;
  return letters > 0 && cjk / letters >= 0.5;
}

/** 32-bit FNV-1a hash of a string (UTF-16 code units). */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Character shingles of normalised text, as unique 32-bit hashes in order of first occurrence (a
 * set: MinHash and `jaccard` read it in any order). CJK text gets shorter shingles because one
 * character carries roughly a word's worth of information.
 */
export function shingleHashes(normalized: string, maxChars = 600): Uint32Array {
  const text = normalized.length > maxChars ? normalized.slice(0, maxChars) : normalized;
  const k = isMostlyCjk(text) ? 2 : 5;
  // Code points (not UTF-16 units) so that an emoji or a rare CJK character counts as one character.
  const cps = scratch(text.length, 0);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      cps[n++] = text.codePointAt(i)!;
      i++;
    } else cps[n++] = c;
  }
  return hashShingles(cps, n, k);
}

/**
 * `shingleHashes(normalizeText(text))`, without building the normalised string when the text is
 * ASCII (most comments): lower case, each run of punctuation and spaces one space, none at either end.
 */
export function textShingles(text: string, ascii = !NON_ASCII.test(text), maxChars = 600): Uint32Array {
  if (!ascii) return shingleHashes(normalizeText(text), maxChars);
  const cps = scratch(Math.min(text.length, maxChars), 0);
  let n = 0;
  let space = false;
  for (let i = 0; i < text.length && n < maxChars; i++) {
    let c = text.charCodeAt(i);
    // \s among ASCII (tab, line feed, vertical tab, form feed, carriage return, space) and the
    // punctuation class of normalizeText: both become (collapsed) spaces.
    if ((c >= 0x09 && c <= 0x0d) || (c >= 0x20 && c <= 0x2f) || (c >= 0x3a && c <= 0x40) || (c >= 0x5b && c <= 0x60) || (c >= 0x7b && c <= 0x7e)) {
      space = n > 0;
      continue;
    }
    if (c >= 0x41 && c <= 0x5a) c |= 0x20;
    if (space) {
      cps[n++] = 0x20;
      space = false;
      if (n === maxChars) break;
    }
    cps[n++] = c;
  }
  return hashShingles(cps, n, 5);
}

/**
 * Unique FNV-1a hashes of the k-character windows of `cps[0..n)`, in order of first occurrence.
 * Repeats are dropped through a small hash table rather than by sorting: all comments are shingled,
 * while only the few pairs that MinHash finds similar are ever compared exactly.
 */
function hashShingles(cps: Uint32Array, n: number, k: number): Uint32Array {
  if (n === 0) return new Uint32Array(0);
  const count = n < k ? 1 : n - k + 1;
  const raw = scratch(count, 1);
  const seen = hashSet(count);
  let u = 0;
  if (k === 5 && n >= 5) {
    // The common case unrolled: the window's five characters slide along in locals (one read per
    // position instead of five); the same hash as the loop below.
    let c0 = cps[0];
    let c1 = cps[1];
    let c2 = cps[2];
    let c3 = cps[3];
    for (let i = 0; i < count; i++) {
      const c4 = cps[i + 4];
      let h = Math.imul(0x811c9dc5 ^ c0, 0x01000193);
      h = Math.imul(h ^ c1, 0x01000193);
      h = Math.imul(h ^ c2, 0x01000193);
      h = Math.imul(h ^ c3, 0x01000193);
      h = Math.imul(h ^ c4, 0x01000193) >>> 0;
      if (seen.add(h)) raw[u++] = h;
      c0 = c1;
      c1 = c2;
      c2 = c3;
      c3 = c4;
    }
    return arenaCopy(raw, u);
  }
  for (let i = 0; i < count; i++) {
    let h = 0x811c9dc5;
    const end = Math.min(n, i + k);
    for (let j = i; j < end; j++) h = Math.imul(h ^ cps[j], 0x01000193);
    h >>>= 0;
    if (seen.add(h)) raw[u++] = h;
  }
  return arenaCopy(raw, u);
}

/**
 * A set of 32-bit values for one use at a time (cleared by starting a new generation, not by
 * writing zeros): the table behind shingle de-duplication and `jaccard`.
 */
class ScratchSet {
  private values = new Uint32Array(1 << 11);
  private stamps = new Int32Array(1 << 11);
  private generation = 0;
  private shift = 32 - 11;

  /** Empties the set, sized for `count` values. */
  reset(count: number): this {
    if (count * 2 > this.values.length) {
      let bits = 32 - this.shift;
      while (1 << bits < count * 2) bits++;
      this.values = new Uint32Array(1 << bits);
      this.stamps = new Int32Array(1 << bits);
      this.shift = 32 - bits;
      this.generation = 0;
    }
    if (++this.generation === 0x7fffffff) {
      this.stamps.fill(0);
      this.generation = 1;
    }
    return this;
  }

  /** Adds a value; false when it was already in. */
  add(value: number): boolean {
    const { values, stamps, generation } = this;
    const mask = values.length - 1;
    let s = Math.imul(value, 0x9e3779b1) >>> this.shift;
    for (; stamps[s] === generation; s = (s + 1) & mask) if (values[s] === value) return false;
    stamps[s] = generation;
    values[s] = value;
    return true;
  }

  has(value: number): boolean {
    const { values, stamps, generation } = this;
    const mask = values.length - 1;
    for (let s = Math.imul(value, 0x9e3779b1) >>> this.shift; stamps[s] === generation; s = (s + 1) & mask) if (values[s] === value) return true;
    return false;
  }
}
const scratchSet = new ScratchSet();
function hashSet(count: number): ScratchSet {
  return scratchSet.reset(count);
}

// Shingle sets live as views into shared chunks: one ArrayBuffer per 256 K values instead of one per
// comment, which the garbage collector would otherwise have to track one by one.
const CHUNK = 1 << 18;
let arena = new Uint32Array(CHUNK);
let arenaUsed = 0;
function arenaCopy(source: Uint32Array, length: number): Uint32Array {
  if (length > CHUNK / 4) return source.slice(0, length);
  if (arenaUsed + length > arena.length) {
    arena = new Uint32Array(CHUNK);
    arenaUsed = 0;
  }
  const start = arenaUsed;
  for (let i = 0; i < length; i++) arena[start + i] = source[i];
  arenaUsed += length;
  return arena.subarray(start, start + length);
}

// Reused work buffers: shingling runs for every comment, and fresh arrays each time would keep the
// garbage collector busy.
const buffers = [new Uint32Array(1024), new Uint32Array(1024)];
function scratch(size: number, which: 0 | 1): Uint32Array {
  if (buffers[which].length < size) buffers[which] = new Uint32Array(Math.max(size, buffers[which].length * 2));
  return buffers[which];
}

/** Exact Jaccard similarity of two arrays of unique hashes (in any order). */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 && b.length === 0) return 1;
  const [small, large] = a.length <= b.length ? [a, b] : [b, a];
  const set = hashSet(small.length);
  for (let i = 0; i < small.length; i++) set.add(small[i]);
  let shared = 0;
  for (let i = 0; i < large.length; i++) if (set.has(large[i])) shared++;
  return shared / (a.length + b.length - shared);
}
