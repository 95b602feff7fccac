import type { CommentRecord, Platform } from '../../../src/core/types.ts';

let counter = 0;
/** A comment record with sensible defaults; override what the test is about. */
export function rec(over: Partial<CommentRecord> & { author?: Partial<CommentRecord['author']> } = {}): CommentRecord {
  counter++;
  const platform: Platform = over.platform ?? 'youtube';
  return {
    platform,
    threadId: 'thread-1',
    commentId: `c${counter}`,
    text: `organic comment number ${counter} about the video`,
    seenAt: '2026-11-29T08:00:00.000Z',
    source: 'json',
    ...over,
    author: { id: `acct-${counter}`, displayName: `Person ${counter}`, ...over.author },
  };
}
