/**
 * One record for one comment observed twice (DOM and page JSON, or the same source twice).
 *
 * What the page itself shows (a DOM observation) is the authority on who said what: the author and the
 * text. The page's JSON enriches it — absolute times, exact counts, account age, the platform id behind
 * an `@handle` stand-in, the full text of a comment the page shows cut — but never contradicts it: JSON
 * that names another author is not used for the author at all, and a text the page does not show is
 * not taken. Between two observations of the same source the later one is current.
 */
import type { CommentAuthor, CommentRecord } from './types.ts';

const AUTHOR_FIELDS = ['handle', 'displayName', 'profileUrl', 'avatarUrl', 'defaultAvatar', 'createdAt', 'verified', 'followers'] as const;
/** Fields the page shows only approximately (relative time, "1.2K"): the JSON's exact value is better. */
const EXACT_FROM_JSON = ['publishedAt', 'likes', 'replies', 'lang'] as const;
const SHOWN_FIRST = ['parentId', 'publishedText', 'pinned'] as const;

/** DOM extraction's stand-in author id (`@name`) when the page hides the platform id. */
export function isHandleStandIn(id: string): boolean {
  return id.startsWith('@');
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** True when `full` is the text `shown`, possibly shown cut (with or without an ellipsis). */
export function textExtends(full: string, shown: string): boolean {
  const whole = squash(full);
  const part = squash(shown).replace(/\s*(\u2026|\.\.\.)$/, '');
  return whole.startsWith(part);
}

/** The JSON author is the person the page shows: same id, or the page's `@handle` stand-in for them. */
export function sameAuthor(shown: CommentAuthor, enrich: CommentAuthor): boolean {
  if (shown.id === enrich.id) return true;
  if (isHandleStandIn(shown.id) && !isHandleStandIn(enrich.id)) {
    return !!enrich.handle && enrich.handle.replace(/^@/, '').toLowerCase() === shown.id.slice(1).toLowerCase();
  }
  return false;
}

function firstDefined<T>(...values: (T | undefined)[]): T | undefined {
  for (const value of values) if (value !== undefined) return value;
  return undefined;
}

function setDefined(target: object, key: string, value: unknown) {
  if (value !== undefined) (target as Record<string, unknown>)[key] = value;
}

/**
 * `newer` wins field by field; `older` fills what newer lacks. What an earlier merge learned is kept:
 * the platform id behind a stand-in, and the full text of a comment shown cut.
 */
function mergeSameSource(older: CommentRecord, newer: CommentRecord): CommentRecord {
  const keepOlderId = isHandleStandIn(newer.author.id) && sameAuthor(newer.author, older.author);
  const author: CommentAuthor = { id: keepOlderId ? older.author.id : newer.author.id };
  for (const key of AUTHOR_FIELDS) setDefined(author, key, firstDefined(newer.author[key], older.author[key]));
  const merged: CommentRecord = {
    platform: newer.platform,
    threadId: newer.threadId,
    commentId: newer.commentId,
    author,
    text: newer.text && !(older.text && older.text !== newer.text && textExtends(older.text, newer.text)) ? newer.text : older.text || newer.text,
    seenAt: older.seenAt < newer.seenAt ? older.seenAt : newer.seenAt,
    source: newer.source,
  };
  setDefined(merged, 'textCutFrom', merged.text === newer.text ? newer.textCutFrom : older.textCutFrom);
  for (const key of [...EXACT_FROM_JSON, ...SHOWN_FIRST]) setDefined(merged, key, firstDefined(newer[key], older[key]));
  return merged;
}

/** The page's observation, enriched by the JSON one where they agree. */
function enrichShown(shown: CommentRecord, json: CommentRecord): CommentRecord {
  const agree = sameAuthor(shown.author, json.author);
  const author: CommentAuthor = { id: agree && isHandleStandIn(shown.author.id) ? json.author.id : shown.author.id };
  for (const key of AUTHOR_FIELDS) setDefined(author, key, agree ? firstDefined(shown.author[key], json.author[key]) : shown.author[key]);
  // A stand-in replaced by the platform id: the JSON's handle spelling is the platform's own.
  if (agree && isHandleStandIn(shown.author.id) && json.author.handle) author.handle = json.author.handle;
  const merged: CommentRecord = {
    platform: shown.platform,
    threadId: shown.threadId,
    commentId: shown.commentId,
    author,
    text: shown.text && (!agree || !textExtends(json.text, shown.text)) ? shown.text : json.text || shown.text,
    seenAt: shown.seenAt < json.seenAt ? shown.seenAt : json.seenAt,
    // Who said what is the page's: the merged record stays a page observation (later JSON is checked against it).
    source: shown.source,
  };
  setDefined(merged, 'textCutFrom', merged.text === shown.text ? shown.textCutFrom : json.textCutFrom);
  for (const key of EXACT_FROM_JSON) setDefined(merged, key, agree ? firstDefined(json[key], shown[key]) : shown[key]);
  for (const key of SHOWN_FIRST) setDefined(merged, key, agree ? firstDefined(shown[key], json[key]) : shown[key]);
  return merged;
}

/**
 * Merges two observations of the same comment (same platform and comment id); argument order is
 * observation order. Pure: the extension's capture, its background and the CLI all use it.
 */
export function mergeCommentRecords(earlier: CommentRecord, later: CommentRecord): CommentRecord {
  if (earlier.source === later.source) return mergeSameSource(earlier, later);
  return earlier.source === 'dom' ? enrichShown(earlier, later) : enrichShown(later, earlier);
}
