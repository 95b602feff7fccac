/**
 * YouTube InnerTube `/youtubei/v1/next` responses → CommentRecord. Since 2024 a comment is split in two:
 * `continuationItems[]` hold `commentViewModel`s with keys only (plus `pinnedText`), the data sits in
 * `frameworkUpdates.entityBatchUpdate.mutations[].payload.commentEntityPayload`. Older responses carried
 * `commentRenderer` objects; both are read.
 */
import type { CommentRecord } from '../../core/types.ts';
import type { ExtractContext } from '../adapter.ts';
import { detectPage } from '../detect.ts';
import { parseCount } from '../dom-util.ts';
import { arr, at, bool, collectByKey, isObject, nonEmptyStr, str } from '../json-util.ts';
import { isYoutubeDefaultAvatar } from './avatar.ts';

const VIDEO_ID = /^[A-Za-z0-9_-]{11}$/;

interface ViewModelInfo {
  pinned: boolean;
}

/** The video a continuation token belongs to: protobuf field 2 → field 2 holds the 11-character id. */
export function videoIdFromContinuationToken(token: string): string | null {
  try {
    let b64 = decodeURIComponent(token).replace(/-/g, '+').replace(/_/g, '/');
    b64 += '='.repeat((4 - (b64.length % 4)) % 4);
    const bytes = atob(b64);
    const match = /\x12\x0b([A-Za-z0-9_-]{11})/.exec(bytes.slice(0, 64));
    return match ? match[1]! : null;
  } catch {
    return null;
  }
}

function tokenVideoId(token: unknown): string | null {
  return typeof token === 'string' ? videoIdFromContinuationToken(token) : null;
}

function videoIdFromResponse(json: unknown, items: unknown[]): string | null {
  const direct = str(at(json, 'currentVideoEndpoint', 'watchEndpoint', 'videoId'));
  if (direct && VIDEO_ID.test(direct)) return direct;
  // Usual places first: "load more" items and each thread's replies continuation.
  for (const item of items) {
    const id =
      tokenVideoId(at(item, 'continuationItemRenderer', 'continuationEndpoint', 'continuationCommand', 'token')) ??
      tokenVideoId(at(item, 'continuationItemRenderer', 'button', 'buttonRenderer', 'command', 'continuationCommand', 'token')) ??
      tokenVideoId(at(item, 'commentThreadRenderer', 'replies', 'commentRepliesRenderer', 'contents', 0, 'continuationItemRenderer', 'continuationEndpoint', 'continuationCommand', 'token'));
    if (id) return id;
  }
  for (const command of collectByKey(json, 'continuationCommand', { maxDepth: 40, maxNodes: 200_000 })) {
    const id = tokenVideoId(at(command, 'token'));
    if (id) return id;
  }
  // A reply page with no "show more replies" item carries no token at all (the short ones: 1–9 replies).
  // Each comment's own permalink (its published time, `/watch?v=…&lc=<comment>`) still names the video;
  // links inside comment text are not used (they may point at other videos).
  for (const mutation of arr(at(json, 'frameworkUpdates', 'entityBatchUpdate', 'mutations'))) {
    const payload = at(mutation, 'payload');
    const id =
      str(at(payload, 'commentSurfaceEntityPayload', 'publishedTimeCommand', 'innertubeCommand', 'watchEndpoint', 'videoId')) ??
      str(at(payload, 'engagementToolbarSurfaceEntityPayload', 'replyCommand', 'innertubeCommand', 'signInEndpoint', 'nextEndpoint', 'watchEndpoint', 'videoId'));
    if (id && VIDEO_ID.test(id)) return id;
  }
  // Pre-2024 reply pages: the comment renderers' own published-time links.
  for (const item of items) {
    const renderer = at(item, 'commentThreadRenderer', 'comment', 'commentRenderer') ?? at(item, 'commentRenderer');
    const id = str(at(renderer, 'publishedTimeText', 'runs', 0, 'navigationEndpoint', 'watchEndpoint', 'videoId'));
    if (id && VIDEO_ID.test(id)) return id;
  }
  return null;
}

function continuationItems(json: unknown): unknown[] {
  const items: unknown[] = [];
  for (const endpoint of arr(at(json, 'onResponseReceivedEndpoints')).concat(arr(at(json, 'onResponseReceivedActions')))) {
    for (const key of ['reloadContinuationItemsCommand', 'appendContinuationItemsAction']) {
      items.push(...arr(at(endpoint, key, 'continuationItems')));
    }
  }
  return items;
}

function entityPayloads(json: unknown): Map<string, Record<string, unknown>> {
  const byKey = new Map<string, Record<string, unknown>>();
  for (const mutation of arr(at(json, 'frameworkUpdates', 'entityBatchUpdate', 'mutations'))) {
    const payload = at(mutation, 'payload', 'commentEntityPayload');
    if (!isObject(payload)) continue;
    const key = str(payload.key) ?? str(at(mutation, 'entityKey'));
    if (key) byKey.set(key, payload);
  }
  return byKey;
}

function largestThumbnail(sources: unknown): string | undefined {
  let best: string | undefined;
  let bestWidth = -1;
  for (const source of arr(sources)) {
    const url = str(at(source, 'url'));
    const width = typeof at(source, 'width') === 'number' ? (at(source, 'width') as number) : 0;
    if (url && width > bestWidth) {
      best = url;
      bestWidth = width;
    }
  }
  return best;
}

function absoluteYoutubeUrl(path: string | undefined): string | undefined {
  if (!path) return undefined;
  if (path.startsWith('https://')) return path;
  return path.startsWith('/') ? `https://www.youtube.com${path}` : undefined;
}

function normaliseAvatarUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  return url.startsWith('//') ? `https:${url}` : url;
}

function fromEntity(payload: Record<string, unknown>, view: ViewModelInfo | undefined, threadId: string, ctx: ExtractContext): CommentRecord | null {
  const commentId = nonEmptyStr(at(payload, 'properties', 'commentId'));
  const channelId = nonEmptyStr(at(payload, 'author', 'channelId'));
  const text = str(at(payload, 'properties', 'content', 'content'));
  if (!commentId || !channelId || text === undefined) return null;
  const shownName = nonEmptyStr(at(payload, 'author', 'displayName'));
  const baseUrl =
    str(at(payload, 'author', 'channelCommand', 'innertubeCommand', 'browseEndpoint', 'canonicalBaseUrl')) ??
    str(at(payload, 'author', 'channelCommand', 'innertubeCommand', 'commandMetadata', 'webCommandMetadata', 'url'));
  const handle = baseUrl?.startsWith('/@') ? safeDecode(baseUrl.slice(2)) : shownName?.startsWith('@') ? shownName.slice(1) : undefined;
  const avatarUrl = normaliseAvatarUrl(largestThumbnail(at(payload, 'avatar', 'image', 'sources')) ?? str(at(payload, 'author', 'avatarThumbnailUrl')));
  const replyLevel = at(payload, 'properties', 'replyLevel');
  const dot = commentId.indexOf('.');
  const likesText = str(at(payload, 'toolbar', 'likeCountNotliked'));
  const repliesText = str(at(payload, 'toolbar', 'replyCount'));
  const record: CommentRecord = {
    platform: 'youtube',
    threadId,
    commentId,
    author: {
      id: channelId,
      handle,
      displayName: shownName,
      profileUrl: absoluteYoutubeUrl(baseUrl) ?? `https://www.youtube.com/channel/${channelId}`,
      avatarUrl,
      defaultAvatar: avatarUrl && isYoutubeDefaultAvatar(avatarUrl) ? true : undefined,
      verified: bool(at(payload, 'author', 'isVerified')),
    },
    text,
    publishedText: nonEmptyStr(at(payload, 'properties', 'publishedTime')),
    likes: likesText === undefined ? undefined : likesText.trim() === '' ? 0 : parseCount(likesText),
    replies: repliesText === undefined ? undefined : repliesText.trim() === '' ? 0 : parseCount(repliesText),
    seenAt: ctx.seenAt,
    source: 'json',
  };
  if (dot > 0 || replyLevel === 1) {
    if (dot > 0) record.parentId = commentId.slice(0, dot);
  }
  if (view?.pinned) record.pinned = true;
  return record;
}

function textOfRuns(value: unknown): string | undefined {
  const simple = str(at(value, 'simpleText'));
  if (simple !== undefined) return simple;
  const runs = arr(at(value, 'runs'));
  if (runs.length === 0) return undefined;
  return runs.map((run) => str(at(run, 'text')) ?? '').join('');
}

/** Pre-2024 `commentRenderer` objects (self-contained). */
function fromCommentRenderer(renderer: unknown, threadId: string, ctx: ExtractContext): CommentRecord | null {
  const commentId = nonEmptyStr(at(renderer, 'commentId'));
  const channelId = nonEmptyStr(at(renderer, 'authorEndpoint', 'browseEndpoint', 'browseId'));
  const text = textOfRuns(at(renderer, 'contentText'));
  if (!commentId || !channelId || text === undefined) return null;
  const name = textOfRuns(at(renderer, 'authorText'));
  const baseUrl = str(at(renderer, 'authorEndpoint', 'browseEndpoint', 'canonicalBaseUrl'));
  const avatarUrl = normaliseAvatarUrl(largestThumbnail(at(renderer, 'authorThumbnail', 'thumbnails')));
  const dot = commentId.indexOf('.');
  return {
    platform: 'youtube',
    threadId,
    commentId,
    parentId: dot > 0 ? commentId.slice(0, dot) : undefined,
    author: {
      id: channelId,
      handle: baseUrl?.startsWith('/@') ? safeDecode(baseUrl.slice(2)) : name?.startsWith('@') ? name.slice(1) : undefined,
      displayName: name,
      profileUrl: absoluteYoutubeUrl(baseUrl) ?? `https://www.youtube.com/channel/${channelId}`,
      avatarUrl,
      defaultAvatar: avatarUrl && isYoutubeDefaultAvatar(avatarUrl) ? true : undefined,
    },
    text,
    publishedText: textOfRuns(at(renderer, 'publishedTimeText')),
    likes: parseCount(textOfRuns(at(renderer, 'voteCount')) ?? '') ?? (at(renderer, 'voteCount') ? undefined : 0),
    replies: typeof at(renderer, 'replyCount') === 'number' ? (at(renderer, 'replyCount') as number) : undefined,
    pinned: at(renderer, 'pinnedCommentBadge') ? true : undefined,
    seenAt: ctx.seenAt,
    source: 'json',
  };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * Every comment in a `next` response (first page, later pages, reply pages of any length). A watch
 * response (the comments section holds only a continuation token) gives an empty list.
 */
export function youtubeRecordsFromJson(json: unknown, ctx: ExtractContext): CommentRecord[] {
  return youtubeReadJson(json, ctx).records;
}

/** The records of a `next` response, the number of comment objects it holds, and why some went unread. */
export function youtubeReadJson(json: unknown, ctx: ExtractContext): { records: CommentRecord[]; found: number; problem?: string } {
  if (!isObject(json)) return { records: [], found: 0 };
  const items = continuationItems(json);
  const entities = entityPayloads(json);
  const renderers = items.filter((item) => at(item, 'commentThreadRenderer', 'comment', 'commentRenderer') ?? at(item, 'commentRenderer')).length;
  const found = entities.size + renderers;
  const threadId = videoIdFromResponse(json, items) ?? detectPage(ctx.url)?.threadId ?? null;
  if (!threadId) return { records: [], found, problem: 'the response does not name the video' };
  const records: CommentRecord[] = [];
  const emitted = new Set<string>();
  const usedKeys = new Set<string>();
  const push = (record: CommentRecord | null) => {
    if (record && !emitted.has(record.commentId)) {
      emitted.add(record.commentId);
      records.push(record);
    }
  };

  for (const item of items) {
    const threadView = at(item, 'commentThreadRenderer', 'commentViewModel', 'commentViewModel');
    const view = threadView ?? at(item, 'commentViewModel');
    if (isObject(view)) {
      const key = str(view.commentKey);
      const payload = key ? entities.get(key) : undefined;
      if (key && payload) {
        usedKeys.add(key);
        push(fromEntity(payload, { pinned: !!nonEmptyStr(view.pinnedText) }, threadId, ctx));
      }
      continue;
    }
    const renderer = at(item, 'commentThreadRenderer', 'comment', 'commentRenderer') ?? at(item, 'commentRenderer');
    if (renderer) push(fromCommentRenderer(renderer, threadId, ctx));
  }
  // Entities without a view model in this response (layout drift): still comments, in mutation order.
  for (const [key, payload] of entities) if (!usedKeys.has(key)) push(fromEntity(payload, undefined, threadId, ctx));
  return { records, found };
}
