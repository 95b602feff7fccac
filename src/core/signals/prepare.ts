/** Per-comment features computed once and shared by the signals. */
import type { CommentRecord } from '../types.ts';
import { normalizeText, shingleHashes } from '../text/normalize.ts';
import { extractTokens, type TextToken } from '../text/tokens.ts';
import { commentTime, type CommentTime } from '../text/time.ts';
import { detectLanguage, type DetectedLanguage } from '../text/language.ts';
import { dominantScript, type ScriptName } from '../text/script.ts';

export interface PreparedComment {
  /** `${platform}:${commentId}` */
  key: string;
  /** `${platform}:${accountId}` */
  account: string;
  /** `${platform}:${threadId}` */
  thread: string;
  record: CommentRecord;
  normalized: string;
  shingles: Uint32Array;
  tokens: TextToken[];
  time?: CommentTime;
  /** detected lazily: only comments that share tokens with others need it */
  language(): DetectedLanguage;
  /** writing system of the comment (links and tags removed), lazily */
  script(): ScriptName | undefined;
}

export const accountKeyOf = (r: Pick<CommentRecord, 'platform' | 'author'>) => `${r.platform}:${r.author.id}`;
export const commentKeyOf = (r: Pick<CommentRecord, 'platform' | 'commentId'>) => `${r.platform}:${r.commentId}`;
export const threadKeyOf = (r: Pick<CommentRecord, 'platform' | 'threadId'>) => `${r.platform}:${r.threadId}`;

// X replies start with "@parent @other": those mentions are addressing, not content.
const LEADING_MENTIONS = /^(?:\s*[@＠][\p{L}\p{N}_.]+)+\s*/u;

export function prepareComment(record: CommentRecord): PreparedComment {
  const content = record.text.replace(LEADING_MENTIONS, '');
  const normalized = normalizeText(content);
  let lang: DetectedLanguage | undefined;
  let script: ScriptName | undefined | null = null;
  return {
    key: commentKeyOf(record),
    account: accountKeyOf(record),
    thread: threadKeyOf(record),
    record,
    normalized,
    shingles: shingleHashes(normalized),
    tokens: extractTokens(content),
    time: commentTime(record),
    language: () => (lang ??= detectLanguage(content, record.lang)),
    script: () => (script === null ? (script = dominantScript(content.replace(/https?:\/\/\S+|[#@][\p{L}\p{N}_.]+/gu, ' '), 4)) : script),
  };
}

/** Short readable excerpt of a comment for reasons and summaries. */
export function excerpt(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  return chars.length <= max ? flat : chars.slice(0, max - 1).join('') + '…';
}
