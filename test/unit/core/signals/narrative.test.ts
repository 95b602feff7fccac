import { describe, expect, it } from 'vitest';
import { DEFAULT_NARRATIVE, NarrativeIndex, type NarrativeOptions } from '../../../../src/core/signals/narrative.ts';
import fc from 'fast-check';
import { contentTerms, scanTerms, termPieces, TermVocabulary } from '../../../../src/core/text/terms.ts';
import { NARRATIVES } from '../../../../src/core/simulate/narratives.ts';
import { syntheticThread } from '../../../../src/core/simulate/synthetic.ts';
import { shingleHashes, normalizeText } from '../../../../src/core/text/normalize.ts';

function indexWith(texts: { key: string; account: string; text: string }[], host = syntheticThread(300, 3, 'youtube', 't'), opts: Partial<NarrativeOptions> = {}): NarrativeIndex {
  const idx = new NarrativeIndex(opts);
  for (const r of host) idx.add({ key: r.commentId, account: r.author.id, thread: 't', text: r.text });
  for (const t of texts) idx.add({ ...t, thread: 't', shingles: shingleHashes(normalizeText(t.text)) });
  idx.settle();
  return idx;
}

describe('content terms', () => {
  it('meet across languages and scripts: names, numbers with their scale, folded stems', () => {
    const keys = (s: string) => contentTerms(s).map((t) => t.key);
    expect(keys('60 billion for Ukraine')).toEqual(expect.arrayContaining(['n:6e10', 'g:UA']));
    expect(keys('60 mil millones para Ucrania')).toEqual(expect.arrayContaining(['n:6e10', 'g:UA']));
    expect(keys('60 Milliarden für die Ukraine')).toEqual(expect.arrayContaining(['n:6e10', 'g:UA']));
    expect(keys('The Ukrainian minister')).toEqual(expect.arrayContaining(['p:ucra']));
    expect(keys('中国让8亿人摆脱了贫困')).toContain('n:8e8');
    expect(keys('China lifted 800 million people')).toContain('n:8e8');
    expect(keys('Путин и Зеленский')).toEqual(expect.arrayContaining(['w:selen']));
    expect(keys('Putin and Zelensky')).toEqual(expect.arrayContaining(['w:selen']));
  });

  it('takes a capital inside a sentence for a name, except in German, which capitalises every noun', () => {
    const kinds = (s: string) => Object.fromEntries(contentTerms(s).map((t) => [t.surface, t.kind]));
    expect(kinds('The machines in Maricopa flipped votes for Dominion')).toMatchObject({ Maricopa: 'name', Dominion: 'name', machines: 'word' });
    expect(kinds('Die Dominion-Maschinen haben in Maricopa 40.000 Stimmen umgedreht, die Prüfung hat es bewiesen')).toMatchObject({ Dominion: 'word', Maschinen: 'word', Maricopa: 'word', Stimmen: 'word' });
    // one German-looking word in English is not German
    expect(kinds('Soldiers die while Zelensky buys villas')).toMatchObject({ Zelensky: 'name' });
  });

  it('gives each term its word position, so a phrase is a run of adjacent places', () => {
    const places = (s: string) => {
      const out: [string, number][] = [];
      scanTerms(s, (key, _kind, _surface, place) => out.push([key, place]));
      return out;
    };
    // a name and its prefix share a place; stop and short words keep theirs
    expect(places('911 was made by the American government')).toEqual([['n:9.11e2', 0], ['w:ameri', 5], ['p:amer', 5], ['w:gover', 6]]);
    // a number ends at its last multiplier word; each Chinese character is a place
    expect(places('60 billion for Ukraine')).toEqual([['n:6e10', 1], ['g:UA', 3]]);
    // a place name is one term at its first word or character
    expect(places('美国政府 money')).toEqual([['g:US', 0], ['h:国政', 1], ['h:政府', 2], ['w:monei', 4]]);
    expect(places('protests in Hong Kong today')).toEqual([['w:prote', 0], ['g:HK', 2], ['w:todai', 4]]);
  });

  it('splits ASCII text by hand exactly as the Unicode pattern would (numbers with separators, letter runs)', () => {
    const PIECE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+|\d+(?:[.,\s]\d{3})*(?:[.,]\d+)?|[\p{L}\p{M}]+/gu;
    const ascii = fc.string({ unit: fc.constantFrom('a', 'Z', 'k', '0', '7', '1', ',', '.', ' ', '\t', '\n', '_', '-', '@', '[', '`', '{', '~', '\x7f'), maxLength: 120 });
    fc.assert(
      fc.property(ascii, (t) => {
        expect(termPieces(t)).toEqual(t.match(PIECE) ?? []);
      }),
      { numRuns: 3000 },
    );
    expect(termPieces('60,000.5 and 1.2345 or 12 345x')).toEqual(['60,000.5', 'and', '1.234', '5', 'or', '12 345', 'x']);
  });

  it('numbers terms the same whether a word is new to the vocabulary, remembered, or forgotten when the word table fills', () => {
    const texts = syntheticThread(400, 5).map((r) => r.text).concat(['60 billion for Ukraine', '中国让8亿人摆脱了贫困', 'Putin and Zelensky, NATO', '911 was made by the American government']);
    const keysOf = (v: TermVocabulary, t: string) => {
      const out: string[] = [];
      v.scan(t, (id, kind, place) => out.push(`${v.keyOf(id)} ${kind} ${place}`));
      return out;
    };
    const warm = new TermVocabulary();
    // 25,000 distinct words (letters only): the word table is dropped and refilled on the way
    const word = (k: number) => k.toString(26).replace(/\d/g, (d) => 'qrstuvwxyz'[Number(d)]);
    for (let k = 0; k < 25_000; k++) warm.scan(`Filler ${word(k)}x and ${word(k)}`, () => {});
    for (const t of texts) {
      const fresh = keysOf(new TermVocabulary(), t);
      expect(keysOf(warm, t)).toEqual(fresh);
      expect(keysOf(warm, t)).toEqual(fresh);
      const viaKeys: string[] = [];
      scanTerms(t, (key, kind, _surface, place) => viaKeys.push(`${key} ${kind} ${place}`));
      expect(viaKeys).toEqual(fresh);
    }
  });

  it('drops stop words, short words, links, mentions and single digits', () => {
    expect(contentTerms('this is what they would do @someone https://example.org/x 5')).toEqual([]);
  });
});

describe('narrative similarity', () => {
  it('links paraphrases of one off-topic narrative in several languages, quoting the shared terms', () => {
    const n = NARRATIVES[1];
    const idx = indexWith(n.variants.map((v, i) => ({ key: `n${i}`, account: `camp${i}`, text: v.text })));
    const groups = idx.allGroups();
    expect(groups).toHaveLength(1);
    expect(groups[0].accounts.length).toBeGreaterThanOrEqual(n.variants.length - 1);
    expect(groups[0].offTopic).toBe(true);
    expect(groups[0].terms).toEqual(expect.arrayContaining(['Dominion', 'Maricopa']));
    expect(new Set(n.variants.map((v) => v.lang)).size).toBeGreaterThanOrEqual(4);
  });

  it('judges off-topic by the words the rest of a short thread repeats: a narrative it never mentions is off-topic, a tangent in its own words is not', () => {
    // 20 comments about a game: the thread's topic is the words they repeat.
    const host = Array.from({ length: 20 }, (_, i) => ({ key: `h${i}`, account: `fan${i}`, text: `The boss fight in level ${i % 5 === 0 ? 'three' : 'seven'} is brutal, great gameplay, tight controls and music` }));
    const short = (extra: { key: string; account: string; text: string }[]) => {
      const idx = new NarrativeIndex();
      for (const r of [...host, ...extra]) idx.add({ ...r, thread: 't', shingles: shingleHashes(normalizeText(r.text)) });
      idx.settle();
      return idx.allGroups();
    };
    const campaign = short(NARRATIVES[1].variants.slice(0, 6).map((v, i) => ({ key: `n${i}`, account: `camp${i}`, text: v.text })));
    expect(campaign).toHaveLength(1);
    expect(campaign[0].threadComments).toBeLessThan(DEFAULT_NARRATIVE.offTopicMinThread);
    expect(campaign[0].topicalShare).toBeLessThanOrEqual(DEFAULT_NARRATIVE.offTopicMaxTopical);
    expect(campaign[0].offTopic).toBe(true);
    // Five fans on a tangent of their own (a speedrunner's record) still write in the thread's words.
    const tangent = short([
      { key: 't0', account: 'f0', text: 'Kazuma holds the speedrun record, what a boss fight' },
      { key: 't1', account: 'f1', text: 'Kazuma set a speedrun record on level seven' },
      { key: 't2', account: 'f2', text: 'That Kazuma got the speedrun record, great music' },
      { key: 't3', account: 'f3', text: 'Kazuma has the speedrun record, brutal gameplay' },
      { key: 't4', account: 'f4', text: 'Nobody beats Kazuma and his speedrun record on three, tight controls' },
    ]);
    expect(tangent.length).toBeGreaterThan(0);
    for (const g of tangent) expect(g.offTopic).toBe(false);
    // The same narrative from four accounts is not enough in a short thread.
    const four = short(NARRATIVES[1].variants.slice(0, 4).map((v, i) => ({ key: `n${i}`, account: `camp${i}`, text: v.text })));
    for (const g of four) expect(g.offTopic).toBe(false);
  });

  it('counts one shared phrase once: an organic comment naming "the American government" does not join a campaign about it', () => {
    // A campaign's narrative in five accounts' words (copies would be the near-duplicate signal's case).
    const campaign = [
      'Everyone can see who is really behind the chaos. The American government only cares about weapons money',
      'Who is behind all this chaos? Follow the weapons money, the American government profits',
      'The chaos has one author: the American government, and its weapons money',
      'Weapons money is all the American government cares about, they are behind the chaos',
      'Behind the chaos stand weapons money and the American government, as always',
    ].map((text, i) => ({ key: `c${i}`, account: `camp${i}`, text }));
    // Two real comments of a music video (UCI KatyPerry): one names the same government, one the same continent.
    const organic = [
      { key: 'o0', account: 'youngj', text: 'People who believe in Illuminati are stupid the same people believe that 911 was made by the American government' },
      { key: 'o1', account: 'hannam', text: 'In what South American jungle or any jungle for that matter do you find an African elephant and a bengal tiger in the same place. Who made this video.' },
    ];
    const idx = indexWith([...campaign, ...organic]);
    const group = idx.groupOf('c0');
    expect(group?.accounts).toEqual(['camp0', 'camp1', 'camp2', 'camp3', 'camp4']);
    expect(idx.groupOf('o0')).toBeUndefined();
    expect(idx.groupOf('o1')).toBeUndefined();
    // "American" (a name, and its prefix) and "government" are three shared rare terms but one phrase;
    // counted as three, they linked the organic comment.
    const counted = indexWith([...campaign, ...organic], undefined, { minSharedPhrases: 1 });
    expect(counted.groupOf('o0')?.accounts).toContain('youngj');
  });

  it('does not link comments that only share the thread’s own vocabulary', () => {
    const host = Array.from({ length: 120 }, (_, i) => ({
      commentId: `h${i}`,
      author: { id: `fan${i}` },
      text: `Dominion Maricopa audit votes machines ${i % 7 === 0 ? 'again' : 'today'} number ${i}`,
    }));
    const idx = new NarrativeIndex();
    for (const r of host) idx.add({ key: r.commentId, account: r.author.id, thread: 't', text: r.text });
    idx.settle();
    expect(idx.allGroups()).toEqual([]);
  });

  it('leaves exact copies to the near-duplicate signal and needs three accounts', () => {
    const text = NARRATIVES[0].variants[0].text;
    const copies = indexWith([0, 1, 2, 3].map((i) => ({ key: `c${i}`, account: `a${i}`, text })));
    expect(copies.allGroups()).toEqual([]);
    const two = indexWith(NARRATIVES[0].variants.slice(0, 2).map((v, i) => ({ key: `n${i}`, account: `a${i}`, text: v.text })));
    expect(two.allGroups()).toEqual([]);
  });

  it('ignores comments pointing at a moment of the video', () => {
    const idx = indexWith(NARRATIVES[2].variants.map((v, i) => ({ key: `n${i}`, account: `a${i}`, text: `4:20 ${v.text}` })));
    expect(idx.allGroups()).toEqual([]);
  });

  it('gives the same groups whatever the arrival order, and reports the accounts a new comment changes', () => {
    const host = syntheticThread(200, 9, 'youtube', 't');
    const campaign = NARRATIVES[3].variants.map((v, i) => ({ commentId: `n${i}`, author: { id: `camp${i}` }, text: v.text }));
    const all = [...host, ...campaign];
    const run = (order: typeof all) => {
      const idx = new NarrativeIndex();
      for (const r of order) idx.add({ key: r.commentId, account: r.author.id, thread: 't', text: r.text });
      idx.settle();
      return idx.allGroups().map((g) => g.commentKeys.join(','));
    };
    const forward = run(all);
    expect(forward.length).toBe(1);
    expect(run([...all].reverse())).toEqual(forward);
    const idx = new NarrativeIndex();
    for (const r of all.slice(0, -1)) idx.add({ key: r.commentId, account: r.author.id, thread: 't', text: r.text });
    idx.settle();
    const last = all[all.length - 1];
    idx.add({ key: last.commentId, account: last.author.id, thread: 't', text: last.text });
    expect(idx.settle()).toContain(last.author.id);
  });
});
