/**
 * Every message that crosses a context boundary (content script ⇄ background ⇄ popup/report/options ⇄
 * offscreen document) is described here and validated on arrival. Content scripts relay data that came
 * from hostile pages, so the background trusts nothing it has not parsed through these schemas.
 */
import * as v from 'valibot';
import { SettingsChangeSchema } from './settings.ts';
import { PLATFORMS } from './types.ts';

const MAX_ID = 256;
const MAX_TEXT = 20_000;
const MAX_URL = 4_096;
/** Upper bound on records in one message; capture batches larger sets. */
export const MAX_RECORDS_PER_MESSAGE = 2_000;
/** Avatars are fetched at ≤ 400 px; anything bigger than this is not a profile picture. */
export const MAX_AVATAR_BYTES = 2 * 1024 * 1024;
const MAX_AVATAR_BASE64 = Math.ceil(MAX_AVATAR_BYTES / 3) * 4;
/** An unread page fragment kept for "Save a diagnostic" (characters). */
export const MAX_DIAGNOSTIC_FRAGMENT = 256_000;

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_ID));
const shortText = v.pipe(v.string(), v.maxLength(1_000));
const url = v.pipe(v.string(), v.maxLength(MAX_URL));
const isoDate = v.pipe(v.string(), v.maxLength(64));
const platform = v.picklist(PLATFORMS);

export const AuthorSchema = v.object({
  id,
  handle: v.optional(shortText),
  displayName: v.optional(shortText),
  profileUrl: v.optional(url),
  avatarUrl: v.optional(url),
  defaultAvatar: v.optional(v.boolean()),
  createdAt: v.optional(isoDate),
  verified: v.optional(v.boolean()),
  followers: v.optional(v.pipe(v.number(), v.finite())),
});

export const CommentRecordSchema = v.object({
  platform,
  threadId: id,
  commentId: id,
  parentId: v.optional(id),
  depth: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100))),
  author: AuthorSchema,
  text: v.pipe(v.string(), v.maxLength(MAX_TEXT)),
  textCutFrom: v.optional(v.pipe(v.number(), v.integer(), v.minValue(MAX_TEXT))),
  lang: v.optional(v.pipe(v.string(), v.maxLength(32))),
  publishedAt: v.optional(isoDate),
  publishedText: v.optional(shortText),
  likes: v.optional(v.pipe(v.number(), v.finite())),
  replies: v.optional(v.pipe(v.number(), v.finite())),
  pinned: v.optional(v.boolean()),
  seenAt: isoDate,
  source: v.picklist(['dom', 'json']),
});

export const PageInfoSchema = v.object({ platform, threadId: v.nullable(id), url });

const levels = v.picklist(['high', 'medium', 'low', 'unsure']);

/** Messages a content script sends to the background. */
export const ContentMessageSchema = v.variant('type', [
  v.object({ type: v.literal('hello'), page: v.nullable(PageInfoSchema) }),
  v.object({
    type: v.literal('records'),
    platform,
    threadId: id,
    records: v.pipe(v.array(CommentRecordSchema), v.maxLength(MAX_RECORDS_PER_MESSAGE)),
  }),
  v.object({
    type: v.literal('status'),
    platform,
    threadId: v.nullable(id),
    recognised: v.boolean(),
    reason: v.optional(shortText),
  }),
  v.object({ type: v.literal('get-verdicts'), platform, threadId: id }),
  // Comments the page holds that could not be read ("Save a diagnostic"; stored locally, never sent).
  v.object({
    type: v.literal('diagnostic'),
    platform,
    threadId: v.nullable(id),
    pageUrl: url,
    source: v.picklist(['json', 'dom']),
    reason: shortText,
    fragment: v.pipe(v.string(), v.maxLength(MAX_DIAGNOSTIC_FRAGMENT)),
    clipped: v.boolean(),
  }),
]);
export type ContentMessage = v.InferOutput<typeof ContentMessageSchema>;

/** Most list items one view message carries; the popup and the report page through longer lists. */
export const MAX_PAGE_SIZE = 200;
const tabId = v.pipe(v.number(), v.integer());
const pageRequest = {
  offset: v.pipe(v.number(), v.integer(), v.minValue(0)),
  limit: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_PAGE_SIZE)),
};
const caseList = v.picklist(['review', 'all', 'repeat']);
/** What an evidence pack covers: the whole case or one thread. */
const PackScopeSchema = v.variant('kind', [v.object({ kind: v.literal('case') }), v.object({ kind: v.literal('thread'), platform, threadId: id })]);
/** Accounts asked for in one evidence-pack message; the background also caps a reply by size. */
export const MAX_PACK_ACCOUNTS_PER_MESSAGE = 200;

/** Messages the extension's own pages (popup, options, report) send to the background. */
export const UiMessageSchema = v.variant('type', [
  /** cheap: only the version of what get-tab-page would answer */
  v.object({ type: v.literal('get-tab-version'), tabId }),
  /** the thread's summary and one page of its flagged accounts */
  v.object({ type: v.literal('get-tab-page'), tabId, ...pageRequest }),
  v.object({ type: v.literal('set-overlays'), platform, enabled: v.boolean() }),
  v.object({ type: v.literal('reveal-comment'), tabId: v.pipe(v.number(), v.integer()), commentId: id }),
  // The case report: a cheap version, a light summary (threads, counts, the drawn network), then pages.
  v.object({ type: v.literal('get-case-version') }),
  v.object({ type: v.literal('get-case-summary') }),
  v.object({ type: v.literal('get-case-accounts'), list: caseList, ...pageRequest }),
  /** where one account is in a list, and its row: jumping to it from the network or a thread */
  v.object({ type: v.literal('get-case-account'), list: caseList, platform, accountId: id }),
  v.object({
    type: v.literal('export'),
    format: v.picklist(['csv', 'json', 'gexf']),
    scope: v.variant('kind', [
      v.object({ kind: v.literal('case') }),
      v.object({ kind: v.literal('thread'), platform, threadId: id }),
    ]),
  }),
  // The next piece of an export opened by 'export' (its reply names the exportId).
  v.object({ type: v.literal('export-chunk'), exportId: v.pipe(v.string(), v.regex(/^[0-9a-f-]{36}$/)) }),
  v.object({
    type: v.literal('set-label'),
    platform,
    accountId: id,
    label: v.nullable(v.picklist(['confirmed', 'dismissed'])),
  }),
  v.object({ type: v.literal('set-note'), platform, accountId: id, note: v.pipe(v.string(), v.maxLength(5_000)) }),
  v.object({ type: v.literal('delete-all-data') }),
  v.object({ type: v.literal('get-diagnostic'), platform, threadId: id }),
  v.object({ type: v.literal('model-status') }),
  v.object({ type: v.literal('update-settings'), change: SettingsChangeSchema }),
  // evidence pack (src/background/evidence.ts): built in the page from pages of data, never one huge message
  v.object({ type: v.literal('pack-plan'), scope: PackScopeSchema }),
  v.object({
    type: v.literal('pack-accounts'),
    scope: PackScopeSchema,
    accounts: v.pipe(v.array(v.object({ platform, accountId: id })), v.maxLength(MAX_PACK_ACCOUNTS_PER_MESSAGE)),
  }),
  v.object({ type: v.literal('pack-capture'), id: v.pipe(v.number(), v.integer()) }),
  v.object({ type: v.literal('capture-visible'), tabId: v.pipe(v.number(), v.integer()) }),
]);
export type UiMessage = v.InferOutput<typeof UiMessageSchema>;

/** Messages the background sends to a tab's content script. */
export const TabMessageSchema = v.variant('type', [
  v.object({
    type: v.literal('verdicts'),
    platform,
    threadId: id,
    verdicts: v.array(
      v.object({
        accountId: id,
        level: levels,
        score: v.number(),
        reasons: v.array(v.object({ signal: shortText, weight: v.number(), detail: v.pipe(v.string(), v.maxLength(MAX_TEXT)) })),
        commentIds: v.array(id),
      }),
    ),
  }),
  v.object({ type: v.literal('overlays'), enabled: v.boolean() }),
  v.object({ type: v.literal('reveal-comment'), commentId: id }),
]);
export type TabMessage = v.InferOutput<typeof TabMessageSchema>;

/** Messages between the background and the place that runs the avatar model (Chrome offscreen document). */
export const ModelHostMessageSchema = v.variant('type', [
  v.object({ target: v.literal('model-host'), type: v.literal('self-test') }),
  v.object({
    target: v.literal('model-host'),
    type: v.literal('score-avatars'),
    items: v.pipe(
      v.array(
        v.object({
          imageKey: v.pipe(v.string(), v.maxLength(MAX_URL)),
          /** image bytes, base64: the background fetches (it has the host permissions), the host decodes */
          bytesBase64: v.pipe(v.string(), v.maxLength(MAX_AVATAR_BASE64)),
        }),
      ),
      v.maxLength(64),
    ),
  }),
]);
export type ModelHostMessage = v.InferOutput<typeof ModelHostMessageSchema>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** Validates an unknown value against a schema and says, in one line, what was wrong. */
export function parseMessage<T extends v.GenericSchema>(schema: T, value: unknown): Parsed<v.InferOutput<T>> {
  const result = v.safeParse(schema, value);
  if (result.success) return { ok: true, value: result.output };
  const issue = result.issues[0];
  const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
  return { ok: false, error: `invalid message${path ? ` at ${path}` : ''}: ${issue.message}` };
}
