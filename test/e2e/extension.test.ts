// The extension loaded in real headless Chromium: the service worker starts, the model runs in the
// offscreen document, content script and background talk on a routed platform page, and the popup shows
// the right state for pages it cannot read.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/shared.ts';
import { demoFixtureAvailable } from './demo-fixture.ts';
import { eventually, launchWithExtension, useDemoBrowser, waitForSettledView, type LensBrowser } from './harness.ts';

let lens: LensBrowser;

beforeAll(async () => {
  lens = await launchWithExtension();
});

afterAll(async () => {
  await lens?.close();
});

const UNKNOWN_LAYOUT_PAGE = `<!doctype html><html><head><title>Some video - YouTube</title></head>
<body><main id="page-owned">
  <h1>A video whose comment section uses markup nobody has seen</h1>
  <section class="future-comments"><div class="c">First!</div><div class="c">Great video</div></section>
  <button id="page-button" onclick="this.dataset.clicks = String(Number(this.dataset.clicks || 0) + 1)">like</button>
</main></body></html>`;

describe('extension in Chromium', () => {
  it('starts its service worker with a valid manifest', async () => {
    expect(lens.extensionId).toMatch(/^[a-p]{32}$/);
    const manifest = await lens.background(() => chrome.runtime.getManifest());
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.permissions).toEqual(['storage', 'offscreen', 'activeTab']);
  });

  it.skipIf(!existsSync(join(REPO_ROOT, 'models/avatar-detector.onnx')))(
    'creates an onnxruntime-web session and runs inference in the offscreen document',
    async () => {
      const status = await lens.background((l) => l.modelSelfTest());
      expect(status.ok, status.error).toBe(true);
      expect(status.outputs.length).toBeGreaterThan(0);
      expect(status.outputs.every((x: number) => Number.isFinite(x))).toBe(true);
      const contexts = await lens.background(() => chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT' as chrome.runtime.ContextType] }));
      expect(contexts).toHaveLength(1);
    },
  );

  it('tells the popup that an unknown comment layout was not recognised, and leaves the page working', async () => {
    const page = await lens.openPlatformPage('https://www.youtube.com/watch?v=dQw4w9WgXcQ', UNKNOWN_LAYOUT_PAGE);
    const tabId = await lens.tabIdOf(page);
    const state = await eventually(
      () => lens.background((l, id: number) => l.tabs.get(id), tabId),
      (s: any) => s?.recognised === false,
      'the content script to report an unrecognised layout',
    );
    expect(state).toMatchObject({ platform: 'youtube', threadId: 'dQw4w9WgXcQ', recognised: false });

    const popup = await lens.openPopup(tabId);
    await expect.poll(() => popup.locator('main').getAttribute('data-state')).toBe('layout-unrecognised');
    expect(await popup.locator('p[data-state="layout-unrecognised"]').textContent()).toMatch(/comment layout not recognised on this page/i);

    // The page is untouched: its own markup and script still work.
    await page.click('#page-button');
    await page.click('#page-button');
    expect(await page.getAttribute('#page-button', 'data-clicks')).toBe('2');
    expect(await page.locator('amplifier-lens-badge').count()).toBe(0);
    await popup.close();
    await page.close();
  });

  it('says so in the popup when the tab is not one of the supported sites', async () => {
    const page = await lens.openPlatformPage('https://example.org/', '<p>not a platform</p>');
    const tabId = await lens.tabIdOf(page);
    const popup = await lens.openPopup(tabId);
    await expect.poll(() => popup.locator('main').getAttribute('data-state')).toBe('unsupported');
    await popup.close();
    await page.close();
  });
});

describe.skipIf(!demoFixtureAvailable())('extension state in Chromium', () => {
  const demoBrowser = useDemoBrowser();
  const readyView = (tabId: number) => waitForSettledView(demoBrowser.lens, tabId);

  it('loses nothing when Chrome stops the service worker', async () => {
    const { lens, demo } = demoBrowser;
    const page = await lens.context.newPage();
    await page.goto(demo.url);
    const tabId = await lens.tabIdOf(page);
    const before = await readyView(tabId);

    await lens.stopServiceWorker(page);

    // The popup wakes the worker; tab state comes back from session storage, the case from IndexedDB.
    const popup = await lens.openPopup(tabId);
    await expect.poll(() => popup.locator('main').getAttribute('data-state'), { timeout: 30_000 }).toBe('ready');
    // A new worker instance answers: module state from before the stop is gone.
    await lens.waitForNewServiceWorker();
    const after = await readyView(tabId);
    expect(after.summary.comments).toBe(before.summary.comments);
    const levels = (view: any) => view.accounts.map((a: any) => `${a.accountId}:${a.level}`).sort();
    expect(levels(after)).toEqual(levels(before));
    await popup.close();
    await page.close();
  });

  it('applies the options page: a platform switched off is not read', async () => {
    const { lens, demo } = demoBrowser;
    const options = await lens.context.newPage();
    await options.goto(lens.extensionUrl('src/ui/options/index.html'));
    await options.getByRole('checkbox', { name: 'YouTube' }).uncheck();
    await options.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => options.getByRole('status').textContent()).toContain('Saved');

    const page = await lens.context.newPage();
    await page.goto(demo.url);
    const tabId = await lens.tabIdOf(page);
    const popup = await lens.openPopup(tabId);
    await expect.poll(() => popup.locator('main').getAttribute('data-state'), { timeout: 15_000 }).toBe('disabled');
    await page.waitForSelector('ytd-comment-view-model');
    expect(await page.locator('amplifier-lens-badge').count()).toBe(0);

    await options.getByRole('checkbox', { name: 'YouTube' }).check();
    await options.getByRole('button', { name: 'Save' }).click();
    options.once('dialog', (dialog) => void dialog.accept());
    await options.getByRole('button', { name: 'Delete all data' }).click();
    await expect.poll(() => options.getByRole('status').textContent()).toContain('All data deleted');
    expect(await lens.background(async (l) => (await l.cases.allRecords()).length)).toBe(0);
    await Promise.all([popup.close(), page.close(), options.close()]);
  });
});
