/**
 * The contract between the main-world hook (src/content/main-world.ts), which sees the page's own
 * fetch/XHR responses, and the isolated content script (src/content/capture.ts). Only comment endpoints
 * are forwarded, as text, over a private port (src/content/page-json-channel.ts); the isolated side still
 * re-checks everything, because the page controls what its own fetch returns.
 */
import type { Platform } from '../core/types.ts';

/** Larger bodies are ignored (a YouTube comments page is ~0.3 MB, a TweetDetail ~0.5 MB). */
export const MAX_PAGE_JSON_CHARS = 10 * 1024 * 1024;
const MAX_URL_CHARS = 4_096;

export type PageJsonKind = 'youtube-next' | 'x-tweet-detail';

const KIND_PLATFORM: Record<PageJsonKind, Platform> = { 'youtube-next': 'youtube', 'x-tweet-detail': 'x' };

const YOUTUBE_HOSTS = /^(www|m)\.youtube\.com$/;
const X_HOSTS = /^((www|mobile)\.)?(x|twitter)\.com$/;

/** Which comment endpoint a request URL is, or null for everything else (never forwarded). */
export function commentEndpointKind(requestUrl: string, pageUrl: string): PageJsonKind | null {
  let url: URL;
  try {
    url = new URL(requestUrl, pageUrl);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.port !== '') return null;
  if (YOUTUBE_HOSTS.test(url.hostname) && url.pathname === '/youtubei/v1/next') return 'youtube-next';
  if ((X_HOSTS.test(url.hostname) || url.hostname === 'api.x.com' || url.hostname === 'api.twitter.com') && /^\/i\/api\/graphql\/[A-Za-z0-9_-]+\/TweetDetail$/.test(url.pathname)) {
    return 'x-tweet-detail';
  }
  return null;
}

export interface PageJsonMessage {
  kind: PageJsonKind;
  url: string;
  text: string;
}

export type PageJsonCheck = { ok: true; kind: PageJsonKind; url: string; json: unknown } | { ok: false; reason: string };

/**
 * Validates a message from the main world on the isolated side: a known kind for this platform, a
 * comment-endpoint URL, a string body within the size limit that parses as a JSON object.
 */
export function readPageJsonMessage(data: unknown, platform: Platform, pageUrl: string): PageJsonCheck {
  if (typeof data !== 'object' || data === null) return { ok: false, reason: 'not an object' };
  const message = data as Partial<Record<keyof PageJsonMessage, unknown>>;
  const kind = message.kind;
  if (kind !== 'youtube-next' && kind !== 'x-tweet-detail') return { ok: false, reason: 'unknown kind' };
  if (KIND_PLATFORM[kind] !== platform) return { ok: false, reason: 'kind does not belong to this platform' };
  if (typeof message.url !== 'string' || message.url.length > MAX_URL_CHARS) return { ok: false, reason: 'bad url' };
  if (commentEndpointKind(message.url, pageUrl) !== kind) return { ok: false, reason: 'url is not a comment endpoint' };
  if (typeof message.text !== 'string') return { ok: false, reason: 'body is not text' };
  if (message.text.length > MAX_PAGE_JSON_CHARS) return { ok: false, reason: 'body too large' };
  let json: unknown;
  try {
    // Some Google endpoints prefix JSON with an anti-hijacking line.
    json = JSON.parse(message.text.replace(/^\)\]\}'\s*\n/, ''));
  } catch {
    return { ok: false, reason: 'body is not JSON' };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { ok: false, reason: 'body is not a JSON object' };
  return { ok: true, kind, url: message.url, json };
}
