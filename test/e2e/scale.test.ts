// A large copy-paste campaign in real Chromium: 2,000 accounts posting one slogan under the demo's real
// YouTube thread, served as the demo serves it (watch page + /youtubei/v1/next). The popup must become
// ready, show the first page of flagged accounts in the background's order, page through the rest, and
// keep each message small: the summary and one page, never the whole thread. Correctness only; the waits
// are generous time-outs, not measurements.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { injectIntoNextResponse, type InjectedComment } from '../../src/demo/youtube-next.ts';
import { demoWatchPageHtml } from '../../src/demo/youtube-page.ts';
import { DEMO_SNAPSHOT } from '../../src/demo/demo-site.ts';
import { sharedPath } from '../helpers/shared.ts';
import { demoFixtureAvailable } from './demo-fixture.ts';
import { eventually, launchWithExtension, type LensBrowser } from './harness.ts';

const CAMPAIGN = 2_000;
const PAGE_SIZE = 50;
const VIDEO_ID = 'xaQJbozY_Is';
const URL_ = `https://www.youtube.com/watch?v=${VIDEO_ID}`;
const SLOGAN = 'Wake up people! The mainstream media will never tell you this. Share before they delete it #TruthNow';

const channelId = (i: number) => `UC${`campaign${String(i).padStart(6, '0')}`.padEnd(22, 'x')}`;

function campaignComments(): InjectedComment[] {
  return Array.from({ length: CAMPAIGN }, (_, i) => ({
    commentId: `UgzCampaign${String(i).padStart(6, '0')}xxxxxx4AaABAg`,
    channelId: channelId(i),
    handle: `patriot_voice_${i}`,
    text: SLOGAN,
    avatarUrl: '',
    publishedTime: `${1 + (i % 50)} minutes ago`,
    likes: 0,
  }));
}

describe.skipIf(!demoFixtureAvailable())(`a ${CAMPAIGN.toLocaleString('en')}-account copy-paste campaign in Chromium`, () => {
  let lens: LensBrowser;
  let page: Page;
  let tabId: number;
  let popup: Page;

  beforeAll(async () => {
    const snapshot = JSON.parse(readFileSync(sharedPath(DEMO_SNAPSHOT), 'utf8'));
    const injected = campaignComments().map((comment, i) => ({ at: i % 20, comment }));
    const response = JSON.stringify(injectIntoNextResponse(snapshot, injected));
    const html = demoWatchPageHtml({ videoId: VIDEO_ID, title: 'Campaign at scale', banner: 'Test thread with a SIMULATED campaign' });
    lens = await launchWithExtension();
    // The avatar model is not what this test is about: without it the thread is 'ready' once analysed.
    await lens.background(async () => {
      const stored = ((await chrome.storage.local.get('settings')) as { settings?: Record<string, unknown> }).settings ?? {};
      await chrome.storage.local.set({ settings: { ...stored, avatarScoring: false, overlays: { youtube: false, x: false, facebook: false } } });
    });
    await lens.serve((url, method) => {
      const parsed = new URL(url);
      if (parsed.hostname !== 'www.youtube.com' || parsed.searchParams.get('v') !== VIDEO_ID) return null;
      if (parsed.pathname === '/watch') return { contentType: 'text/html; charset=utf-8', body: html };
      if (parsed.pathname === '/youtubei/v1/next' && method === 'POST') return { contentType: 'application/json', body: response };
      return null;
    });
    page = await lens.context.newPage();
    await page.goto(URL_);
    tabId = await lens.tabIdOf(page);
    // Every campaign comment reaches the background (from the page's JSON and its DOM).
    await eventually(
      () => lens.background((l, id: string) => l.cases.threadRecords('youtube', id).then((r: unknown[]) => r.length), VIDEO_ID),
      (n) => n > CAMPAIGN,
      'the campaign to be captured',
      180_000,
    );
  }, 300_000);

  afterAll(async () => {
    await lens?.close();
  });

  /** What the background holds, in the popup's order: flagged accounts by score, highest first. */
  const expected = () =>
    lens.background(
      async (l, id: string) => {
        const summary = await l.cases.summary('youtube', id);
        const accounts = await l.cases.threadVerdicts('youtube', id);
        const flagged = accounts.filter((a: { level: string }) => a.level === 'high' || a.level === 'medium');
        return {
          comments: summary.comments,
          accounts: summary.accounts,
          flagged: flagged.map((a: { accountId: string }) => a.accountId),
          flaggedHandles: flagged.map((a: { handle?: string }) => (a.handle ?? '').replace(/^@/, '')),
        };
      },
      VIDEO_ID,
    );

  const shownIds = () => popup.locator('#flagged-accounts li.account').evaluateAll((items) => items.map((li) => li.getAttribute('data-account-id')));
  const range = () => popup.locator('.pager-range').getAttribute('data-range');

  it('becomes ready and shows the counts and the first page of flagged accounts', async () => {
    popup = await lens.openPopup(tabId);
    await expect.poll(() => popup.locator('main').getAttribute('data-state'), { timeout: 120_000, interval: 500 }).toBe('ready');
    const want = await expected();
    // Every campaign account is flagged (one slogan, 2,000 accounts); known by handle, since the page's
    // DOM names only handles and its JSON (when within the size the hook copies) the channel ids.
    const campaign = new Set(Array.from({ length: CAMPAIGN }, (_, i) => `patriot_voice_${i}`));
    expect(new Set(want.flaggedHandles.filter((h: string) => campaign.has(h))).size).toBe(CAMPAIGN);
    expect(want.accounts).toBeGreaterThan(CAMPAIGN);

    const counts = await popup.locator('.counts dd').allTextContents();
    expect(counts).toEqual([String(want.comments), String(want.accounts), String(want.flagged.length)]);
    await expect.poll(shownIds, { timeout: 30_000 }).toEqual(want.flagged.slice(0, PAGE_SIZE));
    expect(await range()).toBe(`1-${PAGE_SIZE}/${want.flagged.length}`);
    // The cluster list names the copy-paste group with its size, not its members.
    const clusters = await popup.locator('.cluster').allTextContents();
    const sizes = clusters.map((text) => Number(/(\d+) accounts/.exec(text)?.[1] ?? 0));
    expect(Math.max(...sizes)).toBeGreaterThanOrEqual(CAMPAIGN);
    // The reasons of a listed account are there, as text.
    await popup.locator('#flagged-accounts li.account').first().getByRole('button', { name: 'Reasons' }).click();
    expect((await popup.locator('#flagged-accounts .reasons li').first().textContent())?.length).toBeGreaterThan(10);
    // ... and name the cluster they rest on, one of those listed for the thread.
    const listed = await popup.locator('.cluster[data-cluster-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-cluster-id')));
    const named = await popup.locator('#flagged-accounts .reasons .reason-cluster').evaluateAll((els) => els.map((e) => e.getAttribute('data-cluster-id')));
    expect(named.length).toBeGreaterThan(0);
    for (const id of named) expect(listed).toContain(id);
  }, 300_000);

  it('pages through the flagged accounts in the background’s order', async () => {
    const want = await expected();
    await popup.locator('button[data-page="next"]').click();
    await expect.poll(range, { timeout: 30_000 }).toBe(`${PAGE_SIZE + 1}-${2 * PAGE_SIZE}/${want.flagged.length}`);
    expect(await shownIds()).toEqual(want.flagged.slice(PAGE_SIZE, 2 * PAGE_SIZE));
    await popup.locator('button[data-page="next"]').click();
    await expect.poll(range, { timeout: 30_000 }).toBe(`${2 * PAGE_SIZE + 1}-${3 * PAGE_SIZE}/${want.flagged.length}`);
    expect(await shownIds()).toEqual(want.flagged.slice(2 * PAGE_SIZE, 3 * PAGE_SIZE));
    await popup.locator('button[data-page="previous"]').click();
    await expect.poll(range, { timeout: 30_000 }).toBe(`${PAGE_SIZE + 1}-${2 * PAGE_SIZE}/${want.flagged.length}`);
    expect(await shownIds()).toEqual(want.flagged.slice(PAGE_SIZE, 2 * PAGE_SIZE));

    // The last page, asked for directly, holds the tail of the list; past the end gives the last page too.
    const lastOffset = Math.floor((want.flagged.length - 1) / PAGE_SIZE) * PAGE_SIZE;
    for (const offset of [lastOffset, want.flagged.length + 500]) {
      const reply = await popup.evaluate(
        ([id, o, n]) => chrome.runtime.sendMessage({ type: 'get-tab-page', tabId: id, offset: o, limit: n }),
        [tabId, offset, PAGE_SIZE] as const,
      );
      expect(reply.flagged.offset).toBe(lastOffset);
      expect(reply.flagged.items.map((a: { accountId: string }) => a.accountId)).toEqual(want.flagged.slice(lastOffset));
    }
  }, 300_000);

  it('keeps every message small and refetches only when the version moves', async () => {
    const sizes = await popup.evaluate(async (id) => {
      const send = (message: unknown) => chrome.runtime.sendMessage(message);
      const version = await send({ type: 'get-tab-version', tabId: id });
      const again = await send({ type: 'get-tab-version', tabId: id });
      const pageReply = await send({ type: 'get-tab-page', tabId: id, offset: 0, limit: 50 });
      return { version: version.version, again: again.version, pageVersion: pageReply.version, versionBytes: JSON.stringify(version).length, pageBytes: JSON.stringify(pageReply).length };
    }, tabId);
    expect(sizes.again).toBe(sizes.version);
    expect(sizes.pageVersion).toBe(sizes.version);
    // A few hundred bytes per account on a page, whatever the size of the campaign.
    expect(sizes.versionBytes).toBeLessThan(200);
    expect(sizes.pageBytes).toBeLessThan(PAGE_SIZE * 2_000 + 20_000);
    const full = await lens.background((l, id: number) => l.tabView(id).then((v: unknown) => JSON.stringify(v).length), tabId);
    console.log(`[scale] ${CAMPAIGN} campaign accounts: version poll ${sizes.versionBytes} B, page ${(sizes.pageBytes / 1e3).toFixed(1)} kB, the whole thread view ${(full / 1e6).toFixed(1)} MB`);

    // A note changes the case: the version moves, and the popup's page is fetched again.
    const first = (await shownIds())[0]!;
    await popup.evaluate(([platformAccount]) => chrome.runtime.sendMessage({ type: 'set-note', platform: 'youtube', accountId: platformAccount, note: 'checked' }), [first] as const);
    const moved = await popup.evaluate((id) => chrome.runtime.sendMessage({ type: 'get-tab-version', tabId: id }), tabId);
    expect(moved.version).not.toBe(sizes.version);
  }, 300_000);

  it('exports the thread as JSON with every flagged account', async () => {
    const want = await expected();
    const [download] = await Promise.all([popup.waitForEvent('download', { timeout: 240_000 }), popup.getByRole('button', { name: 'Thread JSON' }).click()]);
    const json = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    const ids = (json.accounts as { accountId: string }[]).map((a) => a.accountId).sort();
    expect(ids).toEqual([...want.flagged].sort());
  }, 300_000);
});
