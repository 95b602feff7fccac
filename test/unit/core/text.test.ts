import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isMostlyCjk, jaccard, normalizeText, shingleHashes, textShingles } from '../../../src/core/text/normalize.ts';
import { extractTokens } from '../../../src/core/text/tokens.ts';
import { commentTime, parseRelativeTime, parseTimestamp } from '../../../src/core/text/time.ts';
import { detectLanguage } from '../../../src/core/text/language.ts';
import { asciiScript, dominantScript } from '../../../src/core/text/script.ts';

describe('normalizeText', () => {
  it('folds case, width, punctuation, whitespace and emoji variants', () => {
    expect(normalizeText('Ｓｔｏｐ   the LIES!!! ❤️👍🏽')).toBe(normalizeText('stop the lies ❤👍'));
    expect(normalizeText('中国，加油！')).toBe('中国 加油');
  });
  it('gives identical shingles for variants and lower similarity for different text', () => {
    const a = shingleHashes(normalizeText('The US keeps lecturing the world about democracy'));
    const b = shingleHashes(normalizeText('the us keeps LECTURING the world, about democracy!!'));
    const c = shingleHashes(normalizeText('I really enjoyed the animation in this video'));
    expect(jaccard(a, b)).toBe(1);
    expect(jaccard(a, c)).toBeLessThan(0.1);
  });
  it('shingles ASCII text in one pass exactly as normalising it first would (any characters, any length)', () => {
    const ascii = fc.string({ unit: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)), maxLength: 1400 });
    const mixed = fc.string({ unit: fc.constantFrom('a', 'B', ' ', '\t', '\v', '\x1c', '!', '.', '@', '9', 'é', '中', '😂', '\u00a0', '\u3000', 'Ｓ'), maxLength: 200 });
    for (const texts of [ascii, mixed]) {
      fc.assert(
        fc.property(texts, (t) => {
          expect([...textShingles(t)]).toEqual([...shingleHashes(normalizeText(t))]);
        }),
        { numRuns: 3000 },
      );
    }
    expect([...textShingles('  Hello,   WORLD!! ')]).toEqual([...shingleHashes('hello world')]);
  });
  it('hashes every window of k code points (5; 2 for CJK) with FNV-1a, each hash once, in order of first occurrence', () => {
    // The plain definition, against the unrolled loop of the common case.
    const reference = (text: string) => {
      const cps = Array.from(text, (ch) => ch.codePointAt(0)!);
      const k = isMostlyCjk(text) ? 2 : 5;
      const out: number[] = [];
      for (let i = 0; i === 0 || i + k <= cps.length; i++) {
        if (cps.length === 0) break;
        let h = 0x811c9dc5;
        for (const c of cps.slice(i, i + k)) h = Math.imul(h ^ c, 0x01000193);
        if (!out.includes(h >>> 0)) out.push(h >>> 0);
      }
      return out;
    };
    const texts = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'Z', ' ', '9', 'é', '中', '国', '😂', 'ß'), maxLength: 300 });
    fc.assert(
      fc.property(texts, (t) => {
        expect([...shingleHashes(t)]).toEqual(reference(t));
      }),
      { numRuns: 3000 },
    );
    expect([...shingleHashes('abcdefg')]).toEqual(reference('abcdefg'));
  });
  it('keeps each shingle once, and measures Jaccard exactly whatever the order of the hashes', () => {
    const words = fc.array(fc.constantFrom('the', 'lies', 'stop', 'stop the', '中国', '加油', 'la la', '😂', 'vote', 'now'), { maxLength: 40 }).map((w) => w.join(' '));
    const mergeJaccard = (a: number[], b: number[]) => {
      const inA = new Set(a);
      const shared = b.filter((x) => inA.has(x)).length;
      return a.length + b.length === 0 ? 1 : shared / (a.length + b.length - shared);
    };
    fc.assert(
      fc.property(words, words, (x, y) => {
        const a = shingleHashes(normalizeText(x));
        const b = shingleHashes(normalizeText(y));
        expect(new Set(a).size).toBe(a.length);
        expect(jaccard(a, b)).toBe(mergeJaccard([...a], [...b]));
        expect(jaccard(b, a)).toBe(jaccard(a, b));
        expect(jaccard(a, new Uint32Array([...a].reverse()))).toBe(1);
      }),
      { numRuns: 1000 },
    );
    // 'la la la la la': windows repeat; each is kept once
    expect(shingleHashes('la la la la la').length).toBe(3);
  });
});

describe('parseTimestamp', () => {
  it('reads ISO timestamps exactly as Date.parse does, and hands every other string to it', () => {
    const iso = fc.date({ min: new Date(Date.UTC(-500, 0, 1)), max: new Date(Date.UTC(9999, 11, 31)), noInvalidDate: true }).map((d) => d.toISOString());
    fc.assert(
      fc.property(iso, fc.boolean(), (s, dropMs) => {
        const t = dropMs && s.length === 24 ? `${s.slice(0, 19)}Z` : s;
        expect(parseTimestamp(t)).toBe(Date.parse(t));
      }),
      { numRuns: 5000 },
    );
    // the same shape with any characters where the digits go (month 13, day 31, hour 24, letters, ...)
    const shaped = fc.array(fc.constantFrom('0', '1', '2', '3', '4', '5', '9', 'a', ' ', '-'), { minLength: 17, maxLength: 17 }).map((d) => `${d.slice(0, 4).join('')}-${d.slice(4, 6).join('')}-${d.slice(6, 8).join('')}T${d.slice(8, 10).join('')}:${d.slice(10, 12).join('')}:${d.slice(12, 14).join('')}.${d.slice(14, 17).join('')}Z`);
    fc.assert(
      fc.property(shaped, (s) => {
        expect(Object.is(parseTimestamp(s), Date.parse(s))).toBe(true);
      }),
      { numRuns: 5000 },
    );
    for (const s of ['2026-02-29T00:00:00Z', '2024-02-29T23:59:59.999Z', '2026-13-01T00:00:00Z', '2026-01-01T24:00:00Z', '0099-01-01T00:00:00Z', '2026-01-01T00:00:00+02:00', '2026-01-01', 'yesterday', '']) {
      expect(Object.is(parseTimestamp(s), Date.parse(s))).toBe(true);
    }
  });
});

describe('extractTokens', () => {
  it('finds links, hashtags, mentions, long numbers and mixed emoji runs, not years or repeated emoji', () => {
    const keys = extractTokens('See https://www.Example.com/x/ #Truth ＃真相 @bob_1 call 555123 in 2024 😂😂😂 🔥❤️').map((t) => t.key);
    expect(keys).toEqual(expect.arrayContaining(['link:example.com/x', 'hashtag:truth', 'hashtag:真相', 'mention:bob_1', 'number:555123', 'emoji:🔥❤']));
    expect(keys.some((k) => k.includes('2024'))).toBe(false);
    expect(keys.some((k) => k.startsWith('emoji:😂'))).toBe(false);
  });
});

describe('numbers with a scale word', () => {
  const numbers = (text: string) => extractTokens(text).filter((t) => t.kind === 'number');
  it('gives "800 million", "800 milyon", "800M" and "8亿" one value, keeping how each was written', () => {
    for (const [text, written] of [
      ['China lifted 800 million people out of poverty', '800 million'],
      ['Çin 800 milyon insanı yoksulluktan kurtardı', '800 milyon'],
      ['800M people', '800M'],
      ['中国让8亿人摆脱了贫困', '8亿'],
      ['中國讓8億人擺脫了貧困', '8億'],
    ]) {
      expect(numbers(text).find((t) => t.key === 'number:800000000')?.written, text).toBe(written);
    }
  });
  it('reads two scale words, decimals and thousands separators', () => {
    expect(numbers('los 60 mil millones para Ucrania')[0].key).toBe('number:60000000000');
    expect(numbers('die 60 Milliarden für die Ukraine')[0].key).toBe('number:60000000000');
    expect(numbers('2.5 billion')[0].key).toBe('number:2500000000');
    expect(numbers('25亿')[0].key).toBe('number:2500000000');
    expect(numbers('40 mil votos')[0].key).toBe('number:40000');
    expect(numbers('40,000 ballots')[0].key).toBe('number:40000');
  });
  it('keeps the digits of a scaled number as a second token that points to its value, so a bare "800" still meets it', () => {
    expect(numbers('800 million')).toContainEqual({ kind: 'number', key: 'number:800', of: 'number:800000000' });
    expect(numbers('Çin 800 yoksulluktan')).toEqual([{ kind: 'number', key: 'number:800' }]);
  });
  it('does not read a unit or a small count as a scale', () => {
    expect(numbers('5 m away from the stage')).toEqual([]);
    expect(numbers('8人')).toEqual([]);
    expect(numbers('3 people')).toEqual([]);
  });
});

describe('times', () => {
  it('parses relative times in several languages with their precision', () => {
    expect(parseRelativeTime('3 hours ago')).toEqual({ ageMs: 3 * 3_600_000, precisionMs: 3_600_000 });
    expect(parseRelativeTime('vor 4 Jahren (bearbeitet)')?.precisionMs).toBe(365 * 86_400_000);
    expect(parseRelativeTime('5分钟前')?.ageMs).toBe(5 * 60_000);
    expect(parseRelativeTime('hace 3 días')?.ageMs).toBe(3 * 86_400_000);
    expect(parseRelativeTime('yesterday-ish')).toBeUndefined();
  });
  it('prefers absolute times, then relative to seenAt', () => {
    expect(commentTime({ publishedAt: '2026-01-01T00:00:00Z', seenAt: '2026-02-01T00:00:00Z' })?.source).toBe('absolute');
    const rel = commentTime({ publishedText: '2 hours ago', seenAt: '2026-02-01T12:00:00Z' });
    expect(rel).toEqual({ ms: Date.parse('2026-02-01T10:00:00Z'), precisionMs: 3_600_000, source: 'relative' });
  });
});

describe('language and script', () => {
  it('detects the language of short comments and trusts the platform when it says', () => {
    expect(detectLanguage('美国政府在撒谎 #truth').lang).toBe('zh');
    expect(detectLanguage('Türkiye çok güzel bir ülke, herkes görsün').lang).toBe('tr');
    expect(detectLanguage('This is a great explanation of the topic').lang).toBe('en');
    expect(detectLanguage('lol').reliable).toBe(false);
    expect(detectLanguage('whatever', 'ja')).toEqual({ lang: 'ja', reliable: true, source: 'platform' });
  });
  it('finds the dominant script', () => {
    expect(dominantScript('Emily Johnson')).toBe('Latin');
    expect(dominantScript('王静')).toBe('Han');
    expect(dominantScript('انس الغامدي')).toBe('Arabic');
    expect(dominantScript('12')).toBeUndefined();
  });
  it('counts letters per script exactly as testing each character against the script patterns does', () => {
    // The plain definition: each letter's script by pattern, the most frequent (first seen on ties), Kana with Han is Kana, ≥ 60 %.
    const patterns: [string, RegExp][] = [
      ['Latin', /\p{Script=Latin}/u], ['Han', /\p{Script=Han}/u], ['Kana', /[\p{Script=Hiragana}\p{Script=Katakana}]/u], ['Hangul', /\p{Script=Hangul}/u],
      ['Cyrillic', /\p{Script=Cyrillic}/u], ['Arabic', /\p{Script=Arabic}/u], ['Hebrew', /\p{Script=Hebrew}/u], ['Greek', /\p{Script=Greek}/u],
      ['Thai', /\p{Script=Thai}/u], ['Devanagari', /\p{Script=Devanagari}/u],
    ];
    const plain = (text: string, min: number) => {
      const counts = new Map<string, number>();
      let letters = 0;
      for (const ch of text) {
        if (!/\p{L}/u.test(ch)) continue;
        letters++;
        const name = patterns.find(([, re]) => re.test(ch))?.[0] ?? 'Other';
        counts.set(name, (counts.get(name) ?? 0) + 1);
      }
      if (letters < min) return undefined;
      let best: string | undefined;
      let bestCount = 0;
      for (const [n, c] of counts) if (c > bestCount) [best, bestCount] = [n, c];
      if (best === 'Han' && counts.has('Kana')) return 'Kana';
      return bestCount / letters >= 0.6 ? best : undefined;
    };
    const samples = ['a', 'Z', '1', ' ', 'é', 'ß', '王', '静', 'の', 'カ', 'ー', '한', 'Ж', 'ж', 'ب', 'ـ', 'ש', 'Ω', 'ก', 'क', 'ा', 'ǅ', 'ª', '𠀀', '😀', '\ud800', '\udc00', '·', '٣', 'Ⅻ'];
    const unit = fc.oneof(fc.constantFrom(...samples), fc.integer({ min: 0x80, max: 0xffff }).map((c) => String.fromCharCode(c)));
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 24 }), fc.integer({ min: 1, max: 5 }), (units, min) => {
        const t = units.join('');
        expect(dominantScript(t, min)).toBe(plain(t, min));
      }),
      { numRuns: 5000 },
    );
  });
  it('decides ASCII text after its first letters exactly as the full count does', () => {
    const ascii = fc.string({ unit: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)), maxLength: 40 });
    fc.assert(
      fc.property(ascii, fc.integer({ min: 1, max: 6 }), (t, min) => {
        expect(asciiScript(t, min)).toBe(dominantScript(t, min));
      }),
      { numRuns: 3000 },
    );
  });
});
