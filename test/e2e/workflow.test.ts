// The journalist's workflow in real Chromium on the built-in demo thread (a real YouTube snapshot with a
// simulated campaign) and on a thread whose commenters have hostile names: badges, popup, exports,
// labels, and a case that survives a browser restart.
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { parseXmlTags } from '../helpers/xml.ts';
import { demoFixtureAvailable } from './demo-fixture.ts';
import { HOSTILE_NAMES, HOSTILE_TEXT } from './hostile-fixture.ts';
import { useDemoBrowser, waitForSettledView, type LensBrowser } from './harness.ts';
import type { Page } from 'playwright-core';

async function waitForReady(lens: LensBrowser, page: Page) {
  const tabId = await lens.tabIdOf(page);
  return { tabId, view: await waitForSettledView(lens, tabId) };
}

/** Badges the page should carry for a view: one per comment of a high or medium account that is on the page. */
async function expectedBadges(page: Page, view: any): Promise<number> {
  const ids = view.accounts.filter((a: any) => a.level === 'high' || a.level === 'medium').flatMap((a: any) => a.commentIds);
  return page.evaluate(
    (wanted) => wanted.filter((id: string) => document.querySelector(`ytd-comment-view-model a[href$="lc=${id}"]`)).length,
    ids,
  );
}

const badgeAuthors = (page: Page) =>
  page.$$eval('amplifier-lens-badge', (hosts) =>
    hosts.map((host) => host.closest('ytd-comment-view-model')?.querySelector('#author-text')?.textContent?.trim() ?? '?'),
  );

describe.skipIf(!demoFixtureAvailable())('journalist workflow in Chromium', () => {
  const demoBrowser = useDemoBrowser({ hostile: true, markSimulated: true });

  it('puts badges beside the campaign authors only, and removes every one on toggle', async () => {
    const { lens, demo } = demoBrowser;
    const page = await lens.context.newPage();
    await page.goto(demo.url);
    const { tabId, view } = await waitForReady(lens, page);
    const flagged = view.accounts.filter((a: any) => a.level === 'high' || a.level === 'medium');
    expect(flagged.length).toBeGreaterThanOrEqual(3);

    const wanted = await expectedBadges(page, view);
    expect(wanted).toBeGreaterThanOrEqual(flagged.length);
    await expect.poll(() => page.locator('amplifier-lens-badge').count(), { timeout: 30_000 }).toBe(wanted);
    const authors = await badgeAuthors(page);
    const simulatedHandles = new Set(demo.simulatedHandles.map((h) => (h.startsWith('@') ? h : `@${h}`)));
    expect(authors.length).toBeGreaterThanOrEqual(flagged.length);
    expect(authors.filter((a) => !simulatedHandles.has(a))).toEqual([]);
    // Badges live in closed shadow roots: the page cannot read into them.
    expect(await page.$eval('amplifier-lens-badge', (host) => host.shadowRoot)).toBeNull();

    const popup = await lens.openPopup(tabId);
    await expect.poll(() => popup.locator('main').getAttribute('data-state'), { timeout: 30_000 }).toBe('ready');
    await popup.getByRole('checkbox', { name: 'Show badges on this site' }).uncheck();
    await expect.poll(() => page.locator('amplifier-lens-badge').count(), { timeout: 10_000 }).toBe(0);
    await popup.getByRole('checkbox', { name: 'Show badges on this site' }).check();
    await expect.poll(() => page.locator('amplifier-lens-badge').count(), { timeout: 10_000 }).toBe(wanted);
    await popup.close();
    await page.close();
  });

  it('shows the thread summary in the popup and scrolls the page to a flagged comment', async () => {
    const { lens, demo } = demoBrowser;
    const page = await lens.context.newPage();
    await page.goto(demo.url);
    const { tabId, view } = await waitForReady(lens, page);
    const popup = await lens.openPopup(tabId);
    await expect.poll(() => popup.locator('main').getAttribute('data-state'), { timeout: 30_000 }).toBe('ready');
    const text = await popup.locator('main').innerText();
    expect(text).toContain(`${view.summary.comments}`);
    expect(text).toMatch(/SIMULATED campaign/);
    expect(text).toMatch(/Flagged accounts/i);
    await popup.screenshot({ path: '/tmp/amplifier-lens-popup.png' });

    // The flagged account whose comment sits lowest on the page: revealing it must scroll.
    const flagged = view.accounts.filter((a: any) => a.level === 'high' || a.level === 'medium');
    const depths: number[] = await page.evaluate(
      (ids) => ids.map((id: string) => document.querySelector(`a[href$="lc=${id}"]`)?.getBoundingClientRect().top ?? -1),
      flagged.map((a: any) => a.commentIds[0]),
    );
    const target = depths.indexOf(Math.max(...depths));
    expect(depths[target]).toBeGreaterThan(900);
    await popup.getByRole('button', { name: 'Show comment' }).nth(target).click();
    await expect
      .poll(
        () =>
          page.evaluate((id) => {
            const rect = document.querySelector(`a[href$="lc=${id}"]`)!.getBoundingClientRect();
            return rect.top >= 0 && rect.bottom <= window.innerHeight;
          }, flagged[target].commentIds[0]),
        { timeout: 10_000 },
      )
      .toBe(true);
    await popup.close();
    await page.close();
  });

  it('exports spreadsheet-safe CSV, JSON and GEXF that keep hostile names as text', async () => {
    const { lens, hostile } = demoBrowser;
    const page = await lens.context.newPage();
    await page.goto(hostile.url);
    const { tabId, view } = await waitForReady(lens, page);
    expect(await page.title()).not.toBe('pwned');
    const flaggedIds = view.accounts.filter((a: any) => a.level === 'high' || a.level === 'medium').map((a: any) => a.accountId);
    expect(flaggedIds.length).toBe(HOSTILE_NAMES.length);

    const popup = await lens.openPopup(tabId);
    await expect.poll(() => popup.locator('main').getAttribute('data-state'), { timeout: 30_000 }).toBe('ready');
    const download = async (name: string) => {
      const [file] = await Promise.all([popup.waitForEvent('download'), popup.getByRole('button', { name }).click()]);
      return readFileSync((await file.path())!, 'utf8');
    };

    const csv = await download('Thread CSV');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const rows = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true }).data;
    expect(rows).toHaveLength(HOSTILE_NAMES.length);
    const cells = rows.flatMap((row) => Object.values(row));
    expect(cells.some((cell) => /^[=+\-@\t\r]/.test(cell))).toBe(false);
    expect(cells).toContain(`'${HOSTILE_NAMES[0]}`);
    expect(cells).toContain(HOSTILE_NAMES[1]);
    expect(cells).toContain(HOSTILE_NAMES[2]);

    const json = JSON.parse(await download('Thread JSON'));
    expect(json.schema).toBe('amplifier-lens/case@2');
    expect(json.accounts.map((a: any) => a.displayName).sort()).toEqual([...HOSTILE_NAMES].sort());
    expect(json.accounts.every((a: any) => a.reasons.length > 0)).toBe(true);

    const gexf = await download('Thread graph (GEXF)');
    const labels = parseXmlTags(gexf).filter((tag) => tag.name === 'node').map((tag) => tag.attributes.label);
    expect(labels).toEqual(expect.arrayContaining([HOSTILE_NAMES[1], HOSTILE_NAMES[2]].map((n) => expect.stringContaining(n))));
    await popup.close();
    await page.close();
  });

  it('keeps the case across a browser restart, and a dismissed account stays unflagged after reload', async () => {
    const { demo } = demoBrowser;
    let { lens } = demoBrowser;
    const page = await lens.context.newPage();
    await page.goto(demo.url);
    const { view } = await waitForReady(lens, page);
    const target = view.accounts.find((a: any) => a.level === 'high' || a.level === 'medium');
    const popup = await lens.openPopup(await lens.tabIdOf(page));
    await popup.evaluate((id) => chrome.runtime.sendMessage({ type: 'set-label', platform: 'youtube', accountId: id, label: 'dismissed' }), target.accountId);
    await popup.close();
    await page.close();

    lens = await demoBrowser.restart();
    const stored = await lens.background(async (l) => {
      const threads = await l.store.threads();
      const accounts = await l.cases.verdicts();
      return { threads: threads.map((t: any) => t.key), accounts: accounts.map((a: any) => ({ id: a.accountId, level: a.level, label: a.label })) };
    });
    expect(stored.threads).toEqual(expect.arrayContaining(['youtube:xaQJbozY_Is', 'youtube:QqsLTNkzvaY']));
    const dismissed = stored.accounts.find((a: any) => a.id === target.accountId);
    expect(dismissed).toMatchObject({ label: 'dismissed' });
    expect(['high', 'medium']).not.toContain(dismissed.level);

    const again = await lens.context.newPage();
    await again.goto(demo.url);
    await waitForReady(lens, again);
    await again.waitForFunction(() => document.querySelectorAll('amplifier-lens-badge').length > 0, undefined, { timeout: 30_000 });
    const authors = await badgeAuthors(again);
    expect(authors).not.toContain(target.handle.startsWith('@') ? target.handle : `@${target.handle}`);
  });
});
