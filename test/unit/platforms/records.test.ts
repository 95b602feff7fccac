import { describe, expect, it } from 'vitest';
import type { CommentRecord } from '../../../src/core/types.ts';
import { mergeRecords, mergeRecordSet, sanitizeRecord, youtubeAdapter } from '../../../src/platforms/index.ts';
import { cssUrl, decodeCssEscapes, leadingInteger, parseCount } from '../../../src/platforms/dom-util.ts';

const dom: CommentRecord = {
  platform: 'youtube',
  threadId: 'xaQJbozY_Is',
  commentId: 'Ugw1',
  author: { id: '@someone', handle: 'someone', displayName: '@someone', avatarUrl: 'https://yt3.ggpht.com/tok=s88-c-k' },
  text: 'hello',
  publishedText: '2 hours ago',
  likes: 1200,
  seenAt: '2026-11-29T08:00:05.000Z',
  source: 'dom',
};
const json: CommentRecord = {
  platform: 'youtube',
  threadId: 'xaQJbozY_Is',
  commentId: 'Ugw1',
  author: { id: 'UCaaaaaaaaaaaaaaaaaaaaaa', handle: 'someone', displayName: '@someone', verified: false },
  text: 'hello',
  publishedText: '2 hours ago',
  likes: 1234,
  replies: 3,
  seenAt: '2026-11-29T08:00:09.000Z',
  source: 'json',
};

describe('mergeRecords', () => {
  it('JSON enriches what the page shows (platform id, exact counts), earliest observation kept, argument order irrelevant', () => {
    const expected = {
      ...json,
      author: { ...json.author, avatarUrl: 'https://yt3.ggpht.com/tok=s88-c-k' },
      seenAt: '2026-11-29T08:00:05.000Z',
      // still the page's observation: a later JSON is checked against it (src/core/merge.ts)
      source: 'dom',
    };
    expect(mergeRecords(dom, json)).toEqual(expected);
    expect(mergeRecords(json, dom)).toEqual(expected);
  });
  it('mergeRecordSet dedupes by comment id and resolves @handle ids', () => {
    const other = { ...dom, commentId: 'Ugw2', text: 'second' };
    const merged = mergeRecordSet([dom, other, json, dom]);
    expect(merged).toHaveLength(2);
    expect(merged.every((r) => r.author.id === 'UCaaaaaaaaaaaaaaaaaaaaaa')).toBe(true);
  });
});

describe('sanitizeRecord', () => {
  it('drops records without author id or text, foreign avatar and profile hosts, oversize strings', () => {
    expect(sanitizeRecord({ ...dom, text: '   ' }, youtubeAdapter)).toBeNull();
    expect(sanitizeRecord({ ...dom, author: { ...dom.author, id: '' } }, youtubeAdapter)).toBeNull();
    const cleaned = sanitizeRecord(
      { ...dom, text: 'x'.repeat(30_000), author: { ...dom.author, avatarUrl: 'https://evil.example/x.png', profileUrl: 'javascript:alert(1)' } },
      youtubeAdapter,
    )!;
    expect(cleaned.text).toHaveLength(20_000);
    expect(cleaned.author.avatarUrl).toBeUndefined();
    expect(cleaned.author.profileUrl).toBeUndefined();
    expect(sanitizeRecord({ ...dom, likes: Number.NaN }, youtubeAdapter)!.likes).toBeUndefined();
  });
});

describe('parseCount', () => {
  it.each([
    ['490', 490],
    ['1.2K', 1200],
    ['9.8k', 9800],
    ['19.924', 19924],
    ['42.218', 42218],
    ['1,234', 1234],
    ['1,234,567', 1234567],
    ['2,5 Mio.', 2_500_000],
    ['1.2M', 1_200_000],
    ['3 Tsd.', 3000],
    ['19.924\u00a0Likes', 19924],
    ['12', 12],
    ['', undefined],
    ['Like', undefined],
  ])('%s → %s', (text, value) => {
    expect(parseCount(text)).toBe(value);
  });
  it('leadingInteger reads accessibility labels', () => {
    expect(leadingInteger('553 Likes. Like')).toBe(553);
    expect(leadingInteger('1,234 Replies. Reply')).toBe(1234);
    expect(leadingInteger('Reply')).toBeUndefined();
  });
});

describe('CSS escapes', () => {
  it('decodes m.facebook inline styles, single or doubled backslashes', () => {
    expect(decodeCssEscapes('https\\3a //a.b/c?x\\3d 1\\26 y\\3d 2')).toBe('https://a.b/c?x=1&y=2');
    expect(decodeCssEscapes('https\\\\3a //a.b/c')).toBe('https://a.b/c');
    expect(cssUrl("background:#d8dce6 url('https\\3a //scontent.x.fbcdn.net/v/a_n.jpg?oh\\3d 1') no-repeat center")).toBe('https://scontent.x.fbcdn.net/v/a_n.jpg?oh=1');
    expect(cssUrl('color: red')).toBeNull();
  });
});
