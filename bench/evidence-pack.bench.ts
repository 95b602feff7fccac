/**
 * Evidence pack at scale: 2,000 flagged accounts with a picture and three comments each, generated in
 * Node with the extension's generator, verified, then opened in headless Chromium: time to the load
 * event, the longest main-thread task while loading and while scrolling to the last account (a layout
 * freeze would show as one long task).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import sharp from 'sharp';
import { evidencePackToString, type PackAccount } from '../src/core/export/evidence-pack.ts';
import { verifyEvidencePack } from '../src/core/export/evidence-verify.ts';
import { CHROMIUM_PATH } from '../test/e2e/harness.ts';

const ACCOUNTS = 2_000;

async function pack(): Promise<string> {
  const jpeg = new Uint8Array(await sharp({ create: { width: 176, height: 176, channels: 3, background: { r: 128, g: 128, b: 128 }, noise: { type: 'gaussian', mean: 128, sigma: 40 } } }).jpeg({ quality: 80 }).toBuffer());
  const accounts: PackAccount[] = Array.from({ length: ACCOUNTS }, (_, n) => ({
    verdict: {
      platform: 'youtube',
      accountId: `UCbench${n}`,
      handle: `@bench${n}`,
      displayName: `Bench account ${n}`,
      profileUrl: `https://www.youtube.com/@bench${n}`,
      score: 0.72,
      level: 'high',
      reasons: [
        { signal: 'near-duplicate', weight: 0.45, detail: `Posted near-identical text to ${ACCOUNTS - 1} other accounts`, clusterId: 'nd:1' },
        { signal: 'burst', weight: 0.4, detail: 'One of 2,000 accounts commenting within about 60 minutes', clusterId: 'burst:1' },
      ],
      comments: 3,
      threads: ['BenchThread'],
    },
    comments: [0, 1, 2].map((k) => ({
      platform: 'youtube' as const,
      threadId: 'BenchThread',
      commentId: `UgBench${n}x${k}`,
      author: { id: `UCbench${n}` },
      text: `Comment ${k} of account ${n}: finally someone tells the truth about the stadium deal, share before it gets deleted! #${k}`,
      publishedAt: '2026-10-20T12:00:00.000Z',
      seenAt: '2026-11-01T00:00:00.000Z',
      source: 'json' as const,
    })),
    avatar: { bytes: jpeg, sourceUrl: `https://yt3.ggpht.com/bench-${n}=s176`, fetchedAt: '2026-11-01T00:00:01.000Z' },
  }));
  return evidencePackToString({
    title: 'Bench case',
    scopeLabel: 'bench',
    generatedAt: '2026-11-01T00:00:00.000Z',
    extensionVersion: 'bench',
    threads: [],
    clusters: [],
    accountCount: accounts.length,
    accounts,
  });
}

async function open(file: string) {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.addInitScript(() => {
      (window as any).__longest = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) (window as any).__longest = Math.max((window as any).__longest, entry.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    const t0 = performance.now();
    await page.goto(`file://${file}`, { waitUntil: 'load', timeout: 300_000 });
    await page.evaluate(() => new Promise(requestAnimationFrame));
    const loadMs = performance.now() - t0;
    const loading = await page.evaluate(() => (window as any).__longest as number);
    await page.evaluate(() => ((window as any).__longest = 0));
    const s0 = performance.now();
    await page.locator(`#a-${ACCOUNTS - 1}`).scrollIntoViewIfNeeded();
    await page.evaluate(() => new Promise(requestAnimationFrame));
    const scrollMs = performance.now() - s0;
    const scrolling = await page.evaluate(() => (window as any).__longest as number);
    return { loadMs, loading, scrollMs, scrolling };
  } finally {
    await browser.close();
  }
}

export async function rows(): Promise<{ name: string; value: string; note?: string }[]> {
  const t0 = performance.now();
  const html = await pack();
  const buildMs = performance.now() - t0;
  const v0 = performance.now();
  const verified = await verifyEvidencePack(html);
  const verifyMs = performance.now() - v0;
  if (!verified.ok) throw new Error('the bench pack does not verify');
  const file = join(mkdtempSync(join(tmpdir(), 'lens-bench-pack-')), 'pack.html');
  writeFileSync(file, html);
  const lazy = await open(file);
  const mb = (Buffer.byteLength(html) / 1024 / 1024).toFixed(1);
  return [
    { name: `generate ${ACCOUNTS.toLocaleString('en')}-account pack (Node)`, value: `${(buildMs / 1000).toFixed(1)} s`, note: `${mb} MB, ${verified.items.toLocaleString('en')} hashed items` },
    { name: 'lens verify of that pack', value: `${(verifyMs / 1000).toFixed(1)} s` },
    { name: 'open in Chromium: to load event', value: `${(lazy.loadMs / 1000).toFixed(1)} s`, note: `longest task while loading ${lazy.loading.toFixed(0)} ms` },
    { name: 'scroll to the last account', value: `${lazy.scrollMs.toFixed(0)} ms`, note: `longest task ${lazy.scrolling.toFixed(0)} ms (content-visibility:auto)` },
  ];
}
