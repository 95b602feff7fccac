import { describe, expect, it } from 'vitest';
import { NarrativeIndex } from '../../../../src/core/signals/narrative.ts';
import { contentTerms } from '../../../../src/core/text/terms.ts';
import { NARRATIVES } from '../../../../src/core/simulate/narratives.ts';
import { syntheticThread } from '../../../../src/core/simulate/synthetic.ts';
import { shingleHashes, normalizeText } from '../../../../src/core/text/normalize.ts';

function indexWith(texts: { key: string; account: string; text: string }[], host = syntheticThread(300, 3, 'youtube', 't')): NarrativeIndex {
  const idx = new NarrativeIndex();
  for (const r of host) idx.add({ key: r.commentId, account: r.author.id, thread: 't', text: r.text });
  for (const t of texts) idx.add({ ...t, thread: 't', shingles: shingleHashes(normalizeText(t.text)) });
  idx.settle();
  return idx;
}

describe('content terms', () => {
  it('meet across languages and scripts: names, numbers with their scale, folded stems', () => {
    const keys = (s: string) => contentTerms(s).map((t) => t.key);
    expect(keys('60 billion for Ukraine')).toEqual(expect.arrayContaining(['n:6e10', 'p:ucra']));
    expect(keys('60 mil millones para Ucrania')).toEqual(expect.arrayContaining(['n:6e10', 'p:ucra']));
    expect(keys('60 Milliarden für die Ukraine')).toEqual(expect.arrayContaining(['n:6e10']));
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
