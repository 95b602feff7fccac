// Faults a journalist can run into, in real Chromium: the service worker stopped while pictures are
// scored, "Delete all data" while they are, storage full (CDP Storage.overrideQuotaForOrigin), two
// settings changes at once, retention, and a picture too large to decode. Every wait is for a positive
// signal (the pipeline idle, a state reached), never a fixed sleep before a negative assertion.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Route } from 'playwright-core';
import type { DemoSite } from '../../src/demo/demo-site.ts';
import { demoFixtureAvailable, loadDemo } from './demo-fixture.ts';
import { eventually, launchWithExtension, waitForSettledView, type LensBrowser } from './harness.ts';

/** Holds the avatar image requests until released, so a test can act while pictures are being scored. */
function avatarGate(lens: LensBrowser, demo: DemoSite) {
  let open = false;
  const held: Route[] = [];
  const answer = async (route: Route) => {
    const reply = demo.respond(route.request().url(), route.request().method());
    await (reply ? route.fulfill({ status: 200, contentType: reply.contentType, body: reply.body }) : route.abort()).catch(() => undefined);
  };
  return {
    held,
    async install() {
      await lens.context.route(/^https:\/\/yt3\.(ggpht|googleusercontent)\.com\//, async (route) => {
        if (open) await answer(route);
        else held.push(route);
      });
    },
    async release() {
      open = true;
      await Promise.all(held.splice(0).map(answer));
    },
  };
}

/** Accounts of the case with a picture to score that have no result (background side). */
const unscored = (lens: LensBrowser) =>
  lens.background(async (l) => {
    const records = await l.cases.allRecords();
    const missing = new Set<string>();
    for (const r of records) {
      const url = r.author.avatarUrl as string | undefined;
      if (url && !r.author.defaultAvatar && !url.includes('/a/default-user') && !l.cases.hasAvatarScore(r.platform, r.author.id)) missing.add(r.author.id);
    }
    return missing.size;
  });

describe.skipIf(!demoFixtureAvailable())('faults in Chromium', () => {
  let lens: LensBrowser;
  let demo: DemoSite;

  beforeEach(async () => {
    demo ??= await loadDemo();
    lens = await launchWithExtension();
    await lens.serve((url, method) => demo.respond(url, method));
  });

  afterEach(async () => {
    await lens?.close();
  });

  it('avatar scoring resumes after the worker is stopped mid-way, and the popup does not say "ready" meanwhile', async () => {
    const gate = avatarGate(lens, demo);
    await gate.install();
    const page = await lens.context.newPage();
    await page.goto(demo.url);
    const tabId = await lens.tabIdOf(page);
    const pending = await eventually(
      () => lens.background((l, id: number) => l.tabView(id), tabId),
      (v: any) => v?.state === 'analysing' && v.progress?.total > 0 && gate.held.length > 0,
      'pictures being scored',
    );
    expect(pending.progress.done).toBe(0);

    await lens.stopServiceWorker(page);
    await gate.release();

    // The popup wakes a new worker: the queued work is found again, so the state is not "ready" yet.
    const popup = await lens.openPopup(tabId);
    await lens.waitForNewServiceWorker();
    const resumed = await eventually(
      () => lens.background((l, id: number) => l.tabView(id), tabId).catch(() => null),
      (v: any) => !!v && v.state !== 'waiting',
      'the restarted worker to answer',
      30_000,
    );
    expect(resumed.progress?.total).toBeGreaterThan(0);
    expect(resumed.state === 'analysing' || resumed.progress.done === resumed.progress.total).toBe(true);
    await lens.background((l) => l.avatars.idle());
    expect(await unscored(lens)).toBe(0);
    await expect.poll(() => popup.locator('main').getAttribute('data-state'), { timeout: 30_000 }).toBe('ready');
    await popup.close();
    await page.close();
  });

  it('"Delete all data" during scoring: nothing in flight is written back, the tab list is gone', async () => {
    const gate = avatarGate(lens, demo);
    await gate.install();
    const page = await lens.context.newPage();
    await page.goto(demo.url);
    const tabId = await lens.tabIdOf(page);
    await eventually(
      () => lens.background((l, id: number) => l.tabView(id), tabId),
      (v: any) => v?.state === 'analysing' && gate.held.length > 0,
      'pictures being scored',
    );
    expect(JSON.stringify(await lens.background(() => chrome.storage.session.get(null)))).toContain(demo.videoId);
    await page.close();

    const options = await lens.context.newPage();
    await options.goto(lens.extensionUrl('src/ui/options/index.html'));
    expect(await options.evaluate(() => chrome.runtime.sendMessage({ type: 'delete-all-data' }))).toEqual({ ok: true });
    await gate.release();
    // Positive signal: the pipeline has finished what was in flight.
    await lens.background((l) => l.avatars.idle());
    expect(await lens.background(async (l) => (await l.store.allAvatars()).length)).toBe(0);
    expect(await lens.background(async (l) => (await l.cases.allRecords()).length)).toBe(0);
    expect(await lens.background(async (l) => (await l.store.allComments()).length)).toBe(0);
    expect(await lens.background(() => chrome.storage.session.get(null))).toEqual({});
    await options.close();
  });

  it('storage full: the thread is still analysed, the popup says so, and the next batch is saved once there is room', async () => {
    const origin = `chrome-extension://${lens.extensionId}`;
    const helper = await lens.context.newPage();
    const cdp = await lens.context.newCDPSession(helper);
    const usage = await lens.background(async () => (await navigator.storage.estimate()).usage ?? 0);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: usage + 4096 });

    const page = await lens.context.newPage();
    await page.goto(demo.url);
    const tabId = await lens.tabIdOf(page);
    const view = await eventually(
      () => lens.background((l, id: number) => l.tabView(id), tabId),
      (v: any) => (v?.state === 'ready' || v?.state === 'analysing') && v.storageError === 'storage full',
      'the analysis with a storage error',
      60_000,
    );
    expect(view.summary.comments).toBeGreaterThan(0);
    const settled = await waitForSettledView(lens, tabId);
    expect(settled.storageError).toBe('storage full');
    expect(settled.summary.comments).toBeGreaterThanOrEqual(view.summary.comments);
    const popup = await lens.openPopup(tabId);
    await expect.poll(() => popup.locator('[data-storage="error"]').textContent()).toContain('Could not save: storage full — export and clear, or raise the limit');
    expect(await popup.locator('#accounts li, li.account').count()).toBeGreaterThan(0);
    const held = await lens.background(async (l) => (await l.cases.allRecords()).length);

    // Room again; the next batch writes everything that was kept back.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin });
    const next = { ...demo.records[0]!, commentId: 'UgzNextBatchAfterQuota0000', text: 'one more comment', seenAt: new Date().toISOString() };
    await lens.background((l, record) => l.cases.add([record]), next);
    expect(await lens.background((l) => l.cases.storageError ?? null)).toBeNull();
    expect(await lens.background(async (l) => (await l.store.allComments()).length)).toBe(held + 1);
    await expect.poll(() => popup.locator('[data-storage="error"]').count()).toBe(0);
    await Promise.all([popup.close(), page.close(), helper.close()]);
  });

  it('settings: an overlay toggled while the options page is open survives its Save', async () => {
    const options = await lens.context.newPage();
    await options.goto(lens.extensionUrl('src/ui/options/index.html'));
    await expect.poll(() => options.getByRole('checkbox', { name: 'YouTube' }).isChecked()).toBe(true);
    expect(await options.evaluate(() => chrome.runtime.sendMessage({ type: 'set-overlays', platform: 'youtube', enabled: false }))).toEqual({ ok: true });
    await options.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => options.getByRole('status').textContent()).toContain('Saved');
    const stored = await lens.background(async () => (await chrome.storage.local.get('settings')).settings as any);
    expect(stored.overlays.youtube).toBe(false);
    // Concurrent changes through the one writer: none is lost.
    await lens.background((l) =>
      Promise.all([
        l.settings.update((s: any) => ({ ...s, overlays: { ...s.overlays, x: false } })),
        l.settings.update((s: any) => ({ ...s, overlays: { ...s.overlays, facebook: false } })),
        l.settings.update((s: any) => ({ ...s, retentionDays: 30 })),
      ]),
    );
    const after = await lens.background((l) => l.settings.load());
    expect([after.overlays.youtube, after.overlays.x, after.overlays.facebook, after.retentionDays]).toEqual([false, false, false, 30]);
    await options.close();
  });

  it('retention removes old avatar results and notes too, and keeps recent ones', async () => {
    const kept = await lens.background(async (l) => {
      const old = '2020-01-01T00:00:00.000Z';
      const recent = new Date().toISOString();
      await l.store.putAvatars([{ imageKey: 'youtube:/old', level: 'low', pGenerated: 0.1 }], old);
      await l.store.putAvatars([{ imageKey: 'youtube:/new', level: 'low', pGenerated: 0.1 }], recent);
      await l.store.updateAccountNote('youtube', 'UCold', { note: 'old note' }, old);
      await l.store.updateAccountNote('youtube', 'UCnew', { note: 'new note' }, recent);
      await l.store.expire('2025-01-01T00:00:00.000Z');
      return {
        avatars: (await l.store.allAvatars()).map((a: any) => a.imageKey),
        notes: (await l.store.accountNotes()).map((n: any) => n.accountId),
      };
    });
    expect(kept).toEqual({ avatars: ['youtube:/new'], notes: ['UCnew'] });
  });

  it('a picture declaring 20000×20000 pixels is refused before decoding, with the reason', async () => {
    const png = Buffer.alloc(64);
    png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    png.writeUInt32BE(20_000, 16);
    png.writeUInt32BE(20_000, 20);
    await lens.context.route('https://yt3.ggpht.com/hugepicture**', (route) => route.fulfill({ status: 200, contentType: 'image/png', body: png }));
    const score = await lens.background(async (l) => {
      const record = {
        platform: 'youtube',
        threadId: 'hugeVideo01',
        commentId: 'UgzHugePicture000000000000',
        author: { id: 'UChugepicture00000000000', avatarUrl: 'https://yt3.ggpht.com/hugepicture=s88-c-k-c0x00ffffff-no-rj' },
        text: 'hello',
        seenAt: new Date().toISOString(),
        source: 'dom',
      };
      await l.cases.add([record]);
      l.avatars.enqueue([record]);
      await l.avatars.idle();
      return l.cases.avatarsByAccount.get('youtube:UChugepicture00000000000');
    });
    expect(score?.level).toBe('unsure');
    expect(score?.error).toContain('20000×20000 pixels');
  });
});
