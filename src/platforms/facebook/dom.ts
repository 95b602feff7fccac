/**
 * Facebook comment markup → CommentRecord.
 * - m.facebook.com (server-rendered "touch" site, 2021): `div[data-sigil="comment"][id=<commentId>]`
 *   with `data-store='{"token":"<postId>_<commentId>"}'`, body `[data-sigil="comment-body"]`, avatar
 *   `i.profpic` with the URL in an inline, CSS-escaped `background:url(…)`, time in `abbr`.
 * - www.facebook.com (Comet/React): `div[role="article"][aria-label^="Comment by …"|"Reply by …"]`,
 *   permalinks with `?comment_id=` (`&reply_comment_id=`), SVG avatars `svg image[xlink:href]`, text in
 *   `div[dir="auto"]`. Class names are generated and never used.
 */
import type { CommentRecord } from '../../core/types.ts';
import type { DocumentExtraction, ExtractContext } from '../adapter.ts';
import { detectPage } from '../detect.ts';
import { cssUrl, ownQuery, ownQueryAll, parseCount, queryAllIncludingSelf, readableText, searchParam } from '../dom-util.ts';
import { facebookAvatarSize, isFacebookDefaultAvatar } from './avatar.ts';

const MOBILE_COMMENT = '[data-sigil="comment"]';
// Desktop: the aria-label is localised; English "Comment by"/"Reply by" plus a structural fallback below.
const DESKTOP_COMMENT = 'div[role="article"]';
export const FACEBOOK_COMMENT_SELECTOR = `${MOBILE_COMMENT}, ${DESKTOP_COMMENT}`;
const NUMERIC = /^\d{1,25}$/;
export const PFBID = /^pfbid0[A-Za-z0-9]{10,120}$/;
const RESERVED_PATHS = new Set(['story.php', 'permalink.php', 'photo.php', 'photo', 'watch', 'groups', 'pages', 'events', 'hashtag', 'ufi', 'comment', 'a', 'reel', 'reels', 'videos', 'posts', 'login', 'sharer', 'l.php', 'privacy', 'help', 'policies']);

interface AuthorRef {
  id: string;
  profileUrl: string;
}

/** The account behind a profile link: `/profile.php?id=…` → numeric id, `/<vanity>` → vanity name. */
export function facebookAuthorFromHref(href: string | null | undefined): AuthorRef | null {
  if (!href) return null;
  let url: URL;
  try {
    url = new URL(href, 'https://www.facebook.com/');
  } catch {
    return null;
  }
  if (!/(^|\.)facebook\.com$/.test(url.hostname)) return null;
  const segments = url.pathname.split('/').filter(Boolean);
  if (segments[0] === 'profile.php') {
    const id = url.searchParams.get('id');
    return id && NUMERIC.test(id) ? { id, profileUrl: `https://www.facebook.com/profile.php?id=${id}` } : null;
  }
  if (segments[0] === 'people' && segments.length >= 3 && NUMERIC.test(segments[2]!)) {
    return { id: segments[2]!, profileUrl: `https://www.facebook.com/profile.php?id=${segments[2]}` };
  }
  // Logged-out viewers see obfuscated ids: /people/<Name>/pfbid0…/
  if (segments[0] === 'people' && segments.length === 3 && PFBID.test(segments[2]!)) {
    return { id: segments[2]!, profileUrl: `https://www.facebook.com/people/${segments[1]}/${segments[2]}/` };
  }
  if (segments.length !== 1) return null;
  const vanity = segments[0]!;
  if (RESERVED_PATHS.has(vanity) || !/^[A-Za-z0-9.\-_]{2,80}$/.test(vanity)) return null;
  return { id: vanity, profileUrl: `https://www.facebook.com/${vanity}` };
}

/** Only the link's own text (m.facebook puts an "Author" badge inside the page's name link). */
function ownText(link: Element): string {
  let text = '';
  for (const node of Array.from(link.childNodes)) if (node.nodeType === 3) text += node.textContent ?? '';
  return text.replace(/\s+/g, ' ').trim() || readableText(link);
}

function mobileRecord(comment: Element, ctx: ExtractContext, pageThreadId: string | null): CommentRecord | null {
  let postId: string | null = null;
  let commentId = comment.getAttribute('id');
  try {
    const token = JSON.parse(comment.getAttribute('data-store') ?? '{}')?.token;
    if (typeof token === 'string') {
      const [post, own] = token.split('_');
      if (post && NUMERIC.test(post)) postId = post;
      if (own && NUMERIC.test(own)) commentId = own;
    }
  } catch {
    // data-store is optional; the id attribute is enough.
  }
  if (!commentId || !NUMERIC.test(commentId)) return null;
  const threadId = pageThreadId ?? postId;
  if (!threadId) return null;
  const body = ownQuery(comment, '[data-sigil="comment-body"]', MOBILE_COMMENT);
  const text = readableText(body);
  if (!text) return null;
  const picture = ownQuery(comment, 'i.profpic, i[role="img"][style*="url("]', MOBILE_COMMENT);
  const nameLink =
    ownQuery(comment, '._2b05 a[href]', MOBILE_COMMENT) ??
    ownQueryAll(comment, 'a[href]', MOBILE_COMMENT).find((a) => !!facebookAuthorFromHref(a.getAttribute('href')) && !a.querySelector('i'));
  const pictureLink = picture?.closest('a[href]');
  const ref = facebookAuthorFromHref(nameLink?.getAttribute('href')) ?? facebookAuthorFromHref(pictureLink?.getAttribute('href'));
  if (!ref) return null;
  const label = picture?.getAttribute('aria-label') ?? '';
  const displayName = (nameLink ? ownText(nameLink) : '') || label.replace(/, [^,]*$/, '').trim() || undefined;
  const avatarUrl = cssUrl(picture?.getAttribute('style')) ?? undefined;
  const parent = comment.parentElement?.closest(MOBILE_COMMENT);
  const parentId = parent?.getAttribute('id');
  const reactions = ownQuery(comment, '._14va', MOBILE_COMMENT);
  const likesText = reactions ? readableText(reactions) : '';
  return {
    platform: 'facebook',
    threadId,
    commentId,
    parentId: parentId && NUMERIC.test(parentId) ? parentId : undefined,
    author: {
      id: ref.id,
      displayName,
      profileUrl: ref.profileUrl,
      handle: NUMERIC.test(ref.id) ? undefined : ref.id,
      avatarUrl: avatarUrl && /^https:\/\//.test(avatarUrl) ? avatarUrl : undefined,
      defaultAvatar: avatarUrl ? isFacebookDefaultAvatar(avatarUrl) || undefined : undefined,
    },
    text,
    publishedText: readableText(ownQuery(comment, 'abbr', MOBILE_COMMENT)) || undefined,
    likes: likesText ? parseCount(likesText) : undefined,
    seenAt: ctx.seenAt,
    source: 'dom',
  };
}

interface DesktopIds {
  commentId: string;
  parentId?: string;
  threadId: string | null;
}

function desktopIds(article: Element): DesktopIds | null {
  const links = ownQueryAll(article, 'a[href*="comment_id="]', DESKTOP_COMMENT);
  let threadId: string | null = null;
  for (const link of links) {
    try {
      threadId = detectPage(new URL(link.getAttribute('href') ?? '', 'https://www.facebook.com/').href)?.threadId ?? null;
    } catch {
      threadId = null;
    }
    if (threadId) break;
  }
  for (const link of links) {
    const href = link.getAttribute('href');
    const commentId = searchParam(href, 'comment_id', 'https://www.facebook.com/');
    if (!commentId) continue;
    const replyId = searchParam(href, 'reply_comment_id', 'https://www.facebook.com/');
    // comment_id may be numeric or a base64 "Y29tbWVudDo…" ("comment:<post>_<id>") token.
    const decode = (id: string) => decodeCommentToken(id) ?? id;
    return replyId
      ? { commentId: decode(replyId), parentId: decode(commentId), threadId }
      : { commentId: decode(commentId), threadId };
  }
  return null;
}

/** "Y29tbWVudDoxMjNfNDU2" = base64("comment:123_456") → "456"; null when not such a token. */
function decodeCommentToken(id: string): string | null {
  if (NUMERIC.test(id)) return id;
  try {
    const decoded = atob(id);
    const match = /^comment:\d+_(\d+)$/.exec(decoded);
    return match ? match[1]! : null;
  } catch {
    return null;
  }
}

function isDesktopComment(article: Element): boolean {
  const label = article.getAttribute('aria-label') ?? '';
  if (/^(Comment|Reply) by /.test(label)) return true;
  // Localised pages: a comment block is an article with a comment permalink of its own.
  return ownQueryAll(article, 'a[href*="comment_id="]', DESKTOP_COMMENT).length > 0;
}

function desktopAvatar(article: Element): string | undefined {
  let best: string | undefined;
  for (const image of ownQueryAll(article, 'svg image', DESKTOP_COMMENT)) {
    const href = image.getAttribute('xlink:href') ?? image.getAttribute('href');
    if (href && /^https:\/\//.test(href) && (!best || facebookAvatarSize(href) > facebookAvatarSize(best))) best = href;
  }
  if (best) return best;
  const img = ownQuery(article, 'img[src*="fbcdn.net"]', DESKTOP_COMMENT);
  return img?.getAttribute('src') ?? undefined;
}

function desktopRecord(article: Element, ctx: ExtractContext, pageThreadId: string | null): CommentRecord | null {
  if (!isDesktopComment(article)) return null;
  const ids = desktopIds(article);
  if (!ids || !NUMERIC.test(ids.commentId)) return null;
  const threadId = pageThreadId ?? ids.threadId;
  if (!threadId) return null;
  let ref: AuthorRef | null = null;
  let nameLink: Element | null = null;
  for (const link of ownQueryAll(article, 'a[href]', DESKTOP_COMMENT)) {
    const candidate = facebookAuthorFromHref(link.getAttribute('href'));
    if (candidate && readableText(link)) {
      ref = candidate;
      nameLink = link;
      break;
    }
  }
  if (!ref) {
    for (const link of ownQueryAll(article, 'a[href]', DESKTOP_COMMENT)) {
      ref = facebookAuthorFromHref(link.getAttribute('href'));
      if (ref) break;
    }
  }
  if (!ref) return null;
  const textParts = ownQueryAll(article, 'div[dir="auto"]', DESKTOP_COMMENT)
    .filter((div) => !div.closest('a') && !div.parentElement?.closest('div[dir="auto"]'))
    .map((div) => readableText(div))
    .filter(Boolean);
  const text = textParts.join('\n');
  if (!text) return null;
  const timeLink = ownQueryAll(article, 'a[href*="comment_id="]', DESKTOP_COMMENT).find((a) => a !== nameLink && readableText(a));
  const avatarUrl = desktopAvatar(article);
  return {
    platform: 'facebook',
    threadId,
    commentId: ids.commentId,
    parentId: ids.parentId && NUMERIC.test(ids.parentId) ? ids.parentId : undefined,
    author: {
      id: ref.id,
      handle: NUMERIC.test(ref.id) ? undefined : ref.id,
      displayName: nameLink ? readableText(nameLink) : undefined,
      profileUrl: ref.profileUrl,
      avatarUrl,
      defaultAvatar: avatarUrl ? isFacebookDefaultAvatar(avatarUrl) || undefined : undefined,
    },
    text,
    publishedText: timeLink ? readableText(timeLink) : undefined,
    seenAt: ctx.seenAt,
    source: 'dom',
  };
}

export function facebookRecordsFromDocument(root: ParentNode, ctx: ExtractContext): DocumentExtraction {
  const pageThreadId = detectPage(ctx.url)?.threadId ?? null;
  const records: CommentRecord[] = [];
  let recognised = false;
  for (const comment of queryAllIncludingSelf(root, MOBILE_COMMENT)) {
    recognised = true;
    const record = mobileRecord(comment, ctx, pageThreadId);
    if (record) records.push(record);
  }
  for (const article of queryAllIncludingSelf(root, DESKTOP_COMMENT)) {
    const record = desktopRecord(article, ctx, pageThreadId);
    if (record) {
      recognised = true;
      records.push(record);
    } else if (isDesktopComment(article)) recognised = true;
  }
  return { records, recognised };
}

export function facebookCommentIdOf(element: Element): string | null {
  if (element.matches(MOBILE_COMMENT)) {
    const id = element.getAttribute('id');
    return id && NUMERIC.test(id) ? id : null;
  }
  return isDesktopComment(element) ? desktopIds(element)?.commentId ?? null : null;
}

export function facebookElementForComment(root: ParentNode, commentId: string): Element | null {
  if (!NUMERIC.test(commentId)) return null;
  const mobile = root.querySelector(`[data-sigil="comment"][id="${commentId}"]`);
  if (mobile) return mobile;
  for (const link of Array.from(root.querySelectorAll(`a[href*="comment_id=${commentId}"]`))) {
    const article = link.closest(DESKTOP_COMMENT);
    if (article && facebookCommentIdOf(article) === commentId) return article;
  }
  // Base64 comment_id tokens do not contain the numeric id: fall back to reading each block.
  for (const element of Array.from(root.querySelectorAll(DESKTOP_COMMENT))) {
    if (facebookCommentIdOf(element) === commentId) return element;
  }
  return null;
}

/** Where a badge goes inside one comment block: beside the author name. */
export function facebookAuthorAnchorIn(element: Element): Element | null {
  if (element.matches(MOBILE_COMMENT)) return ownQuery(element, '._2b05', MOBILE_COMMENT) ?? ownQuery(element, 'a[href]', MOBILE_COMMENT);
  for (const link of ownQueryAll(element, 'a[href]', DESKTOP_COMMENT)) {
    if (facebookAuthorFromHref(link.getAttribute('href')) && readableText(link)) return link;
  }
  return null;
}
