// The evidence pack end to end in Chromium: "Capture this view" in the popup, the pack from the popup
// (thread) and the report (case), the file verified with the same code as `lens verify`, then opened
// offline in a fresh browser that must make no request and show every flagged account with its picture
// and comments, hostile names as text.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { verifyEvidencePack } from '../../src/core/export/evidence-verify.ts';
import { demoFixtureAvailable } from './demo-fixture.ts';
import { CHROMIUM_PATH, useDemoBrowser, waitForSettledView } from './harness.ts';
import { HOSTILE_NAMES } from './hostile-fixture.ts';
import { readPackInPage } from './pack-reader.ts';

const isFlagged = (a: any) => a.level === 'high' || a.level === 'medium' || a.label === 'confirmed';
const SCREENS = process.env.LENS_PACK_SCREENSHOTS;

/** Opens a pack file in a browser with no extension and every request recorded (and refused). */
async function openOffline(file: string, screenshot?: string) {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const requests: string[] = [];
    context.on('request', (r) => requests.push(r.url()));
    await context.route((url) => url.protocol !== 'file:', (route) => route.abort());
    const page = await context.newPage();
    await page.goto(`file://${file}`, { waitUntil: 'load' });
    await scrollThrough(page);
    const seen = await page.evaluate(readPackInPage);
    if (screenshot) await shoot(page, screenshot);
    return { requests, seen };
  } finally {
    await browser.close();
  }
}

/** content-visibility:auto sections decode their pictures when near the viewport: visit each. */
async function scrollThrough(page: Page) {
  const count = await page.locator('section.account').count();
  for (let i = 0; i < count; i++) await page.locator('section.account').nth(i).scrollIntoViewIfNeeded();
}

async function shoot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(SCREENS!, `${name}-top.png`) });
  await page.locator('#graph').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SCREENS!, `${name}-graph.png`) });
  await page.locator('section.account').first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SCREENS!, `${name}-account.png`) });
}

describe.skipIf(!demoFixtureAvailable())('evidence pack in Chromium', () => {
  const demoBrowser = useDemoBrowser({ hostile: true, markSimulated: true });
  const dir = mkdtempSync(join(tmpdir(), 'lens-pack-e2e-'));

  it('captures the view on request and packs the thread from the popup: verified, offline, complete', async () => {
    const { lens, demo } = demoBrowser;
    const page = await lens.context.newPage();
    await page.goto(demo.url);
    const tabId = await lens.tabIdOf(page);
    const view = await waitForSettledView(lens, tabId);
    const flagged = view.accounts.filter(isFlagged);
    expect(flagged.length).toBeGreaterThanOrEqual(3);

    const popup = await lens.openPopup(tabId);
    await expect.poll(() => popup.locator('main').getAttribute('data-state'), { timeout: 30_000 }).toBe('ready');
    // Without the user's click on the toolbar icon there is no activeTab: the capture is refused, said plainly.
    await page.bringToFront();
    await popup.click('[data-action="capture-view"]');
    await expect.poll(() => popup.locator('[data-capture-status]').textContent()).toMatch(/activeTab|permission/);
    await lens.triggerAction(page);
    await popup.click('[data-action="capture-view"]');
    await expect.poll(() => popup.locator('[data-capture-status]').textContent()).toMatch(/^Captured at .*SHA-256 [0-9a-f]{16}/);
    const captures = await lens.background((l) => l.evidenceStore.captureList());
    expect(captures).toHaveLength(1);
    expect(captures[0]).toEqual(expect.objectContaining({ url: demo.url, platform: 'youtube', threadId: 'xaQJbozY_Is', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }));

    const [download] = await Promise.all([popup.waitForEvent('download', { timeout: 120_000 }), popup.click('[data-export="evidence"]')]);
    const file = join(dir, 'thread.html');
    await download.saveAs(file);
    expect(download.suggestedFilename()).toMatch(/^amplifier-lens-youtube-xaQJbozY_Is-\d{12}-evidence\.html$/);
    const status = await popup.locator('[data-evidence-status="done"]').textContent();
    const html = readFileSync(file, 'utf8');

    const result = await verifyEvidencePack(html);
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(status).toContain(result.fileSha256);

    const { requests, seen } = await openOffline(file, SCREENS && 'chromium-thread');
    expect(requests).toEqual([`file://${file}`]);
    expect(seen.accounts.map((a) => a.account).sort()).toEqual(flagged.map((a: any) => a.accountId).sort());
    // Every flagged account of the demo has a face picture that the background fetched and kept.
    expect(seen.accounts.map((a) => a.picture)).toEqual(flagged.map(() => 'shown'));
    for (const account of seen.accounts) {
      const verdict = flagged.find((a: any) => a.accountId === account.account);
      expect(account.comments.length).toBe(verdict.comments);
      expect(account.permalinks).toBe(account.comments.length);
      expect(account.captured).toBe(account.comments.length);
    }
    expect(seen.captures).toHaveLength(1);
    expect(seen.captures[0]).toBeGreaterThan(100);
    expect(seen.graphNodes).toBe(flagged.length);

    // One character of one comment changed in the file: verification fails and names that comment.
    const target = html.match(/<blockquote data-i="(\d+)" data-f="text">([^<]{5})/)!;
    const at = html.indexOf(target[0]) + target[0].length - 1;
    const tampered = html.slice(0, at) + (html[at] === 'x' ? 'y' : 'x') + html.slice(at + 1);
    const failed = await verifyEvidencePack(tampered);
    expect(failed.ok).toBe(false);
    expect(failed.problems).toEqual([expect.objectContaining({ i: Number(target[1]), id: expect.stringMatching(/^comment youtube:/), problem: 'changed' })]);
    await popup.close();
    await page.close();
  });

  it('packs the whole case from the report page with hostile names kept as text', async () => {
    const { lens, hostile } = demoBrowser;
    const page = await lens.context.newPage();
    await page.goto(hostile.url);
    const tabId = await lens.tabIdOf(page);
    await waitForSettledView(lens, tabId);
    const all = (await lens.background((l) => l.cases.verdicts())).filter(isFlagged);

    const report = await lens.context.newPage();
    await report.goto(lens.extensionUrl('src/ui/report/index.html'));
    await expect.poll(() => report.locator('main').getAttribute('data-state'), { timeout: 30_000 }).toBe('ready');
    const [download] = await Promise.all([report.waitForEvent('download', { timeout: 120_000 }), report.click('[data-export="evidence"]')]);
    const file = join(dir, 'case.html');
    await download.saveAs(file);
    const html = readFileSync(file, 'utf8');
    expect((await verifyEvidencePack(html)).ok).toBe(true);

    const { requests, seen } = await openOffline(file);
    expect(requests).toEqual([`file://${file}`]);
    expect(seen.title).not.toBe('pwned');
    expect(seen.injected).toBe(0);
    expect(seen.accounts).toHaveLength(all.length);
    const names = seen.accounts.map((a) => a.name);
    for (const name of HOSTILE_NAMES) expect(names).toContain(name);
    await report.close();
    await page.close();

    // Kept pictures and captures follow the case's retention period.
    const picturesKept = async () => {
      const plan = await lens.background((l) => l.evidence.plan({ kind: 'case' }));
      const wanted = plan.accounts.slice(0, 50).map((a: any) => ({ platform: a.platform, accountId: a.accountId }));
      const reply = await lens.background((l, w: unknown) => l.evidence.accounts({ kind: 'case' }, w), wanted);
      return reply.accounts.filter((a: any) => a.avatar).length;
    };
    expect(await picturesKept()).toBeGreaterThan(0);
    await lens.background((l) => l.evidenceStore.expire('2000-01-01T00:00:00.000Z'));
    expect(await lens.background((l) => l.evidenceStore.captureList())).toHaveLength(1);
    await lens.background((l) => l.evidenceStore.expire('2999-01-01T00:00:00.000Z'));
    expect(await lens.background((l) => l.evidenceStore.captureList())).toEqual([]);
    expect(await picturesKept()).toBe(0);
  });
});
