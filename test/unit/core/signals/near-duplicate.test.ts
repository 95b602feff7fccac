import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BucketTable, findNearDuplicates, NearDuplicateIndex } from '../../../../src/core/signals/near-duplicate.ts';
import { createRng } from '../../../../src/core/simulate/index.ts';
import { prepareComment } from '../../../../src/core/signals/prepare.ts';
import { rec } from '../helpers.ts';

const template = 'The US keeps lecturing the world about democracy while its own cities fall apart';

describe('near-duplicate text', () => {
  it('clusters small edits by three distinct accounts, across case and emoji variants', () => {
    const comments = [
      rec({ text: template }),
      rec({ text: template.toUpperCase() + ' 👍🏽' }),
      rec({ text: template.replace('world', 'whole world').replace('cities', 'towns') }),
      rec({ text: 'I loved the animation and the soundtrack of this video, great work' }),
    ].map(prepareComment);
    const clusters = findNearDuplicates(comments);
    expect(clusters).toHaveLength(1);
    expect(clusters[0].accounts).toHaveLength(3);
    expect(clusters[0].commentKeys).not.toContain(comments[3].key);
  });

  it('does not count one account repeating itself as a cluster', () => {
    const comments = [0, 1, 2, 3].map(() => prepareComment(rec({ text: template, author: { id: 'same' } })));
    expect(findNearDuplicates(comments)).toHaveLength(0);
  });

  it('works on Chinese text', () => {
    const zh = '美国总是向全世界说教民主，自己的城市却一团糟。先管好自己吧';
    const comments = [zh, zh.replace('一团糟', '乱七八糟'), `${zh}！！`].map((text) => prepareComment(rec({ text })));
    expect(findNearDuplicates(comments)[0]?.accounts).toHaveLength(3);
  });

  it('ignores very short texts that anyone may post', () => {
    const comments = ['first', 'First!', 'FIRST!!'].map((text) => prepareComment(rec({ text })));
    expect(findNearDuplicates(comments)).toHaveLength(0);
  });

  it('gives the same clusters whatever the insertion order', () => {
    const comments = Array.from({ length: 30 }, (_, i) => prepareComment(rec({ text: i % 3 === 0 ? `${template} ${i}` : `unrelated remark ${i} about something ${i * 7} else entirely` })));
    const a = findNearDuplicates(comments);
    const b = findNearDuplicates([...comments].reverse());
    expect(b.map((c) => c.accounts)).toEqual(a.map((c) => c.accounts));
    const idx = new NearDuplicateIndex();
    for (const c of comments) idx.add(c);
    expect(idx.clusters()).toEqual(a);
  });

  it('adds a batch with the same clusters as one comment at a time', () => {
    // Slogans copied with small edits among unrelated comments: enough comments for the bucket table's
    // bulk filing (16 bands each), and slogans copied often enough to fill buckets past their walk limit.
    const rng = createRng(11).next;
    const word = () => Array.from({ length: 3 + Math.floor(rng() * 6) }, () => String.fromCharCode(97 + Math.floor(rng() * 26))).join('');
    const slogans = Array.from({ length: 12 }, () => Array.from({ length: 14 }, word).join(' '));
    const comments = Array.from({ length: 900 }, (_, i) => {
      const r = rng();
      const text = r < 0.5 ? `${slogans[i % slogans.length]} ${i % 7 === 0 ? 'really' : ''} ${Math.floor(rng() * 5)}` : `remark ${i} about thing ${Math.floor(rng() * 1e6)} and ${Math.floor(rng() * 1e6)}`;
      return prepareComment(rec({ text, author: { id: `a${Math.floor(rng() * 600)}` } }));
    });
    const oneByOne = new NearDuplicateIndex();
    for (const c of comments) oneByOne.insert(c);
    const batched = new NearDuplicateIndex();
    // a large batch, a comment already in, then a second large batch onto the filled table
    batched.insertAll(comments.slice(0, 500));
    batched.insertAll([comments[3], ...comments.slice(500)]);
    expect(batched.clusters(2)).toEqual(oneByOne.clusters(2));
    expect(batched.clusters(2).length).toBeGreaterThan(5);
  });
});

describe('LSH bucket table', () => {
  it('keeps each bucket newest first when entries are added in bulk, one call after another', () => {
    // a call of 4,096 entries or more is added in slot order, a smaller one in index order
    const keys = (minLength: number) => fc.array(fc.integer({ min: -40, max: 40 }), { minLength, maxLength: minLength + 3000 });
    fc.assert(
      fc.property(fc.tuple(keys(4096), keys(0), keys(4096)), (calls) => {
        const table = new BucketTable();
        const all: { key: number; entry: number }[] = [];
        for (const keys of calls) {
          const entries = new Int32Array(keys.length);
          const values = Int32Array.from(keys, (_, i) => all.length + i);
          table.addAll(Int32Array.from(keys), values, keys.length, entries);
          keys.forEach((key, i) => all.push({ key, entry: entries[i] }));
        }
        // From each entry, its bucket lists exactly the earlier entries under its key, newest first.
        const earlier = new Map<number, number[]>();
        const wrong: number[] = [];
        all.forEach(({ key, entry }, i) => {
          const older: number[] = [];
          for (let e = table.next[entry]; e !== -1; e = table.next[e]) older.push(table.values[e]);
          const sameKey = earlier.get(key) ?? [];
          if (table.values[entry] !== i || older.join() !== [...sameKey].reverse().join()) wrong.push(i);
          sameKey.push(i);
          earlier.set(key, sameKey);
        });
        expect(wrong).toEqual([]);
      }),
      { numRuns: 5 },
    );
  });
});
