import { isHandleStandIn, mergeCommentRecords } from '../core/merge.ts';
import type { CommentAuthor, CommentRecord, Platform } from '../core/types.ts';

export interface ExtractContext {
  /** page URL the data belongs to ('' when unknown, e.g. a saved file without a canonical URL) */
  url: string;
  /** ISO time of observation, copied into every record */
  seenAt: string;
}

export interface DocumentExtraction {
  records: CommentRecord[];
  /** true when a known comment layout (or at least one comment block) was found under root */
  recognised: boolean;
}

/**
 * What a JSON reader made of one response. `found` counts the comment objects the response holds
 * (read or not), so a response whose comments could not be read is never mistaken for one without any.
 */
export interface JsonExtraction {
  records: CommentRecord[];
  found: number;
  /** plain words, set when comment objects were present but some or all could not be read */
  warning?: string;
}

/** The raw reader: records before sanitising, and how many comment objects it saw. */
export type RawJsonReader = (json: unknown, ctx: ExtractContext) => { records: CommentRecord[]; found: number; problem?: string };

export interface PlatformAdapter {
  readonly platform: Platform;
  /** CSS selector of one comment block; capture uses it to map a mutation to its comment. */
  readonly commentSelector: string;
  recordsFromDocument(root: ParentNode, ctx: ExtractContext): DocumentExtraction;
  recordsFromJson(json: unknown, ctx: ExtractContext): CommentRecord[];
  /** the same records, with the count of comment objects seen and a warning when some went unread */
  readJson(json: unknown, ctx: ExtractContext): JsonExtraction;
  /** the comment block element of a comment id, for overlays */
  elementForComment(root: ParentNode, commentId: string): Element | null;
  /** where an overlay badge goes: beside the author name */
  authorAnchorForComment(root: ParentNode, commentId: string): Element | null;
  /** the comment id of one comment block (an element matching commentSelector), null when it has none */
  commentIdOf(comment: Element): string | null;
  /** where an overlay badge goes inside one comment block */
  authorAnchorIn(comment: Element): Element | null;
  /**
   * Every comment under root with its badge anchor, in one pass over the comment blocks (the first block
   * of an id wins, as in elementForComment): overlays look many ids up per render without a search per id.
   */
  authorAnchorsById(root: ParentNode): Map<string, Element>;
  /** image identity that survives size and signature changes */
  avatarIdentity(url: string): string;
  /** best-size copy for scoring */
  bestAvatarUrl(url: string): string;
  isDefaultAvatar(url: string): boolean;
  /** true for an https URL on this platform's image hosts (anything else is dropped) */
  isAvatarHost(url: string): boolean;
}

// Limits mirror src/core/messages.ts so records built here always pass the background's validation.
const MAX_ID = 256;
export const MAX_TEXT = 20_000;
const MAX_SHORT = 1_000;
const MAX_URL = 4_096;

const PROFILE_HOSTS: Record<Platform, RegExp> = {
  youtube: /^(www\.|m\.)?youtube\.com$/,
  x: /^(www\.|mobile\.)?(x|twitter)\.com$/,
  facebook: /^(www\.|m\.|web\.|mbasic\.)?facebook\.com$/,
};

function clip(value: string | undefined, max: number): string | undefined {
  if (value === undefined) return undefined;
  return value.length > max ? value.slice(0, max) : value;
}

function httpsUrlOn(url: string | undefined, hostOk: (host: string) => boolean): string | undefined {
  if (!url || url.length > MAX_URL) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.port === '' && hostOk(parsed.hostname) ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

function finiteOrUndefined(n: number | undefined): number | undefined {
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : undefined;
}

function dropUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return value;
}

/**
 * Makes a record safe to pass on: required ids and text present, strings clipped to the message limits,
 * avatar URLs only on the platform's image hosts and profile URLs only on the platform itself (a page
 * script must not be able to make the extension fetch arbitrary URLs). Returns null for unusable records.
 */
export function sanitizeRecord(record: CommentRecord, adapter: Pick<PlatformAdapter, 'isAvatarHost'>): CommentRecord | null {
  const { author } = record;
  if (!record.commentId || !record.threadId || !author?.id) return null;
  if (record.commentId.length > MAX_ID || record.threadId.length > MAX_ID || author.id.length > MAX_ID) return null;
  if (record.parentId !== undefined && (record.parentId.length === 0 || record.parentId.length > MAX_ID)) return null;
  const text = clip(record.text, MAX_TEXT);
  if (!text || !text.trim()) return null;
  const cleanAuthor: CommentAuthor = dropUndefined({
    id: author.id,
    handle: clip(author.handle || undefined, MAX_SHORT),
    displayName: clip(author.displayName || undefined, MAX_SHORT),
    profileUrl: httpsUrlOn(author.profileUrl, (host) => PROFILE_HOSTS[record.platform].test(host)),
    avatarUrl: author.avatarUrl && adapter.isAvatarHost(author.avatarUrl) ? httpsUrlOn(author.avatarUrl, () => true) : undefined,
    defaultAvatar: typeof author.defaultAvatar === 'boolean' ? author.defaultAvatar : undefined,
    createdAt: clip(author.createdAt, 64),
    verified: typeof author.verified === 'boolean' ? author.verified : undefined,
    followers: finiteOrUndefined(author.followers),
  });
  return dropUndefined({
    platform: record.platform,
    threadId: record.threadId,
    commentId: record.commentId,
    parentId: record.parentId,
    depth: typeof record.depth === 'number' && Number.isInteger(record.depth) && record.depth >= 0 && record.depth <= 100 ? record.depth : undefined,
    author: cleanAuthor,
    text,
    // Said, not hidden: the export and the command line tell the reader the comment was longer.
    textCutFrom: record.text.length > MAX_TEXT ? record.text.length : undefined,
    lang: clip(record.lang || undefined, 32),
    publishedAt: clip(record.publishedAt, 64),
    publishedText: clip(record.publishedText || undefined, MAX_SHORT),
    likes: finiteOrUndefined(record.likes),
    replies: finiteOrUndefined(record.replies),
    pinned: record.pinned === true ? true : undefined,
    seenAt: record.seenAt,
    source: record.source,
  });
}

/** One record for the same comment seen twice; the page's own observation decides who said what (src/core/merge.ts). */
export const mergeRecords = mergeCommentRecords;
export { isHandleStandIn };

export function recordKey(record: Pick<CommentRecord, 'platform' | 'commentId'>): string {
  return `${record.platform}:${record.commentId}`;
}

/**
 * Deduplicates by comment id (merging duplicates) and replaces handle stand-in author ids (`@name`, from
 * DOM extraction) with the platform id when any record of the set pairs that handle with a real id.
 */
export function mergeRecordSet(records: Iterable<CommentRecord>): CommentRecord[] {
  const byKey = new Map<string, CommentRecord>();
  for (const record of records) {
    const key = recordKey(record);
    const existing = byKey.get(key);
    byKey.set(key, existing ? mergeRecords(existing, record) : record);
  }
  const idByHandle = new Map<string, string>();
  for (const record of byKey.values()) {
    if (record.author.handle && !isHandleStandIn(record.author.id)) {
      idByHandle.set(`${record.platform}:${record.author.handle.toLowerCase()}`, record.author.id);
    }
  }
  const result: CommentRecord[] = [];
  for (const record of byKey.values()) {
    if (isHandleStandIn(record.author.id)) {
      const realId = idByHandle.get(`${record.platform}:${record.author.id.slice(1).toLowerCase()}`);
      if (realId) {
        result.push({ ...record, author: { ...record.author, id: realId } });
        continue;
      }
    }
    result.push(record);
  }
  return result;
}

/**
 * Wraps a platform's raw extractors so that nothing they do on hostile input escapes: exceptions become
 * empty results and every record is sanitised (records without author id or text are dropped).
 */
export function finishAdapter(raw: Omit<PlatformAdapter, 'recordsFromJson' | 'readJson' | 'authorAnchorForComment' | 'authorAnchorsById'> & { readJsonRaw: RawJsonReader }): PlatformAdapter {
  const clean = (records: CommentRecord[]) => {
    const out: CommentRecord[] = [];
    for (const record of records) {
      const safe = sanitizeRecord(record, raw);
      if (safe) out.push(safe);
    }
    return out;
  };
  const { readJsonRaw, ...rest } = raw;
  const readJson = (json: unknown, ctx: ExtractContext): JsonExtraction => {
    let found = 0;
    try {
      const result = readJsonRaw(json, ctx);
      found = result.found;
      const records = clean(result.records);
      return { records, found, warning: unreadWarning(found, records.length, result.problem) };
    } catch {
      return { records: [], found, warning: unreadWarning(found, 0) };
    }
  };
  return {
    ...rest,
    readJson,
    recordsFromJson: (json, ctx) => readJson(json, ctx).records,
    recordsFromDocument(root, ctx) {
      try {
        const { records, recognised } = raw.recordsFromDocument(root, ctx);
        return { records: clean(records), recognised };
      } catch {
        return { records: [], recognised: false };
      }
    },
    elementForComment(root, commentId) {
      try {
        return raw.elementForComment(root, commentId);
      } catch {
        return null;
      }
    },
    authorAnchorForComment(root, commentId) {
      try {
        const comment = raw.elementForComment(root, commentId);
        return comment ? raw.authorAnchorIn(comment) : null;
      } catch {
        return null;
      }
    },
    commentIdOf(comment) {
      try {
        return raw.commentIdOf(comment);
      } catch {
        return null;
      }
    },
    authorAnchorIn(comment) {
      try {
        return raw.authorAnchorIn(comment);
      } catch {
        return null;
      }
    },
    authorAnchorsById(root) {
      const anchors = new Map<string, Element>();
      let comments: Element[];
      try {
        comments = Array.from(root.querySelectorAll(raw.commentSelector));
      } catch {
        return anchors;
      }
      for (const comment of comments) {
        try {
          const commentId = raw.commentIdOf(comment);
          if (!commentId || anchors.has(commentId)) continue;
          const anchor = raw.authorAnchorIn(comment);
          if (anchor) anchors.set(commentId, anchor);
        } catch {
          // one unreadable block must not hide the others' badges
        }
      }
      return anchors;
    },
  };
}

/** The warning for a response with comment objects that did not all become records (undefined when all did). */
export function unreadWarning(found: number, read: number, problem?: string): string | undefined {
  if (found <= read) return undefined;
  const what = read === 0 ? `${found} comment${found === 1 ? '' : 's'} in the response, none could be read` : `${found - read} of ${found} comments in the response could not be read`;
  return problem ? `${what} (${problem})` : what;
}
