// Capture through the main-world hook in real Chromium: a routed YouTube watch page whose own script
// fetches the comments (`POST /youtubei/v1/next`, answered with the real snapshot) and renders them in
// markup the DOM adapters do not know. Every comment the background ends up holding therefore came
// through the fetch/XHR hook → private MessageChannel port → isolated content script → background.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommentRecord } from '../../src/core/types.ts';
import { youtubeAdapter } from '../../src/platforms/index.ts';
import { hasShared, sharedPath } from '../helpers/shared.ts';
import { eventually, launchWithExtension, type LensBrowser } from './harness.ts';

const DIR = 'fixtures/pages/youtube';
const VIDEO = 'xaQJbozY_Is';

/** The page's own script: fetch() for the first comments page, XMLHttpRequest for the reply page. */
const WATCH_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>Test video - YouTube</title></head>
<body><main>
  <h1>Test video</h1>
  <ol id="page-comments"></ol>
  <button id="load-replies">Show replies</button>
  <p id="page-status">loading</p>
</main>
<script>
  const list = document.getElementById('page-comments');
  const show = (data) => {
    const mutations = data.frameworkUpdates.entityBatchUpdate.mutations;
    for (const m of mutations) {
      const c = m.payload.commentEntityPayload;
      if (!c) continue;
      const li = document.createElement('li');
      li.textContent = c.author.displayName + ': ' + c.properties.content.content;
      list.appendChild(li);
    }
    return mutations.filter((m) => m.payload.commentEntityPayload).length;
  };
  fetch('/youtubei/v1/next?prettyPrint=false', { method: 'POST', body: JSON.stringify({ continuation: 'first-page' }) })
    .then((response) => response.json())
    .then((data) => { document.getElementById('page-status').textContent = 'fetched ' + show(data); })
    .catch((error) => { document.getElementById('page-status').textContent = 'page error ' + error; });
  document.getElementById('load-replies').addEventListener('click', () => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/youtubei/v1/next?prettyPrint=false&replies=1');
    xhr.responseType = 'json';
    xhr.onload = () => { document.getElementById('page-status').textContent = 'replies ' + show(xhr.response); };
    xhr.send(JSON.stringify({ continuation: 'replies' }));
  });
</script></body></html>`;

describe.skipIf(!hasShared(DIR))('capture through the main-world hook (Chromium)', () => {
  let lens: LensBrowser;
  const firstPage = readFileSync(sharedPath(`${DIR}/yt_next_comments_page1_${VIDEO}.json`), 'utf8');
  const replies = readFileSync(sharedPath(`${DIR}/yt_next_replies_${VIDEO}.json`), 'utf8');
  const ctx = { url: `https://www.youtube.com/watch?v=${VIDEO}`, seenAt: '2026-11-29T00:00:00.000Z' };
  const authorsOf = (records: CommentRecord[]) =>
    records.map((r) => [r.commentId, r.author.id, r.author.handle, r.author.displayName, r.text, r.parentId ?? null]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));

  beforeAll(async () => {
    lens = await launchWithExtension();
    await lens.serve((url, method) => {
      const parsed = new URL(url);
      if (parsed.hostname === 'plain.example') return { contentType: 'text/html; charset=utf-8', body: WATCH_PAGE };
      if (parsed.hostname !== 'www.youtube.com') return null;
      if (parsed.pathname === '/watch') return { contentType: 'text/html; charset=utf-8', body: WATCH_PAGE };
      if (parsed.pathname === '/youtubei/v1/next' && method === 'POST') {
        return { contentType: 'application/json', body: parsed.searchParams.has('replies') ? replies : firstPage };
      }
      return null;
    });
  });

  afterAll(async () => {
    await lens?.close();
  });

  const threadRecords = () =>
    lens.background(async (l, video: string) => (await l.cases.allRecords()).filter((r: CommentRecord) => r.platform === 'youtube' && r.threadId === video), VIDEO);

  it('the background holds all 20 comments of the first page with the right authors; the page is unaffected', async () => {
    const page = await lens.context.newPage();
    await page.goto(ctx.url);
    const held = (await eventually(threadRecords, (records: CommentRecord[]) => records.length >= 20, 'the 20 comments in the background', 30_000)) as CommentRecord[];
    expect(held).toHaveLength(20);
    expect(held.every((r) => r.source === 'json')).toBe(true);
    expect(authorsOf(held)).toEqual(authorsOf(youtubeAdapter.recordsFromJson(JSON.parse(firstPage), ctx)));
    expect(held.find((r) => r.commentId === 'UgwSOM0QHBLysE3vZE54AaABAg')).toMatchObject({
      pinned: true,
      likes: 9800,
      author: { id: 'UCsXVk37bltHxD1rDPwtNM8Q', handle: 'kurzgesagt' },
    });
    // The page's own fetch got the full, unmodified response.
    expect(await page.textContent('#page-status')).toBe('fetched 20');
    expect(await page.locator('#page-comments li').count()).toBe(20);
    await page.close();
  });

  it('an XMLHttpRequest reply page adds its 10 replies with their parent id', async () => {
    const page = await lens.context.newPage();
    await page.goto(ctx.url);
    await eventually(() => page.textContent('#page-status'), (s) => s === 'fetched 20', 'the page to load its comments');
    await page.click('#load-replies');
    const held = (await eventually(threadRecords, (records: CommentRecord[]) => records.length >= 30, 'the replies in the background', 30_000)) as CommentRecord[];
    const heldReplies = held.filter((r) => r.parentId);
    expect(heldReplies).toHaveLength(10);
    expect(heldReplies.every((r) => r.parentId === 'UgwSOM0QHBLysE3vZE54AaABAg')).toBe(true);
    expect(authorsOf(heldReplies)).toEqual(authorsOf(youtubeAdapter.recordsFromJson(JSON.parse(replies), ctx)));
    expect(await page.textContent('#page-status')).toBe('replies 10');
    await page.close();
  });

  it('a page script cannot add or alter comments: forged messages that would yield records are dropped', async () => {
    const page = await lens.context.newPage();
    await page.goto(ctx.url);
    await eventually(threadRecords, (records: CommentRecord[]) => records.length >= 20, 'the thread');
    const real = (await threadRecords()).find((r: CommentRecord) => r.commentId === 'UgwSOM0QHBLysE3vZE54AaABAg')!;
    // Accepted, these payloads would add 20 comments under new ids, and move a real comment to a fake account.
    const forgedText = firstPage.replace(/\bUg([wxyz])/g, 'Fg$1');
    const fakeAuthorText = firstPage.replaceAll(real.author.id, 'UCfakefakefakefakefake00');
    expect(youtubeAdapter.recordsFromJson(JSON.parse(forgedText), ctx).filter((r) => r.commentId.startsWith('Fg'))).toHaveLength(20);
    expect(youtubeAdapter.recordsFromJson(JSON.parse(fakeAuthorText), ctx).find((r) => r.commentId === real.commentId)?.author.id).toBe('UCfakefakefakefakefake00');
    const probe = await page.evaluate(
      ({ texts }) => {
        const url = 'https://www.youtube.com/youtubei/v1/next?prettyPrint=false';
        for (const text of texts) {
          // The old channel's shape, and the new message shape, on window.postMessage.
          window.postMessage({ channel: 'amplifier-lens/page-json/v1', kind: 'youtube-next', url, text }, location.origin);
          window.postMessage({ kind: 'youtube-next', url, text }, location.origin);
        }
        // Asking for the private port the way the isolated script does gets nothing.
        let offered = 0;
        window.addEventListener('amplifier-lens:page-json-offer', () => offered++, true);
        window.dispatchEvent(new Event('amplifier-lens:page-json-request'));
        return { offered };
      },
      { texts: [forgedText, fakeAuthorText] },
    );
    expect(probe.offered).toBe(0);
    // The positive signal that the messages above were handled: the page's own reply request, posted
    // after them, arrives through the real channel.
    await eventually(() => page.textContent('#page-status'), (s) => s === 'fetched 20', 'the page to load its comments');
    await page.click('#load-replies');
    const held = (await eventually(threadRecords, (records: CommentRecord[]) => records.length >= 30, 'the replies through the real channel', 30_000)) as CommentRecord[];
    expect(held).toHaveLength(30);
    expect(held.filter((r) => !r.commentId.startsWith('Ug'))).toEqual([]);
    expect(held.find((r) => r.commentId === real.commentId)?.author.id).toBe(real.author.id);
    await page.close();
  });

  it('the hook is invisible to the page: native-looking functions, no global of its own', async () => {
    const inspect = () => ({
      fetch: Function.prototype.toString.call(window.fetch),
      open: Function.prototype.toString.call(XMLHttpRequest.prototype.open),
      send: Function.prototype.toString.call(XMLHttpRequest.prototype.send),
      names: [fetch.name, XMLHttpRequest.prototype.open.name, XMLHttpRequest.prototype.send.name],
      lengths: [fetch.length, XMLHttpRequest.prototype.open.length, XMLHttpRequest.prototype.send.length],
      globals: Object.getOwnPropertyNames(window).sort(),
      symbols: Object.getOwnPropertySymbols(window).map(String),
      registered: Symbol.keyFor(Symbol.for('amplifier-lens.page-json-hook')) !== undefined && Object.getOwnPropertySymbols(window).includes(Symbol.for('amplifier-lens.page-json-hook')),
    });
    const hooked = await lens.context.newPage();
    await hooked.goto(ctx.url);
    await eventually(threadRecords, (records: CommentRecord[]) => records.length >= 20, 'the hook to be working');
    const seen = await hooked.evaluate(inspect);
    // The same page on a site the extension does not run on: what an untouched window looks like.
    const plain = await lens.context.newPage();
    await plain.goto('https://plain.example/watch');
    const untouched = await plain.evaluate(inspect);
    for (const text of [seen.fetch, seen.open, seen.send]) expect(text).toContain('[native code]');
    expect(seen.names).toEqual(['fetch', 'open', 'send']);
    expect(seen.lengths).toEqual(untouched.lengths);
    expect(seen.symbols).toEqual(untouched.symbols);
    expect(seen.registered).toBe(false);
    expect(seen.globals).toEqual(untouched.globals);
    await hooked.close();
    await plain.close();
  });
});
