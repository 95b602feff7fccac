/**
 * Extraction throughput (comments per second) per platform, from JSON (the real snapshots) and from the
 * DOM (linkedom in Node: real m.facebook.com pages; YouTube and X pages built by repeating the
 * hand-written fixtures with fresh ids). Figures are printed, never asserted.
 */
import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
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

function jsonRow(adapter: PlatformAdapter, label: string, files: string[]): Row[] {
  const texts = files.map((f) => readFileSync(sharedPath(f), 'utf8'));
  const parsed = texts.map((t) => JSON.parse(t));
  const extractOnly = throughput(() => parsed.reduce((n, json) => n + adapter.recordsFromJson(json, ctx).length, 0));
  const withParse = throughput(() => texts.reduce((n, text) => n + adapter.recordsFromJson(JSON.parse(text), ctx).length, 0));
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
  out.push(domRow(adapterFor('youtube'), 'YouTube', youtubePage(1000), 'hand-written 2024+ thread ×1000 (3 comments each)', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ'));
  out.push(domRow(adapterFor('x'), 'X', xPage(1000), 'hand-written reply cell ×1000 (with a quoted tweet each)', 'https://x.com/TestNewsroom/status/1860000000000000001'));
  const facebook = parseHTML(
    inflateFacebookHiddenMarkup(readFileSync(sharedPath('fixtures/pages/facebook/m_facebook_story_4191173794300375_Nintendo_2021.html'), 'utf8')),
  ).document;
  out.push(domRow(adapterFor('facebook'), 'Facebook m.', facebook, 'real 2021 page (518 KB)'));
  const desktop = parseHTML(readFileSync(`${REPO_ROOT}/test/fixtures/facebook/desktop-post-comments.html`, 'utf8')).document;
  out.push(domRow(adapterFor('facebook'), 'Facebook www', desktop, 'hand-written Comet fixture'));
  return out;
}
