import { describe, expect, it } from 'vitest';
import { findNearDuplicates, NearDuplicateIndex } from '../../../../src/core/signals/near-duplicate.ts';
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
});
