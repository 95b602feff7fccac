// Privacy, proven: every network request the extension makes while the demo is read, scored, shown in
// the popup and the report, and exported, is recorded over the devtools protocol — from the service
// worker, the offscreen document and the extension's pages — and only the platforms' image hosts appear.
// (The platform page's own requests are the page's, not the extension's, and are not counted.)
import { createServer } from 'node:net';
import puppeteer, { type Browser, type CDPSession, type Target } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoSite } from '../../src/demo/demo-site.ts';
import { IMAGE_HOSTS } from '../../src/platforms/image-hosts.ts';
import { demoFixtureAvailable, loadDemo } from './demo-fixture.ts';
import { launchWithExtension, waitForSettledView, type LensBrowser } from './harness.ts';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

const imageHost = (host: string) => Object.values(IMAGE_HOSTS).some((hosts) => hosts.some((h) => (h.startsWith('*.') ? host === h.slice(2) || host.endsWith(h.slice(1)) : host === h)));

describe.skipIf(!demoFixtureAvailable())('request log of the demo (Chromium)', () => {
  let lens: LensBrowser;
  let demo: DemoSite;
  let observer: Browser;
  const requests: { target: string; type: string; url: string }[] = [];
  const watched = new Map<string, string>();

  /** Records the requests of every extension context (worker, offscreen document, popup, report…). */
  async function watch(target: Target) {
    const url = target.url();
    if (!url.startsWith(`chrome-extension://${lens.extensionId}/`) || watched.has(url + target.type())) return;
    watched.set(url + target.type(), target.type());
    let session: CDPSession;
    try {
      session = await target.createCDPSession();
    } catch {
      return;
    }
    session.on('Network.requestWillBeSent', (event: { request: { url: string } }) => requests.push({ target: url, type: target.type(), url: event.request.url }));
    await session.send('Network.enable').catch(() => undefined);
  }

  beforeAll(async () => {
    demo = await loadDemo();
    const port = await freePort();
    lens = await launchWithExtension({ args: [`--remote-debugging-port=${port}`] });
    await lens.serve((url, method) => demo.respond(url, method));
    observer = await puppeteer.connect({ browserURL: `http://127.0.0.1:${port}`, defaultViewport: null });
    observer.on('targetcreated', (target: Target) => void watch(target));
    observer.on('targetchanged', (target: Target) => void watch(target));
    for (const target of observer.targets()) await watch(target);
  });

  afterAll(async () => {
    await observer?.disconnect();
    await lens?.close();
  });

  it('reads, scores, shows and exports the demo asking only the platforms’ image hosts', async () => {
    const page = await lens.context.newPage();
    await page.goto(demo.url);
    const tabId = await lens.tabIdOf(page);
    const view = await waitForSettledView(lens, tabId);
    expect(view.progress?.done).toBeGreaterThan(0);
    const popup = await lens.openPopup(tabId);
    await popup.waitForSelector('main[data-state="ready"]');
    const report = await lens.context.newPage();
    await report.goto(lens.extensionUrl('src/ui/report/index.html'));
    await report.waitForSelector('#accounts-table tr.account-row');
    for (const format of ['csv', 'json', 'gexf'] as const) {
      // The export protocol: a start, then chunks until done (src/background/exports.ts).
      const content = await report.evaluate(async (f) => {
        const start = (await chrome.runtime.sendMessage({ type: 'export', format: f, scope: { kind: 'case' } })) as { exportId: string };
        let text = '';
        for (;;) {
          const chunk = (await chrome.runtime.sendMessage({ type: 'export-chunk', exportId: start.exportId })) as { data: string; done: boolean };
          text += chunk.data;
          if (chunk.done) return text;
        }
      }, format);
      expect(content.length).toBeGreaterThan(100);
    }

    // Coverage: the worker and the offscreen document (where the model runs) were both watched.
    expect([...watched.values()]).toContain('service_worker');
    expect([...watched.keys()].some((key) => key.includes('/src/offscreen/'))).toBe(true);
    const network = requests.filter((r) => /^(https?|wss?):/.test(r.url));
    // Positive control: the pictures were fetched, by the worker, and recorded.
    expect(network.filter((r) => r.type === 'service_worker' && r.url.startsWith('https://yt3.ggpht.com/')).length).toBeGreaterThan(0);
    const elsewhere = network.filter((r) => !imageHost(new URL(r.url).hostname) || new URL(r.url).protocol !== 'https:');
    expect(elsewhere).toEqual([]);
    console.log(`[request log] ${network.length} network requests by the extension, hosts: ${[...new Set(network.map((r) => new URL(r.url).hostname))].join(', ')}; ${requests.length - network.length} to its own files`);
    await Promise.all([report.close(), popup.close(), page.close()]);
  });
});
