/**
 * Reads saved pages and saved platform JSON into CommentRecords, in Node (linkedom for HTML). Each file's
 * kind is detected from its content, not its name. Files that cannot be used become problems with a
 * one-line reason; the rest are merged into one deduplicated record set.
 */
import { readFile, stat } from 'node:fs/promises';
import { parseHTML } from 'linkedom';
import type { CommentRecord, Platform } from '../core/types.ts';
import type { CaseWarning } from '../core/export/index.ts';
import { MAX_TEXT, mergeRecordSet } from '../platforms/adapter.ts';
import { at, isObject } from '../platforms/json-util.ts';
import { inflateFacebookHiddenMarkup } from '../platforms/facebook/saved-page.ts';
import { parseResponseBody } from '../platforms/endpoints.ts';
import { adapterFor } from '../platforms/index.ts';

export type CaseFileKind =
  | 'youtube-next-json'
  | 'x-tweet-detail-json'
  | 'x-search-timeline-json'
  | 'x-user-tweets-and-replies-json'
  | 'facebook-graphql-json'
  | 'youtube-watch-html'
  | 'x-status-html'
  | 'facebook-desktop-html'
  | 'facebook-mobile-html';

export interface CaseProblem {
  file: string;
  reason: string;
}

export interface CaseFileResult {
  file: string;
  kind: CaseFileKind;
  records: CommentRecord[];
  /** set when the file holds comments that could not all be read (the records read are still used) */
  warning?: string;
}

/** Saved pages beyond this size are refused rather than parsed (a 5,000-comment page is ~30 MB). */
const MAX_FILE_BYTES = 256 * 1024 * 1024;

/**
 * What the reader of a scan must be told about files that were read: comments cut to the length limit,
 * and pages recognised as a platform's that held no comments (a scan of nothing must not look clean).
 */
export function caseWarnings(files: CaseFileResult[]): CaseWarning[] {
  const warnings: CaseWarning[] = [];
  for (const { file, kind, records, warning } of files) {
    if (warning) warnings.push({ input: file, kind: 'unread-comments', detail: warning });
    if (records.length === 0) {
      if (warning) continue;
      warnings.push({ input: file, kind: 'no-comments', detail: `recognised as ${kind}, but it holds no comments` });
      continue;
    }
    const cut = records.filter((r) => r.textCutFrom !== undefined);
    if (cut.length > 0) {
      const longest = Math.max(...cut.map((r) => r.textCutFrom!));
      warnings.push({
        input: file,
        kind: 'text-cut',
        detail: `${cut.length} comment${cut.length === 1 ? '' : 's'} cut to ${MAX_TEXT.toLocaleString('en')} characters (longest had ${longest.toLocaleString('en')}): ${cut
          .slice(0, 5)
          .map((r) => r.commentId)
          .join(', ')}${cut.length > 5 ? ', …' : ''}`,
      });
    }
  }
  return warnings;
}

export async function readCaseFiles(paths: string[]): Promise<{ records: CommentRecord[]; problems: CaseProblem[]; files: CaseFileResult[] }> {
  const problems: CaseProblem[] = [];
  const files: CaseFileResult[] = [];
  for (const file of paths) {
    const outcome = await readCaseFile(file);
    if ('reason' in outcome) problems.push(outcome);
    else files.push(outcome);
  }
  return { records: mergeRecordSet(files.flatMap((f) => f.records)), problems, files };
}

export async function readCaseFile(file: string): Promise<CaseFileResult | CaseProblem> {
  let text: string;
  let seenAt: string;
  try {
    const info = await stat(file);
    if (info.isDirectory()) return { file, reason: 'is a directory, not a saved page or JSON file' };
    if (info.size > MAX_FILE_BYTES) return { file, reason: `too large (${Math.round(info.size / 1e6)} MB; the limit is ${MAX_FILE_BYTES / 1e6} MB)` };
    // Relative times ("3 hours ago") are relative to when the page was saved: the file's modification time.
    seenAt = info.mtime.toISOString();
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { file, reason: 'file not found' };
    if (code === 'EACCES' || code === 'EPERM') return { file, reason: 'permission denied' };
    return { file, reason: `cannot be read (${code ?? (error as Error).message})` };
  }
  try {
    return parseCaseText(file, text, seenAt);
  } catch (error) {
    return { file, reason: `could not be parsed (${(error as Error).message.split('\n')[0]})` };
  }
}

/** Detects the kind of one file's content and extracts its records. */
export function parseCaseText(file: string, text: string, seenAt: string): CaseFileResult | CaseProblem {
  const body = text.replace(/^\uFEFF/, '');
  const trimmed = body.trimStart();
  if (trimmed === '') return { file, reason: 'file is empty' };
  if (/\u0000/.test(body.slice(0, 4096))) return { file, reason: 'not a text file (binary content)' };
  if (trimmed.startsWith('{') || trimmed.startsWith('[') || trimmed.startsWith(")]}'") || /^for\s*\(;;\);/.test(trimmed)) return parseJsonFile(file, trimmed, seenAt);
  if (trimmed.startsWith('<')) return parseHtmlFile(file, body, seenAt);
  return { file, reason: 'neither HTML nor JSON' };
}

function parseJsonFile(file: string, text: string, seenAt: string): CaseFileResult | CaseProblem {
  let json: unknown;
  try {
    // One document, or one a line (`.ndjson`, as Facebook sends them), with or without `for (;;);`.
    json = parseResponseBody(text);
  } catch (error) {
    const message = (error as Error).message;
    const truncated = /end of (JSON )?input|Unterminated|Unexpected end/i.test(message);
    return { file, reason: truncated ? 'truncated JSON (the file ends in the middle of the data)' : `not valid JSON (${message.split('\n')[0]})` };
  }
  const ctx = { url: '', seenAt };
  const read = (platform: Platform, kind: CaseFileKind): CaseFileResult => {
    const { records, warning } = adapterFor(platform).readJson(json, ctx);
    return warning ? { file, kind, records, warning } : { file, kind, records };
  };
  if (isYoutubeResponse(json)) return read('youtube', 'youtube-next-json');
  if (isTweetDetail(json)) return read('x', 'x-tweet-detail-json');
  if (isObject(at(json, 'data', 'search_by_raw_query'))) return read('x', 'x-search-timeline-json');
  if (isObject(at(json, 'data', 'user', 'result', 'timeline_v2')) || isObject(at(json, 'data', 'user', 'result', 'timeline'))) return read('x', 'x-user-tweets-and-replies-json');
  const facebook = read('facebook', 'facebook-graphql-json');
  if (facebook.records.length > 0 || facebook.warning) return facebook;
  return {
    file,
    reason: 'JSON, but none of the responses lens reads (YouTube /youtubei/v1/next; X TweetDetail, SearchTimeline, UserTweetsAndReplies; Facebook /api/graphql/ with comments)',
  };
}

function isYoutubeResponse(json: unknown): json is Record<string, unknown> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return false;
  const o = json as Record<string, unknown>;
  return 'onResponseReceivedEndpoints' in o || 'frameworkUpdates' in o || ('responseContext' in o && 'contents' in o) || 'onResponseReceivedActions' in o;
}

function isTweetDetail(json: unknown): boolean {
  if (typeof json !== 'object' || json === null) return false;
  const data = (json as { data?: unknown }).data;
  return typeof data === 'object' && data !== null && ('threaded_conversation_with_injections_v2' in data || 'threaded_conversation_with_injections' in data);
}

/**
 * True when a `<link …>` tag has `href="PREFIX…"`. A scan, not `/<link[^>]+href="…"/`: that expression
 * retries from every `<link` of a crafted page without `>` to the end of it (the square of its length).
 * Each tag is looked at once, from `<link` to its first `>`.
 */
export function linkTagHrefStarts(html: string, prefixes: string[]): boolean {
  const hrefs = prefixes.map((prefix) => `href="${prefix}`);
  for (let start = html.indexOf('<link'); start >= 0; ) {
    const end = html.indexOf('>', start + 5);
    if (end < 0) return false;
    const tag = html.slice(start, end);
    if (hrefs.some((href) => tag.includes(href))) return true;
    start = html.indexOf('<link', end + 1);
  }
  return false;
}

function detectHtmlPlatform(html: string): { platform: Platform; mobile?: boolean } | null {
  const head = html.slice(0, 400_000);
  if (/ytInitialData|<ytd-(app|comment|comments|watch)/.test(head) || linkTagHrefStarts(head, ['https://www.youtube.com/'])) return { platform: 'youtube' };
  if (/data-testid="(tweet|cellInnerDiv)"/.test(html) || linkTagHrefStarts(head, ['https://x.com/', 'https://twitter.com/'])) return { platform: 'x' };
  if (/data-sigil="comment/.test(html) || /m\.facebook\.com|mbasic\.facebook\.com/.test(head)) return { platform: 'facebook', mobile: /data-sigil=/.test(html) };
  if (/facebook\.com|fbcdn\.net/.test(head)) return { platform: 'facebook', mobile: false };
  return null;
}

function canonicalUrl(document: Document): string {
  const candidates = [
    document.querySelector('link[rel="canonical"]')?.getAttribute('href'),
    document.querySelector('meta[property="og:url"]')?.getAttribute('content'),
    document.querySelector('meta[property="al:web:url"]')?.getAttribute('content'),
  ];
  for (const candidate of candidates) if (candidate && /^https:\/\//.test(candidate)) return candidate;
  return '';
}

/**
 * The JSON object assigned after `marker` in an inline script (`var ytInitialData = {…};`), found by
 * matching braces outside strings; null when absent or unbalanced.
 */
export function extractAssignedJson(html: string, marker: RegExp): unknown {
  const match = marker.exec(html);
  if (!match) return null;
  const start = html.indexOf('{', match.index + match[0].length);
  if (start < 0) return null;
  let depth = 0;
  let inString = false;
  for (let i = start; i < html.length; i++) {
    const c = html.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */) depth++;
    else if (c === 125 /* } */ && --depth === 0) {
      try {
        return JSON.parse(html.slice(start, i + 1));
      } catch {
        return null;
      }
    }
  }
  return null;
}

function parseHtmlFile(file: string, html: string, seenAt: string): CaseFileResult | CaseProblem {
  if (/^\s*(<!doctype html|<html)/i.test(html) && !/<\/html>\s*$/i.test(html.slice(-4096))) {
    return { file, reason: 'truncated HTML (no closing </html> tag: the page was not saved completely)' };
  }
  const detected = detectHtmlPlatform(html);
  if (!detected) return { file, reason: 'HTML, but not a YouTube, X or Facebook page' };
  const source = detected.platform === 'facebook' ? inflateFacebookHiddenMarkup(html) : html;
  const { document } = parseHTML(source);
  const ctx = { url: canonicalUrl(document), seenAt };
  const adapter = adapterFor(detected.platform);
  const fromDom = adapter.recordsFromDocument(document, ctx);
  if (detected.platform === 'youtube') {
    const initial = extractAssignedJson(html, /(?:var\s+ytInitialData|window\[["']ytInitialData["']\])\s*=\s*/);
    if (!fromDom.recognised && !initial) return { file, reason: 'YouTube page without a comment section or ytInitialData' };
    const fromJson = initial ? adapter.recordsFromJson(initial, ctx) : [];
    return { file, kind: 'youtube-watch-html', records: [...fromJson, ...fromDom.records] };
  }
  if (!fromDom.recognised) return { file, reason: `${detected.platform === 'x' ? 'X' : 'Facebook'} page, but no comment layout recognised in it` };
  const kind: CaseFileKind = detected.platform === 'x' ? 'x-status-html' : detected.mobile ? 'facebook-mobile-html' : 'facebook-desktop-html';
  return { file, kind, records: fromDom.records };
}
