// X and Facebook in real Chromium, from the real snapshots in ../shared: the m.facebook.com post page
// (2021 markup) read from the DOM, and an X status page whose own script fetches the real TweetDetail
// GraphQL response (main-world hook). The background must end up holding what the adapters read in Node.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inflateFacebookHiddenMarkup } from '../../src/platforms/facebook/saved-page.ts';
import { facebookAdapter, xAdapter } from '../../src/platforms/index.ts';
import { hasShared, sharedPath } from '../helpers/shared.ts';
import { eventually, launchWithExtension, type LensBrowser } from './harness.ts';

const FACEBOOK = 'fixtures/pages/facebook/m_facebook_story_4191173794300375_Nintendo_2021.html';
const X_JSON = 'fixtures/pages/twitter/x_graphql_TweetDetail_1649191520250245121.json';
const FACEBOOK_URL = 'https://m.facebook.com/story.php?story_fbid=4191173794300375&id=119240841493711';
const X_URL = 'https://x.com/XDevelopers/status/1649191520250245121';

const X_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>X</title></head><body>
<main><p id="status">loading</p></main>
<script>
  fetch('/i/api/graphql/q94uRCEn65LZThakYcPT6g/TweetDetail?variables=%7B%7D', { credentials: 'include' })
    .then((r) => r.json())
    .then((data) => { document.getElementById('status').textContent = 'loaded ' + Object.keys(data).length; });
</script></body></html>`;

const sortIds = (records: { commentId: string; author: { id: string } }[]) => records.map((r) => `${r.commentId}:${r.author.id}`).sort();

describe.skipIf(!hasShared(FACEBOOK) || !hasShared(X_JSON))('X and Facebook snapshots in Chromium', () => {
  let lens: LensBrowser;
  // m.facebook.com ships its comments inside <code><!-- … --></code> blocks that its own scripts inflate
  // after load; those scripts cannot run offline, so the page is served as it looks once inflated.
  const facebookHtml = inflateFacebookHiddenMarkup(readFileSync(sharedPath(FACEBOOK), 'utf8'));
  const xJson = readFileSync(sharedPath(X_JSON), 'utf8');

  beforeAll(async () => {
    lens = await launchWithExtension();
    await lens.serve((url) => {
      const parsed = new URL(url);
      if (url === FACEBOOK_URL) return { contentType: 'text/html; charset=utf-8', body: facebookHtml };
      if (url === X_URL) return { contentType: 'text/html; charset=utf-8', body: X_PAGE };
      if (parsed.hostname === 'x.com' && parsed.pathname.endsWith('/TweetDetail')) return { contentType: 'application/json', body: xJson };
      return null;
    });
  });

  afterAll(async () => {
    await lens?.close();
  });

  const threadRecords = (platform: string, threadId: string) =>
    lens.background((l, t: { platform: string; threadId: string }) => l.cases.threadRecords(t.platform, t.threadId), { platform, threadId });

  it('reads every comment of a real m.facebook.com post page from its DOM', async () => {
    const page = await lens.context.newPage();
    await page.goto(FACEBOOK_URL);
    const expected = facebookAdapter.recordsFromDocument(await domOf(facebookHtml), { url: FACEBOOK_URL, seenAt: '2026-11-29T00:00:00Z' }).records;
    expect(expected).toHaveLength(30);
    const held = await eventually(() => threadRecords('facebook', '4191173794300375'), (r: any[]) => r.length >= 30, 'the 30 Facebook comments');
    expect(sortIds(held)).toEqual(sortIds(expected));
    expect(held.every((r: any) => r.text.length > 0 && r.author.displayName)).toBe(true);
    await page.close();
  });

  it('reads the focal tweet and every reply from the page’s own TweetDetail response', async () => {
    const page = await lens.context.newPage();
    await page.goto(X_URL);
    await page.waitForFunction(() => document.getElementById('status')?.textContent?.startsWith('loaded'));
    const expected = xAdapter.recordsFromJson(JSON.parse(xJson), { url: X_URL, seenAt: '2026-11-29T00:00:00Z' });
    const held = await eventually(
      () => threadRecords('x', '1649191520250245121'),
      (r: any[]) => r.length >= expected.length,
      'every tweet of the conversation',
    );
    expect(sortIds(held)).toEqual(sortIds(expected));
    // The JSON carries what the DOM never shows: account creation dates.
    expect(held.filter((r: any) => r.author.createdAt).length).toBe(expected.length);
    await page.close();
  });
});

async function domOf(html: string) {
  const { parseHTML } = await import('linkedom');
  return parseHTML(html).document;
}
