/**
 * The contract between the main-world hook (src/content/main-world.ts), which sees the page's own
 * fetch/XHR responses, and the isolated content script (src/content/capture.ts). Only comment endpoints
 * are forwarded, as text, over a private port (src/content/page-json-channel.ts); the isolated side still
 * re-checks everything, because the page controls what its own fetch returns.
 */
import type { Platform } from '../core/types.ts';
import { commentEndpointKind, isPageJsonKind, mayHoldComments, PAGE_JSON_KINDS, parseResponseBody, type PageJsonKind } from './endpoints.ts';

/** Larger bodies are ignored (a YouTube comments page is ~0.3 MB, a TweetDetail ~0.5 MB). */
export const MAX_PAGE_JSON_CHARS = 10 * 1024 * 1024;
const MAX_URL_CHARS = 4_096;

export { commentEndpointKind, type PageJsonKind } from './endpoints.ts';

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
  if (!isPageJsonKind(kind)) return { ok: false, reason: 'unknown kind' };
  if (PAGE_JSON_KINDS[kind] !== platform) return { ok: false, reason: 'kind does not belong to this platform' };
  if (typeof message.url !== 'string' || message.url.length > MAX_URL_CHARS) return { ok: false, reason: 'bad url' };
  if (commentEndpointKind(message.url, pageUrl) !== kind) return { ok: false, reason: 'url is not a comment endpoint' };
  if (typeof message.text !== 'string') return { ok: false, reason: 'body is not text' };
  if (message.text.length > MAX_PAGE_JSON_CHARS) return { ok: false, reason: 'body too large' };
  if (!mayHoldComments(kind, message.text)) return { ok: false, reason: 'no comments in the body' };
  let json: unknown;
  try {
    // Anti-hijacking prefixes and several documents in one body (Facebook) are handled there.
    json = parseResponseBody(message.text);
  } catch {
    return { ok: false, reason: 'body is not JSON' };
  }
  const documents = Array.isArray(json) ? json : [json];
  if (documents.some((doc) => typeof doc !== 'object' || doc === null || Array.isArray(doc))) return { ok: false, reason: 'body is not a JSON object' };
  return { ok: true, kind, url: message.url, json };
}
