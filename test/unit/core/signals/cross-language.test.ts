import { describe, expect, it } from 'vitest';
import { findCrossLanguageCopies } from '../../../../src/core/signals/cross-language.ts';
import { prepareComment } from '../../../../src/core/signals/prepare.ts';
import { rec } from '../helpers.ts';

describe('cross-language copies', () => {
  it('links accounts sharing a hashtag and link across English, Chinese and Turkish', () => {
    const comments = [
      rec({ text: 'This video is full of lies, watch this instead https://youtu.be/abcdEFGH123 #TruthAboutChina' }),
      rec({ text: '这个视频全是谎言，请看这个 https://youtu.be/abcdEFGH123 #TruthAboutChina' }),
      rec({ text: 'Bu video yalanlarla dolu, bunun yerine şunu izleyin #TruthAboutChina' }),
    ].map(prepareComment);
    const groups = findCrossLanguageCopies(comments);
    const tag = groups.find((g) => g.token === 'hashtag:truthaboutchina');
    expect(tag?.accounts).toHaveLength(3);
    expect(tag?.languages).toEqual(['en', 'tr', 'zh']);
    expect(groups.find((g) => g.kind === 'link')?.accounts).toHaveLength(2);
  });

  it('does not link accounts that share a token in the same language', () => {
    const comments = [rec({ text: 'Great video as always #science and more' }), rec({ text: 'Loved every minute of it #science indeed' })].map(prepareComment);
    expect(findCrossLanguageCopies(comments)).toHaveLength(0);
  });

  it('ignores the @mentions that open an X reply', () => {
    const comments = [
      rec({ platform: 'x', text: '@XDevelopers thanks for the update', lang: 'en' }),
      rec({ platform: 'x', text: '@XDevelopers ありがとうございます', lang: 'ja' }),
    ].map(prepareComment);
    expect(findCrossLanguageCopies(comments)).toHaveLength(0);
  });
});
