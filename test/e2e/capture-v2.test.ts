// Capture v2 in real Chromium, through the real main-world hook: a www.facebook.com post page whose own
// script loads its comments from /api/graphql/ (XHR, `for (;;);` prefix, as Comet does), an X search page
// whose script fetches SearchTimeline, and "Save a diagnostic" for a GraphQL response of an unknown shape
// (stored in the extension, saved as a file from the popup, gone after "delete all data").
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseResponseBody } from '../../src/platforms/endpoints.ts';
import { facebookAdapter, xAdapter } from '../../src/platforms/index.ts';
import { hasShared, sharedPath } from '../helpers/shared.ts';
import { eventually, launchWithExtension, type LensBrowser } from './harness.ts';

const FB_JSON = 'fixtures/pages/facebook/fb_graphql_post_comments_replies_NintendoLatAm_460807296509786_2024-05.ndjson';
const SEARCH_JSON = 'fixtures/pages/twitter/x_graphql_SearchTimeline_newschema_2026-07.json';
const POST_PFBID = 'pfbid04HiaVn5z57Uvx43Uj7stjhSo4LCAuUdMt5wyMkpBhncFEggzoWAfBKvvKGUshM53l';
const FB_URL = `https://www.facebook.com/NintendoLatAm/posts/${POST_PFBID}`;
const FB_UNKNOWN_URL = 'https://www.facebook.com/NintendoLatAm/posts/460807296509786';
const SEARCH_URL = 'https://x.com/search?q=Tesla&src=typed_query&f=live';

/** A Comet-like page: comments come from XHR POSTs to /api/graphql/; another query returns no comments. */
const facebookPage = (query: string) => `<!doctype html><html><head><meta charset="utf-8"><title>Facebook</title></head><body>
<div role="main"><p id="status">loading</p></div>
<script>
  fetch('/api/graphql/?q=viewer', { method: 'POST', body: 'doc_id=1' }).then((r) => r.text()).then(() => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/graphql/?q=${query}');
    xhr.onload = () => { document.getElementById('status').textContent = 'loaded ' + xhr.responseText.length; };
    xhr.send('doc_id=2&variables=%7B%7D');
  });
</script></body></html>`;

const SEARCH_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>X</title></head><body>
<main role="main"><p id="status">loading</p></main>
<script>
  fetch('/i/api/graphql/nK1dw4oV3k4w5TdtcAdSww/SearchTimeline?variables=%7B%22rawQuery%22%3A%22Tesla%22%7D', { credentials: 'include' })
    .then((r) => r.json())
    .then((data) => { document.getElementById('status').textContent = 'loaded ' + Object.keys(data).length; });
</script></body></html>`;

/** The real response with its comment ids moved where no reader looks: a shape from the future. */
function unknownShape(text: string): string {
  const doc = JSON.parse(text);
  const move = (value: any): void => {
    if (Array.isArray(value)) value.forEach(move);
    else if (value && typeof value === 'object') {
      if (value.__typename === 'Comment' && value.author) {
        value.fbid_v2 = value.legacy_fbid;
        delete value.legacy_fbid;
        value.id = 'opaque';
      }
      Object.values(value).forEach(move);
    }
  };
  move(doc);
  return JSON.stringify(doc);
}

const ids = (records: { commentId: string; author: { id: string }; parentId?: string; depth?: number }[]) =>
  records.map((r) => `${r.commentId}:${r.author.id}:${r.parentId ?? ''}:${r.depth ?? ''}`).sort();

describe.skipIf(!hasShared(FB_JSON) || !hasShared(SEARCH_JSON))('capture v2 in Chromium (main-world hook)', () => {
  let lens: LensBrowser;
  const fbText = readFileSync(sharedPath(FB_JSON), 'utf8').trim();
  const searchText = readFileSync(sharedPath(SEARCH_JSON), 'utf8');

  beforeAll(async () => {
    lens = await launchWithExtension();
    await lens.serve((url, method) => {
      const parsed = new URL(url);
      if (url === FB_URL) return { contentType: 'text/html; charset=utf-8', body: facebookPage('comments') };
      if (url === FB_UNKNOWN_URL) return { contentType: 'text/html; charset=utf-8', body: facebookPage('unknown') };
      if (url === SEARCH_URL) return { contentType: 'text/html; charset=utf-8', body: SEARCH_PAGE };
      if (parsed.hostname === 'www.facebook.com' && parsed.pathname === '/api/graphql/' && method === 'POST') {
        const q = parsed.searchParams.get('q');
        const body = q === 'comments' ? `for (;;);${fbText}` : q === 'unknown' ? unknownShape(fbText) : '{"data":{"viewer":{"actor":null}},"extensions":{"is_final":true}}';
        return { contentType: 'text/html; charset=utf-8', body };
      }
      if (parsed.hostname === 'x.com' && parsed.pathname.endsWith('/SearchTimeline')) return { contentType: 'application/json', body: searchText };
      return null;
    });
  });

  afterAll(async () => {
    await lens?.close();
  });

  const threadRecords = (platform: string, threadId: string) =>
    lens.background((l, t: { platform: string; threadId: string }) => l.cases.threadRecords(t.platform, t.threadId), { platform, threadId });

  it('www.facebook.com: the 14 comments of the page’s own /api/graphql/ response, with depth and parents, as the post’s thread', async () => {
    const page = await lens.context.newPage();
    await page.goto(FB_URL);
    await page.waitForFunction(() => document.getElementById('status')?.textContent?.startsWith('loaded'));
    const expected = facebookAdapter.recordsFromJson(parseResponseBody(fbText), { url: FB_URL, seenAt: '2026-11-30T00:00:00Z' });
    expect(expected).toHaveLength(14);
    const held = await eventually(() => threadRecords('facebook', POST_PFBID), (r: any[]) => r.length >= 14, 'the 14 Facebook comments');
    expect(ids(held)).toEqual(ids(expected));
    expect(held.map((r: any) => r.depth).sort()).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 2, 2]);
    expect(held.every((r: any) => r.source === 'json' && r.publishedAt?.startsWith('2024-05-'))).toBe(true);
    // The page was not disturbed: its own XHR got the body it asked for.
    expect(await page.locator('#status').textContent()).toBe(`loaded ${`for (;;);${fbText}`.length}`);
    await page.close();
  });

  it('x.com search: the 20 results of the page’s own SearchTimeline as the "search:Tesla" thread', async () => {
    const page = await lens.context.newPage();
    await page.goto(SEARCH_URL);
    await page.waitForFunction(() => document.getElementById('status')?.textContent?.startsWith('loaded'));
    const expected = xAdapter.recordsFromJson(JSON.parse(searchText), { url: SEARCH_URL, seenAt: '2026-11-30T00:00:00Z' });
    expect(expected).toHaveLength(20);
    const held = await eventually(() => threadRecords('x', 'search:Tesla'), (r: any[]) => r.length >= 20, 'the 20 search results');
    expect(ids(held)).toEqual(ids(expected));
    expect(held.filter((r: any) => r.author.createdAt)).toHaveLength(20);
    await page.close();
  });

  it('a response of an unknown shape: kept as a diagnostic, saved from the popup as a file, deleted with all data', async () => {
    const page = await lens.context.newPage();
    await page.goto(FB_UNKNOWN_URL);
    await page.waitForFunction(() => document.getElementById('status')?.textContent?.startsWith('loaded'));
    const stored = await eventually(
      () => lens.background((l) => l.diagnostics.all()),
      (list: any[]) => list.some((d) => d.source === 'json'),
      'a JSON diagnostic in extension storage',
    );
    const json = stored.find((d: any) => d.source === 'json');
    expect(json).toMatchObject({ platform: 'facebook', threadId: '460807296509786', reason: '14 comments in the response, none could be read', pageUrl: FB_UNKNOWN_URL });
    expect(json.fragment).toContain('"fbid_v2":"1191007888725571"');
    expect(await threadRecords('facebook', '460807296509786')).toEqual([]);

    const tabId = await lens.tabIdOf(page);
    const popup = await lens.openPopup(tabId);
    const button = popup.getByRole('button', { name: 'Save a diagnostic' });
    await button.waitFor({ timeout: 15_000 });
    const [download] = await Promise.all([popup.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toMatch(/^amplifier-lens-diagnostic-facebook-2\d{3}-.+\.json$/);
    const saved = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(saved).toMatchObject({ format: 'amplifier-lens/diagnostic@1', platform: 'facebook', threadId: '460807296509786' });
    expect(saved.fragment).toContain('Kenneth Fernández');

    await popup.evaluate(() => chrome.runtime.sendMessage({ type: 'delete-all-data' }));
    expect(await lens.background((l) => l.diagnostics.all())).toEqual([]);
    const keys = await lens.background(async () => Object.keys(await chrome.storage.local.get(null)));
    expect(keys.filter((key: string) => key.startsWith('diagnostic'))).toEqual([]);
    await popup.close();
    await page.close();
  });
});
