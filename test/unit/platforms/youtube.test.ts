import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { youtubeAdapter } from '../../../src/platforms/index.ts';
import { videoIdFromContinuationToken } from '../../../src/platforms/youtube/json.ts';
import { hasShared, REPO_ROOT, sharedPath } from '../../helpers/shared.ts';

const DIR = 'fixtures/pages/youtube';
const seenAt = '2026-11-29T08:00:00.000Z';
const json = (name: string): unknown => JSON.parse(readFileSync(sharedPath(`${DIR}/${name}`), 'utf8'));
const fromJson = (name: string, url = '') => youtubeAdapter.recordsFromJson(json(name), { url, seenAt });

describe.skipIf(!hasShared(DIR))('YouTube /youtubei/v1/next responses (real snapshots)', () => {
  const firstPages = [
    ['yt_next_comments_page1_xaQJbozY_Is.json', 'xaQJbozY_Is'],
    ['yt_next_comments_page1_QqsLTNkzvaY_de-DE.json', 'QqsLTNkzvaY'],
    ['yt_next_comments_page1_bjFtFMilb34_pinned.json', 'bjFtFMilb34'],
  ] as const;

  it.each(firstPages)('%s: 20 top-level comments with ids, authors and text', (file, videoId) => {
    const records = fromJson(file);
    expect(records).toHaveLength(20);
    expect(new Set(records.map((r) => r.commentId)).size).toBe(20);
    for (const record of records) {
      expect(record.platform).toBe('youtube');
      expect(record.threadId).toBe(videoId);
      expect(record.source).toBe('json');
      expect(record.seenAt).toBe(seenAt);
      expect(record.parentId).toBeUndefined();
      expect(record.author.id).toMatch(/^UC[A-Za-z0-9_-]{22}$/);
      expect(record.author.handle).toBeTruthy();
      expect(record.author.profileUrl).toMatch(/^https:\/\/www\.youtube\.com\/(@|channel\/)/);
      expect(record.author.avatarUrl).toMatch(/^https:\/\/yt3\.(ggpht|googleusercontent)\.com\//);
      expect(record.text.length).toBeGreaterThan(0);
      expect(record.publishedText).toBeTruthy();
      expect(typeof record.likes).toBe('number');
    }
  });

  it('first page (en-GB): the pinned creator comment with its counts', () => {
    const [first, ...rest] = fromJson('yt_next_comments_page1_xaQJbozY_Is.json');
    expect(first).toMatchObject({
      commentId: 'UgwSOM0QHBLysE3vZE54AaABAg',
      pinned: true,
      publishedText: '4 years ago (edited)',
      likes: 9800,
      replies: 327,
      author: { id: 'UCsXVk37bltHxD1rDPwtNM8Q', handle: 'kurzgesagt', displayName: '@kurzgesagt', verified: true, profileUrl: 'https://www.youtube.com/@kurzgesagt' },
    });
    expect(first!.text).toContain('The 12,022 Calendar is sold out');
    expect(rest.filter((r) => r.pinned)).toHaveLength(0);
  });

  it('the same video id comes from the URL when given and from continuation tokens otherwise', () => {
    const withUrl = fromJson('yt_next_comments_page1_xaQJbozY_Is.json', 'https://www.youtube.com/watch?v=xaQJbozY_Is');
    expect(withUrl.every((r) => r.threadId === 'xaQJbozY_Is')).toBe(true);
    expect(videoIdFromContinuationToken('Eg0SC3hhUUpib3pZX0lzGAYygwEaUBIa')).toBe('xaQJbozY_Is');
    expect(videoIdFromContinuationToken('%%%not-base64')).toBeNull();
  });

  it('German page: localised published text kept, "19.924" read as 19924, pinned comment recognised', () => {
    const records = fromJson('yt_next_comments_page1_QqsLTNkzvaY_de-DE.json');
    const pinned = records.find((r) => r.pinned);
    expect(pinned).toMatchObject({ commentId: 'UgxDNsnHi5PyPNHDj6R4AaABAg', publishedText: 'vor 4 Jahren (bearbeitet)', likes: 19924, replies: 436 });
    expect(records.find((r) => r.commentId === 'Ugzv190DkulihA9aH6J4AaABAg')).toMatchObject({ likes: 42218, author: { handle: 'mkbhd' } });
    expect(records.find((r) => r.commentId === 'Ugw1kLRuyDqcT_rgV1p4AaABAg')?.likes).toBe(2908);
  });

  it("pinned snapshot: the channel's own first thread is the pinned one", () => {
    const records = fromJson('yt_next_comments_page1_bjFtFMilb34_pinned.json');
    expect(records.filter((r) => r.pinned).map((r) => r.commentId)).toEqual(['Ugyh_hTLZVme65Jqc954AaABAg']);
    expect(records[0]!.author).toMatchObject({ id: 'UCYpRDnhk5H8h16jpS84uqsA', handle: 'lemondefr' });
    expect(records[0]!.text).toContain('👉');
  });

  it('reply page: 10 replies carrying their parent id', () => {
    const records = fromJson('yt_next_replies_xaQJbozY_Is.json');
    expect(records).toHaveLength(10);
    for (const record of records) {
      expect(record.parentId).toBe('UgwSOM0QHBLysE3vZE54AaABAg');
      expect(record.commentId.startsWith('UgwSOM0QHBLysE3vZE54AaABAg.')).toBe(true);
      expect(record.threadId).toBe('xaQJbozY_Is');
    }
    expect(records[0]).toMatchObject({ commentId: 'UgwSOM0QHBLysE3vZE54AaABAg.9TOrAAD78Z59TP5tOBhBXP', text: 'First', likes: 52, author: { id: 'UCYMtcMCKn6YNUoR6K_caE9A', handle: 'andrefarfan4372' } });
    expect(records[1]!.publishedText).toBe('4 years ago (edited)');
  });

  it('watch response: no comments and no error', () => {
    expect(fromJson('yt_next_watch_xaQJbozY_Is.json', 'https://www.youtube.com/watch?v=xaQJbozY_Is')).toEqual([]);
  });
});

describe('YouTube rendered comment DOM (HAND-WRITTEN fixtures from dom.md: no real 2024+ markup exists)', () => {
  const load = (name: string) => parseHTML(readFileSync(`${REPO_ROOT}/test/fixtures/youtube/${name}`, 'utf8')).document;

  it('ytd-comment-view-model (2024+): threads, expanded replies, pinned, likes, handles', () => {
    const document = load('watch-2024-comments.html');
    const { records, recognised } = youtubeAdapter.recordsFromDocument(document, { url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', seenAt });
    expect(recognised).toBe(true);
    expect(records.map((r) => r.commentId)).toEqual([
      'UgzPinnedTestCommentAAAA4AaABAg',
      'UgzPinnedTestCommentAAAA4AaABAg.9zReplyOneAAAA',
      'UgzPinnedTestCommentAAAA4AaABAg.9zReplyTwoAAAA',
      'UgxSecondThreadBBBBB4AaABAg',
    ]);
    const [pinned, reply1, reply2, second] = records;
    expect(pinned).toMatchObject({
      threadId: 'dQw4w9WgXcQ',
      pinned: true,
      likes: 1200,
      replies: 2,
      publishedText: '2 days ago (edited)',
      text: 'Thanks for watching! Sources are in the description 🙂 example.org',
      source: 'dom',
      author: { id: '@TestChannel', handle: 'TestChannel', avatarUrl: 'https://yt3.ggpht.com/ytc/AIdro_testchannelAvatarToken123=s88-c-k-c0x00ffffff-no-rj' },
    });
    expect(reply1).toMatchObject({ parentId: 'UgzPinnedTestCommentAAAA4AaABAg', likes: 0, text: '@TestChannel great video', author: { handle: 'maria.k-1987' } });
    expect(reply2!.text).toBe('Totally agree.\nSecond line here.');
    expect(reply2!.author.avatarUrl).toBeUndefined(); // lazy image not loaded yet
    expect(second).toMatchObject({ likes: 490, author: { handle: 'ИванПетров-д5т' } });
    expect(second!.pinned).toBeUndefined();
  });

  it('ytd-comment-renderer (older): channel id and display name from the author link', () => {
    const { records } = youtubeAdapter.recordsFromDocument(load('watch-2018-comments.html'), { url: '', seenAt });
    expect(records).toEqual([
      {
        platform: 'youtube',
        threadId: 'oLdV1deo123',
        commentId: 'UgwOldLayoutCommentCCC4AaABAg',
        author: {
          id: 'UCabcdefghijklmnopqrstuv',
          displayName: 'Jane Example',
          profileUrl: 'https://www.youtube.com/channel/UCabcdefghijklmnopqrstuv',
          avatarUrl: 'https://yt3.ggpht.com/a-/JaneOldAvatarToken=s48-c-k-c0xffffffff-no-rj-mo',
        },
        text: 'First!',
        publishedText: '5 years ago',
        likes: 12,
        seenAt,
        source: 'dom',
      },
    ]);
  });

  it('overlay anchors: comment block and author header, per comment id', () => {
    const document = load('watch-2024-comments.html');
    const block = youtubeAdapter.elementForComment(document, 'UgzPinnedTestCommentAAAA4AaABAg.9zReplyTwoAAAA');
    expect(block?.tagName).toBe('YTD-COMMENT-VIEW-MODEL');
    expect(block?.textContent).toContain('Totally agree');
    const anchor = youtubeAdapter.authorAnchorForComment(document, 'UgxSecondThreadBBBBB4AaABAg');
    expect(anchor?.textContent?.trim()).toBe('@ИванПетров-д5т');
    expect(youtubeAdapter.elementForComment(document, 'nope')).toBeNull();
  });

  it('a scan rooted at one comment element finds that comment (used for added nodes)', () => {
    const document = load('watch-2024-comments.html');
    const block = youtubeAdapter.elementForComment(document, 'UgxSecondThreadBBBBB4AaABAg')!;
    const { records } = youtubeAdapter.recordsFromDocument(block, { url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', seenAt });
    expect(records.map((r) => r.commentId)).toEqual(['UgxSecondThreadBBBBB4AaABAg']);
  });

  it('a page without any comment markup is not recognised', () => {
    const { document } = parseHTML('<html><body><ytd-app><div id="content">video only</div></ytd-app></body></html>');
    expect(youtubeAdapter.recordsFromDocument(document, { url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', seenAt })).toEqual({ records: [], recognised: false });
  });
});
