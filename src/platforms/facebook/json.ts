/**
 * www.facebook.com (Comet) `/api/graphql/` responses → CommentRecord. Comments arrive as `Comment` nodes
 * wherever the query put them (`comment_rendering_instance_for_feed_location.comments.edges[].node`, nested
 * `feedback.replies_connection.edges[].node`, `data.node` of a "more replies" query, streamed documents…),
 * so nodes are found by their type, not by path. A response may hold several documents (an array here).
 *
 * Ids follow the desktop DOM reader so the page and its JSON describe the same comment and the same account:
 * comment ids are the numeric `legacy_fbid`; an author is the vanity name or numeric id of their profile
 * link when there is one, else the id the JSON gives (numeric, or `pfbid0…` for logged-out viewers).
 * A comment's thread is the post: the page's own post id when the comment belongs to it (the page URL may
 * name the post by `pfbid…` or number), otherwise the numeric post id.
 */
import type { CommentRecord } from '../../core/types.ts';
import type { ExtractContext } from '../adapter.ts';
import { detectPage } from '../detect.ts';
import { at, isObject, nonEmptyStr, num, str } from '../json-util.ts';
import { facebookAvatarSize, isFacebookDefaultAvatar } from './avatar.ts';
import { facebookAuthorFromHref, PFBID } from './dom.ts';

const NUMERIC = /^\d{1,25}$/;
const MAX_NODES = 2_000_000;
const MAX_DEPTH = 200;

interface FoundComment {
  node: Record<string, unknown>;
  /** legacy id of the Comment node this one is nested under, if any */
  enclosing?: string;
}

/** "Y29tbWVudDo0NjA4XzExOTE=" = base64("comment:4608_1191") → { post: "4608", comment: "1191" }. */
export function decodeCommentNodeId(id: unknown): { post: string; comment: string } | null {
  if (typeof id !== 'string' || id.length > 200) return null;
  try {
    const match = /^comment:(\d{1,25})_(\d{1,25})$/.exec(atob(id));
    return match ? { post: match[1]!, comment: match[2]! } : null;
  } catch {
    return null;
  }
}

/** A comment itself, not a reference to one (`parent_object_ent` carries the type name and an id only). */
function isCommentNode(value: Record<string, unknown>): boolean {
  return value.__typename === 'Comment' && ('author' in value || 'body' in value || 'created_time' in value);
}

/** The comment's own text: `body`, else the untranslated `preferred_body`, else `body_renderer`. */
function textOf(node: Record<string, unknown>): string | undefined {
  const body = str(at(node, 'body', 'text'));
  if (body !== undefined) return body;
  const preferred = at(node, 'preferred_body');
  if (str(at(preferred, 'text')) !== undefined && at(preferred, 'translation_type') !== 'TRANSLATION') return str(at(preferred, 'text'));
  return str(at(node, 'body_renderer', 'text'));
}

/** Comment nodes in document order with the comment each is nested in; bounded against hostile input. */
function findComments(root: unknown): FoundComment[] {
  const found: FoundComment[] = [];
  const seen = new Set<object>();
  const stack: { value: unknown; depth: number; enclosing?: string }[] = [{ value: root, depth: 0 }];
  let visited = 0;
  while (stack.length > 0) {
    const { value, depth, enclosing } = stack.pop()!;
    if (++visited > MAX_NODES) break;
    if (typeof value !== 'object' || value === null || depth > MAX_DEPTH || seen.has(value)) continue;
    seen.add(value);
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], depth: depth + 1, enclosing });
      continue;
    }
    const record = value as Record<string, unknown>;
    let inner = enclosing;
    if (isCommentNode(record)) {
      found.push({ node: record, enclosing });
      inner = legacyCommentId(record) ?? enclosing;
    }
    const entries = Object.entries(record);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i]!;
      // Module configuration and the parents' summaries are not comments.
      if (key === 'extensions' || key === 'comment_parent' || key === 'comment_direct_parent') continue;
      if (typeof child === 'object' && child !== null) stack.push({ value: child, depth: depth + 1, enclosing: inner });
    }
  }
  return found;
}

function legacyCommentId(node: Record<string, unknown>): string | undefined {
  const legacy = nonEmptyStr(node.legacy_fbid);
  if (legacy && NUMERIC.test(legacy)) return legacy;
  return decodeCommentNodeId(node.id)?.comment;
}

function numericPostId(node: Record<string, unknown>): string | undefined {
  const token = nonEmptyStr(node.legacy_token);
  const fromToken = token ? /^(\d{1,25})_\d{1,25}$/.exec(token)?.[1] : undefined;
  const candidate = fromToken ?? decodeCommentNodeId(node.id)?.post ?? nonEmptyStr(at(node, 'parent_feedback', 'share_fbid'));
  return candidate && NUMERIC.test(candidate) ? candidate : undefined;
}

/** The post as the comment's own permalink names it (`…/posts/pfbid0…?comment_id=…`). */
function permalinkPostId(node: Record<string, unknown>): string | undefined {
  const url = nonEmptyStr(at(node, 'feedback', 'url')) ?? nonEmptyStr(at(node, 'url'));
  if (!url || url.length > 4096) return undefined;
  return detectPage(url)?.threadId ?? undefined;
}

function threadOf(node: Record<string, unknown>, pageThread: string | null): string | undefined {
  const numeric = numericPostId(node);
  const permalink = permalinkPostId(node);
  if (pageThread && (pageThread === numeric || pageThread === permalink)) return pageThread;
  return numeric ?? permalink;
}

function parentOf(found: FoundComment): string | undefined {
  const { node } = found;
  const direct = decodeCommentNodeId(at(node, 'comment_direct_parent', 'id'))?.comment;
  const top = decodeCommentNodeId(at(node, 'comment_parent', 'id'))?.comment;
  const depth = num(node.depth);
  const parent = direct ?? top ?? found.enclosing;
  if (depth === 0) return undefined;
  return parent;
}

function largestPicture(node: Record<string, unknown>): string | undefined {
  const candidates = [
    str(at(node, 'user', 'profile_picture', 'uri')),
    str(at(node, 'author', 'profile_picture_depth_0', 'uri')),
    str(at(node, 'author', 'profile_picture_depth_1', 'uri')),
    str(at(node, 'author', 'profile_picture', 'uri')),
  ].filter((url): url is string => !!url && url.startsWith('https://'));
  let best: string | undefined;
  for (const url of candidates) if (!best || facebookAvatarSize(url) > facebookAvatarSize(best)) best = url;
  return best;
}

function authorOf(node: Record<string, unknown>): CommentRecord['author'] | null {
  const author = node.author;
  if (!isObject(author)) return null;
  const jsonId = nonEmptyStr(author.id);
  const link = facebookAuthorFromHref(nonEmptyStr(author.url));
  const id = link?.id ?? (jsonId && (NUMERIC.test(jsonId) || PFBID.test(jsonId)) ? jsonId : undefined);
  if (!id) return null;
  const avatarUrl = largestPicture(node);
  return {
    id,
    handle: link && !NUMERIC.test(link.id) && !PFBID.test(link.id) ? link.id : undefined,
    displayName: nonEmptyStr(author.name),
    profileUrl: link?.profileUrl ?? (NUMERIC.test(id) ? `https://www.facebook.com/profile.php?id=${id}` : undefined),
    avatarUrl,
    defaultAvatar: avatarUrl ? isFacebookDefaultAvatar(avatarUrl) || undefined : undefined,
    verified: typeof author.is_verified === 'boolean' ? author.is_verified : undefined,
  };
}

function recordOf(found: FoundComment, pageThread: string | null, ctx: ExtractContext): CommentRecord | null {
  const { node } = found;
  const commentId = legacyCommentId(node);
  const threadId = threadOf(node, pageThread);
  const text = textOf(node);
  const author = authorOf(node);
  if (!commentId || !threadId || !author || text === undefined) return null;
  const created = num(node.created_time);
  const publishedAt = created !== undefined && created > 0 && created < 1e11 ? new Date(created * 1000).toISOString() : undefined;
  return {
    platform: 'facebook',
    threadId,
    commentId,
    parentId: parentOf(found),
    depth: num(node.depth),
    author,
    text,
    publishedAt,
    likes: num(at(node, 'feedback', 'reactors', 'count')),
    replies: num(at(node, 'feedback', 'replies_fields', 'total_count')) ?? num(at(node, 'feedback', 'total_comment_count')),
    seenAt: ctx.seenAt,
    source: 'json',
  };
}

/** Every comment of one response (a document, or an array of streamed documents). */
export function facebookReadJson(json: unknown, ctx: ExtractContext): { records: CommentRecord[]; found: number } {
  if (typeof json !== 'object' || json === null) return { records: [], found: 0 };
  const pageThread = detectPage(ctx.url)?.threadId ?? null;
  const records: CommentRecord[] = [];
  const emitted = new Set<string>();
  let found = 0;
  for (const comment of findComments(json)) {
    // A comment without text (a sticker or picture alone) is a known shape, not an unread one.
    const text = textOf(comment.node);
    if (text === undefined ? comment.node.body === null : text.trim() === '') continue;
    found++;
    const record = recordOf(comment, pageThread, ctx);
    if (record && !emitted.has(record.commentId)) {
      emitted.add(record.commentId);
      records.push(record);
    } else if (record) found--;
  }
  return { records, found };
}

export function facebookRecordsFromJson(json: unknown, ctx: ExtractContext): CommentRecord[] {
  return facebookReadJson(json, ctx).records;
}
