/**
 * The 2024 thread KwEGbw4JV_w (watch response, comment pages 1–3, one reply page) and the 2026 formatting
 * page, read exactly; reply pages of 1 and 2 replies derived from the real reply page, because a short reply
 * page has no "show more replies" item and so no continuation token naming the video.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { youtubeAdapter } from '../../../src/platforms/index.ts';
import { hasShared, sharedPath } from '../../helpers/shared.ts';

const DIR = 'fixtures/pages/youtube';
const seenAt = '2026-11-30T08:00:00.000Z';
const load = (name: string): Record<string, any> => JSON.parse(readFileSync(sharedPath(`${DIR}/${name}`), 'utf8'));
const REPLIES = 'yt_next_replies_KwEGbw4JV_w_UgxAuwvuj_2024-06.json';
const PARENT = 'UgxAuwvuj-eXNt87EE94AaABAg';

/** The real reply page cut down to its first `count` replies: their view models and their entities only. */
function shortReplyPage(count: number): Record<string, any> {
  const page = load(REPLIES);
  const action = page.onResponseReceivedEndpoints[0].appendContinuationItemsAction;
  const views = action.continuationItems.filter((item: any) => item.commentViewModel).slice(0, count);
  action.continuationItems = views;
  const keys = new Set<string>();
  for (const { commentViewModel: view } of views) {
    for (const key of ['commentKey', 'toolbarStateKey', 'toolbarSurfaceKey', 'commentSurfaceKey']) keys.add(view[key]);
  }
  const mutations = page.frameworkUpdates.entityBatchUpdate.mutations;
  page.frameworkUpdates.entityBatchUpdate.mutations = mutations.filter((m: any) => keys.has(m.entityKey));
  return page;
}

describe.skipIf(!hasShared(DIR))('YouTube 2024 thread KwEGbw4JV_w and 2026 formatting (real responses)', () => {
  it('the watch response holds no comments and is not reported as unread', () => {
    expect(youtubeAdapter.readJson(load('yt_next_watch_KwEGbw4JV_w_2024-06.json'), { url: '', seenAt })).toEqual({ records: [], found: 0, warning: undefined });
  });

  it('pages 1–3: 20 top-level comments each, 60 distinct, all of the video', () => {
    const pages = ['p1', 'p2', 'p3'].map((p) => youtubeAdapter.readJson(load(`yt_next_comments_KwEGbw4JV_w_${p}_2024-06.json`), { url: '', seenAt }));
    for (const page of pages) {
      expect(page.records).toHaveLength(20);
      expect(page.found).toBe(20);
      expect(page.warning).toBeUndefined();
      for (const record of page.records) {
        expect(record.threadId).toBe('KwEGbw4JV_w');
        expect(record.parentId).toBeUndefined();
      }
    }
    const ids = pages.flatMap((p) => p.records.map((r) => r.commentId));
    expect(new Set(ids).size).toBe(60);
    const [p1, p2, p3] = pages.map((p) => p.records);
    expect(p1![0]).toMatchObject({
      commentId: PARENT,
      author: { id: 'UC2u-jry20KRZsnmXt-47YFQ', handle: 'AlexHoops', displayName: '@AlexHoops' },
      publishedText: '1 day ago',
      likes: 31,
      replies: 20,
    });
    expect(p1![19]).toMatchObject({ commentId: 'Ugz0lMXVKSAt90hTQgF4AaABAg', author: { id: 'UCUuPcjby9uuu3WcL2Wfm0sQ' }, likes: 36, replies: 5 });
    expect(p2![0]).toMatchObject({ commentId: 'Ugw3e4e1HiD9T9B9HIx4AaABAg', author: { displayName: '@huntermurphy6151' }, likes: 6, replies: 0 });
    expect(p2![19]).toMatchObject({ commentId: 'UgwMtvfBb0JR13qba5d4AaABAg', likes: 40, replies: 4 });
    expect(p3![0]).toMatchObject({ commentId: 'Ugx-Zs7Rnl7O4vgOR8V4AaABAg', author: { id: 'UCHXW1BfmLoAJ67eISFOvaig' }, publishedText: '19 hours ago' });
    expect(p3![19]).toMatchObject({ commentId: 'Ugw0oWNAMsc5eRo359N4AaABAg', author: { handle: 'marcelobrozovic9872' }, publishedText: '20 hours ago', likes: 2 });
  });

  it('the reply page: 10 replies to the first comment of page 1', () => {
    const { records, found, warning } = youtubeAdapter.readJson(load(REPLIES), { url: '', seenAt });
    expect(found).toBe(10);
    expect(warning).toBeUndefined();
    expect(records).toHaveLength(10);
    expect(records.every((r) => r.threadId === 'KwEGbw4JV_w' && r.parentId === PARENT && r.commentId.startsWith(`${PARENT}.A4PJ`))).toBe(true);
    expect(records[0]).toMatchObject({ commentId: `${PARENT}.A4PJboMBe7cA4PMpkIALaf`, author: { id: 'UCXINAsLO6-6v09sBTqFTj3g', handle: 'NotOneToFly' }, likes: 18, replies: 0 });
    expect(records[9]).toMatchObject({ commentId: `${PARENT}.A4PJboMBe7cA4Qvm6sCsHR`, author: { id: 'UC6bQ-Te4R6acrqYnQdcheQg' }, publishedText: '18 hours ago', likes: 0 });
  });

  it.each([1, 2])('a reply page of %i repl(ies) (no continuation token) is read in full, with and without the page URL', (count) => {
    const page = shortReplyPage(count);
    expect(JSON.stringify(page)).not.toContain('continuationCommand');
    const full = youtubeAdapter.recordsFromJson(load(REPLIES), { url: '', seenAt });
    for (const url of ['', 'https://www.youtube.com/watch?v=KwEGbw4JV_w']) {
      const { records, found, warning } = youtubeAdapter.readJson(page, { url, seenAt });
      expect(found).toBe(count);
      expect(warning).toBeUndefined();
      expect(records).toEqual(full.slice(0, count));
    }
  });

  it('a reply page that does not name its video says so instead of returning nothing silently', () => {
    const page = shortReplyPage(2);
    // Keep the comments, drop every link that names the video.
    page.frameworkUpdates.entityBatchUpdate.mutations = page.frameworkUpdates.entityBatchUpdate.mutations.filter((m: any) => m.payload.commentEntityPayload);
    const { records, found, warning } = youtubeAdapter.readJson(page, { url: '', seenAt });
    expect(records).toEqual([]);
    expect(found).toBe(2);
    expect(warning).toBe('2 comments in the response, none could be read (the response does not name the video)');
    // On the watch page itself the URL names the video.
    expect(youtubeAdapter.readJson(page, { url: 'https://www.youtube.com/watch?v=KwEGbw4JV_w', seenAt }).records).toHaveLength(2);
  });

  it('a pre-2024 reply page (commentRenderer) names its video through the replies’ own time links', () => {
    const reply = (id: string) => ({
      commentRenderer: {
        commentId: `${PARENT}.${id}`,
        authorText: { simpleText: '@someone' },
        authorEndpoint: { browseEndpoint: { browseId: 'UC2u-jry20KRZsnmXt-47YFQ', canonicalBaseUrl: '/@someone' } },
        contentText: { runs: [{ text: 'an old-style reply' }] },
        publishedTimeText: { runs: [{ text: '2 years ago', navigationEndpoint: { watchEndpoint: { videoId: 'KwEGbw4JV_w' } } }] },
      },
    });
    const page = { onResponseReceivedEndpoints: [{ appendContinuationItemsAction: { continuationItems: [reply('A1'), reply('A2')] } }] };
    const { records, found, warning } = youtubeAdapter.readJson(page, { url: '', seenAt });
    expect([found, warning]).toEqual([2, undefined]);
    expect(records.map((r) => [r.commentId, r.threadId, r.parentId])).toEqual([
      [`${PARENT}.A1`, 'KwEGbw4JV_w', PARENT],
      [`${PARENT}.A2`, 'KwEGbw4JV_w', PARENT],
    ]);
  });

  it('2026 formatting page: 20 comments with their full long texts', () => {
    const { records, found } = youtubeAdapter.readJson(load('yt_next_comments_zYpyS2HaZHM_formatting_2026-01.json'), { url: '', seenAt });
    expect(found).toBe(20);
    expect(records).toHaveLength(20);
    expect(records.every((r) => r.threadId === 'zYpyS2HaZHM' && r.parentId === undefined)).toBe(true);
    expect(records[0]).toMatchObject({
      commentId: 'UgwEjpE2INqOBopnRNR4AaABAg',
      author: { id: 'UCvAuE_kZP2Kq_yEW1y0-V-w', handle: 'NoKi1119' },
      publishedText: '3 years ago (edited)',
      likes: 2000,
      replies: 46,
    });
    expect(records[0]!.text).toHaveLength(3977);
    expect(records[19]).toMatchObject({ commentId: 'Ugy6Zfh0mgA3x6qfXOJ4AaABAg', author: { handle: 'Vitz3001' }, likes: 6 });
  });
});
