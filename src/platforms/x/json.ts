/**
 * X `TweetDetail` GraphQL → CommentRecord: the focal tweet and every reply. Users come in the 2025+
 * schema (`core.{name,screen_name,created_at}`, `avatar.image_url`, `relationship_counts.followers`)
 * or the older one (`legacy.{name,screen_name,profile_image_url_https,created_at,followers_count}`).
 */
import type { CommentRecord } from '../../core/types.ts';
import type { ExtractContext } from '../adapter.ts';
import { detectPage, X_REPLIES_THREAD_PREFIX, X_SEARCH_THREAD_PREFIX } from '../detect.ts';
import { at, bool, collectByKey, isObject, nonEmptyStr, num, str } from '../json-util.ts';
import { isXDefaultAvatar } from './avatar.ts';

const MONTHS: Record<string, number> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };

/** "Thu Apr 20 23:21:13 +0000 2023" → "2023-04-20T23:21:13.000Z" (undefined when not in that form). */
export function twitterDateToIso(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const match = /^\w{3} (\w{3}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2}) (\d{4})$/.exec(value.trim());
  if (!match) return undefined;
  const month = MONTHS[match[1]!];
  if (month === undefined) return undefined;
  const offsetMinutes = (match[6] === '-' ? -1 : 1) * (Number(match[7]) * 60 + Number(match[8]));
  const ms = Date.UTC(Number(match[9]), month, Number(match[2]), Number(match[3]), Number(match[4]), Number(match[5])) - offsetMinutes * 60_000;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function unwrapTweet(result: unknown): Record<string, unknown> | null {
  let current = result;
  for (let i = 0; i < 3 && isObject(current); i++) {
    if (current.__typename === 'TweetWithVisibilityResults' || (!current.legacy && isObject(current.tweet))) current = current.tweet;
    else break;
  }
  return isObject(current) && isObject(current.legacy) ? current : null;
}

function visibleText(tweet: Record<string, unknown>): string | undefined {
  const note = str(at(tweet, 'note_tweet', 'note_tweet_results', 'result', 'text'));
  if (note) return note;
  const full = str(at(tweet, 'legacy', 'full_text')) ?? str(at(tweet, 'legacy', 'text'));
  if (full === undefined) return undefined;
  // display_text_range (code points) drops the leading "@a @b " reply prefix the page shows separately.
  const range = at(tweet, 'legacy', 'display_text_range');
  if (Array.isArray(range) && typeof range[0] === 'number' && typeof range[1] === 'number') {
    const points = Array.from(full);
    const [start, end] = range as [number, number];
    if (start >= 0 && end >= start && end <= points.length) {
      const shown = points.slice(start, end).join('');
      if (shown.trim()) return unescapeEntities(shown);
    }
  }
  return unescapeEntities(full);
}

/** The API HTML-escapes &, < and > in tweet text. */
function unescapeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function authorOf(tweet: Record<string, unknown>): CommentRecord['author'] | null {
  const user = at(tweet, 'core', 'user_results', 'result');
  if (!isObject(user)) return null;
  const id = nonEmptyStr(user.rest_id);
  const screenName = nonEmptyStr(at(user, 'core', 'screen_name')) ?? nonEmptyStr(at(user, 'legacy', 'screen_name'));
  if (!id || !/^\d{1,25}$/.test(id)) return null;
  const avatarUrl = nonEmptyStr(at(user, 'avatar', 'image_url')) ?? nonEmptyStr(at(user, 'legacy', 'profile_image_url_https'));
  const legacyDefault = bool(at(user, 'legacy', 'default_profile_image'));
  const verified =
    bool(user.is_blue_verified) === true || bool(at(user, 'legacy', 'verified')) === true || bool(at(user, 'verification', 'verified')) === true
      ? true
      : bool(user.is_blue_verified) === false
        ? false
        : undefined;
  return {
    id,
    handle: screenName,
    displayName: str(at(user, 'core', 'name')) ?? str(at(user, 'legacy', 'name')),
    profileUrl: screenName ? `https://x.com/${screenName}` : undefined,
    avatarUrl,
    defaultAvatar: legacyDefault ?? (avatarUrl ? isXDefaultAvatar(avatarUrl) : undefined),
    createdAt: twitterDateToIso(str(at(user, 'core', 'created_at')) ?? str(at(user, 'legacy', 'created_at'))),
    verified,
    followers: num(at(user, 'relationship_counts', 'followers')) ?? num(at(user, 'legacy', 'followers_count')),
  };
}

function recordFromTweet(tweet: Record<string, unknown>, threadId: string, ctx: ExtractContext): CommentRecord | null {
  const tweetId = nonEmptyStr(tweet.rest_id) ?? nonEmptyStr(at(tweet, 'legacy', 'id_str'));
  if (!tweetId || !/^\d{1,25}$/.test(tweetId)) return null;
  const author = authorOf(tweet);
  const text = visibleText(tweet);
  if (!author || text === undefined) return null;
  const legacy = tweet.legacy as Record<string, unknown>;
  const parentId = nonEmptyStr(legacy.in_reply_to_status_id_str);
  return {
    platform: 'x',
    threadId,
    commentId: tweetId,
    parentId: parentId && /^\d{1,25}$/.test(parentId) ? parentId : undefined,
    author,
    text,
    lang: nonEmptyStr(legacy.lang),
    publishedAt: twitterDateToIso(str(legacy.created_at)),
    likes: num(legacy.favorite_count),
    replies: num(legacy.reply_count),
    seenAt: ctx.seenAt,
    source: 'json',
  };
}

/** When a saved response does not say which search or profile it was (the query is in the request URL). */
const UNRECORDED_SEARCH = `${X_SEARCH_THREAD_PREFIX}(query not recorded)`;
const UNRECORDED_PROFILE = `${X_REPLIES_THREAD_PREFIX}(profile not recorded)`;

/**
 * Every tweet of a TweetDetail response (entries, conversation modules, "show more" module additions).
 * Quoted tweets (`quoted_status_result`) are not part of the conversation and are skipped.
 */
export function xRecordsFromJson(json: unknown, ctx: ExtractContext): CommentRecord[] {
  return xReadJson(json, ctx).records;
}

/**
 * TweetDetail, SearchTimeline and UserTweetsAndReplies. A search's results are records of one "search"
 * thread keyed by the query (`search:<query>`, from the page URL), so a case groups what one hashtag search
 * showed; a profile's replies tab is `replies:<handle>`. Quoted tweets are part of the quoting tweet's
 * content, never results of their own (and their text is not added to the quoting tweet's: many accounts
 * quoting one post would otherwise look like copies of each other).
 */
export function xReadJson(json: unknown, ctx: ExtractContext): { records: CommentRecord[]; found: number; problem?: string } {
  if (!isObject(json) || !isObject(json.data)) return { records: [], found: 0 };
  const tweets: Record<string, unknown>[] = [];
  // Distinct tweets the response holds (one tweet can be listed twice: a module and an entry).
  const foundIds = new Set<string>();
  for (const holder of collectByKey(json.data, 'tweet_results')) {
    const result = at(holder, 'result');
    const typename = str(at(result, '__typename'));
    if (typename === 'Tweet' || typename === 'TweetWithVisibilityResults') {
      foundIds.add(str(at(result, 'rest_id')) ?? str(at(result, 'tweet', 'rest_id')) ?? `#${foundIds.size}`);
    }
    const tweet = unwrapTweet(result);
    if (tweet) tweets.push(tweet);
  }
  const found = foundIds.size;
  if (tweets.length === 0) return { records: [], found };
  const pageThread = detectPage(ctx.url)?.threadId ?? null;
  const first = tweets[0]!;
  const threadId =
    pageThread ??
    (isObject(json.data.search_by_raw_query) ? UNRECORDED_SEARCH : null) ??
    (isObject(json.data.user) ? UNRECORDED_PROFILE : null) ??
    nonEmptyStr(at(first, 'legacy', 'conversation_id_str')) ??
    nonEmptyStr(first.rest_id) ??
    null;
  if (!threadId) return { records: [], found, problem: 'the response does not name its conversation' };
  const records: CommentRecord[] = [];
  const seen = new Set<string>();
  for (const tweet of tweets) {
    const record = recordFromTweet(tweet, threadId, ctx);
    if (record && !seen.has(record.commentId)) {
      seen.add(record.commentId);
      records.push(record);
    }
  }
  return { records, found };
}
