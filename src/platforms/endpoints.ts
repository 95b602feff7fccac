/**
 * Which of the platforms' own requests carry comments, and how their response bodies are framed. Pure
 * helpers shared by the main-world hook (which URLs to copy), the isolated content script (how to parse
 * what it is sent) and the command line (saved `.json` / `.ndjson` responses).
 */
import type { Platform } from '../core/types.ts';

export type PageJsonKind = 'youtube-next' | 'x-tweet-detail' | 'x-search-timeline' | 'x-user-tweets-and-replies' | 'facebook-graphql';

export const PAGE_JSON_KINDS: Readonly<Record<PageJsonKind, Platform>> = {
  'youtube-next': 'youtube',
  'x-tweet-detail': 'x',
  'x-search-timeline': 'x',
  'x-user-tweets-and-replies': 'x',
  'facebook-graphql': 'facebook',
};

export function isPageJsonKind(value: unknown): value is PageJsonKind {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(PAGE_JSON_KINDS, value);
}

const YOUTUBE_HOSTS = /^(www|m)\.youtube\.com$/;
const X_HOSTS = /^((www|mobile)\.)?(x|twitter)\.com$/;
const X_API_HOSTS = /^api\.(x|twitter)\.com$/;
const FACEBOOK_HOSTS = /^(www|web)\.facebook\.com$/;
const X_OPERATIONS: Record<string, PageJsonKind> = {
  TweetDetail: 'x-tweet-detail',
  SearchTimeline: 'x-search-timeline',
  UserTweetsAndReplies: 'x-user-tweets-and-replies',
};

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
  if (X_HOSTS.test(url.hostname) || X_API_HOSTS.test(url.hostname)) {
    const match = /^\/i\/api\/graphql\/[A-Za-z0-9_-]{1,64}\/([A-Za-z]{1,40})$/.exec(url.pathname);
    return match ? (X_OPERATIONS[match[1]!] ?? null) : null;
  }
  if (FACEBOOK_HOSTS.test(url.hostname) && url.pathname === '/api/graphql/') return 'facebook-graphql';
  return null;
}

/**
 * Facebook answers every GraphQL query on one URL (feed, notifications, chat…): only bodies that hold a
 * Comment node are worth parsing. A substring test, far cheaper than JSON.parse of the rest.
 */
export function mayHoldComments(kind: PageJsonKind, text: string): boolean {
  return kind !== 'facebook-graphql' || text.includes('"__typename":"Comment"');
}

const ANTI_HIJACK_PREFIXES = [/^\)\]\}'\s*\n?/, /^for\s*\(;;\);\s*/, /^while\s*\(1\);\s*/];

function stripPrefix(text: string): string {
  let body = text.replace(/^\uFEFF/, '').trimStart();
  for (const prefix of ANTI_HIJACK_PREFIXES) body = body.replace(prefix, '');
  return body;
}

/**
 * A response body as JSON: one document, or several (Facebook streams one JSON document a line, each
 * possibly behind `for (;;);`). Returns the document, or an array of documents when there are several.
 * Throws a SyntaxError naming the line when a document does not parse.
 */
export function parseResponseBody(text: string): unknown {
  const body = stripPrefix(text);
  const firstBreak = body.indexOf('\n');
  // Pretty-printed JSON spans lines too: it is one document when its first line alone is not JSON.
  if (firstBreak < 0 || body.slice(firstBreak).trim() === '') return JSON.parse(body);
  let first: unknown;
  try {
    first = JSON.parse(body.slice(0, firstBreak));
  } catch {
    return JSON.parse(body);
  }
  const documents: unknown[] = [first];
  const lines = body.slice(firstBreak + 1).split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = stripPrefix(lines[i]!).trim();
    if (line === '') continue;
    try {
      documents.push(JSON.parse(line));
    } catch (error) {
      throw new SyntaxError(`document ${documents.length + 1} (line ${i + 2}): ${(error as Error).message}`);
    }
  }
  return documents.length === 1 ? first : documents;
}
