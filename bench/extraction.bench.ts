/**
 * Extraction throughput (comments per second) per platform, from JSON (the real snapshots) and from the
 * DOM (linkedom in Node: real m.facebook.com pages; YouTube and X pages built by repeating the
 * hand-written fixtures with fresh ids). Figures are printed, never asserted.
 */
import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { parseResponseBody } from '../src/platforms/endpoints.ts';
import { inflateFacebookHiddenMarkup } from '../src/platforms/facebook/saved-page.ts';
import { adapterFor, type PlatformAdapter } from '../src/platforms/index.ts';
import { hasShared, REPO_ROOT, sharedPath } from '../test/helpers/shared.ts';

type Row = { name: string; value: string; note?: string };
const ctx = { url: '', seenAt: '2026-11-29T08:00:00.000Z' };

/** Runs fn repeatedly for at least minMs and returns comments per second. */
function throughput(fn: () => number, minMs = 1500): { perSecond: number; runs: number; perRun: number } {
  fn(); // warm-up
  let comments = 0;
  let runs = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    comments += fn();
    runs++;
    elapsed = performance.now() - start;
  } while (elapsed < minMs);
  return { perSecond: (comments / elapsed) * 1000, runs, perRun: comments / runs };
}

const fmt = (n: number) => `${Math.round(n).toLocaleString('en-US')} comments/s`;

function jsonRow(adapter: PlatformAdapter, label: string, files: string[], url = ''): Row[] {
  const texts = files.map((f) => readFileSync(sharedPath(f), 'utf8'));
  const parsed = texts.map((t) => parseResponseBody(t));
  const at = { ...ctx, url };
  const extractOnly = throughput(() => parsed.reduce<number>((n, json) => n + adapter.recordsFromJson(json, at).length, 0));
  // The same framing the content script and lens scan use (NDJSON, for (;;);).
  const withParse = throughput(() => texts.reduce((n, text) => n + adapter.recordsFromJson(parseResponseBody(text), at).length, 0));
  const bytes = texts.reduce((n, t) => n + t.length, 0);
  return [
    { name: `${label} JSON → records`, value: fmt(extractOnly.perSecond), note: `${extractOnly.perRun} comments from ${files.length} real response(s), parsed once` },
    { name: `${label} JSON text → records`, value: fmt(withParse.perSecond), note: `incl. JSON.parse of ${(bytes / 1e6).toFixed(2)} MB` },
  ];
}

function domRow(adapter: PlatformAdapter, label: string, document: Document, note: string, url = ''): Row {
  const result = throughput(() => adapter.recordsFromDocument(document, { ...ctx, url }).records.length);
  return { name: `${label} DOM → records (linkedom)`, value: fmt(result.perSecond), note: `${result.perRun} comments per scan; ${note}` };
}

/** A page with `threads` copies of the hand-written thread markup, each with fresh comment ids. */
function youtubePage(threads: number): Document {
  const html = readFileSync(`${REPO_ROOT}/test/fixtures/youtube/watch-2024-comments.html`, 'utf8');
  const match = /(<ytd-comment-thread-renderer[\s\S]*?<\/ytd-comment-thread-renderer>)/.exec(html)!;
  const copies = Array.from({ length: threads }, (_, i) => match[1]!.replaceAll('UgzPinnedTestCommentAAAA4AaABAg', `UgzBench${String(i).padStart(8, '0')}xx4AaABAg`));
  return parseHTML(html.replace(match[1]!, copies.join('\n'))).document;
}

function xPage(cells: number): Document {
  const html = readFileSync(`${REPO_ROOT}/test/fixtures/x/status-with-replies.html`, 'utf8');
  const cellPattern = /<div class="css-175oi2r" data-testid="cellInnerDiv"[^>]*><div class="css-175oi2r">\s*<article role="article" tabindex="0" data-testid="tweet">[\s\S]*?<\/article><\/div><\/div>/;
  const cell = cellPattern.exec(html)![0];
  const copies = Array.from({ length: cells }, (_, i) => cell.replaceAll('1860000000000000888', String(1870000000000000000n + BigInt(i))));
  return parseHTML(html.replace(cell, copies.join('\n'))).document;
}

export async function rows(): Promise<Row[]> {
  if (!hasShared('fixtures/pages')) return [{ name: 'extraction', value: 'n/a', note: '../shared/fixtures/pages missing' }];
  const out: Row[] = [];
  out.push(
    ...jsonRow(adapterFor('youtube'), 'YouTube', [
      'fixtures/pages/youtube/yt_next_comments_page1_xaQJbozY_Is.json',
      'fixtures/pages/youtube/yt_next_comments_page1_QqsLTNkzvaY_de-DE.json',
      'fixtures/pages/youtube/yt_next_comments_page1_bjFtFMilb34_pinned.json',
      'fixtures/pages/youtube/yt_next_replies_xaQJbozY_Is.json',
    ]),
  );
  out.push(...jsonRow(adapterFor('x'), 'X', ['fixtures/pages/twitter/x_graphql_TweetDetail_1649191520250245121.json']));
  out.push(
    ...jsonRow(adapterFor('youtube'), 'YouTube 2024–26', [
      'fixtures/pages/youtube/yt_next_comments_KwEGbw4JV_w_p1_2024-06.json',
      'fixtures/pages/youtube/yt_next_comments_KwEGbw4JV_w_p2_2024-06.json',
      'fixtures/pages/youtube/yt_next_comments_KwEGbw4JV_w_p3_2024-06.json',
      'fixtures/pages/youtube/yt_next_replies_KwEGbw4JV_w_UgxAuwvuj_2024-06.json',
      'fixtures/pages/youtube/yt_next_comments_zYpyS2HaZHM_formatting_2026-01.json',
    ]),
  );
  out.push(...jsonRow(adapterFor('x'), 'X SearchTimeline', ['fixtures/pages/twitter/x_graphql_SearchTimeline_newschema_2026-07.json'], 'https://x.com/search?q=Tesla&f=live'));
  out.push(
    ...jsonRow(adapterFor('facebook'), 'Facebook /api/graphql/', ['fixtures/pages/facebook/fb_graphql_post_comments_replies_NintendoLatAm_460807296509786_2024-05.ndjson']),
  );
  out.push(domRow(adapterFor('youtube'), 'YouTube', youtubePage(1000), 'hand-written 2024+ thread ×1000 (3 comments each)', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ'));
  out.push(domRow(adapterFor('x'), 'X', xPage(1000), 'hand-written reply cell ×1000 (with a quoted tweet each)', 'https://x.com/TestNewsroom/status/1860000000000000001'));
  const facebook = parseHTML(
    inflateFacebookHiddenMarkup(readFileSync(sharedPath('fixtures/pages/facebook/m_facebook_story_4191173794300375_Nintendo_2021.html'), 'utf8')),
  ).document;
  out.push(domRow(adapterFor('facebook'), 'Facebook m.', facebook, 'real 2021 page (518 KB)'));
  const desktop = parseHTML(readFileSync(`${REPO_ROOT}/test/fixtures/facebook/desktop-post-comments.html`, 'utf8')).document;
  out.push(domRow(adapterFor('facebook'), 'Facebook www', desktop, 'hand-written Comet fixture'));
  try {
    out.push(...(await chromiumRows()));
  } catch (error) {
    out.push({ name: 'Chromium 5,000-comment page', value: 'error', note: error instanceof Error ? error.message.split('\n')[0] : String(error) });
  }
  return out;
}

/** One comment thread in 2024+ markup; the page script stamps ids and names into it. */
const THREAD_TEMPLATE = `<ytd-comment-view-model id="comment" class="style-scope ytd-comment-thread-renderer"><div id="body">
<div id="author-thumbnail"><button id="author-thumbnail-button" aria-label="@HANDLE"><yt-img-shadow><img id="img" alt="" height="40" width="40" src="https://yt3.ggpht.com/avatarNN=s88-c-k-c0x00ffffff-no-rj"></yt-img-shadow></button></div>
<div id="main"><div id="header"><div id="header-author"><h3><a id="author-text" href="/@HANDLE"><span> @HANDLE </span></a></h3>
<span id="published-time-text"><a href="/watch?v=dQw4w9WgXcQ&amp;lc=UgzBenchNNx4AaABAg">3 hours ago</a></span></div></div>
<ytd-expander id="expander"><div id="content"><yt-attributed-string id="content-text"><span class="yt-core-attributed-string" dir="auto" role="text">TEXT</span></yt-attributed-string></div></ytd-expander>
<ytd-comment-engagement-bar id="action-buttons"><div id="toolbar"><span id="vote-count-middle">NN</span></div></ytd-comment-engagement-bar></div></div></ytd-comment-view-model>`;

/** A watch page whose script appends `total` threads in batches, as infinite scroll does. */
export function scrollingWatchPage(total: number, batch: number, intervalMs: number): string {
  // content-visibility keeps layout of the growing list cheap, as on the real site, so the page's own
  // cost does not drown the content script's.
  return `<!doctype html><html><head><meta charset="utf-8"><title>loading</title>
<style>ytd-comment-thread-renderer { display: block; content-visibility: auto; contain-intrinsic-size: auto 120px; }</style></head><body>
<ytd-app><ytd-comments id="comments"><ytd-item-section-renderer id="sections"><div id="contents"></div></ytd-item-section-renderer></ytd-comments></ytd-app>
<script>
  window.__longest = 0;
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration); }).observe({ type: 'longtask', buffered: true });
  const template = ${JSON.stringify(THREAD_TEMPLATE)};
  // Distinct authors and texts (a seeded word salad), so the page looks like an ordinary busy thread.
  const words = 'the a video great really think about this that why how science space time people world never always love explain more less first again watching years thanks part next question answer'.split(' ');
  const names = 'anna ben chloe david emma felix grace hugo iris jonas kira leo mia noah olga paul quinn rosa sam tara'.split(' ');
  let seed = 42;
  const rand = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  const sentence = () => Array.from({ length: 6 + rand(18) }, () => words[rand(words.length)]).join(' ');
  const contents = document.getElementById('contents');
  let added = 0;
  const step = () => {
    const fragment = document.createDocumentFragment();
    for (let i = 0; i < ${batch} && added < ${total}; i++, added++) {
      const thread = document.createElement('ytd-comment-thread-renderer');
      const handle = names[rand(names.length)] + '.' + names[rand(names.length)] + rand(100);
      thread.innerHTML = template.replaceAll('NN', String(added)).replaceAll('HANDLE', handle).replace('TEXT', sentence());
      fragment.appendChild(thread);
    }
    contents.appendChild(fragment);
    if (added < ${total}) setTimeout(step, ${intervalMs}); else document.title = 'done';
  };
  setTimeout(step, 200);
</script></body></html>`;
}

interface PageCost {
  scriptMs: number;
  taskMs: number;
  layoutMs: number;
  styleMs: number;
  /** CPU time of every task on the page's main thread (trace thread time): unlike the wall-clock
   * durations above, not inflated when other processes (the extension's own, other jobs) share the cores */
  taskCpuMs: number;
  longestTaskMs: number;
  wallMs: number;
}

type TraceEvent = { name: string; ph: string; pid: number; tid: number; dur?: number; tdur?: number; args?: { beginData?: { url?: string } } };

/** Sum of the thread time of the top-level tasks on the main thread that parsed `url`. */
function mainThreadTaskCpuMs(events: TraceEvent[], url: string): number {
  const parser = events.find((e) => e.name === 'ParseHTML' && e.args?.beginData?.url?.startsWith(url));
  if (!parser) return Number.NaN;
  let micros = 0;
  for (const e of events) {
    if (e.pid === parser.pid && e.tid === parser.tid && e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask') micros += e.tdur ?? 0;
  }
  return micros / 1000;
}

async function loadCost(context: import('playwright-core').BrowserContext, url: string, settled: () => Promise<boolean>): Promise<PageCost & { settleMs: number | null }> {
  if (process.env.LENS_BENCH_VERBOSE) console.error('chromium bench: loading', url);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const events: TraceEvent[] = [];
  // (the protocol types each event as a string map; Chromium's trace events carry numbers too)
  cdp.on('Tracing.dataCollected', (chunk) => events.push(...(chunk.value as unknown as TraceEvent[])));
  const traced = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', { categories: 'toplevel,devtools.timeline', transferMode: 'ReportEvents' });
  const started = performance.now();
  await page.goto(url);
  await page.waitForFunction('document.title === "done"', undefined, { timeout: 240_000, polling: 250 });
  const wallMs = performance.now() - started;
  if (process.env.LENS_BENCH_VERBOSE) console.error(`chromium bench: page done after ${Math.round(wallMs)} ms`);
  // Until every comment is in the background (or 60 s), so idle-time extraction is fully counted.
  let settleMs: number | null = null;
  const deadline = performance.now() + 60_000;
  // The background answers late when it is busy analysing: a poll never waits longer than 10 s.
  const poll = () => Promise.race([settled(), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 10_000))]);
  while (performance.now() < deadline) {
    if (await poll()) {
      settleMs = performance.now() - started - wallMs;
      break;
    }
    await page.waitForTimeout(500);
  }
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  const metric = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  const longestTaskMs = (await page.evaluate('window.__longest')) as number;
  await cdp.send('Tracing.end');
  await traced;
  await page.close();
  return {
    scriptMs: metric('ScriptDuration'),
    taskMs: metric('TaskDuration'),
    layoutMs: metric('LayoutDuration'),
    styleMs: metric('RecalcStyleDuration'),
    taskCpuMs: mainThreadTaskCpuMs(events, url),
    longestTaskMs,
    wallMs,
    settleMs,
  };
}

/** A 1×1 PNG: every avatar on the bench page, served the same way with and without the extension. */
const AVATAR_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/**
 * Real Chromium, a YouTube page growing to 5,000 comments (20 per batch every 40 ms): main-thread script
 * and task time with the extension minus the same page without it, and the longest task with it.
 */
export async function chromiumRows(total = 5000): Promise<Row[]> {
  const { existsSync } = await import('node:fs');
  const harness = await import('../test/e2e/harness.ts');
  if (!existsSync(`${harness.CHROME_DIST}/manifest.json`) || !existsSync(harness.CHROMIUM_PATH)) {
    return [{ name: 'Chromium 5,000-comment page', value: 'n/a', note: 'needs npm run build and /usr/bin/chromium' }];
  }
  const { chromium } = await import('playwright-core');
  const url = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ';
  const html = scrollingWatchPage(total, 20, 40);
  // Both runs answer the page and its avatars alike. (Answering them only in one run — the extension's
  // harness aborts unrouted requests, a plain browser's requests did not fail within the run — once put 2,000 failed image
  // loads into the with-extension figure.)
  const serve = async (context: import('playwright-core').BrowserContext) => {
    await context.route('https://yt3.ggpht.com/**', (route) => route.fulfill({ status: 200, contentType: 'image/png', body: AVATAR_PNG }));
    await context.route('https://www.youtube.com/**', (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
  };

  const plain = await chromium.launch({ executablePath: harness.CHROMIUM_PATH, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  const plainContext = await plain.newContext();
  await serve(plainContext);
  const without = await loadCost(plainContext, url, async () => true);
  await plain.close();

  const measureExtension = async (overlays: boolean) => {
    const lens = await harness.launchWithExtension();
    let captured = 0;
    try {
      await serve(lens.context);
      if (!overlays) {
        await lens.background(async () => {
          const stored = ((await chrome.storage.local.get('settings')) as { settings?: Record<string, unknown> }).settings ?? {};
          await chrome.storage.local.set({ settings: { ...stored, overlays: { youtube: false, x: false, facebook: false } } });
        });
      }
      const count = async () =>
        (await lens.background(async (l) => (await l.cases.allRecords()).filter((r: { threadId: string }) => r.threadId === 'dQw4w9WgXcQ').length)) as number;
      const cost = await loadCost(lens.context, url, async () => (captured = await count()) >= total);
      return { ...cost, captured };
    } finally {
      await lens.close();
    }
  };
  const withExtension = await measureExtension(true);
  const captureOnly = await measureExtension(false);
  const captured = withExtension.captured;
  const ms = (n: number) => `${Math.round(n)} ms`;
  const settle = withExtension.settleMs === null ? `${captured} (not all) within 60 s` : `all ${captured} ${ms(withExtension.settleMs)} after the last append`;
  const note = `${total} comments appended 20 per 40 ms (${ms(without.wallMs)} page load); background holds ${settle}; without extension: script ${ms(without.scriptMs)}, longest task ${ms(without.longestTaskMs)}`;
  const per1000 = (n: number) => `${Math.round((n * 1000) / total)} ms`;
  const delta = (cost: PageCost) =>
    `script ${ms(cost.scriptMs - without.scriptMs)}, layout ${ms(cost.layoutMs - without.layoutMs)}, style ${ms(cost.styleMs - without.styleMs)}`;
  return [
    { name: 'Chromium: content-script main-thread time (script Δ)', value: ms(withExtension.scriptMs - without.scriptMs), note },
    { name: 'Chromium: main-thread task time Δ', value: ms(withExtension.taskMs - without.taskMs), note: `with ${ms(withExtension.taskMs)}, without ${ms(without.taskMs)}; Δ ${delta(withExtension)}; includes style/layout of overlay badges` },
    { name: 'Chromium: main-thread task time Δ per 1,000 comments', value: per1000(withExtension.taskMs - without.taskMs), note: `wall clock, overlays on; overlays off: ${per1000(captureOnly.taskMs - without.taskMs)}` },
    {
      name: 'Chromium: main-thread task CPU Δ per 1,000 comments',
      value: per1000(withExtension.taskCpuMs - without.taskCpuMs),
      note: `trace thread time, overlays on (with ${ms(withExtension.taskCpuMs)}, without ${ms(without.taskCpuMs)}); overlays off: ${per1000(captureOnly.taskCpuMs - without.taskCpuMs)}`,
    },
    { name: 'Chromium: longest task with extension', value: ms(withExtension.longestTaskMs), note: 'PerformanceObserver longtask (≥ 50 ms), page + content script' },
    {
      name: 'Chromium: capture only (overlays off), script Δ',
      value: ms(captureOnly.scriptMs - without.scriptMs),
      note: `task time Δ ${ms(captureOnly.taskMs - without.taskMs)} (${delta(captureOnly)}), longest task ${ms(captureOnly.longestTaskMs)}, ${captureOnly.captured} comments captured`,
    },
  ];
}
