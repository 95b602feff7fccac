// Firefox smoke test: stock firefox-esr driven over WebDriver BiDi (puppeteer-core, no geckodriver). The
// add-on installs, its content script reads a routed platform page and talks to the background, and the
// background's verdicts come back as badges on the page.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIREFOX_DIST, FIREFOX_PATH, requireBuild } from './harness.ts';
import { demoFixtureAvailable, loadDemo } from './demo-fixture.ts';

const available = existsSync(FIREFOX_PATH);
if (!available) console.warn(`[skip] ${FIREFOX_PATH} is missing: the Firefox smoke test is skipped (apt-get install firefox-esr)`);

describe.skipIf(!available || !demoFixtureAvailable())('extension in Firefox (smoke)', () => {
  let browser: Browser;

  beforeAll(async () => {
    requireBuild(FIREFOX_DIST);
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless: true,
      extraPrefsFirefox: { 'network.proxy.type': 0, 'browser.shell.checkDefaultBrowser': false },
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('installs, reads a routed YouTube thread and shows the background verdicts as badges', async () => {
    const addonId = await browser.installExtension(FIREFOX_DIST);
    expect(addonId).toBe('amplifier-lens@newsroom-tools.example');
    const demo = await loadDemo();
    const page = await browser.newPage();
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      const reply = demo.respond(request.url(), request.method());
      if (reply) void request.respond({ status: 200, contentType: reply.contentType, body: reply.body });
      else void request.abort();
    });
    await page.goto(demo.url);
    await page.waitForSelector('ytd-comment-view-model', { timeout: 30_000 });
    const badges = await page.waitForFunction(() => document.querySelectorAll('amplifier-lens-badge').length, { timeout: 60_000 });
    expect(await badges.jsonValue()).toBeGreaterThan(0);
    // Only the simulated campaign's authors carry badges.
    const flaggedHandles = await page.$$eval('amplifier-lens-badge', (hosts) =>
      hosts.map((host) => host.closest('ytd-comment-view-model')?.querySelector('#author-text')?.textContent?.trim() ?? ''),
    );
    const simulated = new Set(demo.simulatedHandles);
    expect(flaggedHandles.filter((h) => !simulated.has(h))).toEqual([]);
    // The page-JSON hook is installed (fetch is wrapped, still reading [native code]) and its private
    // port was handed over: the main world no longer answers a request for it.
    const probe = await page.evaluate(() => {
      let offered = 0;
      window.addEventListener('amplifier-lens:page-json-offer', () => offered++, true);
      window.dispatchEvent(new Event('amplifier-lens:page-json-request'));
      return { offered, fetch: Function.prototype.toString.call(window.fetch), underscore: '_' in window };
    });
    expect(probe).toEqual({ offered: 0, fetch: expect.stringContaining('[native code]'), underscore: false });
  });
});
