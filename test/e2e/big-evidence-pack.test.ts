// An evidence pack of 2,000 flagged accounts, each with a kept picture (a dozen of them 1 MB), built by
// the report page in real Chromium: no reply from the background near the 64 MiB message limit, the
// size budget splits pages of accounts, the file verifies, and it opens offline with every account.
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyEvidencePack } from '../../src/core/export/evidence-verify.ts';
import { CHROMIUM_PATH, launchWithExtension, seedBigCampaign, type LensBrowser } from './harness.ts';

const ACCOUNTS = 2_000;
const LARGE_PICTURES = 12;

describe('evidence pack of 2,000 flagged accounts (Chromium)', () => {
  let lens: LensBrowser;

  beforeAll(async () => {
    const jpeg = await sharp({ create: { width: 176, height: 176, channels: 3, background: { r: 180, g: 120, b: 90 } } }).jpeg().toBuffer();
    lens = await launchWithExtension();
    // Stored and analysed as if captured; pictures kept as the avatar pipeline keeps them. Bytes after a
    // JPEG's end marker are ignored by decoders: the large ones are real pictures padded to 1 MB.
    await seedBigCampaign(lens, { accounts: ACCOUNTS, pictures: true });
    await lens.background(
      async (l, arg: { large: number; jpegBase64: string }) => {
        const jpeg = Uint8Array.from(atob(arg.jpegBase64), (c) => c.charCodeAt(0));
        for (const record of await l.cases.allRecords()) {
          // the first `large` accounts (UgBig000000…) get the 1 MB pictures
          const large = Number(record.commentId.slice('UgBig'.length)) < arg.large;
          const bytes = large ? new Uint8Array(1024 * 1024) : jpeg;
          if (large) bytes.set(jpeg);
          await l.evidenceStore.keepImage({ imageKey: l.evidence.imageKeyOf(record), bytes, sourceUrl: record.author.avatarUrl, fetchedAt: '2026-11-01T00:00:01.000Z' });
        }
        // Record the size of every page of accounts the background sends.
        const accounts = l.evidence.accounts.bind(l.evidence);
        (globalThis as any).__packReplies = [];
        l.evidence.accounts = async (...args: unknown[]) => {
          const reply = await accounts(...args);
          (globalThis as any).__packReplies.push({ bytes: JSON.stringify(reply).length, asked: (args[1] as unknown[]).length, consumed: reply.consumed });
          return reply;
        };
      },
      { large: LARGE_PICTURES, jpegBase64: jpeg.toString('base64') },
    );
  }, 600_000);

  afterAll(async () => {
    await lens?.close();
  });

  it('is built in bounded pieces, verifies, and opens offline with every account and picture', async () => {
    const flagged = await lens.background((l) => l.cases.verdicts().then((v: any[]) => v.filter((a) => a.level === 'high' || a.level === 'medium').length));
    expect(flagged).toBe(ACCOUNTS);

    const report = await lens.context.newPage();
    await report.goto(lens.extensionUrl('src/ui/report/index.html'));
    await expect.poll(() => report.locator('main').getAttribute('data-state'), { timeout: 60_000 }).toBe('ready');
    const [download] = await Promise.all([report.waitForEvent('download', { timeout: 600_000 }), report.click('[data-export="evidence"]')]);
    const file = join(mkdtempSync(join(tmpdir(), 'lens-big-pack-')), 'case.html');
    await download.saveAs(file);

    const replies = (await lens.background(() => (globalThis as any).__packReplies)) as { bytes: number; asked: number; consumed: number }[];
    expect(replies.reduce((n, r) => n + r.consumed, 0)).toBe(ACCOUNTS);
    // The first page holds the 1 MB pictures: the size budget cut it short of the 100 accounts asked for.
    expect(replies[0].consumed).toBeLessThan(replies[0].asked);
    expect(Math.max(...replies.map((r) => r.bytes))).toBeLessThan(16 * 1024 * 1024);

    const html = readFileSync(file, 'utf8');
    const result = await verifyEvidencePack(html);
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.items).toBeGreaterThanOrEqual(ACCOUNTS * 3);
    console.log(`[big pack] ${ACCOUNTS} accounts, ${(statSync(file).size / 1024 / 1024).toFixed(1)} MB, ${replies.length} pages of accounts, largest reply ${(Math.max(...replies.map((r) => r.bytes)) / 1024 / 1024).toFixed(1)} MB`);

    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(`file://${file}`, { waitUntil: 'load', timeout: 300_000 });
      expect(requests).toEqual([`file://${file}`]);
      expect(await page.locator('section.account').count()).toBe(ACCOUNTS);
      for (const index of [0, ACCOUNTS - 1]) {
        const section = page.locator(`#a-${index}`);
        await section.scrollIntoViewIfNeeded();
        await expect.poll(() => section.locator('img.avatar').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(176);
        expect(await section.locator('[data-f="name"]').textContent()).toMatch(/^Patriot \d+ <b>$/);
      }
    } finally {
      await browser.close();
    }
  }, 900_000);
});
