/** Per-comment features computed once and shared by the signals. */
import type { CommentRecord } from '../types.ts';
import { normalizeText, textShingles } from '../text/normalize.ts';
import { extractTokens, type TextToken } from '../text/tokens.ts';
import { commentTime, type CommentTime } from '../text/time.ts';
import { detectLanguage, type DetectedLanguage } from '../text/language.ts';
import { asciiScript, dominantScript, type ScriptName } from '../text/script.ts';

export interface PreparedComment {
  /** `${platform}:${commentId}` */
  key: string;
  /** `${platform}:${accountId}` */
  account: string;
  /** `${platform}:${threadId}` */
  thread: string;
  /** the analyzer's number for the comment (0, 1, … in order of arrival), when it numbers them: indexes keyed by number, not by key */
  no?: number;
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

const LINKS_AND_TAGS = /https?:\/\/\S+|[#@][\p{L}\p{N}_.]+/gu;
const NON_ASCII = /[^\x00-\x7f]/;

class Prepared implements PreparedComment {
  key: string;
  account: string;
  thread: string;
  no?: number;
  shingles: Uint32Array;
  tokens: TextToken[];
  time?: CommentTime;
  private content: string;
  /** no character beyond ASCII in the content */
  private ascii: boolean;
  private lang?: DetectedLanguage;
  private scriptName?: ScriptName | null;

  record: CommentRecord;

  constructor(record: CommentRecord, keys?: { key: string; account: string; thread: string; no?: number }) {
    this.record = record;
    this.no = keys?.no;
    this.content = record.text.replace(LEADING_MENTIONS, '');
    this.key = keys?.key ?? commentKeyOf(record);
    this.account = keys?.account ?? accountKeyOf(record);
    this.thread = keys?.thread ?? threadKeyOf(record);
    // Everything that reads the text reads it here, while it is in the cache: the script is needed
    // for nearly every account's name check, so it is not left for scoring to compute.
    this.ascii = !NON_ASCII.test(this.content);
    this.shingles = textShingles(this.content, this.ascii);
    this.tokens = extractTokens(this.content);
    this.time = commentTime(record);
    this.script();
  }

  get normalized(): string {
    return normalizeText(this.content);
  }

  language(): DetectedLanguage {
    return (this.lang ??= detectLanguage(this.content, this.record.lang));
  }

  script(): ScriptName | undefined {
    if (this.scriptName === undefined) {
      const content = this.content;
      // Links and tags are left out (they are written in Latin letters whatever the language).
      const words = content.includes('#') || content.includes('@') || content.includes('http') ? content.replace(LINKS_AND_TAGS, ' ') : content;
      this.scriptName = (this.ascii ? asciiScript(words, 4) : dominantScript(words, 4)) ?? null;
    }
    return this.scriptName ?? undefined;
  }
}

export function prepareComment(record: CommentRecord): PreparedComment {
  return new Prepared(record);
}

/** Same, reusing keys the caller already built (the same string objects are hashed only once). */
export function prepareCommentWithKeys(record: CommentRecord, keys: { key: string; account: string; thread: string; no?: number }): PreparedComment {
  return new Prepared(record, keys);
}

/** Short readable excerpt of a comment for reasons and summaries. */
export function excerpt(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  return chars.length <= max ? flat : chars.slice(0, max - 1).join('') + '…';
}
