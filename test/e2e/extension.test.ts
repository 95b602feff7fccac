// The extension loaded in real headless Chromium: the service worker starts, the model runs in the
// offscreen document, content script and background talk on a routed platform page, and the popup shows
// the right state for pages it cannot read.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/shared.ts';
import { eventually, launchWithExtension, type LensBrowser } from './harness.ts';

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
    expect(manifest.permissions).toEqual(['storage', 'offscreen']);
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
