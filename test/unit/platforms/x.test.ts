import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { mergeRecordSet, xAdapter } from '../../../src/platforms/index.ts';
import { twitterDateToIso } from '../../../src/platforms/x/json.ts';
import { hasShared, REPO_ROOT, sharedPath } from '../../helpers/shared.ts';

const DIR = 'fixtures/pages/twitter';
const seenAt = '2026-11-29T08:00:00.000Z';

describe.skipIf(!hasShared(DIR))('X TweetDetail GraphQL (real snapshot)', () => {
  const raw = JSON.parse(readFileSync(sharedPath(`${DIR}/x_graphql_TweetDetail_1649191520250245121.json`), 'utf8'));
  const records = xAdapter.recordsFromJson(raw, { url: '', seenAt });

  // Independent count of what the response holds: the focal entry plus every item of every conversation module.
  const entries = raw.data.threaded_conversation_with_injections_v2.instructions.flatMap((i: { entries?: unknown[] }) => i.entries ?? []);
  const expectedIds: string[] = [];
  for (const entry of entries) {
    const content = entry.content;
    if (content.itemContent?.tweet_results) expectedIds.push(content.itemContent.tweet_results.result.rest_id);
    for (const item of content.items ?? []) expectedIds.push(item.item.itemContent.tweet_results.result.rest_id);
  }

  it('the focal tweet and every reply, in order', () => {
    expect(expectedIds.length).toBeGreaterThan(30);
    expect(records.map((r) => r.commentId)).toEqual(expectedIds);
  });

  it('focal tweet: author with created_at, followers, avatar; absolute time; counts', () => {
    expect(records[0]).toEqual({
      platform: 'x',
      threadId: '1649191520250245121',
      commentId: '1649191520250245121',
      author: {
        id: '2244994945',
        handle: 'XDevelopers',
        displayName: 'Developers',
        profileUrl: 'https://x.com/XDevelopers',
        avatarUrl: 'https://pbs.twimg.com/profile_images/1683501992314798080/xl1POYLw_normal.jpg',
        defaultAvatar: false,
        createdAt: '2013-12-14T04:35:55.000Z',
        verified: true,
        followers: 695696,
      },
      text: 'Today, we are deprecating our Premium v1.1 API, including Premium Search and Account Activity API.',
      lang: 'en',
      publishedAt: '2023-04-20T23:21:13.000Z',
      likes: 426,
      replies: 93,
      seenAt,
      source: 'json',
    });
  });

  it('every reply: screen name, display name, account created_at, avatar, time, parent, same thread', () => {
    for (const record of records.slice(1)) {
      expect(record.threadId).toBe('1649191520250245121');
      expect(record.parentId).toMatch(/^\d+$/);
      expect(record.author.id).toMatch(/^\d+$/);
      expect(record.author.handle).toMatch(/^[A-Za-z0-9_]+$/);
      expect(typeof record.author.displayName).toBe('string');
      expect(record.author.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/);
      expect(record.author.avatarUrl).toMatch(/^https:\/\/(pbs|abs)\.twimg\.com\//);
      expect(record.publishedAt).toMatch(/^20\d{2}-/);
      expect(record.text.length).toBeGreaterThan(0);
    }
    // Replies to the focal tweet do not start with the "@XDevelopers " prefix the page shows separately.
    const direct = records.filter((r) => r.parentId === '1649191520250245121' && r.author.handle !== 'XDevelopers');
    expect(direct.length).toBeGreaterThan(10);
    expect(direct.filter((r) => r.text.startsWith('@XDevelopers')).length).toBe(0);
  });

  it('the same conversation with a page URL takes the thread id from the URL', () => {
    const withUrl = xAdapter.recordsFromJson(raw, { url: 'https://x.com/XDevelopers/status/1649191520250245121', seenAt });
    expect(new Set(withUrl.map((r) => r.threadId))).toEqual(new Set(['1649191520250245121']));
  });

  it('legacy user schema (pre-2025): fields read from user.legacy, default avatar flag', () => {
    const legacy = {
      data: {
        threaded_conversation_with_injections_v2: {
          instructions: [
            {
              type: 'TimelineAddEntries',
              entries: [
                {
                  entryId: 'tweet-1',
                  content: {
                    itemContent: {
                      tweet_results: {
                        result: {
                          __typename: 'TweetWithVisibilityResults',
                          tweet: {
                            rest_id: '111',
                            core: {
                              user_results: {
                                result: {
                                  rest_id: '42',
                                  legacy: {
                                    name: 'Old Schema',
                                    screen_name: 'old_schema',
                                    created_at: 'Mon Jan 02 03:04:05 +0000 2012',
                                    followers_count: 3,
                                    default_profile_image: true,
                                    profile_image_url_https: 'https://abs.twimg.com/sticky/default_profile_images/default_profile_normal.png',
                                  },
                                },
                              },
                            },
                            legacy: { full_text: 'a &amp; b', created_at: 'Tue Feb 03 04:05:06 +0000 2015', conversation_id_str: '111', favorite_count: 1, reply_count: 0, lang: 'en' },
                          },
                        },
                      },
                    },
                  },
                },
              ],
            },
          ],
        },
      },
    };
    expect(xAdapter.recordsFromJson(legacy, { url: '', seenAt })).toEqual([
      {
        platform: 'x',
        threadId: '111',
        commentId: '111',
        author: {
          id: '42',
          handle: 'old_schema',
          displayName: 'Old Schema',
          profileUrl: 'https://x.com/old_schema',
          avatarUrl: 'https://abs.twimg.com/sticky/default_profile_images/default_profile_normal.png',
          defaultAvatar: true,
          createdAt: '2012-01-02T03:04:05.000Z',
          followers: 3,
        },
        text: 'a & b',
        lang: 'en',
        publishedAt: '2015-02-03T04:05:06.000Z',
        likes: 1,
        replies: 0,
        seenAt,
        source: 'json',
      },
    ]);
  });
});

describe('twitterDateToIso', () => {
  it('converts the API format including non-zero offsets', () => {
    expect(twitterDateToIso('Thu Apr 20 23:21:13 +0000 2023')).toBe('2023-04-20T23:21:13.000Z');
    expect(twitterDateToIso('Thu Apr 20 23:21:13 +0200 2023')).toBe('2023-04-20T21:21:13.000Z');
    expect(twitterDateToIso('yesterday')).toBeUndefined();
  });
});

describe.skipIf(!hasShared(DIR))('X tweet cells (real outerHTML, anonymised)', () => {
  const load = (name: string) => parseHTML(readFileSync(sharedPath(`${DIR}/${name}`), 'utf8')).document;

  it('single tweet: display name, handle, ISO time, text, counts from the action bar', () => {
    const { records, recognised } = xAdapter.recordsFromDocument(load('tweetyoink_x-tweet-sample.html'), { url: '', seenAt });
    expect(recognised).toBe(true);
    expect(records).toEqual([
      {
        platform: 'x',
        threadId: '1981398750557065646',
        commentId: '1981398750557065646',
        author: {
          id: '@TestUser123',
          handle: 'TestUser123',
          displayName: 'Test User Account',
          profileUrl: 'https://x.com/TestUser123',
          avatarUrl: 'https://pbs.twimg.com/profile_images/placeholder/avatar_placeholder.jpg',
          defaultAvatar: false,
          verified: true,
        },
        text: "Democrat Shutdown Jeopardizes America's Skies",
        lang: 'en',
        publishedAt: '2025-10-23T16:34:09.000Z',
        publishedText: '7:34 PM · Oct 23, 2025',
        likes: 553,
        replies: 48,
        seenAt,
        source: 'dom',
      },
    ]);
  });

  it('quote tweet: the quoting tweet only, not the quoted one', () => {
    const { records } = xAdapter.recordsFromDocument(load('tweetyoink_x-tweet-quote.html'), { url: '', seenAt });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      commentId: '1983130065320780162',
      text: 'This is a quote tweet with additional commentary',
      publishedAt: '2025-10-28T11:13:47.000Z',
      likes: 25616,
      replies: 2534,
      author: { handle: 'TestQuoter', displayName: 'Test Quoter', avatarUrl: 'https://pbs.twimg.com/profile_images/placeholder/quoter_avatar.jpg' },
    });
  });
});

describe('X status page with replies (HAND-WRITTEN fixture from dom.md: no saved status page with replies exists)', () => {
  const document = parseHTML(readFileSync(`${REPO_ROOT}/test/fixtures/x/status-with-replies.html`, 'utf8')).document;
  const url = 'https://x.com/TestNewsroom/status/1860000000000000001';
  const { records } = xAdapter.recordsFromDocument(document, { url, seenAt });

  it('focal tweet and every reply cell, all in the URL thread', () => {
    expect(records.map((r) => r.commentId)).toEqual(['1860000000000000001', '1860000000000000777', '1860000000000000888', '1860000000000000999']);
    expect(records.every((r) => r.threadId === '1860000000000000001')).toBe(true);
  });

  it('emoji in names and text come from <img alt>; lang, default avatar, liked state', () => {
    expect(records[0]).toMatchObject({ author: { displayName: 'Test Newsroom 🇺🇦', verified: true }, text: 'Breaking: the bridge reopens tomorrow 🌉 details below #traffic', likes: 1703, replies: 120 });
    expect(records[1]).toMatchObject({
      author: { handle: 'patriot_anna19823', displayName: 'Anna 🌸 安娜', defaultAvatar: true },
      text: '桥梁重新开放是个好消息 👍',
      lang: 'zh',
      likes: 2,
      publishedAt: '2025-11-22T10:15:42.000Z',
    });
  });

  it('a cell quoting another tweet keeps its own author and text', () => {
    expect(records[2]).toMatchObject({ author: { handle: 'commuter_joe', avatarUrl: 'https://pbs.twimg.com/profile_images/1600000000000000009/JoePic99_normal.jpg' }, text: 'Finally. Compare with what they said last year:', likes: 7 });
  });

  it('overlay anchors: the User-Name box of the right cell', () => {
    expect(xAdapter.authorAnchorForComment(document, '1860000000000000999')?.textContent).toContain('@Freedom_Voice_2024');
    expect(xAdapter.elementForComment(document, '1860000000000000777')?.getAttribute('data-testid')).toBe('tweet');
  });

  it('DOM stand-in ids (@handle) are replaced once JSON pairs the handle with the numeric id', () => {
    const fromJson = { ...records[1]!, commentId: '1860000000000000777', source: 'json' as const, author: { ...records[1]!.author, id: '987654321', createdAt: '2025-11-01T00:00:00.000Z' } };
    const otherDom = { ...records[1]!, commentId: '1860000000000000778' };
    const merged = mergeRecordSet([records[1]!, otherDom, fromJson]);
    expect(merged.map((r) => [r.commentId, r.author.id])).toEqual([
      ['1860000000000000777', '987654321'],
      ['1860000000000000778', '987654321'],
    ]);
    expect(merged[0]!.author.createdAt).toBe('2025-11-01T00:00:00.000Z');
    // Who wrote it is what the page showed; the JSON only named the id (src/core/merge.ts).
    expect(merged[0]!.source).toBe('dom');
  });
});
