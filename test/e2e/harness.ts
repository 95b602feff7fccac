/**
 * A small harness for browser tests: launch Debian's Chromium with the built extension, serve platform
 * pages from fixtures as if they came from youtube.com / x.com / facebook.com, open the popup, and read
 * the background's state. Later features add a browser test in a few lines with it.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { DemoSite } from '../../src/demo/demo-site.ts';
import { REPO_ROOT } from '../helpers/shared.ts';
import { loadDemo } from './demo-fixture.ts';
import { hostileSite } from './hostile-fixture.ts';

export const CHROME_DIST = resolve(REPO_ROOT, 'dist/chrome');
export const FIREFOX_DIST = resolve(REPO_ROOT, 'dist/firefox');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

export function requireBuild(dist = CHROME_DIST) {
  if (!existsSync(join(dist, 'manifest.json'))) {
    throw new Error(`${dist} has no build: run "npm run build" first (npm test does it for you)`);
  }
}

export interface LensBrowser {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  profileDir: string;
  /** Runs a function in the background service worker with the test hooks it exposes (globalThis.__amplifierLens). */
  background<T, A = undefined>(fn: (lens: any, arg: A) => T | Promise<T>, arg?: A): Promise<T>;
  /** Opens a new tab on a platform URL whose HTML (and any other URL on that site) comes from `routes`. */
  openPlatformPage(url: string, html: string): Promise<Page>;
  /** Answers every request (pages, the service worker's avatar fetches) from `respond`; the rest fails offline. */
  serve(respond: (url: string, method: string) => { contentType: string; body: string | Buffer } | null): Promise<void>;
  /** The browser's tab id for a page, as the extension sees it. */
  tabIdOf(page: Page): Promise<number>;
  /** Opens the popup as a tab, describing the given tab. */
  openPopup(tabId: number): Promise<Page>;
  /**
   * Clicks the extension's toolbar icon on a page, as a user would (devtools protocol
   * Extensions.triggerAction): this grants the extension `activeTab` on that tab.
   */
  triggerAction(page: Page): Promise<void>;
  extensionUrl(path: string): string;
  /** Stops the service worker as Chrome does when idle (devtools protocol, through a page of the browser). */
  stopServiceWorker(page: Page): Promise<void>;
  /** Waits until a new service worker instance answers (after `stopServiceWorker`, something must wake it). */
  waitForNewServiceWorker(): Promise<void>;
  close(options?: { keepProfile?: boolean }): Promise<void>;
}

export interface LaunchOptions {
  /** reuse a profile directory (to test persistence across a browser restart) */
  profileDir?: string;
  /** extra Chromium flags */
  args?: string[];
  /** false opens a visible window (npm start on a desktop) */
  headless?: boolean;
  viewport?: { width: number; height: number };
}

/** Launches headless Chromium with the unpacked build loaded and waits for its service worker. */
export async function launchWithExtension(options: LaunchOptions = {}): Promise<LensBrowser> {
  requireBuild();
  const profileDir = options.profileDir ?? mkdtempSync(join(tmpdir(), 'lens-profile-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: options.headless ?? true,
    viewport: options.viewport ?? { width: 1280, height: 900 },
    args: [
      `--disable-extensions-except=${CHROME_DIST}`,
      `--load-extension=${CHROME_DIST}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // lets triggerAction click the toolbar icon (Extensions.triggerAction over the pipe Playwright uses)
      '--enable-unsafe-extension-debugging',
      ...(options.args ?? []),
    ],
  });
  // Nothing reaches the real network: any request a test did not route fails fast.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, (route) => route.abort('internetdisconnected'));
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(worker.url()).host;

  const lens: LensBrowser = {
    context,
    extensionId,
    worker,
    profileDir,
    async background(fn, arg) {
      // The worker may have been stopped and restarted since launch: always talk to the live one.
      const current = context.serviceWorkers().find((w) => w.url().includes(extensionId)) ?? worker;
      return current.evaluate(`(${fn.toString()})(globalThis.__amplifierLens, ${JSON.stringify(arg ?? null)})`) as never;
    },
    async openPlatformPage(url, html) {
      const origin = new URL(url).origin;
      await context.route(`${origin}/**`, async (route) => {
        if (route.request().url() === url || route.request().resourceType() === 'document') {
          await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
        } else {
          await route.fallback();
        }
      });
      const page = await context.newPage();
      await page.goto(url);
      return page;
    },
    async serve(respond) {
      await context.route('**/*', async (route) => {
        const request = route.request();
        const reply = respond(request.url(), request.method());
        if (reply) await route.fulfill({ status: 200, contentType: reply.contentType, body: reply.body });
        else await route.fallback();
      });
    },
    async tabIdOf(page) {
      // The extension sees URLs only of sites it has host permissions for; otherwise the page just
      // opened is the active tab.
      await page.bringToFront();
      const id = await lens.background(async (_l, wanted: string) => {
        const tabs = await chrome.tabs.query({});
        return (tabs.find((t) => t.url === wanted) ?? tabs.find((t) => t.active))?.id;
      }, page.url());
      if (typeof id !== 'number') throw new Error(`no tab found for ${page.url()}`);
      return id;
    },
    async openPopup(tabId) {
      const popup = await context.newPage();
      await popup.goto(`chrome-extension://${extensionId}/src/ui/popup/index.html?tabId=${tabId}`);
      return popup;
    },
    async triggerAction(page) {
      const browser = context.browser();
      if (!browser) throw new Error('triggerAction needs the browser-level devtools session');
      const cdp = await browser.newBrowserCDPSession();
      try {
        const { targetInfos } = (await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] } as never)) as { targetInfos: { type: string; url: string; targetId: string }[] };
        const tab = targetInfos.find((t) => t.type === 'tab' && t.url === page.url());
        if (!tab) throw new Error(`no tab target for ${page.url()}`);
        await cdp.send('Extensions.triggerAction' as never, { id: extensionId, targetId: tab.targetId } as never);
      } finally {
        await cdp.detach();
      }
    },
    extensionUrl(path) {
      return `chrome-extension://${extensionId}/${path}`;
    },
    async stopServiceWorker(page) {
      await lens.background(() => {
        (globalThis as Record<string, unknown>).__lensWorkerLife = 'before-stop';
      });
      const cdp = await context.newCDPSession(page);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
    },
    async waitForNewServiceWorker() {
      // Module state from before the stop is gone in a new instance.
      await eventually(
        () => lens.background(() => (globalThis as Record<string, unknown>).__lensWorkerLife ?? 'new').catch(() => 'unreachable'),
        (life) => life === 'new',
        'a restarted service worker',
      );
    },
    async close(closeOptions) {
      await context.close();
      if (!closeOptions?.keepProfile && !options.profileDir) rmSync(profileDir, { recursive: true, force: true });
    },
  };
  return lens;
}

/** Polls a condition until it holds (browser work is asynchronous); fails with the last value seen. */
export async function eventually<T>(read: () => Promise<T>, holds: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await read();
    if (holds(last)) return last;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)?.slice(0, 500)}`);
}

/**
 * Waits until a tab's thread is analysed and stays so: records arrive in more than one batch (DOM, then
 * the page's JSON) and avatar results stream in, so one 'ready' answer can be followed by changes.
 */
export async function waitForSettledView(lens: LensBrowser, tabId: number, timeoutMs = 90_000): Promise<any> {
  const fingerprint = (v: any) =>
    v?.state === 'ready' ? JSON.stringify([v.summary.comments, v.accounts.map((a: any) => [a.accountId, a.level, a.score])]) : null;
  let previous: string | null = null;
  let stableSince = 0;
  return eventually(
    () => lens.background((l, id: number) => l.tabView(id), tabId),
    (v: any) => {
      const now = fingerprint(v);
      if (now === null || now !== previous) {
        previous = now;
        stableSince = Date.now();
        return false;
      }
      return Date.now() - stableSince >= 1_500;
    },
    'the thread to be analysed and settled',
    timeoutMs,
  );
}

export interface DemoBrowser {
  /** the browser with the extension, launched before the tests of the describe (again by `restart`) */
  lens: LensBrowser;
  /** the built-in demo thread it serves */
  demo: DemoSite;
  /** the thread whose commenters have hostile names, served beside the demo when asked for */
  hostile: ReturnType<typeof hostileSite>;
  /** Closes the browser keeping its profile, launches it again on that profile and serves the same pages. */
  restart(): Promise<LensBrowser>;
}

export interface DemoBrowserOptions {
  /** also serve the thread whose commenters have hostile names */
  hostile?: boolean;
  /** tell the background which demo accounts are the simulated campaign (as the demo page does) */
  markSimulated?: boolean;
}

/**
 * For a describe of browser tests on the demo thread: before its tests, launches Chromium with the
 * built extension and serves the demo (and the hostile-names thread); after them, closes it. Read
 * `lens` and `demo` from the returned object inside the tests.
 */
export function useDemoBrowser(options: DemoBrowserOptions = {}): DemoBrowser {
  const serve = (lens: LensBrowser) =>
    lens.serve(options.hostile ? (url, method) => browser.demo.respond(url, method) ?? browser.hostile.respond(url, method) : (url, method) => browser.demo.respond(url, method));
  const browser: DemoBrowser = {
    lens: undefined as never,
    demo: undefined as never,
    hostile: undefined as never,
    async restart() {
      const profileDir = browser.lens.profileDir;
      await browser.lens.close({ keepProfile: true });
      browser.lens = await launchWithExtension({ profileDir });
      await serve(browser.lens);
      return browser.lens;
    },
  };
  beforeAll(async () => {
    browser.demo = await loadDemo();
    if (options.hostile) browser.hostile = hostileSite();
    browser.lens = await launchWithExtension();
    await serve(browser.lens);
    if (options.markSimulated) await browser.lens.background((l, accounts: string[]) => l.markSimulated('youtube', 'xaQJbozY_Is', accounts), browser.demo.simulatedAccountIds);
  });
  afterAll(async () => {
    await browser.lens?.close();
  });
  return browser;
}

/**
 * Stores a large copy-paste campaign in the background as if captured, in batches of 2,000 as the
 * content script sends them: `accounts` accounts (@patriot0…) posting one slogan within an hour in
 * YouTube thread 'BigCampaign'. With `pictures`, each also has an avatar URL, a display name with
 * markup in it and one of 7 tags after the slogan.
 */
export async function seedBigCampaign(lens: LensBrowser, options: { accounts: number; pictures?: boolean }): Promise<void> {
  await lens.background(
    async (l, arg: { accounts: number; pictures: boolean }) => {
      const slogan = 'Finally someone tells the truth about the new stadium deal, the council hid the real costs from all of us. Share before it gets deleted!';
      const start = Date.parse('2026-10-20T12:00:00Z');
      const records = Array.from({ length: arg.accounts }, (_, i) => ({
        platform: 'youtube',
        threadId: 'BigCampaign',
        commentId: `UgBig${String(i).padStart(6, '0')}`,
        author: arg.pictures
          ? { id: `UCbig${String(i).padStart(8, '0')}`, handle: `@patriot${i}`, displayName: `Patriot ${i} <b>`, avatarUrl: `https://yt3.ggpht.com/big-${i}=s88-c-k-c0x00ffffff-no-rj` }
          : { id: `UCbig${String(i).padStart(8, '0')}`, handle: `@patriot${i}`, displayName: `Patriot ${i}` },
        text: arg.pictures ? `${slogan} #${i % 7}` : slogan,
        publishedAt: new Date(start + (i * 3_600_000) / arg.accounts).toISOString(),
        seenAt: '2026-11-01T00:00:00.000Z',
        source: 'json',
      }));
      for (let i = 0; i < records.length; i += 2000) await l.cases.add(records.slice(i, i + 2000));
    },
    { accounts: options.accounts, pictures: options.pictures ?? false },
  );
}
