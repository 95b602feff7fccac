/**
 * startCapture in Node: a linkedom document (real MutationObserver semantics for added nodes) inside a
 * minimal window stand-in. The browser path is covered by test/e2e/capture.test.ts.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { LAYOUT_NOT_RECOGNISED, startCapture } from '../../../src/content/capture.ts';
import type { CommentRecord } from '../../../src/core/types.ts';
import { detectPage, youtubeAdapter } from '../../../src/platforms/index.ts';
import { hasShared, REPO_ROOT, sharedPath } from '../../helpers/shared.ts';
import { fakeWindow } from '../../helpers/fake-window.ts';

function recorder() {
  const batches: CommentRecord[][] = [];
  const statuses: { recognised: boolean; reason?: string }[] = [];
  return {
    batches,
    statuses,
    all: () => batches.flat(),
    sink: { records: (r: CommentRecord[]) => batches.push(r), status: (s: { recognised: boolean; reason?: string }) => statuses.push(s) },
  };
}

const settle = (ms = 60) => new Promise((resolve) => setTimeout(resolve, ms));
async function eventually(holds: () => boolean, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!holds()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await settle(10);
  }
}
const controllers: AbortController[] = [];
afterEach(() => controllers.splice(0).forEach((c) => c.abort()));
function controller() {
  const c = new AbortController();
  controllers.push(c);
  return c;
}

const fixtureHtml = readFileSync(`${REPO_ROOT}/test/fixtures/youtube/watch-2024-comments.html`, 'utf8');

describe('startCapture (hand-written YouTube DOM fixture)', () => {
  const url = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ';

  it('initial scan, then only added comments, deduplicated, torn down on abort', async () => {
    const { win, document } = fakeWindow(fixtureHtml, url);
    const rec = recorder();
    const abort = controller();
    startCapture(detectPage(url)!, abort.signal, rec.sink, { window: win, settleMs: 10_000 });
    await settle();
    expect(rec.all().map((r) => r.commentId)).toHaveLength(4);
    expect(rec.statuses).toEqual([{ recognised: true }]);

    // A new thread arrives (infinite scroll): only it is extracted and sent.
    const contents = document.querySelector('ytd-item-section-renderer #contents')!;
    const thread = document.createElement('ytd-comment-thread-renderer');
    thread.innerHTML = `<ytd-comment-view-model id="comment"><div id="author-thumbnail"><button id="author-thumbnail-button" aria-label="@late_comer"><img src="https://yt3.ggpht.com/late=s88-c-k"></button></div>
      <div id="header-author"><h3><a id="author-text" href="/@late_comer"><span>@late_comer</span></a></h3><span id="published-time-text"><a href="/watch?v=dQw4w9WgXcQ&amp;lc=UgzLateComment00004AaABAg">just now</a></span></div>
      <yt-attributed-string id="content-text"><span>late but here</span></yt-attributed-string><span id="vote-count-middle"></span></ytd-comment-view-model>`;
    contents.appendChild(thread);
    await settle();
    expect(rec.batches.at(-1)!.map((r) => r.commentId)).toEqual(['UgzLateComment00004AaABAg']);

    // A marker comment added after an action is the positive signal that the action was processed:
    // capture handles mutations in order, so the marker's batch holds whatever the action produced.
    let markers = 0;
    const withMarker = async (since: number) => {
      const id = `UgzMarker${String(++markers).padStart(4, '0')}0000000AaABAg`;
      const marker = thread.cloneNode(true) as Element;
      marker.querySelector('#published-time-text a')!.setAttribute('href', `/watch?v=dQw4w9WgXcQ&lc=${id}`);
      contents.appendChild(marker);
      await eventually(() => rec.all().some((r) => r.commentId === id));
      return rec.batches.slice(since).flat().map((r) => r.commentId);
    };

    // Re-adding an unchanged comment sends nothing; changing its text sends the updated record.
    let since = rec.batches.length;
    contents.appendChild(thread);
    expect(await withMarker(since)).toEqual(['UgzMarker00010000000AaABAg']);
    const content = thread.querySelector('#content-text')!;
    const edited = document.createElement('span');
    edited.textContent = 'late but here (edited)';
    content.removeChild(content.querySelector('span')!);
    content.appendChild(edited);
    await settle();
    expect(rec.batches.at(-1)!.map((r) => r.text)).toEqual(['late but here (edited)']);

    // A comment of another video (stale node after navigation) is ignored.
    const stale = thread.cloneNode(true) as Element;
    stale.querySelector('#published-time-text a')!.setAttribute('href', '/watch?v=OTHERVIDEO1&lc=UgzStale0000000004AaABAg');
    since = rec.batches.length;
    contents.appendChild(stale);
    expect(await withMarker(since)).toEqual(['UgzMarker00020000000AaABAg']);
    expect(rec.all().some((r) => r.commentId === 'UgzStale0000000004AaABAg')).toBe(false);

    abort.abort();
    const after = rec.batches.length;
    contents.appendChild(thread.cloneNode(true));
    await settle();
    expect(rec.batches.length).toBe(after);
  });

  it('reports an unrecognised layout on a thread page without known comment markup', async () => {
    const { win } = fakeWindow('<html><body><div id="comments-v3"><p>someone: hi</p></div></body></html>', url);
    const rec = recorder();
    startCapture(detectPage(url)!, controller().signal, rec.sink, { window: win, settleMs: 30 });
    await eventually(() => rec.statuses.length > 0);
    expect(rec.statuses).toEqual([{ recognised: false, reason: LAYOUT_NOT_RECOGNISED }]);
    expect(rec.all()).toEqual([]);
  });

  it('stays quiet on a page that is not a thread', async () => {
    const { win } = fakeWindow('<html><body>home</body></html>', 'https://www.youtube.com/');
    const rec = recorder();
    startCapture(detectPage('https://www.youtube.com/')!, controller().signal, rec.sink, { window: win, settleMs: 30 });
    await settle(100);
    expect(rec.statuses).toEqual([]);
  });
});

describe.skipIf(!hasShared('fixtures/pages/youtube'))('startCapture with page JSON from the main-world hook', () => {
  const url = 'https://www.youtube.com/watch?v=xaQJbozY_Is';
  const text = readFileSync(sharedPath('fixtures/pages/youtube/yt_next_comments_page1_xaQJbozY_Is.json'), 'utf8');
  const endpoint = 'https://www.youtube.com/youtubei/v1/next?prettyPrint=false';

  it('accepts only the private port, for this platform, a comment endpoint, within size', async () => {
    const { win, post, postOnWindow, pageJson } = fakeWindow('<html><body><ytd-comments id="comments"></ytd-comments></body></html>', url);
    const rec = recorder();
    startCapture(detectPage(url)!, controller().signal, rec.sink, { window: win, settleMs: 10_000, pageJson });
    await settle();
    const good = { kind: 'youtube-next', url: endpoint, text };
    // The same comments under other ids: accepted, this payload would add 20 records of its own.
    const forgedText = text.replace(/\bUg([wxyz])/g, 'Fg$1');
    const forged = { ...good, text: forgedText };
    expect(youtubeAdapter.recordsFromJson(JSON.parse(forgedText), { url, seenAt: '2026-01-01T00:00:00.000Z' }).filter((r) => r.commentId.startsWith('Fg'))).toHaveLength(20);
    postOnWindow(forged); // any page script can do this: not our channel
    postOnWindow({ channel: 'amplifier-lens/page-json/v1', ...forged });
    post({ ...forged, kind: 'x-tweet-detail', url: 'https://x.com/i/api/graphql/abc/TweetDetail' });
    post({ ...forged, url: 'https://www.youtube.com/youtubei/v1/player' });
    post({ ...forged, url: 'https://evil.example/youtubei/v1/next' });
    post({ ...forged, text: '{"truncated": ' });
    post({ ...forged, text: ' '.repeat(10 * 1024 * 1024 + 1) });
    post({ ...forged, text: { not: 'a string' } });
    // Messages are handled in order: once the good one's records are out, the ones before were handled.
    post(good);
    await eventually(() => rec.all().length >= 20);
    const records = rec.all();
    expect(records).toHaveLength(20);
    expect(records.every((r) => r.source === 'json' && r.threadId === 'xaQJbozY_Is' && r.commentId.startsWith('Ug'))).toBe(true);

    // The same response again: deduplicated, nothing new sent. The forged-id copy posted after it on the
    // private port is the positive signal that it was processed.
    const before = rec.batches.length;
    post(good);
    post(forged);
    await eventually(() => rec.all().some((r) => r.commentId.startsWith('Fg')));
    expect(rec.batches.slice(before).flat().filter((r) => r.commentId.startsWith('Ug'))).toEqual([]);
  });
});

describe('startCapture on an X status page (hand-written DOM fixture) with TweetDetail JSON', () => {
  const url = 'https://x.com/TestNewsroom/status/1860000000000000001';
  const html = readFileSync(`${REPO_ROOT}/test/fixtures/x/status-with-replies.html`, 'utf8');
  const tweet = (id: string, userId: string, handle: string) => ({
    entryId: `tweet-${id}`,
    content: {
      itemContent: {
        tweet_results: {
          result: {
            rest_id: id,
            core: { user_results: { result: { rest_id: userId, core: { screen_name: handle, name: handle, created_at: 'Mon Nov 17 10:00:00 +0000 2025' } } } },
            legacy: { full_text: 'another reply', created_at: 'Sat Nov 22 12:00:00 +0000 2025', conversation_id_str: '1860000000000000001', in_reply_to_status_id_str: '1860000000000000001' },
          },
        },
      },
    },
  });

  it('DOM records sent under @handle are sent again with the numeric id once the JSON pairs them', async () => {
    const { win, post, pageJson } = fakeWindow(html, url);
    const rec = recorder();
    startCapture(detectPage(url)!, controller().signal, rec.sink, { window: win, settleMs: 10_000, pageJson });
    await settle();
    expect(rec.all().find((r) => r.commentId === '1860000000000000777')?.author.id).toBe('@patriot_anna19823');

    const detail = { data: { threaded_conversation_with_injections_v2: { instructions: [{ type: 'TimelineAddEntries', entries: [tweet('1860000000000000776', '4242', 'patriot_anna19823')] }] } } };
    post({ kind: 'x-tweet-detail', url: 'https://x.com/i/api/graphql/q1/TweetDetail?variables=%7B%7D', text: JSON.stringify(detail) });
    await settle();
    const last = rec.batches.at(-1)!;
    expect(last.map((r) => [r.commentId, r.author.id]).sort()).toEqual([
      ['1860000000000000776', '4242'],
      ['1860000000000000777', '4242'],
    ]);
    expect(last.find((r) => r.commentId === '1860000000000000776')?.author.createdAt).toBe('2025-11-17T10:00:00.000Z');
  });
});
