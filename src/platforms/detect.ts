/**
 * Page detection in one place: which platform a URL belongs to and which thread (video, status, post)
 * it shows. Hosts we do not run on (youtu.be, music.youtube.com, tweetdeck…) give null.
 */
import type { Platform } from '../core/types.ts';

export interface PageInfo {
  platform: Platform;
  /** video id, status id or post id; null on pages of our sites that show no single thread */
  threadId: string | null;
  url: string;
}

const YOUTUBE_HOSTS = new Set(['www.youtube.com', 'youtube.com', 'm.youtube.com']);
const X_HOSTS = new Set(['x.com', 'www.x.com', 'mobile.x.com', 'twitter.com', 'www.twitter.com', 'mobile.twitter.com']);
const FACEBOOK_HOSTS = new Set(['www.facebook.com', 'facebook.com', 'm.facebook.com', 'web.facebook.com', 'mbasic.facebook.com', 'touch.facebook.com']);

const YOUTUBE_VIDEO_ID = /^[A-Za-z0-9_-]{11}$/;
const NUMERIC_ID = /^\d{1,25}$/;
// Facebook post ids are numeric or the newer "pfbid0…" tokens.
const FACEBOOK_POST_ID = /^(\d{1,25}|pfbid[A-Za-z0-9]{10,120})$/;

let lastUrl: string | undefined;
let lastPage: PageInfo | null = null;

export function detectPage(url: string): PageInfo | null {
  // Extraction asks for the same page URL for every added subtree: remember the last answer.
  if (url === lastUrl) return lastPage && { ...lastPage };
  const page = detectUncached(url);
  lastUrl = url;
  lastPage = page;
  return page && { ...page };
}

function detectUncached(url: string): PageInfo | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  const host = parsed.hostname.toLowerCase();
  const segments = parsed.pathname.split('/').filter(Boolean).map(safeDecode);
  if (YOUTUBE_HOSTS.has(host)) return { platform: 'youtube', threadId: youtubeThread(parsed, segments), url };
  if (X_HOSTS.has(host)) return { platform: 'x', threadId: xThread(segments) ?? xListThread(parsed, segments), url };
  if (FACEBOOK_HOSTS.has(host)) return { platform: 'facebook', threadId: facebookThread(parsed, segments), url };
  return null;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function youtubeThread(url: URL, segments: string[]): string | null {
  const [first, second] = segments;
  let candidate: string | null | undefined = null;
  if (first === 'watch') candidate = url.searchParams.get('v');
  else if (first === 'shorts' || first === 'live' || first === 'embed' || first === 'v') candidate = second;
  return candidate && YOUTUBE_VIDEO_ID.test(candidate) ? candidate : null;
}

function xThread(segments: string[]): string | null {
  // /<handle>/status/<id>[/photo/1|/analytics…], /i/web/status/<id>, /i/status/<id>, /statuses/<id>
  const statusAt = segments.findIndex((s) => s === 'status' || s === 'statuses');
  if (statusAt < 0) return null;
  const before = segments.slice(0, statusAt);
  const shapeOk =
    before.length === 1 || (before.length === 2 && before[0] === 'i' && before[1] === 'web') || (before.length === 0 && segments[0] === 'statuses');
  return shapeOk ? numericOrNull(segments[statusAt + 1]) : null;
}

/** Thread ids of the X pages that list tweets of many conversations. */
export const X_SEARCH_THREAD_PREFIX = 'search:';
export const X_REPLIES_THREAD_PREFIX = 'replies:';
/** Longest search query kept in a thread id (thread ids are at most 256 characters). */
const MAX_QUERY = 200;
const X_HANDLE = /^[A-Za-z0-9_]{1,15}$/;
const X_RESERVED = new Set(['i', 'home', 'explore', 'search', 'notifications', 'messages', 'settings', 'compose']);

/**
 * X pages that list tweets from many conversations: a search (`/search?q=…` → `search:<query>`, so a case
 * groups what one hashtag search showed) and a profile's replies tab (`/<handle>/with_replies` →
 * `replies:<handle>`).
 */
function xListThread(url: URL, segments: string[]): string | null {
  if (segments.length === 1 && segments[0] === 'search') {
    const query = url.searchParams.get('q')?.trim();
    return query ? `${X_SEARCH_THREAD_PREFIX}${query.slice(0, MAX_QUERY)}` : null;
  }
  if (segments.length === 2 && segments[1] === 'with_replies' && X_HANDLE.test(segments[0]!) && !X_RESERVED.has(segments[0]!)) {
    return `${X_REPLIES_THREAD_PREFIX}${segments[0]!.toLowerCase()}`;
  }
  return null;
}

function numericOrNull(value: string | undefined): string | null {
  return value && NUMERIC_ID.test(value) ? value : null;
}

function facebookThread(url: URL, segments: string[]): string | null {
  const params = url.searchParams;
  const first = segments[0];
  if (first === 'story.php' || first === 'permalink.php') return postIdOrNull(params.get('story_fbid'));
  if (first === 'photo.php' || first === 'photo') return postIdOrNull(params.get('fbid'));
  if (first === 'watch' || first === 'video.php') return postIdOrNull(params.get('v'));
  if (first === 'reel' || first === 'reels') return postIdOrNull(segments[1]);
  if (first === 'groups') {
    // /groups/<group>/posts/<id>, /groups/<group>/permalink/<id>
    const kind = segments[2];
    if (kind === 'posts' || kind === 'permalink') return postIdOrNull(segments[3]);
    const multi = params.get('multi_permalinks');
    return postIdOrNull(multi);
  }
  // /<page>/posts/<id>, /<page>/videos/<id>, /<page>/videos/<slug>/<id>, /<page>/photos/<album>/<id>
  const kind = segments[1];
  if (kind === 'posts' || kind === 'videos' || kind === 'photos') {
    for (let i = segments.length - 1; i >= 2; i--) {
      const id = postIdOrNull(segments[i]);
      if (id) return id;
    }
  }
  return null;
}

function postIdOrNull(value: string | null | undefined): string | null {
  return value && FACEBOOK_POST_ID.test(value) ? value : null;
}
