/** Links built from page data: only http(s) on the platform's own site, never `javascript:` or a look-alike. */
import type { CommentRecord, Platform } from './types.ts';

const PLATFORM_HOSTS: Record<Platform, RegExp> = {
  youtube: /(^|\.)youtube\.com$|^youtu\.be$/,
  x: /(^|\.)(x|twitter)\.com$/,
  facebook: /(^|\.)facebook\.com$|^fb\.watch$/,
};

/**
 * A URL from page data, kept only when it is http(s) on the platform's own host (so never `javascript:`
 * or a look-alike site); undefined otherwise.
 */
export function safePlatformUrl(platform: Platform, candidate: string | undefined): string | undefined {
  if (!candidate) return undefined;
  try {
    const url = new URL(candidate);
    if ((url.protocol === 'https:' || url.protocol === 'http:') && PLATFORM_HOSTS[platform].test(url.hostname)) return url.href;
  } catch {
    // not a URL
  }
  return undefined;
}

/** The thread's address for a link: the stored one when safe, else the canonical one rebuilt from the id. */
export function safeThreadUrl(platform: Platform, threadId: string, stored?: string): string | undefined {
  const safe = safePlatformUrl(platform, stored);
  if (safe) return safe;
  const id = encodeURIComponent(threadId);
  switch (platform) {
    case 'youtube':
      return `https://www.youtube.com/watch?v=${id}`;
    case 'x':
      return `https://x.com/i/status/${id}`;
    case 'facebook':
      return /^\d+$/.test(threadId) ? `https://www.facebook.com/${id}` : undefined;
  }
}

/**
 * The platform's own link to one comment: YouTube `watch?v=…&lc=…`, X the reply's status page, Facebook
 * the post with `comment_id`. Undefined when the ids cannot make one.
 */
export function commentPermalink(record: Pick<CommentRecord, 'platform' | 'threadId' | 'commentId' | 'parentId'>): string | undefined {
  const comment = encodeURIComponent(record.commentId);
  switch (record.platform) {
    case 'youtube':
      return `https://www.youtube.com/watch?v=${encodeURIComponent(record.threadId)}&lc=${comment}`;
    case 'x':
      return /^\d+$/.test(record.commentId) ? `https://x.com/i/status/${comment}` : undefined;
    case 'facebook': {
      const post = safeThreadUrl('facebook', record.threadId);
      if (!post) return undefined;
      return record.parentId
        ? `${post}?comment_id=${encodeURIComponent(record.parentId)}&reply_comment_id=${comment}`
        : `${post}?comment_id=${comment}`;
    }
  }
}
