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

  it('links the same number written with a scale word in English and a scale character in Chinese', () => {
    const comments = [
      rec({ text: 'China lifted 800 million people out of poverty. What has Washington done except start wars?' }),
      rec({ text: '中国让8亿人摆脱了贫困。华盛顿除了发动战争还做了什么？' }),
    ].map(prepareComment);
    const group = findCrossLanguageCopies(comments).find((g) => g.token === 'number:800000000');
    expect(group?.accounts).toHaveLength(2);
    expect(group?.languages).toEqual(['en', 'zh']);
    expect(group?.written).toEqual(['800 million', '8亿']);
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
  describe('a token many accounts use spread over time is the thread’s own', () => {
    const texts = [
      'What a match yesterday, the second half was unbelievable',
      'Was für ein Spiel gestern, die zweite Halbzeit war unglaublich',
      'Quel match hier soir, la deuxième mi-temps était incroyable',
      'Qué partido el de ayer, el segundo tiempo fue increíble',
    ];
    const start = Date.parse('2026-06-18T12:00:00Z');
    const thread = (gapMinutes: number) =>
      Array.from({ length: 12 }, (_, i) => rec({ text: `${texts[i % 4]} #WorldCup2026`, publishedAt: new Date(start + i * gapMinutes * 60_000).toISOString() })).map(prepareComment);
    const tagGroup = (comments: ReturnType<typeof thread>) => findCrossLanguageCopies(comments).find((g) => g.token === 'hashtag:worldcup2026');

    it('forms no group when 12 accounts post it an hour apart', () => {
      expect(tagGroup(thread(60))).toBeUndefined();
    });

    it('still links 12 accounts posting it within 30 minutes', () => {
      expect(tagGroup(thread(2.5))?.accounts).toHaveLength(12);
    });

    it('judges vague times by what they allow: "1…3 years ago" shows no spread, "1…12 days ago" does', () => {
      const vague = (text: (i: number) => string) => thread(60).map((c, i) => prepareComment({ ...c.record, publishedAt: undefined, publishedText: text(i) }));
      expect(tagGroup(vague((i) => `${(i % 3) + 1} years ago`))?.accounts).toHaveLength(12);
      expect(tagGroup(vague((i) => `${i + 1} days ago`))).toBeUndefined();
      expect(tagGroup(thread(60).map((c) => prepareComment({ ...c.record, publishedAt: undefined }))), 'no time at all').toBeDefined();
    });
  });
});
