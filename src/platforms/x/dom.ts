/**
 * X status page cells (`article[data-testid="tweet"]`) → CommentRecord. The focal tweet and each reply are
 * sibling cells; thread membership is the status id in the page URL. The user's numeric id is not in the
 * DOM, so DOM records carry `@handle` as a stand-in author id (replaced when the JSON pairs the two).
 * A quoted tweet inside a cell sits under `[role="link"]` and is ignored.
 */
import type { CommentRecord } from '../../core/types.ts';
import type { DocumentExtraction, ExtractContext } from '../adapter.ts';
import { detectPage } from '../detect.ts';
import { leadingInteger, pathnameOf, queryAllIncludingSelf, readableText } from '../dom-util.ts';
import { isXDefaultAvatar } from './avatar.ts';

export const X_COMMENT_SELECTOR = 'article[data-testid="tweet"]';
const HANDLE = /^[A-Za-z0-9_]{1,50}$/;

/** Elements of this cell that are not inside its quoted-tweet block. */
function ownAll(article: Element, selector: string): Element[] {
  // A quoted tweet is a clickable `div[role="link"]` block inside the cell (links are <a role="link">).
  return Array.from(article.querySelectorAll(selector)).filter((el) => !isInQuote(article, el));
}

function isInQuote(article: Element, el: Element): boolean {
  const quote = el.closest('div[role="link"]');
  return !!quote && article.contains(quote);
}

function own(article: Element, selector: string): Element | null {
  const first = article.querySelector(selector);
  if (!first || !isInQuote(article, first)) return first;
  return ownAll(article, selector)[0] ?? null;
}

function statusLinkOf(article: Element): { handle: string; tweetId: string; time: Element | null } | null {
  for (const time of ownAll(article, 'a[href*="/status/"] time')) {
    const link = time.closest('a');
    const match = /^\/([A-Za-z0-9_]{1,50})\/status\/(\d{1,25})/.exec(pathnameOf(link?.getAttribute('href'), 'https://x.com/') ?? '');
    if (match) return { handle: match[1]!, tweetId: match[2]!, time };
  }
  for (const link of ownAll(article, 'a[href*="/status/"]')) {
    const match = /^\/([A-Za-z0-9_]{1,50})\/status\/(\d{1,25})\/?$/.exec(pathnameOf(link.getAttribute('href'), 'https://x.com/') ?? '');
    if (match) return { handle: match[1]!, tweetId: match[2]!, time: null };
  }
  return null;
}

export function xTweetIdOf(article: Element): string | null {
  return statusLinkOf(article)?.tweetId ?? null;
}

function countFromButton(article: Element, testIds: string[]): number | undefined {
  for (const testId of testIds) {
    const button = own(article, `[data-testid="${testId}"][aria-label]`);
    const value = leadingInteger(button?.getAttribute('aria-label'));
    if (value !== undefined) return value;
  }
  return undefined;
}

export function xRecordFromElement(article: Element, ctx: ExtractContext, pageThreadId: string | null): CommentRecord | null {
  const status = statusLinkOf(article);
  if (!status) return null;
  const nameBox = own(article, '[data-testid="User-Name"]');
  const nameLinks = nameBox ? Array.from(nameBox.querySelectorAll('a[href]')) : [];
  const handle = status.handle;
  if (!HANDLE.test(handle)) return null;
  const displayLink = nameLinks.find((a) => !readableText(a).startsWith('@'));
  const displayName = displayLink ? readableText(displayLink) : undefined;
  const avatarImg = own(article, '[data-testid="Tweet-User-Avatar"] img[src]');
  const avatarSrc = avatarImg?.getAttribute('src') ?? undefined;
  const textBox = own(article, '[data-testid="tweetText"]');
  const text = readableText(textBox);
  if (!text) return null;
  return {
    platform: 'x',
    threadId: pageThreadId ?? status.tweetId,
    commentId: status.tweetId,
    author: {
      id: `@${handle}`,
      handle,
      displayName: displayName || undefined,
      profileUrl: `https://x.com/${handle}`,
      avatarUrl: avatarSrc,
      defaultAvatar: avatarSrc ? isXDefaultAvatar(avatarSrc) : undefined,
      verified: nameBox?.querySelector('[data-testid="icon-verified"]') ? true : undefined,
    },
    text,
    lang: textBox?.getAttribute('lang') || undefined,
    publishedAt: normaliseIso(status.time?.getAttribute('datetime')),
    publishedText: status.time ? readableText(status.time) || undefined : undefined,
    likes: countFromButton(article, ['like', 'unlike']),
    replies: countFromButton(article, ['reply']),
    seenAt: ctx.seenAt,
    source: 'dom',
  };
}

function normaliseIso(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

export function xRecordsFromDocument(root: ParentNode, ctx: ExtractContext): DocumentExtraction {
  const articles = queryAllIncludingSelf(root, X_COMMENT_SELECTOR);
  let pageThreadId = detectPage(ctx.url)?.threadId ?? null;
  const records: CommentRecord[] = [];
  for (const article of articles) {
    const record = xRecordFromElement(article, ctx, pageThreadId);
    if (!record) continue;
    // Without a page URL (a saved cell), the first cell's status is the thread.
    pageThreadId ??= record.threadId;
    records.push(record);
  }
  return { records, recognised: articles.length > 0 };
}

export function xElementForComment(root: ParentNode, commentId: string): Element | null {
  if (!/^\d{1,25}$/.test(commentId)) return null;
  for (const link of Array.from(root.querySelectorAll(`a[href*="/status/${commentId}"]`))) {
    const article = link.closest(X_COMMENT_SELECTOR);
    if (article && xTweetIdOf(article) === commentId) return article;
  }
  return null;
}

/** Where a badge goes inside one tweet cell: beside the author name. */
export function xAuthorAnchorIn(article: Element): Element | null {
  return own(article, '[data-testid="User-Name"]');
}
